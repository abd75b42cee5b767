// SPDX-License-Identifier: GPL-3.0-or-later
// How another connection's commits are noticed: SQLite's data_version (changes whenever any other connection
// commits, read without touching the tables) and a small stamp of what the app shows, per area, compared
// before and after such a commit to tell which areas changed.
#pragma once

#include <cstdint>
#include <string>

namespace awb::store {

class Database;

struct ChangeStamp
{
    std::string events;    ///< events, import runs and profile merges
    std::string segments;  ///< saved segments: ids, versions and names
    std::string audiences; ///< audiences (status, size) and their export history
    std::string catalog;   ///< the catalog definition and its latest build

    bool operator==(const ChangeStamp &) const = default;
};

/// PRAGMA data_version of db: differs between two calls on one connection when another connection committed.
std::int64_t dataVersion(Database &db);
/// Reads the stamp in one read transaction (a few index-backed aggregates; tables of segments, audiences and
/// catalog columns are small). Throws StoreError.
ChangeStamp readChangeStamp(Database &db);

} // namespace awb::store
