// SPDX-License-Identifier: GPL-3.0-or-later
// What recommended items are asked for and how well they did, without the models (services and the UI
// include it). No Qt, no Eigen.
#pragma once

#include <cstdint>
#include <string>

namespace awb::numeric {

enum class RecStrategy
{
    Personal,    ///< iALS scores; nothing for a person without history
    Similar,     ///< item-kNN: items most similar to the person's own; only items with a similarity
    Bestsellers, ///< most engaged items of the recent window, the same for everyone
    Blend,       ///< Personal, filled up with bestsellers; bestsellers for a person without history
};

inline constexpr int kMaxRecommendations = 10;

/// Where a person's list came from (the first item's source for a blend filled up with bestsellers).
enum class RecSource : std::uint8_t
{
    None,
    Personal,
    Similar,
    Bestsellers,
};

struct RecQuality
{
    std::string name;        ///< strategyName of the strategy measured
    std::int64_t people = 0; ///< evaluated: profiles with history that engaged with an allowed item after
    double hitRate = 0;      ///< share of them with at least one recommended item engaged with
    double recall = 0;       ///< mean of hits / min(count, items engaged with)
};

/// "blend (personal, else bestsellers)": the name shown for a strategy.
std::string strategyName(RecStrategy strategy);

} // namespace awb::numeric
