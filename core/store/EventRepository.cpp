// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/EventRepository.h"

#include "store/Database.h"
#include "store/SqlWhere.h"

namespace awb::store {

namespace {

// The only ORDER BY texts the events table uses. Each ends with the id so pages are stable. Time and
// profile orders walk the events_ts / events_profile_ts indexes; the name order walks event_names by name
// (its UNIQUE index) in the outer loop and events_name_ts inside, so no sort of all events is needed.
const char *orderBy(EventSort sort, SortOrder order)
{
    const bool asc = order == SortOrder::Ascending;
    switch (sort) {
    case EventSort::Name:
        return asc ? "n.name ASC, e.ts ASC, e.id ASC" : "n.name DESC, e.ts DESC, e.id DESC";
    case EventSort::Profile:
        return asc ? "e.profile_id ASC, e.ts ASC, e.id ASC" : "e.profile_id DESC, e.ts DESC, e.id DESC";
    case EventSort::Time:
        break;
    }
    return asc ? "e.ts ASC, e.id ASC" : "e.ts DESC, e.id DESC";
}

SqlWhere whereFor(const EventQuery &query)
{
    SqlWhere where;
    EventRepository::addFilter(where, query.filter);
    if (query.profileId != 0) {
        where.add("e.profile_id = ?", {query.profileId});
    }
    return where;
}

} // namespace

void EventRepository::addFilter(SqlWhere &where, const BrowseFilter &filter)
{
    if (!filter.eventName.empty()) {
        where.add("e.name_id = (SELECT id FROM event_names WHERE name = ?)", {filter.eventName});
    }
    if (filter.fromMs) {
        where.add("e.ts >= ?", {*filter.fromMs});
    }
    if (filter.toMs) {
        where.add("e.ts < ?", {*filter.toMs});
    }
    if (!filter.text.empty()) {
        // Matches the person, not the single event: all events of a profile one of whose ids or email
        // contains the text, including its anonymous events from before the login.
        const std::string pattern = SqlWhere::containsPattern(filter.text);
        where.add("e.profile_id IN (SELECT profile_id FROM identities WHERE value LIKE ? ESCAPE '\\' "
                  "UNION SELECT id FROM profiles WHERE email LIKE ? ESCAPE '\\')",
                  {pattern, pattern});
    }
}

std::int64_t EventRepository::count(const EventQuery &query)
{
    const SqlWhere where = whereFor(query);
    auto st = m_db.prepare("SELECT count(*) FROM events e" + where.clause());
    where.bind(st);
    return st.step() ? st.int64(0) : 0;
}

std::vector<EventRow> EventRepository::page(const EventQuery &query, std::int64_t offset, std::int64_t limit)
{
    const SqlWhere where = whereFor(query);
    const bool byName = query.sort == EventSort::Name;
    const char *order = orderBy(query.sort, query.order);
    // Late row lookup: the inner query walks only a covering index (ts / name_id, ts / profile_id, ts, each
    // with the rowid) to skip `offset` entries, so a page deep into millions of events costs an index scan
    // instead of one table lookup per skipped row. The outer query reads the page's rows and re-sorts them.
    // CROSS JOIN fixes the loop order for the name sort: event_names by name outside, events_name_ts inside.
    const std::string inner =
        std::string("SELECT e.id FROM ") +
        (byName ? "event_names n CROSS JOIN events e ON e.name_id = n.id" : "events e") + where.clause() +
        " ORDER BY " + order + " LIMIT ? OFFSET ?";
    const std::string sql =
        "SELECT e.id, e.ts, n.name, e.user_id, e.anonymous_id, e.profile_id, e.properties "
        "FROM (" +
        inner +
        ") AS page JOIN events e ON e.id = page.id "
        "JOIN event_names n ON n.id = e.name_id ORDER BY " +
        order;
    auto st = m_db.prepare(sql);
    const int next = where.bind(st);
    st.bind(next, limit).bind(next + 1, offset);
    std::vector<EventRow> rows;
    rows.reserve(static_cast<std::size_t>(limit > 0 ? limit : 0));
    while (st.step()) {
        EventRow r;
        r.id = st.int64(0);
        r.timestampMs = st.int64(1);
        r.name = st.text(2);
        r.userId = st.text(3);
        r.anonymousId = st.text(4);
        r.profileId = st.int64(5);
        r.propertiesJson = st.text(6);
        rows.push_back(std::move(r));
    }
    return rows;
}

std::vector<NameCount> EventRepository::names()
{
    auto st =
        m_db.prepare("SELECT n.name, c FROM (SELECT name_id, count(*) AS c FROM events GROUP BY name_id) "
                     "JOIN event_names n ON n.id = name_id ORDER BY c DESC, n.name");
    std::vector<NameCount> names;
    while (st.step()) {
        names.push_back({st.text(0), st.int64(1)});
    }
    return names;
}

} // namespace awb::store
