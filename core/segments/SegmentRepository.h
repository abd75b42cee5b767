// SPDX-License-Identifier: GPL-3.0-or-later
// Storage of saved segments (table segments): rule segments (name, description and rule JSON) and static
// segments (members frozen in segment_members).
#pragma once

#include "audience/ControlGroup.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace awb::store {
class Database;
}

namespace awb::segments {

enum class SegmentKind
{
    Rule,   ///< members evaluated from the rule whenever asked
    Static, ///< members frozen once, never re-evaluated
};

struct SavedSegment
{
    std::int64_t id = 0;
    std::string name;
    std::string description;
    std::string ruleJson;         ///< static: the rule it was frozen from (for reference only)
    std::int64_t createdAtMs = 0; ///< static: when it was frozen
    std::int64_t updatedAtMs = 0;
    SegmentKind kind = SegmentKind::Rule;
    std::string frozenFrom;       ///< static: the segment it was frozen from
    std::int64_t asOfMs = 0;      ///< static: the "now" (UTC ms) the rule was evaluated for
    std::int64_t memberCount = 0; ///< static: members when frozen (the control group included)
    audience::ControlGroup control; ///< static: the share held out when frozen (0: none) and its seed
    std::int64_t controlSize = 0;   ///< static: members held out (of memberCount), never exported

    bool isStatic() const { return kind == SegmentKind::Static; }
};

/// Reads and writes through the caller's connection; every method throws StoreError on SQLite failure.
class SegmentRepository
{
public:
    explicit SegmentRepository(store::Database &db) : m_db(db) {}

    /// Inserts a new rule segment or replaces the description and rule of the one with that name (keeping
    /// its creation time). Returns its id. The caller makes sure the name is not a static segment's.
    std::int64_t save(const std::string &name, const std::string &description, const std::string &ruleJson,
                      std::int64_t nowMs);
    /// Replaces the name, description and rule of the segment id if it is still at version updatedAtMs
    /// (nobody saved it since it was read). Returns the new version (strictly later than the old one), or
    /// nullopt when the segment changed or is gone. Throws StoreError when the name is another segment's.
    std::optional<std::int64_t> update(std::int64_t id, std::int64_t updatedAtMs, const std::string &name,
                                       const std::string &description, const std::string &ruleJson,
                                       std::int64_t nowMs);
    /// Inserts a static segment (segment.kind is ignored) with its member profile ids; throws StoreError
    /// when the name is taken. Call inside a transaction. Returns its id.
    /// control: empty, or per profile whether it is held out (segment.control and controlSize describe it).
    std::int64_t insertStatic(const SavedSegment &segment, const std::vector<std::int64_t> &profileIds,
                              const std::vector<bool> &control = {});
    std::optional<SavedSegment> find(const std::string &name);
    std::optional<SavedSegment> find(std::int64_t id);
    /// Every segment, by name.
    std::vector<SavedSegment> list();
    /// The members of a static segment as profile ids now, its control group left out (they are never
    /// exported, nor members for conditions): followed through later profile merges, only profiles that
    /// exist, ascending.
    std::vector<std::int64_t> memberProfiles(std::int64_t segmentId);
    /// False when there is no segment with that name.
    bool remove(const std::string &name);
    /// False when from does not exist; throws StoreError when to is taken.
    bool rename(const std::string &from, const std::string &to, std::int64_t nowMs);

private:
    store::Database &m_db;
};

} // namespace awb::segments
