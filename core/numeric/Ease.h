// SPDX-License-Identifier: GPL-3.0-or-later
// EASE, the closed-form item-item regression of Steck 2019 ("Embarrassingly shallow autoencoders for sparse
// data", WWW '19). No Qt.
//
// With X the user x item matrix and G = X^T X:
//   P = (G + lambda I)^-1,   B = I - P diag(P)^-1   (so B_jj = 0 and B_ij = -P_ij / P_jj),
// and a user's score for a target set T is
//   score_u(T) = sum_i r_ui s_T(i),   s_T = (1 / |T|) sum_{j in T} B e_j = (1 / |T|) (e_T - P D_T^-1 e_T),
// where D_T holds P_jj of the target items. Two equivalent forms, whichever is smaller:
//   items form (fewer kept items m than active users n): the Cholesky factor G + lambda I = L L^T and
//     diag(P) (P_jj = |L^-1 e_j|^2, m^3 / 3 flops at fit time on both cores); a target costs two
//     triangular solves with one right-hand side (2 m^2 flops), whatever its size;
//   users form (n < m, Woodbury): K = lambda I + X X^T = L L^T (n x n) and
//     P = (I - X^T K^-1 X) / lambda, P_jj = (1 - |L^-1 x_j|^2) / lambda, P v = (v - X^T K^-1 X v) / lambda.
//
// Limit: the factor is dense, so it is built over at most kMaxItems items (memory kMaxItems^2 * 4 bytes =
// 100 MB, plus twice that in double while G is summed; Cholesky about 2 s on one core at that size): the
// items with at least two users, and the kMaxItems most used of them when there are more. Other items get s_T
// = 0 and targets made only of them get no EASE score (the item-kNN score still covers them). Float
// precision: s_T matches a dense double-precision inverse within 1e-3 relative for lambda >= 1 on count data.
#pragma once

#include "numeric/Ials.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <cstdint>
#include <vector>

namespace awb::numeric {

struct EaseParams
{
    double lambda = 200.0; ///< L2 regularisation of B (Steck's lambda)
    int minUsers = 2;      ///< items with fewer users are left out of G (they cannot co-occur reliably)
};

class Ease
{
public:
    static constexpr int kMaxItems = 5000;

    /// Fits on userItems (rows users, columns items). Cost: sum over users of n_u^2 for G, then
    /// m^3 / 3 for the Cholesky factor of the m kept items.
    static Ease fit(const InteractionMatrix &userItems, const EaseParams &params);

    /// s_T over every item; zero when no target item is kept (then hasTarget() is false).
    Eigen::VectorXf targetWeights(const std::vector<std::int32_t> &targetItems) const;
    /// Whether any target item is among the kept items.
    bool hasTarget(const std::vector<std::int32_t> &targetItems) const;

    /// Kept item count (the size of G).
    int keptItems() const { return static_cast<int>(m_kept.size()); }

private:
    std::int32_t m_itemCount = 0;
    std::vector<std::int32_t> m_kept;  ///< kept position -> item
    std::vector<std::int32_t> m_index; ///< item -> kept position, -1 when left out
    Eigen::LLT<Eigen::MatrixXf> m_llt; ///< of G + lambda I (items form) or K (users form)
    Eigen::VectorXf m_diagonal;        ///< items form: diag(P)
    bool m_usersForm = false;
    float m_lambda = 0;
    Eigen::SparseMatrix<float, Eigen::ColMajor, std::int32_t> m_x; ///< users form: active users x kept items

    Eigen::VectorXf itemsFormWeights(const std::vector<Eigen::Index> &at) const;
    Eigen::VectorXf usersFormWeights(const std::vector<Eigen::Index> &at) const;
};

} // namespace awb::numeric
