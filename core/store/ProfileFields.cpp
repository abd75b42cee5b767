// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ProfileFields.h"

#include "common/Text.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <array>
#include <utility>

namespace awb::store {

namespace {

/// Lower case ASCII without spaces, '_', '-' and '.'.
std::string squeezed(std::string_view name)
{
    std::string out;
    out.reserve(name.size());
    for (const char c : name) {
        if (c == ' ' || c == '_' || c == '-' || c == '.' || c == '\t') {
            continue;
        }
        out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

using F = ProfileField;
constexpr std::pair<std::string_view, ProfileField> kNames[] = {
    {"email", F::Email},
    {"emailaddress", F::Email},
    {"mail", F::Email},
    {"firstname", F::FirstName},
    {"givenname", F::FirstName},
    {"forename", F::FirstName},
    {"lastname", F::LastName},
    {"surname", F::LastName},
    {"familyname", F::LastName},
    {"phone", F::Phone},
    {"phonenumber", F::Phone},
    {"mobile", F::Phone},
    {"mobilephone", F::Phone},
    {"telephone", F::Phone},
    {"city", F::City},
    {"town", F::City},
    {"state", F::Region},
    {"province", F::Region},
    {"region", F::Region},
    {"stateprovince", F::Region},
    {"stateorprovince", F::Region},
    {"country", F::Country},
    {"countrycode", F::Country},
    {"zip", F::PostalCode},
    {"zipcode", F::PostalCode},
    {"zipcodeprefix", F::PostalCode},
    {"postalcode", F::PostalCode},
    {"postcode", F::PostalCode},
    {"birthday", F::Birthday},
    {"birthdate", F::Birthday},
    {"dateofbirth", F::Birthday},
    {"dob", F::Birthday},
    {"gender", F::Gender},
    {"sex", F::Gender},
    {"acceptsmarketing", F::EmailConsent},
    {"acceptsemailmarketing", F::EmailConsent},
    {"emailoptin", F::EmailConsent},
    {"optin", F::EmailConsent},
    {"optedin", F::EmailConsent},
    {"subscribed", F::EmailConsent},
    {"emailsubscribed", F::EmailConsent},
    {"consent", F::EmailConsent},
    {"emailconsent", F::EmailConsent},
    {"marketingconsent", F::EmailConsent},
    {"marketingoptin", F::EmailConsent},
    {"newsletter", F::EmailConsent},
    {"newslettersubscribed", F::EmailConsent},
    {"emailmarketingconsent", F::EmailConsent},
};

constexpr std::array<std::string_view, 4> kPrefixes = {"customer", "billing", "contact", "address"};

std::optional<ProfileField> exact(std::string_view squeezedName)
{
    for (const auto &[name, field] : kNames) {
        if (name == squeezedName) {
            return field;
        }
    }
    return std::nullopt;
}

void addValue(const QString &key, const QJsonValue &value, std::vector<ProfileAttribute> &out,
              std::string &email);

void addObject(const QString &prefix, const QJsonObject &object, std::vector<ProfileAttribute> &out,
               std::string &email)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        addValue(prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key(), it.value(), out, email);
    }
}

void addValue(const QString &key, const QJsonValue &value, std::vector<ProfileAttribute> &out,
              std::string &email)
{
    std::string text;
    switch (value.type()) {
    case QJsonValue::Object:
        addObject(key, value.toObject(), out, email);
        return;
    case QJsonValue::Array:
        text = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact).toStdString();
        break;
    case QJsonValue::Bool:
        text = value.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double:
        text = QJsonValue(value).toVariant().toString().toStdString();
        break;
    case QJsonValue::String:
        text = trimmed(value.toString().toStdString());
        break;
    default:
        return;
    }
    if (text.empty()) {
        return;
    }
    const std::string name = key.toStdString();
    const std::optional<ProfileField> field = recogniseProfileField(name);
    if (field == ProfileField::Email) {
        email = std::move(text);
        return;
    }
    if (field == ProfileField::EmailConsent) {
        bool ok = true;
        const std::optional<bool> consent = parseConsent(text, ok);
        if (consent) {
            out.push_back({"email_consent", *consent ? "true" : "false"});
            return;
        }
    } else if (field) {
        out.push_back({std::string(profileFieldKey(*field)), std::move(text)});
        return;
    }
    out.push_back({name, std::move(text)}); // not recognised (or an unreadable consent): as it is
}

} // namespace

std::string_view profileFieldKey(ProfileField field)
{
    switch (field) {
    case F::Email:
        return "email";
    case F::FirstName:
        return "first_name";
    case F::LastName:
        return "last_name";
    case F::Phone:
        return "phone";
    case F::City:
        return "city";
    case F::Region:
        return "region";
    case F::Country:
        return "country";
    case F::PostalCode:
        return "postal_code";
    case F::Birthday:
        return "birthday";
    case F::Gender:
        return "gender";
    case F::EmailConsent:
        return "email_consent";
    }
    return {};
}

std::optional<ProfileField> recogniseProfileField(std::string_view name)
{
    const std::string s = squeezed(name);
    if (const auto field = exact(s)) {
        return field;
    }
    for (const std::string_view prefix : kPrefixes) {
        if (s.size() > prefix.size() && std::string_view(s).starts_with(prefix)) {
            if (const auto field = exact(std::string_view(s).substr(prefix.size()))) {
                return field;
            }
        }
    }
    return std::nullopt;
}

std::optional<int> userIdColumnRank(std::string_view name)
{
    constexpr std::array<std::string_view, 5> kRanked = {"userid", "externalid", "customeruniqueid",
                                                         "customerid", "id"};
    const std::string s = squeezed(name);
    for (std::size_t i = 0; i < kRanked.size(); ++i) {
        if (s == kRanked[i]) {
            return static_cast<int>(i);
        }
    }
    return std::nullopt;
}

std::optional<bool> parseConsent(std::string_view value, bool &ok)
{
    const std::string s = squeezed(trimmed(value));
    ok = true;
    if (s.empty()) {
        return std::nullopt;
    }
    for (const std::string_view yes : {"true", "yes", "y", "1", "t", "subscribed", "optedin", "optin"}) {
        if (s == yes) {
            return true;
        }
    }
    for (const std::string_view no : {"false", "no", "n", "0", "f", "unsubscribed", "optedout", "optout"}) {
        if (s == no) {
            return false;
        }
    }
    ok = false;
    return std::nullopt;
}

std::vector<ProfileAttribute> attributesFromTraits(std::string_view json, std::string &email)
{
    std::vector<ProfileAttribute> out;
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray(json.data(), static_cast<qsizetype>(json.size())));
    if (doc.isObject()) {
        addObject({}, doc.object(), out, email);
    }
    return out;
}

} // namespace awb::store
