// SPDX-License-Identifier: GPL-3.0-or-later
// Recommended items per person: the top N catalog items from collaborative filtering (iALS), from the
// items most similar to the person's own (item-kNN), from the bestsellers, or a blend that falls back per
// person; with an item filter and per-person exclusions. And its backtest: hit rate and recall at N on the
// items people really engaged with after a cutoff, against the bestsellers. No Qt.
#pragma once

#include "numeric/Ials.h"
#include "numeric/InteractionLog.h"
#include "numeric/ItemKnn.h"
#include "numeric/RecTypes.h"

#include <cstdint>
#include <string>
#include <vector>

namespace awb::numeric {

/// The models recommendations are read from, all trained on the same interactions.
struct RecModels
{
    InteractionMatrix userItems; ///< profiles x items, the history (userItemsBefore)
    Ials cf{IalsParams{}};
    ItemKnn knn;
    std::vector<float> popularity; ///< per item: weighted engagements in the recent window

    /// Trains what strategy needs on the interactions before cutoff; popularity from
    /// [cutoff - window, cutoff). cf and knn are left empty when the strategy does not use them.
    static RecModels train(const InteractionLog &log, std::int64_t cutoff, std::int64_t windowMs,
                           RecStrategy strategy, const IalsParams &ials = {}, const ItemKnnParams &knn = {});
};

struct RecOptions
{
    RecStrategy strategy = RecStrategy::Blend;
    int count = 5;              ///< 1 .. kMaxRecommendations
    std::vector<char> allowed;  ///< per item: 1 = may be recommended (filters); empty = every item
};

struct RecList
{
    std::vector<std::int32_t> items; ///< best first, at most count
    RecSource source = RecSource::None;
};

/// Lists for profiles (dense indices of models.userItems' rows). excluded: empty, or per profile (indexed
/// like the rows, so of size userItems.rows()) the items never to recommend to them, sorted. The items a person already has in their history are not
/// excluded unless listed. Deterministic (ties by item index); uses both cores.
std::vector<RecList> recommend(const RecModels &models, const RecOptions &options,
                               const std::vector<std::int32_t> &profiles,
                               const std::vector<std::vector<std::int32_t>> &excluded = {});

/// Popularity per item: the sum of interaction weights in [from, to).
std::vector<float> itemPopularity(const InteractionLog &log, std::int64_t from, std::int64_t to);

/// The backtest: models trained before cutoff = nowMs - horizonMs recommend options.count items to the
/// profiles with history that engaged with an allowed item in [cutoff, nowMs) (at most maxPeople of
/// them, taken evenly); returns the strategy's row and then the bestsellers' (one row when the strategy is
/// the bestsellers). excludedBefore: as recommend's excluded, as known at the cutoff (empty = none); those
/// items do not count as engaged with either.
std::vector<RecQuality> backtestRecommendations(const InteractionLog &log, std::int64_t nowMs,
                                                std::int64_t horizonMs, const RecOptions &options,
                                                std::int64_t maxPeople = 20000,
                                                const std::vector<std::vector<std::int32_t>> &excludedBefore = {});

} // namespace awb::numeric
