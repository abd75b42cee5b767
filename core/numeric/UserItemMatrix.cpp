// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/UserItemMatrix.h"

#include <algorithm>
#include <cmath>

namespace awb::numeric {

InteractionMatrix userItemsBefore(const InteractionLog &log, std::int64_t cutoff)
{
    const auto end =
        static_cast<std::size_t>(std::lower_bound(log.ts.begin(), log.ts.end(), cutoff) - log.ts.begin());
    std::vector<Eigen::Triplet<float, std::int32_t>> triplets;
    triplets.reserve(end);
    for (std::size_t k = 0; k < end; ++k) {
        triplets.emplace_back(log.profile[k], log.item[k], log.weight[k]);
    }
    InteractionMatrix m(log.profileCount, log.itemCount);
    m.setFromTriplets(triplets.begin(), triplets.end());
    for (Eigen::Index k = 0; k < m.nonZeros(); ++k) {
        m.valuePtr()[k] = std::log1p(m.valuePtr()[k]);
    }
    m.makeCompressed();
    return m;
}

} // namespace awb::numeric
