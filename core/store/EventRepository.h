// SPDX-License-Identifier: GPL-3.0-or-later
// Paged, filtered and sorted reads of the events table for the data browser.
#pragma once

#include "store/BrowseTypes.h"

#include <cstdint>
#include <vector>

namespace awb::store {

class Database;
class SqlWhere;

/// Reads through the caller's connection. Every method throws StoreError on SQLite failure.
class EventRepository
{
public:
    explicit EventRepository(Database &db) : m_db(db) {}

    /// Number of events matching query (its sort is ignored).
    std::int64_t count(const EventQuery &query);
    /// Up to limit events in the query's order, skipping the first offset.
    std::vector<EventRow> page(const EventQuery &query, std::int64_t offset, std::int64_t limit);
    /// Event names with their number of events, most frequent first.
    std::vector<NameCount> names();

    /// Adds the conditions of filter on the events table aliased `e` (shared with ProfileRepository).
    static void addFilter(SqlWhere &where, const BrowseFilter &filter);

private:
    Database &m_db;
};

} // namespace awb::store
