// SPDX-License-Identifier: GPL-3.0-or-later
// Streams an audience's members, in rank order, with the profile fields an export preset needs.
#pragma once

#include "export/ExportPresets.h"
#include "store/Statement.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace awb::store {
class Database;
}

namespace awb::exports {

/// Reads through the caller's connection (run it inside a read transaction for a consistent snapshot).
/// One query joins members, profiles and user ids; it fills rank, score, ids, the profiles.email column
/// and the raw traits JSON (TraitReader takes the fields from it). A member whose profile was later merged
/// into another one is read from the profile it was merged into. Members held out in the control group are
/// never read (and a member merged into a control member's profile reads as a duplicate). Throws StoreError.
class MemberReader
{
public:
    MemberReader(store::Database &db, std::int64_t audienceId, const ExportPreset &preset);
    ~MemberReader();
    MemberReader(const MemberReader &) = delete;
    MemberReader &operator=(const MemberReader &) = delete;

    /// Next member, or false at the end. member.profileId is the (merge-resolved) profile read; when two
    /// members are one person after a merge, the worse-ranked one is marked duplicate.
    bool next(MemberRecord &member);

private:
    bool readMerged(std::int64_t profileId, MemberRecord &member);
    bool isDuplicate(const MemberRecord &member);

    store::Database &m_db;
    const ExportPreset &m_preset;
    bool m_needAnonymous = false;
    store::Statement m_members;
    bool m_pending = false; ///< m_members is on a row not consumed yet (the next member's first row)
    bool m_done = false;    ///< m_members returned its last row (stepping again would restart it)
    std::optional<store::Statement> m_profile; ///< prepared on the first merged member
    std::optional<store::Statement> m_rankOf;  ///< likewise
    std::int64_t m_audienceId;
    std::unordered_set<std::int64_t> m_mergedInto; ///< profiles read on behalf of merged-away members
};

} // namespace awb::exports
