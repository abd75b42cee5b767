// SPDX-License-Identifier: GPL-3.0-or-later
// Who can be reached: whether a profile is identified (has a user id, so it is a known customer rather than a
// guest or an anonymous visitor), has an e-mail address or a phone number, and its e-mail consent (Given,
// Refused or Unknown, from imported profile attributes). Trait columns in group "Reachability", so rules can
// use them and every count can say how many of its people can be reached. Reachable by e-mail = an e-mail
// address and consent not refused (shops whose exports carry no consent column leave it Unknown).
// "reachable:PRESET" (Reachable by Mailchimp, ...): Yes when the profile has what that export preset
// requires of a row (exports::ExportPreset::requirement, the one source of truth), with e-mail consent not
// refused for presets that require an e-mail address; one column per preset that requires something.
#pragma once

#include "traits/TraitTable.h"

#include <optional>
#include <string_view>
#include <vector>

namespace awb::store {
class Database;
}

namespace awb::traits {

inline constexpr const char *kIdentifiedTrait = "identified";
inline constexpr const char *kHasEmailTrait = "has_email";
inline constexpr const char *kHasPhoneTrait = "has_phone";
inline constexpr const char *kEmailConsentTrait = "email_consent";
inline constexpr std::string_view kReachablePrefix = "reachable:";

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
    std::vector<bool> keyed; ///< has a user id or an anonymous id
    std::vector<Consent> consent;

    /// Row r has an e-mail address and its consent is not refused.
    bool reachableByEmail(std::size_t r) const { return email[r] && consent[r] != Consent::Refused; }
};

/// The "reachable:PRESET" trait of an export preset id ("Reachable by Mailchimp"); nullopt for an unknown
/// preset or one that requires nothing of a row (generic).
std::optional<TraitInfo> reachableInfo(std::string_view presetId);

/// The flags of profileIds (ascending) as the store holds them now.
ReachFlags readReachability(store::Database &db, const std::vector<std::int64_t> &profileIds);
/// Appends the "identified", "has_email", "has_phone", "email_consent" and "reachable:PRESET" columns
/// (flags may be empty: metadata only).
void addReachabilityColumns(TraitTable &table, const ReachFlags &flags);

} // namespace awb::traits
