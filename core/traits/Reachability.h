// SPDX-License-Identifier: GPL-3.0-or-later
// Who can be reached: whether a profile is identified (has a user id, so it is a known customer rather than a
// guest or an anonymous visitor) and whether it has an e-mail address. Trait columns "identified" and
// "has_email" (Yes / No, group "Reachability"), so rules can use them and every count can say how many of its
// people can be reached.
#pragma once

#include "traits/TraitTable.h"

#include <vector>

namespace awb::store {
class Database;
}

namespace awb::traits {

inline constexpr const char *kIdentifiedTrait = "identified";
inline constexpr const char *kHasEmailTrait = "has_email";

struct ReachFlags
{
    std::vector<bool> identified; ///< aligned with the table's profileIds
    std::vector<bool> email;
};

/// The flags of profileIds (ascending) as the store holds them now.
ReachFlags readReachability(store::Database &db, const std::vector<std::int64_t> &profileIds);
/// Appends the "identified" and "has_email" columns (flags may be empty: metadata only).
void addReachabilityColumns(TraitTable &table, const ReachFlags &flags);

} // namespace awb::traits
