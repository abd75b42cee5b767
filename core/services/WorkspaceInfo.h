// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace awb::services {

/// Counts describing a workspace, for `awb info` and the status bar.
struct WorkspaceInfo
{
    struct EventCount
    {
        std::string name;
        std::int64_t count = 0;
    };

    int schemaVersion = 0;
    std::int64_t profiles = 0;
    std::int64_t identifiedProfiles = 0; ///< profiles with at least one user id
    std::int64_t events = 0;
    std::int64_t products = 0;      ///< distinct product ids
    std::int64_t productRows = 0;   ///< rows of event products
    std::int64_t firstEventMs = 0;  ///< 0 when there are no events
    std::int64_t lastEventMs = 0;
    std::int64_t importRuns = 0;
    std::vector<EventCount> eventsByName; ///< most frequent first

    std::string toText() const;
    std::string toJson() const;
};

} // namespace awb::services
