// SPDX-License-Identifier: GPL-3.0-or-later
// The profile attributes the store knows by name (email, names, address, birthday, gender, e-mail
// consent), how column headers and identify traits are recognised as them, and how consent is written.
// Attributes live in one place: profiles.email and the profile_attributes table (key, value as text).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace awb::store {

enum class ProfileField
{
    Email, ///< stored in profiles.email, not in profile_attributes
    FirstName,
    LastName,
    Phone,
    City,
    Region, ///< state, province or region
    Country,
    PostalCode,
    Birthday,
    Gender,
    EmailConsent, ///< "true" or "false"; no row = unknown
};

/// The profile_attributes key of a field: "first_name", "last_name", "phone", "city", "region", "country",
/// "postal_code", "birthday", "gender", "email_consent" ("email" for Email, which lives in profiles.email).
std::string_view profileFieldKey(ProfileField field);

/// The field a CSV header or trait name stands for, or nullopt. Case, spaces, '_', '-' and '.' are ignored
/// ("Email Address", "first_name", "Zip Code", "address.postalCode"), and so is a leading "customer",
/// "billing", "contact" or "address" ("customer_city"). Consent: "accepts_marketing", "email_opt_in",
/// "subscribed", "consent" and the like.
std::optional<ProfileField> recogniseProfileField(std::string_view name);

/// Whether name stands for a user id column ("user_id", "External ID", "customer_unique_id", ...); a lower
/// rank is a better match (user id 0, external id 1, customer unique id 2, customer id 3, id 4).
std::optional<int> userIdColumnRank(std::string_view name);

/// A consent value: true / yes / y / 1 / t / subscribed / opted in, false / no / n / 0 / f / unsubscribed
/// (case ignored). Empty text is nullopt with ok = true (unknown); anything else is nullopt with ok = false.
std::optional<bool> parseConsent(std::string_view value, bool &ok);

struct ProfileAttribute
{
    std::string key;
    std::string value;
    bool operator==(const ProfileAttribute &) const = default;
};

/// Turns an identify call's traits object into attributes: recognised traits (at the top level or under
/// "address") under their keys, the e-mail into email, anything else under its dotted path ("plan",
/// "company.name") with numbers and booleans as written and arrays as JSON text. Null and empty values
/// are left out. Not a JSON object: nothing.
std::vector<ProfileAttribute> attributesFromTraits(std::string_view json, std::string &email);

} // namespace awb::store
