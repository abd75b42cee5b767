// SPDX-License-Identifier: GPL-3.0-or-later
// Who can be reached: whether a profile is identified (has a user id, so it is a known customer rather than a
// guest or an anonymous visitor), has an e-mail address or a phone number, its e-mail consent (Given,
// Refused or Unknown, from imported profile attributes) and whether it is on the suppression list (its
// e-mail address or a user id listed, matched as exports match). Trait columns in group "Reachability", so
// rules can use them and every count can say how many of its people can be reached. Reachable by e-mail =
// what an e-mail export writes: an address, not suppressed, consent not refused (shops whose exports carry
// no consent column leave it Unknown). "reachable:PRESET" (Reachable by Mailchimp, ...): Yes when that
// preset's export writes the profile: it has the identifier the preset requires of a row
// (exports::ExportPreset::requirement) and the preset's consent rule (exports::consentRule) lets it through;
// one column per preset that requires something.
#pragma once

#include "traits/TraitTable.h"

#include <optional>
#include <string_view>
#include <vector>

namespace awb::store {
class Database;
}
namespace awb::exports {
struct ExportPreset;
}

namespace awb::traits {

inline constexpr const char *kIdentifiedTrait = "identified";
inline constexpr const char *kHasEmailTrait = "has_email";
inline constexpr const char *kHasPhoneTrait = "has_phone";
inline constexpr const char *kEmailConsentTrait = "email_consent";
inline constexpr const char *kSuppressedTrait = "suppressed";
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
    std::vector<bool> suppressed; ///< the e-mail address or a user id is on the suppression list

    /// Row r has an e-mail address, is not on the suppression list and its consent is not refused: an
    /// e-mail export writes it (exports::ConsentRule::Email).
    bool reachableByEmail(std::size_t r) const
    {
        return email[r] && !suppressed[r] && consent[r] != Consent::Refused;
    }
};

/// The "reachable:PRESET" trait of an export preset id ("Reachable by Mailchimp"); nullopt for an unknown
/// preset or one that requires nothing of a row (generic).
std::optional<TraitInfo> reachableInfo(std::string_view presetId);

/// Whether preset's export writes row r of flags: the identifier it requires and its consent rule (the
/// reachable:PRESET trait; exports::ConsentFilter without the user's choice to include everyone).
bool writtenBy(const exports::ExportPreset &preset, const ReachFlags &flags, std::size_t r);
/// The flags of row r (in any order) of from, appended to to.
void appendRow(ReachFlags &to, const ReachFlags &from, std::size_t r);

/// The flags of profileIds (ascending) as the store holds them now.
ReachFlags readReachability(store::Database &db, const std::vector<std::int64_t> &profileIds);
/// Appends the "identified", "has_email", "has_phone", "email_consent", "suppressed" and "reachable:PRESET"
/// columns
/// (flags may be empty: metadata only).
void addReachabilityColumns(TraitTable &table, const ReachFlags &flags);

} // namespace awb::traits
