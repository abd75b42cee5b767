// SPDX-License-Identifier: GPL-3.0-or-later
// An audience's result after the campaign (`awb audience results`, the audience page): who converted in the
// window after its "now" among the members exported and the control group held out, read from the workspace
// as it is after new events were imported.
#pragma once

#include "audience/AudienceTypes.h"
#include "audience/CampaignResults.h"
#include "common/Result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace awb::services {

struct ResultsRequest
{
    std::string audience;
    /// Empty: conversion is the audience's target (an interaction with a target product in the catalog, as
    /// the model predicted it); else a member converted by doing this event.
    std::string event;
    std::optional<std::int64_t> sinceMs; ///< start of the window (default: the audience's "now", as_of)
};

struct AudienceOutcome
{
    audience::AudienceInfo audience;
    std::string conversion; ///< "engaged with Category = Beauty" or "did Order Completed"
    std::int64_t fromMs = 0; ///< the window [from, to): the audience's horizon from its start
    std::int64_t toMs = 0;
    std::int64_t latestEventMs = 0; ///< the latest event in the workspace
    bool catalogStale = false; ///< target conversions: events were imported after the catalog was built
    audience::CampaignResults results;

    /// The latest event is more than a day before the window's end: later conversions may still come.
    bool windowOpen() const { return latestEventMs < toMs - 86'400'000; }
    std::string toText() const;
};

/// NotFound naming an audience that does not exist; InvalidInput for an audience still computing, an event
/// name never seen, or a target the catalog no longer has. Members later merged count as the profile they
/// became (one in both groups counts as exported).
Result<AudienceOutcome> audienceResults(const std::string &workspacePath, const ResultsRequest &request);

/// The event names a conversion may be measured by (ResultsRequest::event), by name. Reads the small table of
/// names only, so it is quick at any workspace size.
Result<std::vector<std::string>> conversionEvents(const std::string &workspacePath);

} // namespace awb::services
