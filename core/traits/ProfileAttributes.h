// SPDX-License-Identifier: GPL-3.0-or-later
// Profile attributes (profile_attributes: recognised fields such as city or birthday, and custom ones from
// identify calls or `awb import --profiles`) as trait columns in group "Profile", so rules test them the way
// they test every other trait (one evaluator, one JSON form, one editor). Values are stored as text; each
// attribute gets one kind from all its stored values: number when every value reads as a number, else
// boolean when every value is true / false / yes / no (any case), else date when every value is a date
// (2026-10-01) or an ISO 8601 time, else text. Names, phone, city, region, country, postal code and gender
// are always text ("01234" stays a postal code). The e-mail consent attribute is left out: it is the
// "email_consent" reachability trait.
#pragma once

#include "traits/TraitTable.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace awb::store {
class Database;
}

namespace awb::traits {

inline constexpr std::string_view kAttributePrefix = "attribute:";

/// The trait of attribute key: id "attribute:KEY", group "Profile", a label for recognised fields ("City",
/// "State / region", "ZIP / postal code") else the key as stored.
TraitInfo attributeInfo(const std::string &key, TraitKind kind);

/// The attribute key of a trait id ("attribute:city" -> "city"); nullopt for other traits.
std::optional<std::string> attributeKey(std::string_view id);

/// Decides an attribute's kind from its values, one at a time (see the file comment).
class AttributeKindGuess
{
public:
    explicit AttributeKindGuess(const std::string &key);
    void see(std::string_view value);
    TraitKind kind() const;

private:
    bool m_alwaysText = false;
    bool m_number = true;
    bool m_boolean = true;
    bool m_date = true;
};

/// A stored value read as a number, a boolean or a date (UTC ms of its start); nullopt when it is not one.
std::optional<double> attributeNumber(std::string_view value);
std::optional<bool> attributeBoolean(std::string_view value);
std::optional<std::int64_t> attributeDate(std::string_view value);

/// Every attribute in the store (but e-mail consent), sorted by key, with its kind. Reads the distinct
/// values once (the key/value index covers it).
std::vector<TraitInfo> readAttributeInfos(store::Database &db);

/// Appends one column per attribute of readAttributeInfos with the values of table.profileIds (profiles
/// without the attribute: not set). Text dictionaries are ordered most frequent value first, so the editor
/// offers known values in that order.
void addAttributeColumns(store::Database &db, TraitTable &table);

} // namespace awb::traits
