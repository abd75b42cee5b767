// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/ConsentFilter.h"

#include "common/Text.h"
#include "export/Normalizer.h"
#include "store/Database.h"

namespace awb::exports {

namespace {

const char *reasonText(store::SuppressionReason reason)
{
    switch (reason) {
    case store::SuppressionReason::Unsubscribed:
        return "unsubscribed";
    case store::SuppressionReason::Bounced:
        return "bounced";
    case store::SuppressionReason::Complained:
        return "complained";
    case store::SuppressionReason::Other:
        break;
    }
    return "suppressed (other)";
}

} // namespace

ConsentRule consentRule(const ExportPreset &preset)
{
    if (preset.requirement == Requirement::EmailOrPhone) {
        return ConsentRule::Suppressed;
    }
    return preset.uses(Field::Email) ? ConsentRule::Email : ConsentRule::None;
}

std::string_view consentRuleName(ConsentRule rule)
{
    switch (rule) {
    case ConsentRule::Email:
        return "e-mail";
    case ConsentRule::Suppressed:
        return "ads";
    case ConsentRule::None:
        break;
    }
    return "none";
}

bool isConsentReason(std::string_view reason)
{
    for (const char *r : {"unsubscribed", "bounced", "complained", "suppressed (other)", kDeclinedEmail}) {
        if (reason == r) {
            return true;
        }
    }
    return false;
}

ConsentFilter::ConsentFilter(store::Database &db, ConsentRule rule, bool includeWithoutConsent)
    : m_rule(rule), m_include(includeWithoutConsent)
{
    if (rule == ConsentRule::None) {
        return;
    }
    for (store::Suppression &s : store::SuppressionRepository(db).list()) {
        (s.kind == store::SuppressionKind::Email ? m_emails : m_userIds)
            .emplace(std::move(s.value), s.reason);
    }
}

const char *ConsentFilter::concern(const MemberRecord &m) const
{
    if (m_rule == ConsentRule::None) {
        return nullptr;
    }
    if (!m_userIds.empty()) {
        if (const auto it = m_userIds.find(std::string(trimmed(m.userId))); it != m_userIds.end()) {
            return reasonText(it->second);
        }
    }
    if (!m_emails.empty() && !m.email.empty()) {
        if (const auto it = m_emails.find(normalizeEmail(m.email)); it != m_emails.end()) {
            return reasonText(it->second);
        }
    }
    if (m_rule == ConsentRule::Email && trimmed(m.emailConsent) == "false") {
        return kDeclinedEmail;
    }
    return nullptr;
}

bool ConsentFilter::isConsentUnknown(const MemberRecord &m) const
{
    return m_rule == ConsentRule::Email && trimmed(m.emailConsent).empty();
}

} // namespace awb::exports
