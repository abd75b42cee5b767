// SPDX-License-Identifier: GPL-3.0-or-later
// Storage of audience snapshots (audiences, audience_members) and of the export history (exports).
#pragma once

#include "audience/AudienceTypes.h"
#include "store/Statement.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace awb::store {
class Database;
}

namespace awb::audience {

/// A written export file (campaign history).
struct ExportRecord
{
    std::int64_t id = 0;
    std::string audience; ///< the audience's name at export time (kept when the audience is removed)
    std::string preset;
    std::string file;
    std::int64_t rows = 0;
    std::int64_t skipped = 0;
    std::int64_t createdAtMs = 0;
    bool includedWithoutConsent = false; ///< the user chose to write suppressed / non-consenting people
    std::int64_t leftOut = 0;            ///< of skipped: suppressed or refused e-mail consent
};

/// Reads and writes through the caller's connection. Every method throws StoreError on SQLite failure.
class AudienceRepository
{
public:
    explicit AudienceRepository(store::Database &db) : m_db(db) {}

    /// Inserts the audience (status computing, owned by this process) and returns its id. Throws
    /// StoreError on a duplicate name.
    std::int64_t insert(const AudienceInfo &info);
    /// Removes audiences left "computing" by a process of this host that no longer runs (killed while
    /// creating); returns how many. Audiences computed by running processes or other hosts stay.
    int removeAbandoned();
    bool nameExists(const std::string &name);
    std::optional<AudienceInfo> find(const std::string &name);
    /// Every audience, newest first.
    std::vector<AudienceInfo> list();
    /// Appends members (use inside a transaction).
    class MemberInserter;
    /// Completes the snapshot: status live, the figures known after scoring, the frozen quality JSON.
    void markLive(const AudienceInfo &info, const std::string &qualityJson);
    std::string qualityJson(std::int64_t audienceId);
    /// The profiles the members are now (a member merged into another profile counts as that one).
    std::vector<std::int64_t> memberProfiles(std::int64_t audienceId);
    /// Members ranked after offset (ranks offset + 1 ...), at most limit, with their raw traits JSON in
    /// traitsJson (aligned with the result) for the caller to read.
    std::vector<AudienceMember> members(std::int64_t audienceId, std::int64_t offset, std::int64_t limit,
                                        std::vector<std::string> *traitsJson = nullptr);
    /// Removes the audience and its members (the export history keeps its rows, without the link).
    void remove(std::int64_t audienceId);

    void recordExport(std::int64_t audienceId, const ExportRecord &record);
    /// Export history, newest first; audienceName empty = every audience.
    std::vector<ExportRecord> exports(const std::string &audienceName);

private:
    store::Database &m_db;
};

/// Prepared insert of members into audience_members.
class AudienceRepository::MemberInserter
{
public:
    MemberInserter(store::Database &db, std::int64_t audienceId);
    /// control: held out in the control group (stored, never exported).
    void add(std::int64_t rank, std::int64_t profileId, double score, bool control = false);

private:
    store::Statement m_insert;
    std::int64_t m_audienceId;
};

} // namespace awb::audience
