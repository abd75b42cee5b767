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
    // G over the kept items, accumulated in double by column blocks (each task owns its columns, so the
    // sums do not depend on the split), then the ridge on the diagonal.
    Eigen::MatrixXd g = Eigen::MatrixXd::Zero(m, m);
    runTasks(kTasks, [&](int task) {
        std::vector<std::pair<std::int32_t, float>> row;
        for (Eigen::Index u = 0; u < userItems.rows(); ++u) {
            row.clear();
            for (InteractionMatrix::InnerIterator it(userItems, u); it; ++it) {
                const std::int32_t k = out.m_index[static_cast<std::size_t>(it.index())];
                if (k >= 0) {
                    row.emplace_back(k, it.value());
                }
            }
            for (const auto &[b, vb] : row) {
                if (b % kTasks != task) {
                    continue;
                }
                for (const auto &[a, va] : row) {
                    g(a, b) += static_cast<double>(va) * vb;
                }
            }
        }
    });
    g.diagonal().array() += params.lambda;
    out.m_llt.compute(g.cast<float>());
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
    const auto m = static_cast<Eigen::Index>(m_kept.size());
    const auto t = static_cast<Eigen::Index>(at.size());
    Eigen::MatrixXf y = Eigen::MatrixXf::Zero(m, t);
    for (Eigen::Index c = 0; c < t; ++c) {
        y(at[static_cast<std::size_t>(c)], c) = 1.0f;
    }
    m_llt.matrixL().solveInPlace(y); // y = L^-1 E_T; P_jj = |y_j|^2
    const Eigen::VectorXf inverseDiagonal = y.colwise().squaredNorm().cwiseInverse().transpose();
    Eigen::VectorXf p = y * inverseDiagonal;
    m_llt.matrixU().solveInPlace(p); // p = P D_T^-1 e_T
    p = -p;
    for (const Eigen::Index k : at) {
        p[k] += 1.0f;
    }
    p /= static_cast<float>(t);
    for (Eigen::Index k = 0; k < m; ++k) {
        out[m_kept[static_cast<std::size_t>(k)]] = p[k];
    }
    return out;
}

} // namespace awb::numeric
