// SPDX-License-Identifier: GPL-3.0-or-later
// Plays a campaign on the sample store, so that an audience's measured result has a known answer: after the
// audience's "now", each member orders a product of its target with the likelihood the model gave it, plus
// the planted uplift for the members who were exported (not for the control group). The orders go in as one
// import run; rebuild the catalog afterwards to count them as target interactions.
#pragma once

#include "common/Result.h"

#include <cstdint>
#include <string>

namespace awb {
class ProgressSink;
}

namespace awb::sample {

struct CampaignPlay
{
    std::string audience;
    double uplift = 0.05;   ///< added to the likelihood of every exported member, in [0, 1]
    std::uint64_t seed = 1; ///< same seed, same orders
};

struct CampaignPlayed
{
    std::int64_t exported = 0; ///< members not held out
    std::int64_t control = 0;
    std::int64_t exportedOrders = 0;
    std::int64_t controlOrders = 0;
};

/// NotFound for an unknown audience; InvalidInput for an uplift outside [0, 1] or a target the catalog does
/// not know. Cancellable: a cancelled play leaves the workspace as it was.
Result<CampaignPlayed> playCampaign(const std::string &workspacePath, const CampaignPlay &play,
                                    ProgressSink &progress);

} // namespace awb::sample
