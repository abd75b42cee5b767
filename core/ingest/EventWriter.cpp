// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/EventWriter.h"

#include "store/Database.h"
#include "store/Statement.h"

#include <algorithm>

namespace awb::ingest {

namespace {
constexpr int kUserId = 0;
constexpr int kAnonymousId = 1;
// Entries per identity cache before it is dropped (each entry ~100 bytes).
constexpr std::size_t kMaxCachedIdentities = 2'000'000;
// Profiles with pending first/last seen updates before they are flushed.
constexpr std::size_t kMaxPendingSeen = 500'000;
// A workspace with at most this many identities has them all loaded when the writer starts, so that a
// cache miss means "new identity" and costs no query (the common case of a first, large import).
constexpr std::int64_t kPreloadIdentities = 200'000;
// Anonymous ids whose last linked user id is remembered, to skip re-inserting known identity links.
constexpr std::size_t kMaxCachedLinks = 1'000'000;
} // namespace

struct EventWriter::Statements
{
    explicit Statements(store::Database &db)
        : insertEvent(db.prepare("INSERT INTO events (dedup_key, type, name_id, ts, profile_id, user_id, "
                                 "anonymous_id, message_id, properties, context, run_id) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")),
          insertProduct(
              db.prepare("INSERT INTO event_products (event_id, position, product_id, price, quantity, "
                         "properties) VALUES (?, ?, ?, ?, ?, ?)")),
          findIdentity(db.prepare("SELECT profile_id FROM identities WHERE kind = ? AND value = ?")),
          insertIdentity(db.prepare("INSERT INTO identities (kind, value, profile_id) VALUES (?, ?, ?)")),
          insertProfile(db.prepare("INSERT INTO profiles DEFAULT VALUES")),
          insertLink(db.prepare("INSERT OR IGNORE INTO identity_links (anonymous_id, user_id, first_ts) "
                                "VALUES (?, ?, ?)")),
          findName(db.prepare("SELECT id FROM event_names WHERE name = ?")),
          insertName(db.prepare("INSERT INTO event_names (name) VALUES (?)")),
          setAttribute(db.prepare("INSERT INTO profile_attributes (profile_id, key, value) VALUES (?, ?, ?) "
                                  "ON CONFLICT (profile_id, key) DO UPDATE SET value = excluded.value")),
          setEmail(db.prepare("UPDATE profiles SET email = ? WHERE id = ?")),
          updateSeen(db.prepare("UPDATE profiles SET first_seen = min(coalesce(first_seen, ?1), ?1), "
                                "last_seen = max(coalesce(last_seen, ?2), ?2) WHERE id = ?3"))
    {}
    store::Statement insertEvent, insertProduct, findIdentity, insertIdentity, insertProfile, insertLink,
        findName, insertName, setAttribute, setEmail, updateSeen;
};

/// Statements of a profile merge, prepared on the first merge.
struct EventWriter::MergeStatements
{
    explicit MergeStatements(store::Database &db)
        : moveIdentities(db.prepare("UPDATE identities SET profile_id = ?1 WHERE profile_id = ?2")),
          moveEvents(db.prepare("UPDATE events SET profile_id = ?1 WHERE profile_id = ?2")),
          // The folded (younger) profile's values win, as they did when traits were JSON merged with
          // json_patch. The SELECT needs its WHERE: without one SQLite would read ON CONFLICT as a join.
          mergeAttributes(
              db.prepare("INSERT INTO profile_attributes (profile_id, key, value) SELECT ?1, key, value "
                         "FROM profile_attributes WHERE profile_id = ?2 "
                         "ON CONFLICT (profile_id, key) DO UPDATE SET value = excluded.value")),
          dropAttributes(db.prepare("DELETE FROM profile_attributes WHERE profile_id = ?")),
          mergeRow(db.prepare(
              "UPDATE profiles SET email = coalesce(profiles.email, o.email), "
              "first_seen = coalesce(min(profiles.first_seen, o.first_seen), profiles.first_seen, "
              "o.first_seen), "
              "last_seen = coalesce(max(profiles.last_seen, o.last_seen), profiles.last_seen, o.last_seen) "
              "FROM (SELECT email, first_seen, last_seen FROM profiles WHERE id = ?2) AS o "
              "WHERE profiles.id = ?1")),
          retargetMerges(db.prepare("UPDATE profile_merges SET into_id = ?1 WHERE into_id = ?2")),
          recordMerge(db.prepare("INSERT INTO profile_merges (from_id, into_id, run_id) VALUES (?, ?, ?)")),
          deleteProfile(db.prepare("DELETE FROM profiles WHERE id = ?"))
    {}
    store::Statement moveIdentities, moveEvents, mergeAttributes, dropAttributes, mergeRow, retargetMerges,
        recordMerge, deleteProfile;
};

EventWriter::EventWriter(store::Database &db, std::int64_t runId)
    : m_db(db), m_runId(runId), m_st(std::make_unique<Statements>(db)), m_keys(db)
{
    auto count = m_db.prepare("SELECT count(*) FROM (SELECT 1 FROM identities LIMIT ?)");
    count.bind(1, kPreloadIdentities + 1);
    if (!count.step() || count.int64(0) > kPreloadIdentities) {
        return;
    }
    auto all = m_db.prepare("SELECT kind, value, profile_id FROM identities");
    while (all.step()) {
        m_identityCache[all.int64(0) == kUserId ? kUserId : kAnonymousId].emplace(all.text(1), all.int64(2));
    }
    m_cacheComplete = true;
}

EventWriter::~EventWriter() = default;

std::int64_t EventWriter::find(std::int64_t profileId)
{
    auto it = m_mergedInto.find(profileId);
    while (it != m_mergedInto.end()) {
        profileId = it->second;
        it = m_mergedInto.find(profileId);
    }
    return profileId;
}

std::int64_t EventWriter::lookupIdentity(int kind, const std::string &value)
{
    auto &cache = m_identityCache[kind];
    if (const auto it = cache.find(value); it != cache.end()) {
        return find(it->second);
    }
    if (m_cacheComplete) {
        return 0;
    }
    auto &st = m_st->findIdentity;
    st.bind(1, kind).bind(2, value);
    const std::int64_t id = st.step() ? st.int64(0) : 0;
    st.reset();
    if (id != 0) {
        cacheIdentity(kind, value, id);
    }
    return id;
}

void EventWriter::addIdentity(int kind, const std::string &value, std::int64_t profileId)
{
    auto &st = m_st->insertIdentity;
    st.bind(1, kind).bind(2, value).bind(3, profileId).run();
    cacheIdentity(kind, value, profileId);
}

void EventWriter::cacheIdentity(int kind, const std::string &value, std::int64_t profileId)
{
    auto &cache = m_identityCache[kind];
    if (cache.size() >= kMaxCachedIdentities) {
        cache.clear(); // bounded memory; from now on misses are looked up in the workspace
        m_cacheComplete = false;
    }
    cache[value] = profileId;
}

void EventWriter::linkIdentities(const EventRecord &event)
{
    if (const auto it = m_linkedUser.find(event.anonymousId);
        it != m_linkedUser.end() && it->second == event.userId) {
        return;
    }
    m_st->insertLink.bind(1, event.anonymousId).bind(2, event.userId).bind(3, event.timestampMs).run();
    if (m_linkedUser.size() >= kMaxCachedLinks) {
        m_linkedUser.clear();
    }
    m_linkedUser[event.anonymousId] = event.userId;
}

std::int64_t EventWriter::createProfile()
{
    m_st->insertProfile.run();
    ++m_profilesCreated;
    return m_db.lastInsertRowId();
}

// Folds the younger profile into the older one: identities, events, traits and seen range move; the
// younger row is deleted and the merge recorded (earlier merges into it now point at the survivor).
// Returns the surviving id.
std::int64_t EventWriter::mergeProfiles(std::int64_t a, std::int64_t b)
{
    const std::int64_t into = std::min(a, b);
    const std::int64_t from = std::max(a, b);
    if (!m_merge) {
        m_merge = std::make_unique<MergeStatements>(m_db);
    }
    m_merge->moveIdentities.bind(1, into).bind(2, from).run();
    m_merge->moveEvents.bind(1, into).bind(2, from).run();
    m_merge->mergeAttributes.bind(1, into).bind(2, from).run();
    m_merge->dropAttributes.bind(1, from).run();
    m_merge->mergeRow.bind(1, into).bind(2, from).run();
    m_merge->retargetMerges.bind(1, into).bind(2, from).run();
    m_merge->recordMerge.bind(1, from).bind(2, into).bind(3, m_runId).run();
    m_merge->deleteProfile.bind(1, from).run();
    m_mergedInto[from] = into;
    if (const auto it = m_seen.find(from); it != m_seen.end()) {
        const SeenRange moved = it->second;
        m_seen.erase(it);
        auto [target, inserted] = m_seen.try_emplace(into, moved);
        if (!inserted) {
            target->second.first = std::min(target->second.first, moved.first);
            target->second.last = std::max(target->second.last, moved.last);
        }
    }
    ++m_profilesMerged;
    return into;
}

std::int64_t EventWriter::resolveProfile(const EventRecord &event)
{
    const bool hasUser = !event.userId.empty();
    const bool hasAnon = !event.anonymousId.empty();
    std::int64_t byUser = hasUser ? lookupIdentity(kUserId, event.userId) : 0;
    std::int64_t byAnon = hasAnon ? lookupIdentity(kAnonymousId, event.anonymousId) : 0;
    if (hasUser && hasAnon) {
        linkIdentities(event);
    }
    std::int64_t profile = byUser ? byUser : byAnon;
    if (byUser && byAnon && byUser != byAnon) {
        profile = mergeProfiles(byUser, byAnon);
    }
    if (profile == 0) {
        profile = createProfile();
    }
    if (hasUser && !byUser) {
        addIdentity(kUserId, event.userId, profile);
    }
    if (hasAnon && !byAnon) {
        addIdentity(kAnonymousId, event.anonymousId, profile);
    }
    return profile;
}

std::int64_t EventWriter::eventNameId(const std::string &name)
{
    if (const auto it = m_nameIds.find(name); it != m_nameIds.end()) {
        return it->second;
    }
    auto &find = m_st->findName;
    find.bind(1, name);
    std::int64_t id = find.step() ? find.int64(0) : 0;
    find.reset();
    if (id == 0) {
        m_st->insertName.bind(1, name).run();
        id = m_db.lastInsertRowId();
    }
    m_nameIds.emplace(name, id);
    return id;
}

void EventWriter::applyTraits(std::int64_t profileId, const EventRecord &event)
{
    if (event.traitsJson.empty() && event.email.empty()) {
        return;
    }
    std::string email; // the call's email (event.email) is the one kept
    setAttributes(profileId, store::attributesFromTraits(event.traitsJson, email), event.email);
}

void EventWriter::setAttributes(std::int64_t profileId,
                                const std::vector<store::ProfileAttribute> &attributes,
                                const std::string &email)
{
    auto &st = m_st->setAttribute;
    for (const store::ProfileAttribute &a : attributes) {
        st.bind(1, profileId).bind(2, a.key).bind(3, a.value).run();
    }
    if (!email.empty()) {
        m_st->setEmail.bind(1, email).bind(2, profileId).run();
    }
}

std::int64_t EventWriter::profileOfUser(const std::string &userId)
{
    EventRecord identity;
    identity.userId = userId;
    return resolveProfile(identity);
}

EventWriter::Outcome EventWriter::write(const EventRecord &event)
{
    const std::int64_t profile = resolveProfile(event);
    // The event outlives the statement's execution, so text is bound without copies.
    const auto staticOrNull = [](store::Statement &st, int index,
                                 const std::string &text) -> store::Statement & {
        return text.empty() ? st.bindNull(index) : st.bindStatic(index, text);
    };
    const std::uint64_t key = dedupKey(event);
    if (!m_keys.add(key)) {
        return Outcome::Duplicate;
    }
    auto &ins = m_st->insertEvent;
    ins.bind(1, static_cast<std::int64_t>(key))
        .bind(2, static_cast<int>(event.type))
        .bind(3, eventNameId(event.name))
        .bind(4, event.timestampMs)
        .bind(5, profile)
        .bind(11, m_runId);
    staticOrNull(ins, 6, event.userId);
    staticOrNull(ins, 7, event.anonymousId);
    staticOrNull(ins, 8, event.messageId);
    ins.bindStatic(9, event.propertiesJson.empty() ? std::string_view("{}")
                                                   : std::string_view(event.propertiesJson));
    staticOrNull(ins, 10, event.contextJson);
    ins.run();
    writeProducts(m_db.lastInsertRowId(), event.products);
    applyTraits(profile, event);
    auto [it, inserted] = m_seen.try_emplace(profile, SeenRange{event.timestampMs, event.timestampMs});
    if (!inserted) {
        it->second.first = std::min(it->second.first, event.timestampMs);
        it->second.last = std::max(it->second.last, event.timestampMs);
    } else if (m_seen.size() >= kMaxPendingSeen) {
        flushSeen();
    }
    return Outcome::Inserted;
}

void EventWriter::writeProducts(std::int64_t eventId, const std::vector<ProductRecord> &products)
{
    auto &st = m_st->insertProduct;
    for (std::size_t i = 0; i < products.size(); ++i) {
        const ProductRecord &p = products[i];
        st.bind(1, eventId)
            .bind(2, static_cast<std::int64_t>(i))
            .bindStatic(3, p.productId)
            .bind(4, p.price)
            .bind(5, p.quantity)
            .bindStatic(6, p.propertiesJson.empty() ? std::string_view("{}")
                                                    : std::string_view(p.propertiesJson))
            .run();
    }
}

void EventWriter::flushSeen()
{
    auto &st = m_st->updateSeen;
    for (const auto &[profile, range] : m_seen) {
        st.bind(1, range.first).bind(2, range.last).bind(3, find(profile)).run();
    }
    m_seen.clear();
}

void EventWriter::finish()
{
    flushSeen();
    m_keys.store();
}

} // namespace awb::ingest
