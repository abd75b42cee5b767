// SPDX-License-Identifier: GPL-3.0-or-later
// Stores events inside the caller's import transaction: resolves identities (union-find merge of
// profiles), de-duplicates (DedupKeys), writes products. Not thread-safe; one writer per connection.
#pragma once

#include "ingest/DedupKeys.h"
#include "ingest/EventRecord.h"
#include "store/ProfileFields.h"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace awb::store {
class Database;
class Statement;
} // namespace awb::store

namespace awb::ingest {

class EventWriter
{
public:
    /// The caller owns the transaction; runId is the import_runs row events are attributed to.
    EventWriter(store::Database &db, std::int64_t runId);
    ~EventWriter();
    EventWriter(const EventWriter &) = delete;
    EventWriter &operator=(const EventWriter &) = delete;

    enum class Outcome
    {
        Inserted,
        Duplicate,
    };

    /// Stores one event. The event must have a non-empty name and a userId or anonymousId (importers
    /// validate and reject before calling). Throws store::StoreError on database failure.
    Outcome write(const EventRecord &event);

    /// The profile of a user id, created (with that identity) when there is none yet.
    std::int64_t profileOfUser(const std::string &userId);

    /// Stores attributes of a profile (a later value of a key replaces the earlier one) and, when email
    /// is not empty, its e-mail. Identify traits arrive here through write().
    void setAttributes(std::int64_t profileId, const std::vector<store::ProfileAttribute> &attributes,
                       const std::string &email);

    /// Writes the first / last seen times accumulated in memory and the new de-duplication keys. Call once
    /// before committing: without it, the events written are not known as stored to the next import.
    void finish();

    std::int64_t profilesCreated() const { return m_profilesCreated; }
    std::int64_t profilesMerged() const { return m_profilesMerged; }

private:
    struct Statements;
    struct MergeStatements;
    struct SeenRange
    {
        std::int64_t first;
        std::int64_t last;
    };

    std::int64_t resolveProfile(const EventRecord &event);
    std::int64_t lookupIdentity(int kind, const std::string &value);
    void addIdentity(int kind, const std::string &value, std::int64_t profileId);
    void cacheIdentity(int kind, const std::string &value, std::int64_t profileId);
    void linkIdentities(const EventRecord &event);
    void writeProducts(std::int64_t eventId, const std::vector<ProductRecord> &products);
    void flushSeen();
    std::int64_t createProfile();
    std::int64_t mergeProfiles(std::int64_t a, std::int64_t b);
    std::int64_t find(std::int64_t profileId);
    std::int64_t eventNameId(const std::string &name);
    void applyTraits(std::int64_t profileId, const EventRecord &event);

    store::Database &m_db;
    std::int64_t m_runId;
    std::unique_ptr<Statements> m_st;
    std::unique_ptr<MergeStatements> m_merge;
    DedupKeys m_keys;
    // Identity cache: (kind, value) -> profile id as stored when cached; follow m_mergedInto for the
    // current owner. Bounded: cleared when it grows past a limit, so memory stays constant.
    std::unordered_map<std::string, std::int64_t> m_identityCache[2];
    bool m_cacheComplete = false; ///< every identity of the workspace is in m_identityCache
    std::unordered_map<std::int64_t, std::int64_t> m_mergedInto;
    std::unordered_map<std::string, std::string> m_linkedUser; ///< anonymous id -> user id last linked
    std::unordered_map<std::string, std::int64_t> m_nameIds;
    std::unordered_map<std::int64_t, SeenRange> m_seen;
    std::int64_t m_profilesCreated = 0;
    std::int64_t m_profilesMerged = 0;
};

} // namespace awb::ingest
