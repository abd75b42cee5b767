// SPDX-License-Identifier: GPL-3.0-or-later
// Paged, filtered and sorted reads of profiles, and one profile's details, for the data browser.
#pragma once

#include "store/BrowseTypes.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace awb::store {

class Database;

/// SQL for the attributes of profile p as one flat JSON object of strings ({"city":"Paris",...}), for
/// queries that read profiles aliased p (the exports). A constant: never text built from input.
inline constexpr const char *kAttributesOfP =
    "(SELECT json_group_object(key, value) FROM profile_attributes WHERE profile_id = p.id)";

/// Reads through the caller's connection. Every method throws StoreError on SQLite failure.
class ProfileRepository
{
public:
    explicit ProfileRepository(Database &db) : m_db(db) {}

    /// Number of profiles matching query. The event filters (name, dates) keep profiles having at least
    /// one such event.
    std::int64_t count(const ProfileQuery &query);
    std::vector<ProfileRow> page(const ProfileQuery &query, std::int64_t offset, std::int64_t limit);
    /// Identities, attributes and counts of one profile; nullopt when no such profile exists (e.g. merged
    /// away).
    std::optional<ProfileDetail> detail(std::int64_t profileId);
    /// The profile an id was merged into, following merges; the id itself when it was never merged.
    std::int64_t resolveMerged(std::int64_t profileId);
    /// The profiles of today behind a stored member list (an audience's or a static segment's): every
    /// stored id followed through later merges, kept when that profile exists; sorted, each once.
    /// membersSql selects the stored ids with one parameter, ownerId: a constant of the caller's, never text
    /// built from input.
    std::vector<std::int64_t> currentMembers(const char *membersSql, std::int64_t ownerId);

private:
    Database &m_db;
};

} // namespace awb::store
