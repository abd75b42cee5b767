// SPDX-License-Identifier: GPL-3.0-or-later
#include "traits/Reachability.h"

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

// Whether a profile meets a preset's requirement (Email: an address, consent not refused).
bool meets(exports::Requirement requirement, const ReachFlags &f, std::size_t r)
{
    using R = exports::Requirement;
    switch (requirement) {
    case R::Email:
        return f.email[r] && f.consent[r] != Consent::Refused;
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

void addReachableColumns(TraitTable &table, const ReachFlags &flags)
{
    for (const exports::PresetInfo &p : exports::presetList()) {
        const auto info = reachableInfo(p.id);
        if (!info) {
            continue;
        }
        const exports::Requirement requirement = exports::makePreset(p.id)->requirement;
        TraitColumn &c = addTextColumn(table, *info, {"No", "Yes"});
        for (std::size_t r = 0; r < flags.identified.size() && r < c.codes.size(); ++r) {
            c.codes[r] = meets(requirement, flags, r) ? 1 : 0;
        }
    }
}

const char *requirementText(exports::Requirement requirement)
{
    using R = exports::Requirement;
    switch (requirement) {
    case R::Email:
        return "an e-mail address, and e-mail consent not refused";
    case R::EmailOrPhone:
        return "an e-mail address or a phone number";
    case R::UserId:
        return "a user id";
    case R::Key:
        return "a user id or an anonymous id";
    case R::None:
        break;
    }
    return "";
}

} // namespace

std::optional<TraitInfo> reachableInfo(std::string_view presetId)
{
    auto preset = exports::makePreset(std::string(presetId));
    if (!preset || preset->requirement == exports::Requirement::None) {
        return std::nullopt;
    }
    const std::string name = exports::presetName(preset->id);
    return TraitInfo{std::string(kReachablePrefix) + preset->id, "Reachable by " + name, "Reachability",
                     TraitKind::Text,
                     "Yes when the profile has what the " + name +
                         " export needs: " + requirementText(preset->requirement) + "."};
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
    addReachableColumns(table, flags);
}

} // namespace awb::traits
