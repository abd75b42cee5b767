// SPDX-License-Identifier: GPL-3.0-or-later
#include "traits/Reachability.h"

#include "export/ConsentFilter.h"
#include "export/ExportPresets.h"
#include "store/Database.h"
#include "traits/TraitColumns.h"

#include <algorithm>

namespace awb::traits {

namespace {

void mark(store::Database &db, const char *sql, const std::vector<std::int64_t> &ids, std::vector<bool> &out)
{
    out.assign(ids.size(), false);
    auto st = db.prepare(sql);
    while (st.step()) {
        const auto it = std::lower_bound(ids.begin(), ids.end(), st.int64(0));
        if (it != ids.end() && *it == st.int64(0)) {
            out[static_cast<std::size_t>(it - ids.begin())] = true;
        }
    }
}

void addYesNo(TraitTable &table, const char *id, const std::vector<bool> &flags)
{
    TraitColumn &c = addTextColumn(table, std::string_view(id), {"No", "Yes"});
    for (std::size_t r = 0; r < flags.size() && r < c.codes.size(); ++r) {
        c.codes[r] = flags[r] ? 1 : 0;
    }
}

// Whether a profile has the identifier a preset's rows need.
bool hasIdentifier(exports::Requirement requirement, const ReachFlags &f, std::size_t r)
{
    using R = exports::Requirement;
    switch (requirement) {
    case R::Email:
        return f.email[r];
    case R::EmailOrPhone:
        return f.email[r] || f.phone[r];
    case R::UserId:
        return f.identified[r];
    case R::Key:
        return f.keyed[r];
    case R::None:
        break;
    }
    return true;
}

// Whether the export's consent rule lets the profile be written (exports::ConsentFilter, without the
// user's choice to include everyone).
bool mayContact(exports::ConsentRule rule, const ReachFlags &f, std::size_t r)
{
    switch (rule) {
    case exports::ConsentRule::Email:
        return !f.suppressed[r] && f.consent[r] != Consent::Refused;
    case exports::ConsentRule::Suppressed:
        return !f.suppressed[r];
    case exports::ConsentRule::None:
        break;
    }
    return true;
}

// Profiles whose e-mail address or user id is on the suppression list, matched as exports match them.
std::vector<bool> suppressedFlags(store::Database &db, const std::vector<std::int64_t> &ids)
{
    std::vector<bool> out(ids.size(), false);
    const exports::ConsentFilter list(db, exports::ConsentRule::Suppressed, false);
    const auto check = [&](const char *sql, bool byEmail) {
        auto st = db.prepare(sql);
        exports::MemberRecord member;
        while (st.step()) {
            const auto it = std::lower_bound(ids.begin(), ids.end(), st.int64(0));
            if (it == ids.end() || *it != st.int64(0)) {
                continue;
            }
            (byEmail ? member.email : member.userId) = st.text(1);
            if (list.concern(member)) {
                out[static_cast<std::size_t>(it - ids.begin())] = true;
            }
        }
    };
    check("SELECT id, email FROM profiles WHERE email IS NOT NULL AND email != ''", true);
    check("SELECT profile_id, value FROM identities WHERE kind = 0", false);
    return out;
}

void addReachableColumns(TraitTable &table, const ReachFlags &flags)
{
    for (const exports::PresetInfo &p : exports::presetList()) {
        const auto info = reachableInfo(p.id);
        if (!info) {
            continue;
        }
        const auto preset = exports::makePreset(p.id);
        TraitColumn &c = addTextColumn(table, *info, {"No", "Yes"});
        for (std::size_t r = 0; r < flags.identified.size() && r < c.codes.size(); ++r) {
            c.codes[r] = writtenBy(*preset, flags, r) ? 1 : 0;
        }
    }
}

std::string requirementText(const exports::ExportPreset &preset)
{
    using R = exports::Requirement;
    std::string need;
    switch (preset.requirement) {
    case R::Email:
        need = "an e-mail address";
        break;
    case R::EmailOrPhone:
        need = "an e-mail address or a phone number";
        break;
    case R::UserId:
        need = "a user id";
        break;
    case R::Key:
        need = "a user id or an anonymous id";
        break;
    case R::None:
        break;
    }
    switch (exports::consentRule(preset)) {
    case exports::ConsentRule::Email:
        return need + ", not on the suppression list, and e-mail consent not refused";
    case exports::ConsentRule::Suppressed:
        return need + ", and not on the suppression list";
    case exports::ConsentRule::None:
        break;
    }
    return need;
}

} // namespace

bool writtenBy(const exports::ExportPreset &preset, const ReachFlags &flags, std::size_t r)
{
    return hasIdentifier(preset.requirement, flags, r) && mayContact(exports::consentRule(preset), flags, r);
}

void appendRow(ReachFlags &to, const ReachFlags &from, std::size_t r)
{
    to.identified.push_back(from.identified[r]);
    to.email.push_back(from.email[r]);
    to.phone.push_back(from.phone[r]);
    to.keyed.push_back(from.keyed[r]);
    to.consent.push_back(from.consent[r]);
    to.suppressed.push_back(from.suppressed[r]);
}

std::optional<TraitInfo> reachableInfo(std::string_view presetId)
{
    auto preset = exports::makePreset(std::string(presetId));
    if (!preset || preset->requirement == exports::Requirement::None) {
        return std::nullopt;
    }
    const std::string name = exports::presetName(preset->id);
    return TraitInfo{std::string(kReachablePrefix) + preset->id, "Reachable by " + name, "Reachability",
                     TraitKind::Text,
                     "Yes when the " + name + " export writes the profile: " + requirementText(*preset) + "."};
}

ReachFlags readReachability(store::Database &db, const std::vector<std::int64_t> &profileIds)
{
    ReachFlags flags;
    mark(db, "SELECT DISTINCT profile_id FROM identities WHERE kind = 0", profileIds, flags.identified);
    mark(db, "SELECT DISTINCT profile_id FROM identities", profileIds, flags.keyed);
    mark(db, "SELECT id FROM profiles WHERE email IS NOT NULL AND email != ''", profileIds, flags.email);
    mark(db, "SELECT profile_id FROM profile_attributes WHERE key = 'phone' AND value != ''", profileIds,
         flags.phone);
    std::vector<bool> given;
    std::vector<bool> refused;
    mark(db, "SELECT profile_id FROM profile_attributes WHERE key = 'email_consent' AND value = 'true'",
         profileIds, given);
    mark(db, "SELECT profile_id FROM profile_attributes WHERE key = 'email_consent' AND value = 'false'",
         profileIds, refused);
    flags.consent.resize(profileIds.size(), Consent::Unknown);
    for (std::size_t r = 0; r < profileIds.size(); ++r) {
        flags.consent[r] = given[r] ? Consent::Given : refused[r] ? Consent::Refused : Consent::Unknown;
    }
    flags.suppressed = suppressedFlags(db, profileIds);
    return flags;
}

void addReachabilityColumns(TraitTable &table, const ReachFlags &flags)
{
    addYesNo(table, kIdentifiedTrait, flags.identified);
    addYesNo(table, kHasEmailTrait, flags.email);
    addYesNo(table, kHasPhoneTrait, flags.phone);
    TraitColumn &consent =
        addTextColumn(table, std::string_view(kEmailConsentTrait), {"Unknown", "Given", "Refused"});
    for (std::size_t r = 0; r < flags.consent.size() && r < consent.codes.size(); ++r) {
        consent.codes[r] = static_cast<std::int32_t>(flags.consent[r]);
    }
    addYesNo(table, kSuppressedTrait, flags.suppressed);
    addReachableColumns(table, flags);
}

} // namespace awb::traits
