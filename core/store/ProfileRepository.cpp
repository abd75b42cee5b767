// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ProfileRepository.h"

#include "store/Database.h"
#include "store/EventRepository.h"
#include "store/SqlWhere.h"

#include <algorithm>

namespace awb::store {

namespace {

constexpr char kSeparator = '\x1f';

const char *orderBy(ProfileSort sort, SortOrder order)
{
    const bool asc = order == SortOrder::Ascending;
    switch (sort) {
    case ProfileSort::Email:
        // Profiles without an email come last in both directions.
        return asc ? "p.email IS NULL, p.email ASC, p.id ASC" : "p.email IS NULL, p.email DESC, p.id DESC";
    case ProfileSort::FirstSeen:
        return asc ? "p.first_seen ASC, p.id ASC" : "p.first_seen DESC, p.id DESC";
    case ProfileSort::LastSeen:
        return asc ? "p.last_seen ASC, p.id ASC" : "p.last_seen DESC, p.id DESC";
    case ProfileSort::Id:
        break;
    }
    return asc ? "p.id ASC" : "p.id DESC";
}

SqlWhere whereFor(const ProfileQuery &query)
{
    SqlWhere where;
    const BrowseFilter &f = query.filter;
    if (!f.text.empty()) {
        const std::string pattern = SqlWhere::containsPattern(f.text);
        where.add("p.email LIKE ? ESCAPE '\\' OR p.id IN (SELECT profile_id FROM identities "
                  "WHERE value LIKE ? ESCAPE '\\')",
                  {pattern, pattern});
    }
    if (!f.eventName.empty() || f.fromMs || f.toMs) {
        BrowseFilter eventsOnly = f;
        eventsOnly.text.clear();
        SqlWhere events;
        EventRepository::addFilter(events, eventsOnly);
        if (!f.eventName.empty()) {
            // events_name_ts covers (name, time): collect the profiles of the matching events.
            where.addNested("p.id IN (SELECT e.profile_id FROM events e WHERE ", events, ")");
        } else {
            // Dates only: one seek per profile in events_profile_ts beats collecting the profiles of every
            // event in a wide range.
            where.addNested("EXISTS (SELECT 1 FROM events e WHERE e.profile_id = p.id AND ", events, ")");
        }
    }
    return where;
}

std::vector<std::string> split(const std::string &joined)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (!joined.empty() && start <= joined.size()) {
        const std::size_t end = joined.find(kSeparator, start);
        parts.push_back(joined.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return parts;
}

} // namespace

std::int64_t ProfileRepository::count(const ProfileQuery &query)
{
    const SqlWhere where = whereFor(query);
    auto st = m_db.prepare("SELECT count(*) FROM profiles p" + where.clause());
    where.bind(st);
    return st.step() ? st.int64(0) : 0;
}

std::vector<ProfileRow> ProfileRepository::page(const ProfileQuery &query, std::int64_t offset,
                                                std::int64_t limit)
{
    const SqlWhere where = whereFor(query);
    const char *order = orderBy(query.sort, query.order);
    // The page's ids first, then the per-profile subqueries for those rows only: SQLite's sorter would
    // otherwise evaluate them for every profile before sorting.
    const std::string sql = "SELECT p.id, p.email, p.first_seen, p.last_seen, "
                            "(SELECT group_concat(value, char(31)) FROM (SELECT value FROM identities "
                            " WHERE profile_id = p.id AND kind = 0 ORDER BY value)), "
                            "(SELECT count(*) FROM events WHERE profile_id = p.id) "
                            "FROM (SELECT p.id FROM profiles p" +
                            where.clause() + " ORDER BY " + order +
                            " LIMIT ? OFFSET ?) AS page "
                            "JOIN profiles p ON p.id = page.id ORDER BY " +
                            order;
    auto st = m_db.prepare(sql);
    const int next = where.bind(st);
    st.bind(next, limit).bind(next + 1, offset);
    std::vector<ProfileRow> rows;
    while (st.step()) {
        ProfileRow r;
        r.id = st.int64(0);
        r.email = st.text(1);
        r.firstSeenMs = st.isNull(2) ? 0 : st.int64(2);
        r.lastSeenMs = st.isNull(3) ? 0 : st.int64(3);
        r.userIds = split(st.text(4));
        r.eventCount = st.int64(5);
        rows.push_back(std::move(r));
    }
    return rows;
}

std::optional<ProfileDetail> ProfileRepository::detail(std::int64_t profileId)
{
    auto st = m_db.prepare("SELECT id, email, first_seen, last_seen, "
                           "(SELECT count(*) FROM events WHERE profile_id = p.id), "
                           "(SELECT count(*) FROM profile_merges WHERE into_id = p.id) "
                           "FROM profiles p WHERE id = ?");
    st.bind(1, profileId);
    if (!st.step()) {
        return std::nullopt;
    }
    ProfileDetail d;
    d.id = st.int64(0);
    d.email = st.text(1);
    d.firstSeenMs = st.isNull(2) ? 0 : st.int64(2);
    d.lastSeenMs = st.isNull(3) ? 0 : st.int64(3);
    d.eventCount = st.int64(4);
    d.mergedProfiles = st.int64(5);
    auto attributes =
        m_db.prepare("SELECT key, value FROM profile_attributes WHERE profile_id = ? ORDER BY key");
    attributes.bind(1, profileId);
    while (attributes.step()) {
        d.attributes.emplace_back(attributes.text(0), attributes.text(1));
    }
    auto ids = m_db.prepare("SELECT kind, value FROM identities WHERE profile_id = ? ORDER BY kind, value");
    ids.bind(1, profileId);
    while (ids.step()) {
        (ids.int64(0) == 0 ? d.userIds : d.anonymousIds).push_back(ids.text(1));
    }
    return d;
}

std::vector<std::int64_t> ProfileRepository::currentMembers(const char *membersSql, std::int64_t ownerId)
{
    auto st = m_db.prepare(std::string("WITH RECURSIVE now(id) AS (") + membersSql +
                           " UNION SELECT pm.into_id FROM now JOIN profile_merges pm ON pm.from_id = now.id) "
                           "SELECT id FROM now WHERE EXISTS (SELECT 1 FROM profiles p WHERE p.id = now.id) "
                           "ORDER BY id");
    st.bind(1, ownerId);
    std::vector<std::int64_t> out;
    while (st.step()) {
        out.push_back(st.int64(0));
    }
    return out;
}

std::int64_t ProfileRepository::resolveMerged(std::int64_t profileId)
{
    auto st = m_db.prepare("SELECT into_id FROM profile_merges WHERE from_id = ?");
    // Merge chains are short (each merge folds into the older id), but guard against a cycle anyway.
    for (int hops = 0; hops < 64; ++hops) {
        st.bind(1, profileId);
        const bool merged = st.step();
        const std::int64_t into = merged ? st.int64(0) : 0;
        st.reset();
        if (!merged) {
            break;
        }
        profileId = into;
    }
    return profileId;
}

} // namespace awb::store
