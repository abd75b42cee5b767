// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to the propensity code (Propensity.cpp, PropensityFeatures.cpp): small helpers over the log.
#pragma once

#include "numeric/Propensity.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace awb::numeric::detail {

inline constexpr double kDayMs = 86400000.0;

/// The number of interactions before cutoff (the log is time-ordered).
inline std::size_t endBefore(const InteractionLog &log, std::int64_t cutoff)
{
    return static_cast<std::size_t>(std::lower_bound(log.ts.begin(), log.ts.end(), cutoff) - log.ts.begin());
}

/// 1 for the given items, 0 for the others (indices outside the catalog are ignored).
inline std::vector<char> itemMask(const InteractionLog &log, const std::vector<std::int32_t> &items)
{
    std::vector<char> mask(static_cast<std::size_t>(log.itemCount), 0);
    for (const std::int32_t i : items) {
        if (i >= 0 && i < log.itemCount) {
            mask[static_cast<std::size_t>(i)] = 1;
        }
    }
    return mask;
}

} // namespace awb::numeric::detail
