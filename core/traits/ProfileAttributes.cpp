// SPDX-License-Identifier: GPL-3.0-or-later
#include "traits/ProfileAttributes.h"

#include "common/Text.h"
#include "ingest/Timestamp.h"
#include "store/Database.h"
#include "store/ProfileFields.h"
#include "traits/TraitColumns.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_map>

namespace awb::traits {

namespace {

using store::ProfileField;

struct Recognised
{
    ProfileField field;
    const char *label;
    const char *what;
    bool alwaysText;
};

constexpr Recognised kRecognised[] = {
    {ProfileField::FirstName, "First name", "first name", true},
    {ProfileField::LastName, "Last name", "last name", true},
    {ProfileField::Phone, "Phone", "phone number", true},
    {ProfileField::City, "City", "city", true},
    {ProfileField::Region, "State / region", "state, province or region", true},
    {ProfileField::Country, "Country", "country", true},
    {ProfileField::PostalCode, "ZIP / postal code", "ZIP or postal code", true},
    {ProfileField::Birthday, "Birthday", "birthday", false},
    {ProfileField::Gender, "Gender", "gender", true},
};

const Recognised *recognised(const std::string &key)
{
    for (const Recognised &r : kRecognised) {
        if (store::profileFieldKey(r.field) == key) {
            return &r;
        }
    }
    return nullptr;
}

const char *kindWord(TraitKind kind)
{
    switch (kind) {
    case TraitKind::Number:
        return "number";
    case TraitKind::Date:
        return "date";
    case TraitKind::Text:
        return "text";
    case TraitKind::Boolean:
        return "true / false";
    }
    return "";
}

bool isConsent(std::string_view key)
{
    return key == store::profileFieldKey(ProfileField::EmailConsent);
}

struct DistinctValue
{
    std::string value;
    std::int64_t profiles = 0;
};

struct AttributeValues
{
    std::string key;
    AttributeKindGuess guess;
    std::vector<DistinctValue> values; ///< only when asked for
};

// One pass over the distinct (key, value) pairs, in key order (the key/value index).
std::vector<AttributeValues> readDistinct(store::Database &db, bool keepValues)
{
    std::vector<AttributeValues> out;
    auto st = db.prepare("SELECT key, value, count(*) FROM profile_attributes GROUP BY key, value");
    while (st.step()) {
        const std::string_view key = st.textView(0);
        if (isConsent(key)) {
            continue;
        }
        if (out.empty() || out.back().key != key) {
            const std::string k(key);
            out.push_back({k, AttributeKindGuess(k), {}});
        }
        const std::string_view value = st.textView(1);
        out.back().guess.see(value);
        if (keepValues) {
            out.back().values.push_back({std::string(value), st.int64(2)});
        }
    }
    return out;
}

std::string description(const std::string &key, TraitKind kind)
{
    const Recognised *r = recognised(key);
    const std::string what =
        r ? std::string("The profile's ") + r->what : "Profile attribute \"" + key + "\"";
    return what + " (" + kindWord(kind) +
           "), from imported profiles or identify calls; not set for profiles without it.";
}

void fill(TraitColumn &column, std::size_t row, std::string_view value,
          const std::unordered_map<std::string_view, std::int32_t> &codes)
{
    switch (column.info.kind) {
    case TraitKind::Number:
        column.numbers[row] = attributeNumber(value).value_or(std::nan(""));
        return;
    case TraitKind::Date:
        column.dates[row] = attributeDate(value).value_or(kNoDate);
        return;
    case TraitKind::Boolean:
        if (const auto b = attributeBoolean(value)) {
            column.codes[row] = *b ? 1 : 0;
        }
        return;
    case TraitKind::Text:
        if (const auto it = codes.find(value); it != codes.end()) {
            column.codes[row] = it->second;
        }
        return;
    }
}

} // namespace

TraitInfo attributeInfo(const std::string &key, TraitKind kind)
{
    const Recognised *r = recognised(key);
    return {std::string(kAttributePrefix) + key, r ? r->label : key, "Profile", kind, description(key, kind)};
}

std::optional<std::string> attributeKey(std::string_view id)
{
    if (id.size() <= kAttributePrefix.size() || !id.starts_with(kAttributePrefix)) {
        return std::nullopt;
    }
    return std::string(id.substr(kAttributePrefix.size()));
}

AttributeKindGuess::AttributeKindGuess(const std::string &key)
{
    const Recognised *r = recognised(key);
    m_alwaysText = r != nullptr && r->alwaysText;
}

void AttributeKindGuess::see(std::string_view value)
{
    m_number = m_number && attributeNumber(value).has_value();
    m_boolean = m_boolean && attributeBoolean(value).has_value();
    m_date = m_date && attributeDate(value).has_value();
}

TraitKind AttributeKindGuess::kind() const
{
    if (m_alwaysText) {
        return TraitKind::Text;
    }
    return m_number    ? TraitKind::Number
           : m_boolean ? TraitKind::Boolean
           : m_date    ? TraitKind::Date
                       : TraitKind::Text;
}

std::optional<double> attributeNumber(std::string_view value)
{
    const std::string_view s = trimmed(value);
    double v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(v)) {
        return std::nullopt;
    }
    return v;
}

std::optional<bool> attributeBoolean(std::string_view value)
{
    std::string s(trimmed(value));
    std::transform(s.begin(), s.end(), s.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    if (s == "true" || s == "yes") {
        return true;
    }
    if (s == "false" || s == "no") {
        return false;
    }
    return std::nullopt;
}

std::optional<std::int64_t> attributeDate(std::string_view value)
{
    // The dates a rule may hold (segments::dateRange): "YYYY-MM-DD" or an ISO 8601 time, not a Unix time.
    const std::string_view s = trimmed(value);
    if (s.size() < 10 || s[4] != '-') {
        return std::nullopt;
    }
    return ingest::parseTimestamp(s);
}

std::vector<TraitInfo> readAttributeInfos(store::Database &db)
{
    std::vector<TraitInfo> out;
    for (const AttributeValues &a : readDistinct(db, false)) {
        out.push_back(attributeInfo(a.key, a.guess.kind()));
    }
    return out;
}

void addAttributeColumns(store::Database &db, TraitTable &table)
{
    std::vector<AttributeValues> attributes = readDistinct(db, true);
    std::unordered_map<std::string, std::size_t> columnOf;
    std::vector<std::unordered_map<std::string_view, std::int32_t>> codes(attributes.size());
    const std::size_t first = table.columns.size();
    for (std::size_t a = 0; a < attributes.size(); ++a) {
        AttributeValues &attr = attributes[a];
        const TraitKind kind = attr.guess.kind();
        std::vector<std::string> dictionary;
        if (kind == TraitKind::Boolean) {
            dictionary = {"false", "true"};
        } else if (kind == TraitKind::Text) {
            std::stable_sort(
                attr.values.begin(), attr.values.end(),
                [](const DistinctValue &x, const DistinctValue &y) { return x.profiles > y.profiles; });
            for (const DistinctValue &v : attr.values) {
                dictionary.push_back(v.value);
            }
        }
        addTextColumn(table, attributeInfo(attr.key, kind), std::move(dictionary));
        columnOf.emplace(attr.key, first + a);
    }
    // The dictionaries are final now: their strings can be looked up by view.
    for (std::size_t a = 0; a < attributes.size(); ++a) {
        const std::vector<std::string> &dictionary = table.columns[first + a].dictionary;
        for (std::size_t i = 0; i < dictionary.size(); ++i) {
            codes[a].emplace(dictionary[i], static_cast<std::int32_t>(i));
        }
    }
    auto st = db.prepare("SELECT profile_id, key, value FROM profile_attributes");
    while (st.step()) {
        const auto column = columnOf.find(std::string(st.textView(1)));
        const auto row = table.rowOf(st.int64(0));
        if (column == columnOf.end() || !row) {
            continue;
        }
        fill(table.columns[column->second], *row, st.textView(2), codes[column->second - first]);
    }
}

} // namespace awb::traits
