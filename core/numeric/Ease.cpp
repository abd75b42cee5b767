// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/Ease.h"

#include "numeric/Parallel.h"

#include <algorithm>
#include <numeric>

namespace awb::numeric {

namespace {

constexpr int kTasks = 2;

// Items kept in G: at least minUsers users, then the kMaxItems most used (ties by index).
std::vector<std::int32_t> selectItems(const InteractionMatrix &userItems, int minUsers)
{
    std::vector<std::int32_t> users(static_cast<std::size_t>(userItems.cols()), 0);
    for (Eigen::Index k = 0; k < userItems.nonZeros(); ++k) {
        ++users[static_cast<std::size_t>(userItems.innerIndexPtr()[k])];
    }
    std::vector<std::int32_t> kept;
    for (std::int32_t i = 0; i < static_cast<std::int32_t>(users.size()); ++i) {
        if (users[static_cast<std::size_t>(i)] >= std::max(1, minUsers)) {
            kept.push_back(i);
        }
    }
    if (kept.size() > static_cast<std::size_t>(Ease::kMaxItems)) {
        std::stable_sort(kept.begin(), kept.end(), [&](std::int32_t a, std::int32_t b) {
            return users[static_cast<std::size_t>(a)] > users[static_cast<std::size_t>(b)];
        });
        kept.resize(static_cast<std::size_t>(Ease::kMaxItems));
        std::sort(kept.begin(), kept.end());
    }
    return kept;
}

// diag((L L^T)^-1)_j = |L^-1 e_j|^2. Column j of L^-1 is zero above row j, so a block of columns starting
// at j0 needs only the trailing triangle: about m^3 / 3 flops in all, blocks dealt to the tasks in turn.
Eigen::VectorXf inverseDiagonal(const Eigen::MatrixXf &llt)
{
    constexpr Eigen::Index kBlock = 128;
    const Eigen::Index m = llt.rows();
    Eigen::VectorXf out(m);
    runTasks(kTasks, [&](int task) {
        for (Eigen::Index j0 = task * kBlock; j0 < m; j0 += kTasks * kBlock) {
            const Eigen::Index b = std::min(kBlock, m - j0);
            const Eigen::Index rest = m - j0;
            Eigen::MatrixXf y = Eigen::MatrixXf::Zero(rest, b);
            y.topRows(b).setIdentity();
            llt.bottomRightCorner(rest, rest).triangularView<Eigen::Lower>().solveInPlace(y);
            out.segment(j0, b) = y.colwise().squaredNorm().transpose();
        }
    });
    return out;
}

} // namespace

Ease Ease::fit(const InteractionMatrix &userItems, const EaseParams &params)
{
    Ease out;
    out.m_itemCount = static_cast<std::int32_t>(userItems.cols());
    out.m_kept = selectItems(userItems, params.minUsers);
    out.m_index.assign(static_cast<std::size_t>(out.m_itemCount), -1);
    for (std::size_t k = 0; k < out.m_kept.size(); ++k) {
        out.m_index[static_cast<std::size_t>(out.m_kept[k])] = static_cast<std::int32_t>(k);
    }
    const auto m = static_cast<Eigen::Index>(out.m_kept.size());
    if (m == 0) {
        return out;
    }
    out.m_lambda = static_cast<float>(params.lambda);
    // The kept columns of the active users' rows.
    std::vector<Eigen::Triplet<float, std::int32_t>> cells;
    std::int32_t active = 0;
    for (Eigen::Index u = 0; u < userItems.rows(); ++u) {
        bool any = false;
        for (InteractionMatrix::InnerIterator it(userItems, u); it; ++it) {
            const std::int32_t k = out.m_index[static_cast<std::size_t>(it.index())];
            if (k >= 0) {
                cells.emplace_back(active, k, it.value());
                any = true;
            }
        }
        active += any ? 1 : 0;
    }
    Eigen::SparseMatrix<float, Eigen::ColMajor, std::int32_t> x(active, m);
    x.setFromTriplets(cells.begin(), cells.end());
    out.m_usersForm = active < m;
    // K = X X^T from the sparse product (small); G = X^T X over column blocks, one per task, summed in
    // double (each task owns its columns, so the sums do not depend on the split).
    const Eigen::SparseMatrix<float, Eigen::RowMajor, std::int32_t> rows = x;
    Eigen::MatrixXd g;
    if (out.m_usersForm) {
        const Eigen::SparseMatrix<double> xd = x.cast<double>();
        g = Eigen::MatrixXd(xd * xd.transpose());
    } else {
        g = Eigen::MatrixXd::Zero(m, m);
        runTasks(kTasks, [&](int task) {
            for (Eigen::Index u = 0; u < rows.rows(); ++u) {
                for (decltype(rows)::InnerIterator b(rows, u); b; ++b) {
                    if (b.index() % kTasks != task) {
                        continue;
                    }
                    const double vb = b.value();
                    double *column = g.col(b.index()).data();
                    for (decltype(rows)::InnerIterator a(rows, u); a; ++a) {
                        column[a.index()] += vb * a.value();
                    }
                }
            }
        });
    }
    g.diagonal().array() += params.lambda;
    out.m_llt.compute(g.cast<float>());
    if (out.m_usersForm) {
        out.m_x = std::move(x);
    } else {
        out.m_diagonal = inverseDiagonal(out.m_llt.matrixLLT());
    }
    return out;
}

bool Ease::hasTarget(const std::vector<std::int32_t> &targetItems) const
{
    return std::any_of(targetItems.begin(), targetItems.end(), [&](std::int32_t j) {
        return j >= 0 && j < m_itemCount && m_index[static_cast<std::size_t>(j)] >= 0;
    });
}

Eigen::VectorXf Ease::targetWeights(const std::vector<std::int32_t> &targetItems) const
{
    Eigen::VectorXf out = Eigen::VectorXf::Zero(m_itemCount);
    std::vector<Eigen::Index> at;
    for (const std::int32_t j : targetItems) {
        if (j >= 0 && j < m_itemCount && m_index[static_cast<std::size_t>(j)] >= 0) {
            at.push_back(m_index[static_cast<std::size_t>(j)]);
        }
    }
    if (at.empty()) {
        return out;
    }
    // P D_T^-1 e_T, then s_T = (e_T - P D_T^-1 e_T) / |T|.
    Eigen::VectorXf p = m_usersForm ? usersFormWeights(at) : itemsFormWeights(at);
    p = -p;
    for (const Eigen::Index k : at) {
        p[k] += 1.0f;
    }
    p /= static_cast<float>(at.size());
    for (std::size_t k = 0; k < m_kept.size(); ++k) {
        out[m_kept[k]] = p[static_cast<Eigen::Index>(k)];
    }
    return out;
}

Eigen::VectorXf Ease::itemsFormWeights(const std::vector<Eigen::Index> &at) const
{
    Eigen::VectorXf v = Eigen::VectorXf::Zero(static_cast<Eigen::Index>(m_kept.size())); // D_T^-1 e_T
    for (const Eigen::Index k : at) {
        v[k] = 1.0f / m_diagonal[k];
    }
    return m_llt.solve(v);
}

Eigen::VectorXf Ease::usersFormWeights(const std::vector<Eigen::Index> &at) const
{
    const auto n = m_x.rows();
    const auto t = static_cast<Eigen::Index>(at.size());
    Eigen::MatrixXf y(n, t); // L^-1 x_j for the target items
    for (Eigen::Index c = 0; c < t; ++c) {
        y.col(c) = Eigen::VectorXf(m_x.col(at[static_cast<std::size_t>(c)]));
    }
    m_llt.matrixL().solveInPlace(y);
    Eigen::VectorXf v = Eigen::VectorXf::Zero(m_x.cols()); // D_T^-1 e_T
    for (Eigen::Index c = 0; c < t; ++c) {
        const float pjj = (1.0f - y.col(c).squaredNorm()) / m_lambda;
        v[at[static_cast<std::size_t>(c)]] = 1.0f / pjj;
    }
    const Eigen::VectorXf kxv = m_llt.solve(Eigen::VectorXf(m_x * v));
    return (v - m_x.transpose() * kxv) / m_lambda;
}

} // namespace awb::numeric
