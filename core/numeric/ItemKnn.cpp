// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/ItemKnn.h"

#include "numeric/Parallel.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace awb::numeric {

namespace {

// Columns are dealt to tasks round-robin (popular items have the most work and have low indices in
// neither order in particular); each column is computed by one task alone, so the result never depends on
// the split.
constexpr int kTasks = 2;

using ByItem = Eigen::SparseMatrix<float, Eigen::ColMajor, std::int32_t>;

struct Column
{
    std::vector<std::pair<float, std::int32_t>> kept; // (similarity, item)
};

// Column j of C (weighted co-occurrence) into acc, listing the touched items.
void coOccurrence(const InteractionMatrix &userItems, const ByItem &byItem,
                  const std::vector<float> &userWeight, std::int32_t j, std::vector<double> &acc,
                  std::vector<std::int32_t> &touched)
{
    for (ByItem::InnerIterator u(byItem, j); u; ++u) {
        const double wj = static_cast<double>(userWeight[static_cast<std::size_t>(u.index())]) * u.value();
        for (InteractionMatrix::InnerIterator i(userItems, u.index()); i; ++i) {
            double &a = acc[static_cast<std::size_t>(i.index())];
            if (a == 0.0) {
                touched.push_back(i.index());
            }
            a += wj * i.value();
        }
    }
}

} // namespace

ItemKnn ItemKnn::fit(const InteractionMatrix &userItems, const ItemKnnParams &params)
{
    const auto items = static_cast<std::int32_t>(userItems.cols());
    const ByItem byItem = userItems;
    std::vector<float> userWeight(static_cast<std::size_t>(userItems.rows()), 0.0f);
    for (Eigen::Index u = 0; u < userItems.rows(); ++u) {
        const auto n = static_cast<double>(userItems.outerIndexPtr()[u + 1] - userItems.outerIndexPtr()[u]);
        userWeight[static_cast<std::size_t>(u)] =
            n > 0 ? static_cast<float>(std::pow(n, -params.exponent)) : 0.0f;
    }
    // C_jj for every item first: the normalisation needs both ends of each pair.
    std::vector<double> self(static_cast<std::size_t>(items), 0.0);
    for (std::int32_t j = 0; j < items; ++j) {
        for (ByItem::InnerIterator u(byItem, j); u; ++u) {
            self[static_cast<std::size_t>(j)] +=
                static_cast<double>(userWeight[static_cast<std::size_t>(u.index())]) * u.value() * u.value();
        }
    }
    std::vector<Column> columns(static_cast<std::size_t>(items));
    runTasks(kTasks, [&](int task) {
        std::vector<double> acc(static_cast<std::size_t>(items), 0.0);
        std::vector<std::int32_t> touched;
        for (std::int32_t j = task; j < items; j += kTasks) {
            touched.clear();
            coOccurrence(userItems, byItem, userWeight, j, acc, touched);
            auto &kept = columns[static_cast<std::size_t>(j)].kept;
            for (const std::int32_t i : touched) {
                const double c = acc[static_cast<std::size_t>(i)];
                acc[static_cast<std::size_t>(i)] = 0.0;
                const double norm =
                    std::sqrt(self[static_cast<std::size_t>(i)] * self[static_cast<std::size_t>(j)]);
                if (i != j && c > 0.0 && norm > 0.0) {
                    kept.emplace_back(static_cast<float>(c / norm), i);
                }
            }
            if (params.neighbours > 0 && kept.size() > static_cast<std::size_t>(params.neighbours)) {
                // Ties broken by item index, so the kept set is deterministic.
                std::nth_element(kept.begin(), kept.begin() + params.neighbours, kept.end(),
                                 [](const auto &a, const auto &b) {
                                     return a.first > b.first || (a.first == b.first && a.second < b.second);
                                 });
                kept.resize(static_cast<std::size_t>(params.neighbours));
            }
            std::sort(kept.begin(), kept.end(),
                      [](const auto &a, const auto &b) { return a.second < b.second; });
        }
    });
    ItemKnn out;
    out.m_similarity.resize(items, items);
    Eigen::VectorXi sizes(items);
    for (std::int32_t j = 0; j < items; ++j) {
        sizes[j] = static_cast<int>(columns[static_cast<std::size_t>(j)].kept.size());
    }
    out.m_similarity.reserve(sizes);
    for (std::int32_t j = 0; j < items; ++j) {
        for (const auto &[s, i] : columns[static_cast<std::size_t>(j)].kept) {
            out.m_similarity.insert(i, j) = s;
        }
    }
    out.m_similarity.makeCompressed();
    return out;
}

Eigen::VectorXf ItemKnn::targetWeights(const std::vector<std::int32_t> &targetItems) const
{
    Eigen::VectorXf out = Eigen::VectorXf::Zero(m_similarity.rows());
    int count = 0;
    for (const std::int32_t j : targetItems) {
        if (j < 0 || j >= m_similarity.cols()) {
            continue;
        }
        ++count;
        for (Similarity::InnerIterator it(m_similarity, j); it; ++it) {
            out[it.index()] += it.value();
        }
    }
    if (count > 0) {
        out /= static_cast<float>(count);
    }
    return out;
}

} // namespace awb::numeric
