// SPDX-License-Identifier: GPL-3.0-or-later
// Who an export leaves out because they must not be contacted: people on the suppression list and, for
// e-mail tools, people who refused e-mail consent. The rule is decided from the preset's definition.
#pragma once

#include "export/ExportPresets.h"
#include "store/SuppressionRepository.h"

#include <string>
#include <string_view>
#include <unordered_map>

namespace awb::store {
class Database;
}

namespace awb::exports {

/// What an export honours, by preset:
enum class ConsentRule
{
    /// Identity files (Segment, generic without an e-mail column): nobody is left out.
    None,
    /// Ad audiences matched on e-mail or phone (Meta, Google Customer Match): suppressed people are left out
    /// (whatever the reason: they asked not to be contacted, or the address is dead); e-mail consent is
    /// about e-mail sends and does not apply.
    Suppressed,
    /// E-mail and messaging tools (Mailchimp, Klaviyo, Braze, generic with an e-mail column): suppressed
    /// people and people who refused e-mail consent are left out. Unknown consent is written (most shops
    /// carry no consent column) and counted.
    Email,
};

/// EmailOrPhone requirement (ad matching): Suppressed; otherwise an e-mail column: Email; else None.
ConsentRule consentRule(const ExportPreset &preset);
/// "e-mail", "ads", "none" (as the export report and history name it).
std::string_view consentRuleName(ConsentRule rule);

/// Reason of a member left out for refused e-mail consent.
inline constexpr const char *kDeclinedEmail = "declined e-mail";

/// Whether reason (from RowFormatter::format) is one the consent filter gives, not a missing identifier.
bool isConsentReason(std::string_view reason);

class ConsentFilter
{
public:
    /// Lets everyone through (rule None).
    ConsentFilter() = default;
    /// Reads the suppression list when rule needs it. includeWithoutConsent: the user chose to write the
    /// people the rule would leave out. Throws StoreError.
    ConsentFilter(store::Database &db, ConsentRule rule, bool includeWithoutConsent);

    ConsentRule rule() const { return m_rule; }
    bool includesWithoutConsent() const { return m_include; }
    /// Why the rule would leave member out: "unsubscribed", "bounced", "complained", "suppressed (other)"
    /// or kDeclinedEmail; nullptr when nothing speaks against writing them. Ignores the include choice.
    /// member.email is matched normalised, member.userId trimmed. Thread-safe (read only).
    const char *concern(const MemberRecord &member) const;
    /// concern() unless the user chose to include such people.
    const char *leaveOutReason(const MemberRecord &member) const
    {
        return m_include ? nullptr : concern(member);
    }
    /// Rule Email and no consent value.
    bool isConsentUnknown(const MemberRecord &member) const;

private:
    ConsentRule m_rule = ConsentRule::None;
    bool m_include = false;
    std::unordered_map<std::string, store::SuppressionReason> m_emails;
    std::unordered_map<std::string, store::SuppressionReason> m_userIds;
};

} // namespace awb::exports
