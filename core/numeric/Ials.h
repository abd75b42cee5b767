// SPDX-License-Identifier: GPL-3.0-or-later
// Implicit-feedback matrix factorisation (iALS). No Qt.
//
// Loss (Hu, Koren & Volinsky 2008, with the unobserved weight alpha0 and the frequency-scaled regularisation
// of Rendle, Krichene, Zhang & Koren 2022, "Revisiting the Performance of iALS on Item Recommendation
// Benchmarks"):
//   L = sum_{(u,i) observed} c_ui (1 - x_u.y_i)^2 + alpha0 * sum_{(u,i) unobserved} (x_u.y_i)^2
//       + lambda * sum_u (n_u + alpha0 * nItems)^nu |x_u|^2 + lambda * sum_i (n_i + alpha0 * nUsers)^nu
//       |y_i|^2
// with c_ui = 1 + alpha * r_ui for an observed weight r_ui > 0. Each half-step solves, per row,
//   (alpha0 G + sum_{i in I_u} (c_ui - alpha0) y_i y_i^T + lambda_u I) x_u = sum_{i in I_u} c_ui y_i,
// G = Y^T Y (the Gramian trick), either exactly (Cholesky) or by a few conjugate-gradient steps warm-started
// from the current x_u (Takacs, Pilaszy & Tikk 2011), which can only lower the per-row quadratic.
#pragma once

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <cstdint>
#include <functional>

namespace awb::numeric {

using FactorMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
/// Rows = users, columns = items, values = interaction weights r_ui > 0.
using InteractionMatrix = Eigen::SparseMatrix<float, Eigen::RowMajor, std::int32_t>;

struct IalsParams
{
    int factors = 64;
    int iterations = 10;
    float alpha = 1.0f;      ///< confidence scale: c = 1 + alpha * r
    float alpha0 = 0.1f;     ///< weight of unobserved pairs
    float lambda = 0.05f;    ///< regularisation
    float nu = 1.0f;         ///< frequency scaling exponent of the regularisation (0 = plain lambda)
    float initStddev = 0.1f; ///< factors start as N(0, initStddev^2 / factors)
    int cgSteps = 3;         ///< conjugate-gradient steps per row; 0 = exact Cholesky solve
    int threads = 2;
    std::uint64_t seed = 1;
};

class Ials
{
public:
    explicit Ials(IalsParams params);

    /// Initialises the factors for the matrix's shape. Deterministic for params.seed.
    void initialize(const InteractionMatrix &userItems);
    /// One full iteration: users then items. userItems and its transpose must describe the same matrix.
    /// Results do not depend on the number of threads.
    void iterate(const InteractionMatrix &userItems, const InteractionMatrix &itemUsers);
    /// Runs params.iterations iterations; onIteration (may be empty) gets the 1-based iteration number and
    /// returns false to stop early (cancellation).
    void fit(const InteractionMatrix &userItems, const std::function<bool(int)> &onIteration = {});

    /// The loss above, in double precision.
    double loss(const InteractionMatrix &userItems) const;

    /// Factors of a user who was not in training, from their interactions (item index -> weight), with the
    /// trained item factors held fixed (exact solve).
    Eigen::VectorXf foldIn(const Eigen::SparseVector<float> &items) const;
    /// The same with foldInGramian() computed once for many users.
    Eigen::VectorXf foldIn(const Eigen::SparseVector<float> &items, const Eigen::MatrixXf &gramian) const;
    /// alpha0 Y^T Y, what every fold-in shares.
    Eigen::MatrixXf foldInGramian() const;

    const FactorMatrix &userFactors() const { return m_users; }
    const FactorMatrix &itemFactors() const { return m_items; }
    const IalsParams &params() const { return m_params; }

private:
    void solveSide(const InteractionMatrix &rows, const FactorMatrix &fixed, FactorMatrix &solved,
                   std::int64_t otherCount);

    IalsParams m_params;
    FactorMatrix m_users;
    FactorMatrix m_items;
};

} // namespace awb::numeric
