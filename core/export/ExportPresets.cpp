// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/ExportPresets.h"

#include "common/JsonText.h"
#include "common/Text.h"
#include "export/ConsentFilter.h"
#include "export/Countries.h"
#include "export/Normalizer.h"
#include "export/RecommendationTable.h"

#include <charconv>

namespace awb::exports {

namespace {

PresetColumn col(const char *header, Field field, Format format, bool hashed = false)
{
    return PresetColumn{header, field, format, hashed, -1};
}

struct GenericColumn
{
    const char *name;
    Field field;
    Format format;
};

constexpr GenericColumn kGeneric[] = {
    {"user_id", Field::UserId, Format::Text},
    {"anonymous_id", Field::AnonymousId, Format::Text},
    {"key", Field::Key, Format::Text},
    {"email", Field::Email, Format::Email},
    {"first_name", Field::FirstName, Format::Text},
    {"last_name", Field::LastName, Format::Text},
    {"phone", Field::Phone, Format::PhoneE164},
    {"city", Field::City, Format::Text},
    {"state", Field::State, Format::Text},
    {"country", Field::Country, Format::CountryUpper},
    {"zip", Field::Zip, Format::Text},
    {"score", Field::Score, Format::Number},
    {"rank", Field::Rank, Format::Number},
    {"external_ids", Field::ExternalIds, Format::Json},
};

Result<ExportPreset> genericPreset(std::vector<std::string> names)
{
    if (names.empty()) {
        names = {"user_id", "email", "first_name", "last_name", "score", "rank"};
    }
    ExportPreset p{"generic", {}, Requirement::None, {}};
    for (const std::string &name : names) {
        const std::string_view n = trimmed(name);
        if (n.empty() || n.front() == '.' || n.back() == '.' || n.find("..") != std::string_view::npos ||
            n.find('"') != std::string_view::npos) {
            return fail(Error::Code::InvalidInput,
                        "Bad export column name '" + name +
                            "': give a column such as email or score, or a trait path "
                            "such as plan or address.state.");
        }
        PresetColumn c{std::string(n), Field::Trait, Format::Text, false, -1};
        for (const GenericColumn &g : kGeneric) {
            if (n == g.name) {
                c.field = g.field;
                c.format = g.format;
            }
        }
        if (c.field == Field::Trait) {
            c.traitIndex = static_cast<int>(p.traitPaths.size());
            p.traitPaths.emplace_back(n);
        }
        p.columns.push_back(std::move(c));
    }
    return p;
}

std::string externalIds(const MemberRecord &m)
{
    std::string out = "{";
    const std::string_view user = trimmed(m.userId);
    if (!user.empty()) {
        out.append("\"user_id\":");
        appendJsonString(out, user);
    }
    if (!m.anonymousIds.empty()) {
        out.append(out.size() > 1 ? ",\"anonymous_ids\":[" : "\"anonymous_ids\":[");
        for (std::size_t i = 0; i < m.anonymousIds.size(); ++i) {
            if (i > 0) {
                out.push_back(',');
            }
            appendJsonString(out, m.anonymousIds[i]);
        }
        out.push_back(']');
    }
    const std::string email = normalizeEmail(m.email);
    if (!email.empty()) {
        out.append(out.size() > 1 ? ",\"email\":" : "\"email\":");
        appendJsonString(out, email);
    }
    out.push_back('}');
    return out;
}

std::string number(double v)
{
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 6);
    return std::string(buf, r.ptr);
}

std::string upper(std::string s)
{
    for (char &c : s) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return s;
}

const std::string &rawValue(Field field, const MemberRecord &m)
{
    static const std::string kEmpty;
    switch (field) {
    case Field::Email:
        return m.email;
    case Field::FirstName:
        return m.firstName;
    case Field::LastName:
        return m.lastName;
    case Field::Phone:
        return m.phone;
    case Field::City:
        return m.city;
    case Field::State:
        return m.state;
    case Field::Zip:
        return m.zip;
    case Field::Country:
        return m.country;
    case Field::UserId:
        return m.userId;
    default:
        return kEmpty;
    }
}

std::string formatted(Format format, const std::string &raw, const std::string &country,
                      const std::string &callingCode)
{
    switch (format) {
    case Format::Email:
        return normalizeEmail(raw);
    case Format::EmailGoogle:
        return normalizeEmail(raw, EmailRule::Google);
    case Format::PhoneE164:
        return phoneE164(raw, callingCode);
    case Format::PhoneDigits:
        return normalizePhone(raw, callingCode);
    case Format::Name:
        return normalizeName(raw);
    case Format::City:
        return normalizeCity(raw);
    case Format::State:
        return normalizeState(raw, country);
    case Format::Zip:
        return normalizeZip(raw, country);
    case Format::CountryLower:
        return country;
    case Format::CountryUpper:
        return upper(country);
    default:
        return std::string(trimmed(raw));
    }
}

} // namespace

std::vector<std::string> ExportPreset::header() const
{
    std::vector<std::string> out;
    out.reserve(columns.size());
    for (const PresetColumn &c : columns) {
        out.push_back(c.header);
    }
    return out;
}

bool ExportPreset::uses(Field field) const
{
    for (const PresetColumn &c : columns) {
        if (c.field == field) {
            return true;
        }
    }
    return false;
}

std::vector<PresetInfo> presetList()
{
    return {
        {"mailchimp", "Mailchimp", "Mailchimp audience import (Email Address, First Name, Last Name, ...)"},
        {"klaviyo", "Klaviyo", "Klaviyo list import (Email first, then Klaviyo property names)"},
        {"braze", "Braze", "Braze user import (external_id, email, first_name, ... lower case)"},
        {"meta", "Meta custom audience (hashed)",
         "Meta custom audience customer list: identifiers normalised and SHA-256 hashed"},
        {"google", "Google Customer Match", "Google Customer Match, plain (normalised) identifiers"},
        {"google-hashed", "Google Customer Match (hashed)",
         "Google Customer Match with Email, Phone and names SHA-256 hashed; Country, Zip plain"},
        {"segment", "Segment",
         "Segment audience CSV: key,external_ids (JSON of user id, anonymous ids, email)"},
        {"generic", "Generic CSV", "Chosen columns: ids, traits, score, rank"},
    };
}

std::string presetName(const std::string &id)
{
    for (const PresetInfo &p : presetList()) {
        if (p.id == id) {
            return p.name;
        }
    }
    return id;
}

std::vector<std::string> segmentGenericColumns()
{
    return {"user_id", "email", "first_name", "last_name"};
}

std::vector<std::string> genericColumnNames()
{
    std::vector<std::string> out;
    for (const GenericColumn &g : kGeneric) {
        out.emplace_back(g.name);
    }
    return out;
}

Result<ExportPreset> makePreset(const std::string &id, const std::vector<std::string> &columns)
{
    using F = Field;
    using X = Format;
    if (id == "generic") {
        return genericPreset(columns);
    }
    if (id == "mailchimp" || id == "klaviyo") {
        const bool mc = id == "mailchimp";
        return ExportPreset{id,
                            {col(mc ? "Email Address" : "Email", F::Email, X::Email),
                             col("First Name", F::FirstName, X::Text), col("Last Name", F::LastName, X::Text),
                             col("Phone Number", F::Phone, X::PhoneE164), col("City", F::City, X::Text),
                             col("Zip Code", F::Zip, X::Text), col("Country", F::Country, X::CountryUpper)},
                            Requirement::Email,
                            {}};
    }
    if (id == "braze") {
        return ExportPreset{id,
                            {col("external_id", F::UserId, X::Text), col("email", F::Email, X::Email),
                             col("first_name", F::FirstName, X::Text), col("last_name", F::LastName, X::Text),
                             col("country", F::Country, X::CountryUpper),
                             col("phone", F::Phone, X::PhoneE164), col("home_city", F::City, X::Text)},
                            Requirement::UserId,
                            {}};
    }
    if (id == "meta") {
        return ExportPreset{
            id,
            {col("email", F::Email, X::Email, true), col("phone", F::Phone, X::PhoneDigits, true),
             col("fn", F::FirstName, X::Name, true), col("ln", F::LastName, X::Name, true),
             col("ct", F::City, X::City, true), col("st", F::State, X::State, true),
             col("zip", F::Zip, X::Zip, true), col("country", F::Country, X::CountryLower, true)},
            Requirement::EmailOrPhone,
            {}};
    }
    if (id == "google" || id == "google-hashed") {
        const bool h = id == "google-hashed";
        return ExportPreset{
            id,
            {col("Email", F::Email, X::EmailGoogle, h), col("Phone", F::Phone, X::PhoneE164, h),
             col("First Name", F::FirstName, X::Name, h), col("Last Name", F::LastName, X::Name, h),
             col("Country", F::Country, X::CountryUpper), col("Zip", F::Zip, X::Zip)},
            Requirement::EmailOrPhone,
            {}};
    }
    if (id == "segment") {
        return ExportPreset{id,
                            {col("key", F::Key, X::Text), col("external_ids", F::ExternalIds, X::Json)},
                            Requirement::Key,
                            {}};
    }
    std::string known;
    for (const PresetInfo &p : presetList()) {
        known += (known.empty() ? "" : ", ") + p.id;
    }
    return fail(Error::Code::InvalidInput, "Unknown export preset '" + id + "' (known: " + known + ").");
}

namespace {

// "Product name" -> "product_name": lower case, runs of anything but letters and digits as one '_'.
std::string snakeCase(std::string_view name)
{
    std::string out;
    for (const char c : name) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum) {
            out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        } else if (!out.empty() && out.back() != '_') {
            out.push_back('_');
        }
    }
    while (!out.empty() && out.back() == '_') {
        out.pop_back();
    }
    return out.empty() ? "value" : out;
}

// "product_name" -> "Product Name"; "id" -> "ID" (Mailchimp's own labels are title case).
std::string titleCase(const std::string &snake)
{
    if (snake == "id") {
        return "ID";
    }
    std::string out;
    bool start = true;
    for (const char c : snake) {
        if (c == '_') {
            out.push_back(' ');
            start = true;
            continue;
        }
        out.push_back(start && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
        start = false;
    }
    return out;
}

} // namespace

bool presetTakesExtraColumns(const std::string &id)
{
    return id != "meta" && id != "google" && id != "google-hashed";
}

Result<void> addRecommendationColumns(ExportPreset &preset, int count, const std::vector<std::string> &fields)
{
    if (!presetTakesExtraColumns(preset.id)) {
        return fail(Error::Code::InvalidInput,
                    presetName(preset.id) +
                        " audience files take identifiers only, so recommended items cannot go with them: "
                        "export them for an e-mail or messaging tool (Mailchimp, Klaviyo, Braze, Segment, "
                        "generic CSV), or show products through the ad platform's own catalog ads.");
    }
    const bool mailchimp = preset.id == "mailchimp";
    for (int slot = 0; slot < count; ++slot) {
        for (std::size_t f = 0; f < fields.size(); ++f) {
            const std::string name = snakeCase(fields[f]);
            const std::string k = std::to_string(slot + 1);
            PresetColumn c{mailchimp ? "Rec " + k + " " + titleCase(name) : "rec_" + k + "_" + name,
                           Field::Recommended, name == "price" ? Format::Number : Format::Text, false, -1};
            c.recSlot = slot;
            c.recField = static_cast<int>(f);
            preset.columns.push_back(std::move(c));
        }
    }
    return {};
}

namespace {

// Why the row lacks what the requirement needs, nullptr when it has it. email / phone: the row's e-mail /
// phone cells are not empty.
const char *missingIdentifier(Requirement requirement, const MemberRecord &member, bool email, bool phone)
{
    switch (requirement) {
    case Requirement::Email:
        return email ? nullptr : "no valid email";
    case Requirement::EmailOrPhone:
        return email || phone ? nullptr : "no valid email or phone";
    case Requirement::UserId:
        return trimmed(member.userId).empty() ? "no user id" : nullptr;
    case Requirement::Key:
        return trimmed(member.userId).empty() && member.anonymousIds.empty() ? "no user or anonymous id"
                                                                             : nullptr;
    case Requirement::None:
        break;
    }
    return nullptr;
}

} // namespace

RowFormatter::RowFormatter(ExportPreset preset, const std::string &defaultCountry)
    : m_preset(std::move(preset)), m_defaultCallingCode(callingCode(normalizeCountry(defaultCountry))),
      m_needsCountry(m_preset.uses(Field::Country) || m_preset.uses(Field::Phone) ||
                     m_preset.uses(Field::Zip) || m_preset.uses(Field::State))
{}

void RowFormatter::cell(const PresetColumn &column, const MemberRecord &m, const std::string &country,
                        const std::string &callingCode, std::string &out) const
{
    switch (column.field) {
    case Field::AnonymousId:
        out.assign(m.anonymousIds.empty() ? std::string_view() : std::string_view(m.anonymousIds.front()));
        return;
    case Field::Key: {
        const std::string_view user = trimmed(m.userId);
        out.assign(!user.empty()            ? user
                   : m.anonymousIds.empty() ? std::string_view()
                                            : m.anonymousIds.front());
        return;
    }
    case Field::ExternalIds:
        out = externalIds(m);
        return;
    case Field::Score:
        out = number(m.score);
        return;
    case Field::Rank:
        out = std::to_string(m.rank);
        return;
    case Field::Trait:
        out.assign(trimmed(m.traits.at(static_cast<std::size_t>(column.traitIndex))));
        return;
    case Field::Recommended:
        if (m_recommendations) {
            out.assign(m_recommendations->cell(m.profileId, column.recSlot, column.recField));
        } else {
            out.clear();
        }
        return;
    default:
        break;
    }
    const std::string &raw = rawValue(column.field, m);
    if (column.format == Format::Text) {
        out.assign(trimmed(raw)); // reuses out's capacity: no allocation per row
        return;
    }
    std::string value = formatted(column.format, raw, country, callingCode);
    out = column.hashed ? hashed(raw, value) : std::move(value);
}

const char *RowFormatter::format(const MemberRecord &member, std::vector<std::string> &cells) const
{
    const std::string country = m_needsCountry ? normalizeCountry(member.country) : std::string();
    std::string calling(m_needsCountry ? exports::callingCode(country) : std::string_view());
    if (calling.empty()) {
        calling = m_defaultCallingCode;
    }
    cells.resize(m_preset.columns.size());
    bool email = false;
    bool phone = false;
    for (std::size_t i = 0; i < m_preset.columns.size(); ++i) {
        const PresetColumn &c = m_preset.columns[i];
        cell(c, member, country, calling, cells[i]);
        email = email || (c.field == Field::Email && !cells[i].empty());
        phone = phone || (c.field == Field::Phone && !cells[i].empty());
    }
    if (const char *missing = missingIdentifier(m_preset.requirement, member, email, phone)) {
        return missing;
    }
    return m_consent ? m_consent->leaveOutReason(member) : nullptr;
}

} // namespace awb::exports
