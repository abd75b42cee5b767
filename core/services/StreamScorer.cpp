// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/StreamScorer.h"

#include "jobs/Progress.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <tuple>

namespace awb::services {

namespace {

// a ranks before b: higher probability, ties by label.
bool better(const StreamedMember &a, const StreamedMember &b)
{
    return a.probability > b.probability || (a.probability == b.probability && a.label < b.label);
}

} // namespace

StreamScorer::StreamScorer(const FittedScorer &fitted, std::int64_t keep,
                           std::function<bool(const std::string &)> admits)
    : m_fitted(fitted), m_gramian(fitted.now.cf.foldInGramian()), m_keep(keep), m_admits(std::move(admits))
{}

bool StreamScorer::add(const ScoringInput &chunk, ProgressSink &progress)
{
    if (progress.isCancelled()) {
        return false;
    }
    const numeric::InteractionLog &in = chunk.data.log;
    const std::int64_t now = m_fitted.params.nowMs;
    // The candidates, in label order.
    std::vector<std::int32_t> people;
    for (std::int32_t p = 0; p < in.profileCount; ++p) {
        const auto at = static_cast<std::size_t>(p);
        if (in.firstSeen[at] < now &&
            (m_fitted.params.everyone || in.identified.empty() || in.identified[at]) &&
            (!m_admits || m_admits(chunk.labels[at]))) {
            people.push_back(p);
        }
    }
    std::sort(people.begin(), people.end(), [&](std::int32_t a, std::int32_t b) {
        return chunk.labels[static_cast<std::size_t>(a)] < chunk.labels[static_cast<std::size_t>(b)];
    });
    std::vector<std::int32_t> row(static_cast<std::size_t>(in.profileCount), -1);
    for (std::size_t r = 0; r < people.size(); ++r) {
        row[static_cast<std::size_t>(people[r])] = static_cast<std::int32_t>(r);
    }
    // The chunk's products in the sample's numbering; products the sample never saw are left out.
    std::vector<std::int32_t> itemOf(static_cast<std::size_t>(in.itemCount), -1);
    for (std::size_t i = 0; i < itemOf.size(); ++i) {
        if (const auto it = m_fitted.items.find(chunk.productIds[i]); it != m_fitted.items.end()) {
            itemOf[i] = it->second;
        }
    }
    // Each candidate's interactions in the canonical order: time, then product, weight and value.
    std::vector<std::size_t> order;
    for (std::size_t k = 0; k < in.ts.size(); ++k) {
        if (row[static_cast<std::size_t>(in.profile[k])] >= 0 &&
            itemOf[static_cast<std::size_t>(in.item[k])] >= 0) {
            order.push_back(k);
        }
    }
    const auto key = [&](std::size_t k) {
        return std::tuple(row[static_cast<std::size_t>(in.profile[k])], in.ts[k],
                          itemOf[static_cast<std::size_t>(in.item[k])], in.weight[k], in.value[k]);
    };
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
    numeric::InteractionLog batch;
    batch.profileCount = static_cast<std::int32_t>(people.size());
    batch.itemCount = static_cast<std::int32_t>(m_fitted.now.userItems.cols());
    for (const std::int32_t p : people) {
        batch.firstSeen.push_back(in.firstSeen[static_cast<std::size_t>(p)]);
    }
    for (const std::size_t k : order) {
        batch.profile.push_back(row[static_cast<std::size_t>(in.profile[k])]);
        batch.item.push_back(itemOf[static_cast<std::size_t>(in.item[k])]);
        batch.ts.push_back(in.ts[k]);
        batch.weight.push_back(in.weight[k]);
        batch.value.push_back(in.value[k]);
    }
    const numeric::ProfileTimeline timeline = numeric::ProfileTimeline::build(batch);

    // CF factors: the trained ones of the sample's people, else folded in from the interactions before now.
    const numeric::FactorMatrix &trained = m_fitted.now.cf.userFactors();
    numeric::FactorMatrix factors(batch.profileCount, trained.cols());
    for (std::size_t r = 0; r < people.size(); ++r) {
        const auto at = static_cast<Eigen::Index>(r);
        if (const auto it = m_fitted.trained.find(chunk.labels[static_cast<std::size_t>(people[r])]);
            it != m_fitted.trained.end()) {
            factors.row(at) = trained.row(it->second);
            continue;
        }
        std::map<std::int32_t, float> sums; // as numeric::userItemsBefore: log1p of the summed weights
        for (auto j = static_cast<std::size_t>(timeline.offsets[r]);
             j < static_cast<std::size_t>(timeline.offsets[r + 1]) && timeline.ts[j] < now; ++j) {
            sums[timeline.item[j]] += timeline.weight[j];
        }
        Eigen::SparseVector<float> items(batch.itemCount);
        for (const auto &[item, weight] : sums) {
            items.insert(item) = std::log1p(weight);
        }
        factors.row(at) = m_fitted.now.cf.foldIn(items, m_gramian).transpose();
    }
    std::vector<std::int32_t> population(people.size());
    std::iota(population.begin(), population.end(), 0);
    numeric::FeatureOptions options;
    options.userFactors = &factors;
    options.centres = &m_fitted.combiner.centres;
    const Eigen::MatrixXd x = numeric::propensityFeatures(batch, timeline, m_fitted.targetItems, population,
                                                          m_fitted.now, m_fitted.params, options);
    const Eigen::VectorXd probability = numeric::applyCombiner(m_fitted.combiner, x);

    for (std::size_t r = 0; r < people.size(); ++r) {
        const double p = probability[static_cast<Eigen::Index>(r)];
        ++m_histogram[static_cast<std::size_t>(std::clamp(static_cast<int>(p * 100.0), 0, 99))];
        ++m_scored;
        StreamedMember member{chunk.labels[static_cast<std::size_t>(people[r])], p};
        if (static_cast<std::int64_t>(m_heap.size()) < m_keep) {
            m_heap.push_back(std::move(member));
            std::push_heap(m_heap.begin(), m_heap.end(), better);
        } else if (m_keep > 0 && better(member, m_heap.front())) {
            std::pop_heap(m_heap.begin(), m_heap.end(), better);
            m_heap.back() = std::move(member);
            std::push_heap(m_heap.begin(), m_heap.end(), better);
        }
    }
    return !progress.isCancelled();
}

std::vector<StreamedMember> StreamScorer::ranked() const
{
    std::vector<StreamedMember> out = m_heap;
    std::sort(out.begin(), out.end(), better);
    return out;
}

} // namespace awb::services
