// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/Recommender.h"

#include "numeric/Parallel.h"
#include "numeric/UserItemMatrix.h"

#include <algorithm>

namespace awb::numeric {

namespace {

constexpr int kTasks = 2;
constexpr Eigen::Index kBlock = 64; ///< users scored by one matrix product (personal)

using ItemNeighbours = Eigen::SparseMatrix<float, Eigen::RowMajor, std::int32_t>;

/// The best n items offered, higher score first, ties by lower item index.
class TopN
{
public:
    explicit TopN(int n) : m_n(static_cast<std::size_t>(n)) { m_best.reserve(m_n + 1); }

    /// Whether offer(score, item) would keep it: a cheap test before costlier checks of the item.
    bool wouldTake(float score, std::int32_t item) const
    {
        return m_best.size() < m_n || better(score, item, m_best.back());
    }

    void offer(float score, std::int32_t item)
    {
        if (!wouldTake(score, item)) {
            return;
        }
        const Entry e{score, item};
        m_best.insert(std::upper_bound(m_best.begin(), m_best.end(), e,
                                       [](const Entry &a, const Entry &b) { return better(a.score, a.item, b); }),
                      e);
        if (m_best.size() > m_n) {
            m_best.pop_back();
        }
    }

    void appendTo(std::vector<std::int32_t> &items) const
    {
        for (const Entry &e : m_best) {
            items.push_back(e.item);
        }
    }

private:
    struct Entry
    {
        float score;
        std::int32_t item;
    };
    static bool better(float score, std::int32_t item, const Entry &than)
    {
        return score > than.score || (score == than.score && item < than.item);
    }

    std::size_t m_n;
    std::vector<Entry> m_best;
};

/// Everything shared by the lists of one call.
struct Context
{
    const RecModels &models;
    const RecOptions &options;
    const std::vector<std::vector<std::int32_t>> &excluded;
    std::vector<std::int32_t> bestsellers; ///< items with popularity > 0, most popular first
    std::vector<std::int32_t> candidates;  ///< the items options.allowed admits, ascending
    FactorMatrix candidateFactors;         ///< row c: the iALS factors of candidates[c] (Personal, Blend)
    ItemNeighbours neighbours;             ///< row i: the items j with S_ij (Similar only)

    bool excludedFor(std::int32_t profile, std::int32_t item) const
    {
        if (excluded.empty()) {
            return false;
        }
        const auto &list = excluded[static_cast<std::size_t>(profile)];
        return std::binary_search(list.begin(), list.end(), item);
    }

    bool blocked(std::int32_t profile, std::int32_t item) const
    {
        return (!options.allowed.empty() && !options.allowed[static_cast<std::size_t>(item)]) ||
               excludedFor(profile, item);
    }

    bool hasHistory(std::int32_t profile) const
    {
        const auto *outer = models.userItems.outerIndexPtr();
        return outer[profile + 1] > outer[profile];
    }

    void fillFromBestsellers(std::int32_t profile, RecList &list) const
    {
        const std::size_t n = static_cast<std::size_t>(options.count);
        for (std::size_t k = 0; k < bestsellers.size() && list.items.size() < n; ++k) {
            const std::int32_t item = bestsellers[k];
            if (!blocked(profile, item) && std::find(list.items.begin(), list.items.end(), item) == list.items.end()) {
                list.items.push_back(item);
            }
        }
        if (list.source == RecSource::None && !list.items.empty()) {
            list.source = RecSource::Bestsellers;
        }
    }

    /// The best candidates by scoreOf(c) (the score of candidates[c]); positiveOnly leaves out scores <= 0.
    template <typename ScoreOf>
    void select(std::int32_t profile, ScoreOf scoreOf, bool positiveOnly, RecSource source, RecList &list) const
    {
        TopN top(options.count);
        for (std::size_t c = 0; c < candidates.size(); ++c) {
            const float score = scoreOf(c);
            const std::int32_t item = candidates[c];
            if ((!positiveOnly || score > 0) && top.wouldTake(score, item) && !excludedFor(profile, item)) {
                top.offer(score, item);
            }
        }
        top.appendTo(list.items);
        if (!list.items.empty()) {
            list.source = source;
        }
    }
};

std::vector<std::int32_t> bestsellerOrder(const std::vector<float> &popularity)
{
    std::vector<std::int32_t> order;
    for (std::size_t i = 0; i < popularity.size(); ++i) {
        if (popularity[i] > 0) {
            order.push_back(static_cast<std::int32_t>(i));
        }
    }
    std::stable_sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
        return popularity[static_cast<std::size_t>(a)] > popularity[static_cast<std::size_t>(b)];
    });
    return order;
}

/// Personal lists of profiles[begin, end): blocks of users scored against every item at once.
void personalLists(const Context &ctx, const std::vector<std::int32_t> &profiles, std::size_t begin,
                   std::size_t end, std::vector<RecList> &out)
{
    const FactorMatrix &users = ctx.models.cf.userFactors();
    const FactorMatrix &items = ctx.candidateFactors;
    FactorMatrix block;
    FactorMatrix scores;
    for (std::size_t first = begin; first < end; first += static_cast<std::size_t>(kBlock)) {
        const auto rows = static_cast<Eigen::Index>(std::min(end - first, static_cast<std::size_t>(kBlock)));
        block.resize(rows, users.cols());
        for (Eigen::Index r = 0; r < rows; ++r) {
            block.row(r) = users.row(profiles[first + static_cast<std::size_t>(r)]);
        }
        scores.noalias() = block * items.transpose();
        for (Eigen::Index r = 0; r < rows; ++r) {
            const std::int32_t profile = profiles[first + static_cast<std::size_t>(r)];
            RecList &list = out[first + static_cast<std::size_t>(r)];
            if (ctx.hasHistory(profile)) {
                const float *row = scores.row(r).data();
                ctx.select(profile, [row](std::size_t c) { return row[c]; }, false, RecSource::Personal, list);
            }
        }
    }
}

void similarLists(const Context &ctx, const std::vector<std::int32_t> &profiles, std::size_t begin,
                  std::size_t end, std::vector<RecList> &out)
{
    std::vector<float> scores(static_cast<std::size_t>(ctx.models.userItems.cols()), 0.0f);
    for (std::size_t k = begin; k < end; ++k) {
        const std::int32_t profile = profiles[k];
        std::fill(scores.begin(), scores.end(), 0.0f);
        for (InteractionMatrix::InnerIterator own(ctx.models.userItems, profile); own; ++own) {
            for (ItemNeighbours::InnerIterator n(ctx.neighbours, own.col()); n; ++n) {
                scores[static_cast<std::size_t>(n.col())] += own.value() * n.value();
            }
        }
        ctx.select(profile, [&](std::size_t c) { return scores[static_cast<std::size_t>(ctx.candidates[c])]; }, true,
                   RecSource::Similar, out[k]);
    }
}

} // namespace

RecModels RecModels::train(const InteractionLog &log, std::int64_t cutoff, std::int64_t windowMs,
                           RecStrategy strategy, const IalsParams &ials, const ItemKnnParams &knn)
{
    RecModels m;
    m.userItems = userItemsBefore(log, cutoff);
    if (strategy == RecStrategy::Personal || strategy == RecStrategy::Blend) {
        m.cf = Ials(ials);
        m.cf.fit(m.userItems);
    }
    if (strategy == RecStrategy::Similar) {
        m.knn = ItemKnn::fit(m.userItems, knn);
    }
    m.popularity = itemPopularity(log, cutoff - windowMs, cutoff);
    return m;
}

std::vector<float> itemPopularity(const InteractionLog &log, std::int64_t from, std::int64_t to)
{
    std::vector<float> popularity(static_cast<std::size_t>(log.itemCount), 0.0f);
    const auto first = std::lower_bound(log.ts.begin(), log.ts.end(), from) - log.ts.begin();
    for (auto k = static_cast<std::size_t>(first); k < log.ts.size() && log.ts[k] < to; ++k) {
        popularity[static_cast<std::size_t>(log.item[k])] += log.weight[k];
    }
    return popularity;
}

std::vector<RecList> recommend(const RecModels &models, const RecOptions &options,
                               const std::vector<std::int32_t> &profiles,
                               const std::vector<std::vector<std::int32_t>> &excluded)
{
    Context ctx{models, options, excluded, bestsellerOrder(models.popularity), {}, {}, {}};
    for (std::int32_t item = 0; item < static_cast<std::int32_t>(models.userItems.cols()); ++item) {
        if (options.allowed.empty() || options.allowed[static_cast<std::size_t>(item)]) {
            ctx.candidates.push_back(item);
        }
    }
    if (options.strategy == RecStrategy::Personal || options.strategy == RecStrategy::Blend) {
        // Only the candidates are scored: a filter to a fifth of the catalog makes the products five times
        // smaller.
        const FactorMatrix &all = models.cf.itemFactors();
        ctx.candidateFactors.resize(static_cast<Eigen::Index>(ctx.candidates.size()), all.cols());
        for (std::size_t c = 0; c < ctx.candidates.size(); ++c) {
            ctx.candidateFactors.row(static_cast<Eigen::Index>(c)) = all.row(ctx.candidates[c]);
        }
    }
    if (options.strategy == RecStrategy::Similar) {
        // The same S_ij stored by rows: row i lists the items j that have i among their neighbours.
        ctx.neighbours = ItemNeighbours(models.knn.similarity());
    }
    std::vector<RecList> out(profiles.size());
    const std::size_t per = (profiles.size() + kTasks - 1) / kTasks;
    runTasks(kTasks, [&](int task) {
        const std::size_t begin = std::min(profiles.size(), per * static_cast<std::size_t>(task));
        const std::size_t end = std::min(profiles.size(), begin + per);
        switch (options.strategy) {
        case RecStrategy::Personal:
        case RecStrategy::Blend:
            personalLists(ctx, profiles, begin, end, out);
            break;
        case RecStrategy::Similar:
            similarLists(ctx, profiles, begin, end, out);
            break;
        case RecStrategy::Bestsellers:
            break;
        }
        if (options.strategy == RecStrategy::Blend || options.strategy == RecStrategy::Bestsellers) {
            for (std::size_t k = begin; k < end; ++k) {
                ctx.fillFromBestsellers(profiles[k], out[k]);
            }
        }
    });
    return out;
}

std::vector<RecQuality> backtestRecommendations(const InteractionLog &log, std::int64_t nowMs,
                                                std::int64_t horizonMs, const RecOptions &options,
                                                std::int64_t maxPeople,
                                                const std::vector<std::vector<std::int32_t>> &excludedBefore)
{
    const std::int64_t cutoff = nowMs - horizonMs;
    const RecModels models = RecModels::train(log, cutoff, horizonMs, options.strategy);
    // What each profile with history engaged with after the cutoff, among the items it may be shown.
    std::vector<std::vector<std::int32_t>> engaged(static_cast<std::size_t>(log.profileCount));
    const auto first = std::lower_bound(log.ts.begin(), log.ts.end(), cutoff) - log.ts.begin();
    for (auto k = static_cast<std::size_t>(first); k < log.ts.size() && log.ts[k] < nowMs; ++k) {
        const std::int32_t p = log.profile[k];
        const std::int32_t item = log.item[k];
        const bool allowed = options.allowed.empty() || options.allowed[static_cast<std::size_t>(item)];
        const bool excluded = !excludedBefore.empty() &&
                              std::binary_search(excludedBefore[static_cast<std::size_t>(p)].begin(),
                                                 excludedBefore[static_cast<std::size_t>(p)].end(), item);
        if (allowed && !excluded) {
            engaged[static_cast<std::size_t>(p)].push_back(item);
        }
    }
    std::vector<std::int32_t> people;
    for (std::int32_t p = 0; p < log.profileCount; ++p) {
        auto &items = engaged[static_cast<std::size_t>(p)];
        std::sort(items.begin(), items.end());
        items.erase(std::unique(items.begin(), items.end()), items.end());
        const auto *outer = models.userItems.outerIndexPtr();
        if (!items.empty() && outer[p + 1] > outer[p]) {
            people.push_back(p);
        }
    }
    if (maxPeople > 0 && static_cast<std::int64_t>(people.size()) > maxPeople) {
        std::vector<std::int32_t> even;
        for (std::int64_t k = 0; k < maxPeople; ++k) {
            even.push_back(people[static_cast<std::size_t>(k * static_cast<std::int64_t>(people.size()) / maxPeople)]);
        }
        people = std::move(even);
    }
    auto measure = [&](RecStrategy strategy) {
        RecOptions o = options;
        o.strategy = strategy;
        const std::vector<RecList> lists = recommend(models, o, people, excludedBefore);
        RecQuality q{strategyName(strategy), static_cast<std::int64_t>(people.size()), 0, 0};
        for (std::size_t k = 0; k < people.size(); ++k) {
            const auto &truth = engaged[static_cast<std::size_t>(people[k])];
            std::int64_t hits = 0;
            for (const std::int32_t item : lists[k].items) {
                hits += std::binary_search(truth.begin(), truth.end(), item) ? 1 : 0;
            }
            q.hitRate += hits > 0 ? 1.0 : 0.0;
            q.recall += static_cast<double>(hits) /
                        static_cast<double>(std::min<std::size_t>(truth.size(), static_cast<std::size_t>(o.count)));
        }
        if (!people.empty()) {
            q.hitRate /= static_cast<double>(people.size());
            q.recall /= static_cast<double>(people.size());
        }
        return q;
    };
    std::vector<RecQuality> rows{measure(options.strategy)};
    if (options.strategy != RecStrategy::Bestsellers) {
        rows.push_back(measure(RecStrategy::Bestsellers));
    }
    return rows;
}

std::string strategyName(RecStrategy strategy)
{
    switch (strategy) {
    case RecStrategy::Personal:
        return "personal (collaborative filtering)";
    case RecStrategy::Similar:
        return "similar to their items (item-kNN)";
    case RecStrategy::Bestsellers:
        return "bestsellers";
    case RecStrategy::Blend:
        return "blend (personal, else bestsellers)";
    }
    return {};
}

} // namespace awb::numeric
