// SPDX-License-Identifier: GPL-3.0-or-later
// Streams an audience's members, in rank order, with the profile fields an export preset needs.
#pragma once

#include "export/ExportPresets.h"
#include "store/Statement.h"

#include <cstdint>
#include <optional>
#include <string>

namespace awb::store {
class Database;
}

namespace awb::exports {

/// Reads through the caller's connection (run it inside a read transaction for a consistent snapshot).
/// Only the fields the preset uses are fetched. A member whose profile was later merged into another one
/// is read from the profile it was merged into. Throws StoreError.
class MemberReader
{
public:
    MemberReader(store::Database &db, std::int64_t audienceId, const ExportPreset &preset);

    /// Next member, or false at the end. member.profileId is the (merge-resolved) profile read.
    bool next(MemberRecord &member);

    /// The SQLite JSON path of a dotted trait path: "address.state" -> $."address"."state".
    static std::string jsonPath(const std::string &dotted);

private:
    void readFields(const store::Statement &st, int first, MemberRecord &member) const;
    bool readMerged(std::int64_t profileId, MemberRecord &member);

    store::Database &m_db;
    const ExportPreset &m_preset;
    std::string m_fieldSql;
    store::Statement m_members;
    std::optional<store::Statement> m_profile; ///< prepared on the first merged member
};

} // namespace awb::exports
