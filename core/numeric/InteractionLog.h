// SPDX-License-Identifier: GPL-3.0-or-later
// The interactions the models train on, as plain arrays. No Qt, no Eigen.
#pragma once

#include <cstdint>
#include <vector>

namespace awb::numeric {

/// Interactions of the catalog, ordered by time. Profiles and items are dense 0-based indices.
struct InteractionLog
{
    std::int32_t profileCount = 0;
    std::int32_t itemCount = 0;
    std::vector<std::int64_t> firstSeen; ///< per profile: first event time (ms), INT64_MAX if unknown
    std::vector<char> identified;        ///< per profile: 1 when it has a user id; empty: all are identified
    std::vector<std::int32_t> profile;   ///< per interaction
    std::vector<std::int32_t> item;
    std::vector<std::int64_t> ts; ///< ms, non-decreasing
    std::vector<float> weight;
    std::vector<float> value; ///< money (price * quantity), 0 when unknown
};

} // namespace awb::numeric
