// SPDX-License-Identifier: GPL-3.0-or-later
// The synthetic interaction log the scoring and recommendation benchmarks run on.
#pragma once

#include "numeric/InteractionLog.h"
#include "numeric/Random.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <vector>

namespace awb::bench {

inline constexpr std::int64_t kDayMs = 86400000;
inline constexpr std::int64_t kDays = 360;

// Interactions spread evenly over kDays (time-ordered, as the loader gives them), by profiles of
// log-normal activity, on items of Zipf-like popularity; weights 1 (view), 2 (cart) or 5 (order).
inline numeric::InteractionLog syntheticLog(std::int32_t profiles, std::int64_t interactions, std::int32_t items)
{
    numeric::Random rng(7);
    auto cumulative = [](std::vector<double> &w) {
        for (std::size_t i = 1; i < w.size(); ++i) {
            w[i] += w[i - 1];
        }
    };
    std::vector<double> activity(static_cast<std::size_t>(profiles));
    for (double &a : activity) {
        a = std::exp(rng.normal());
    }
    cumulative(activity);
    std::vector<double> popularity(static_cast<std::size_t>(items));
    for (std::size_t i = 0; i < popularity.size(); ++i) {
        popularity[i] = 1.0 / (static_cast<double>(i) + 10.0);
    }
    cumulative(popularity);
    auto draw = [&rng](const std::vector<double> &c) {
        const auto it = std::lower_bound(c.begin(), c.end(), rng.uniform() * c.back());
        return static_cast<std::int32_t>(std::min<std::ptrdiff_t>(it - c.begin(), std::ssize(c) - 1));
    };
    numeric::InteractionLog log;
    log.profileCount = profiles;
    log.itemCount = items;
    log.firstSeen.assign(static_cast<std::size_t>(profiles), INT64_MAX);
    const auto n = static_cast<std::size_t>(interactions);
    log.profile.reserve(n);
    log.item.reserve(n);
    log.ts.reserve(n);
    log.weight.reserve(n);
    log.value.reserve(n);
    constexpr float kWeights[] = {1.0f, 1.0f, 1.0f, 2.0f, 5.0f};
    for (std::size_t k = 0; k < n; ++k) {
        const std::int32_t p = draw(activity);
        const std::int64_t ts = static_cast<std::int64_t>(k) * (kDays * kDayMs) / interactions;
        const float w = kWeights[rng.below(5)];
        log.profile.push_back(p);
        log.item.push_back(draw(popularity));
        log.ts.push_back(ts);
        log.weight.push_back(w);
        log.value.push_back(w == 5.0f ? 20.0f : 0.0f);
        auto &first = log.firstSeen[static_cast<std::size_t>(p)];
        first = std::min(first, ts);
    }
    return log;
}

} // namespace awb::bench
