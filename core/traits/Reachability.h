// SPDX-License-Identifier: GPL-3.0-or-later
// Who can be reached: whether a profile is identified (has a user id, so it is a known customer rather than a
// guest or an anonymous visitor), has an e-mail address or a phone number, and its e-mail consent (Given,
// Refused or Unknown, from imported profile attributes). Trait columns in group "Reachability", so rules can
// use them and every count can say how many of its people can be reached. Reachable by e-mail = an e-mail
// address and consent not refused (shops whose exports carry no consent column leave it Unknown).
#pragma once

#include "traits/TraitTable.h"

#include <vector>

namespace awb::store {
class Database;
}

namespace awb::traits {

inline constexpr const char *kIdentifiedTrait = "identified";
inline constexpr const char *kHasEmailTrait = "has_email";
inline constexpr const char *kHasPhoneTrait = "has_phone";
inline constexpr const char *kEmailConsentTrait = "email_consent";

/// The codes of the e-mail consent trait's dictionary.
enum class Consent : std::int32_t
{
    Unknown = 0,
    Given = 1,
    Refused = 2,
};

struct ReachFlags
{
    std::vector<bool> identified; ///< aligned with the table's profileIds
    std::vector<bool> email;
    std::vector<bool> phone;
    std::vector<Consent> consent;

    /// Row r has an e-mail address and its consent is not refused.
    bool reachableByEmail(std::size_t r) const { return email[r] && consent[r] != Consent::Refused; }
};

/// The flags of profileIds (ascending) as the store holds them now.
ReachFlags readReachability(store::Database &db, const std::vector<std::int64_t> &profileIds);
/// Appends the "identified", "has_email", "has_phone" and "email_consent" columns (flags may be empty:
/// metadata only).
void addReachabilityColumns(TraitTable &table, const ReachFlags &flags);

} // namespace awb::traits
