// SPDX-License-Identifier: GPL-3.0-or-later
// Queries and rows for browsing events and profiles page by page (the data tables and the profile page).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace awb::store {

enum class SortOrder
{
    Ascending,
    Descending,
};

/// Orders the events table can be sorted by; each maps to a fixed, index-backed ORDER BY.
enum class EventSort
{
    Time,    ///< ts, then id
    Name,    ///< event name, then ts, id
    Profile, ///< profile id, then ts, id
};

/// Orders of the profiles table; each maps to a fixed ORDER BY.
enum class ProfileSort
{
    Id,
    Email,
    FirstSeen,
    LastSeen,
};

/// What both tables filter on. Empty / unset members do not filter.
struct BrowseFilter
{
    std::string eventName; ///< events with this name; profiles that performed it
    std::optional<std::int64_t>
        fromMs;                       ///< inclusive, UTC ms: events at or after; profiles with an event then
    std::optional<std::int64_t> toMs; ///< exclusive, UTC ms
    std::string text;                 ///< a user id, anonymous id or email of the profile contains this
};

struct EventQuery
{
    BrowseFilter filter;
    std::int64_t profileId = 0; ///< only this profile's events when non-zero
    EventSort sort = EventSort::Time;
    SortOrder order = SortOrder::Descending;
};

struct EventRow
{
    std::int64_t id = 0;
    std::int64_t timestampMs = 0;
    std::string name;
    std::string userId;
    std::string anonymousId;
    std::int64_t profileId = 0;
    std::string propertiesJson;
};

struct ProfileQuery
{
    BrowseFilter filter;
    ProfileSort sort = ProfileSort::Id;
    SortOrder order = SortOrder::Ascending;
};

struct ProfileRow
{
    std::int64_t id = 0;
    std::vector<std::string> userIds;
    std::string email;
    std::int64_t firstSeenMs = 0; ///< 0 when unknown
    std::int64_t lastSeenMs = 0;
    std::int64_t eventCount = 0;
};

/// Everything the profile page shows except the event timeline (paged like the events table).
struct ProfileDetail
{
    std::int64_t id = 0;
    std::string email;
    std::vector<std::string> userIds;
    std::vector<std::string> anonymousIds;
    std::vector<std::pair<std::string, std::string>> attributes; ///< profile_attributes, sorted by key
    std::int64_t firstSeenMs = 0;
    std::int64_t lastSeenMs = 0;
    std::int64_t eventCount = 0;
    std::int64_t mergedProfiles = 0; ///< profiles folded into this one by identity merging
};

struct NameCount
{
    std::string name;
    std::int64_t count = 0;
};

} // namespace awb::store
