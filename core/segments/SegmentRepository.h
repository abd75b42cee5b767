// SPDX-License-Identifier: GPL-3.0-or-later
// Storage of saved segments (table segments): name, description and rule JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace awb::store {
class Database;
}

namespace awb::segments {

struct SavedSegment
{
    std::int64_t id = 0;
    std::string name;
    std::string description;
    std::string ruleJson;
    std::int64_t createdAtMs = 0;
    std::int64_t updatedAtMs = 0;
};

/// Reads and writes through the caller's connection; every method throws StoreError on SQLite failure.
class SegmentRepository
{
public:
    explicit SegmentRepository(store::Database &db) : m_db(db) {}

    /// Inserts a new segment or replaces the description and rule of the one with that name (keeping its
    /// creation time). Returns its id.
    std::int64_t save(const std::string &name, const std::string &description, const std::string &ruleJson,
                      std::int64_t nowMs);
    std::optional<SavedSegment> find(const std::string &name);
    /// Every segment, by name.
    std::vector<SavedSegment> list();
    /// False when there is no segment with that name.
    bool remove(const std::string &name);
    /// False when from does not exist; throws StoreError when to is taken.
    bool rename(const std::string &from, const std::string &to, std::int64_t nowMs);

private:
    store::Database &m_db;
};

} // namespace awb::segments
