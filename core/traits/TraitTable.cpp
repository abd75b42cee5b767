// SPDX-License-Identifier: GPL-3.0-or-later
#include "traits/TraitTable.h"

#include "ingest/Timestamp.h"

#include <algorithm>
#include <charconv>

namespace awb::traits {

namespace {
std::string number(double v)
{
    char buf[32];
    // Shortest text that reads back to the same double.
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}
} // namespace

std::string TraitColumn::display(std::size_t row) const
{
    if (!isSet(row)) {
        return {};
    }
    switch (info.kind) {
    case TraitKind::Number:
        return number(numbers[row]);
    case TraitKind::Date:
        return ingest::formatTimestamp(dates[row]);
    case TraitKind::Text:
    case TraitKind::Boolean: // dictionary {"false", "true"}
        return dictionary[static_cast<std::size_t>(codes[row])];
    }
    return {};
}

std::int32_t TraitColumn::codeOf(const std::string &value) const
{
    const auto it = std::find(dictionary.begin(), dictionary.end(), value);
    return it == dictionary.end() ? kNoText : static_cast<std::int32_t>(it - dictionary.begin());
}

std::int32_t CatalogColumnValues::valueIndex(const std::string &value) const
{
    const auto it = std::lower_bound(values.begin(), values.end(), value);
    return it != values.end() && *it == value ? static_cast<std::int32_t>(it - values.begin()) : -1;
}

const TraitColumn *TraitTable::column(const std::string &id) const
{
    const auto it =
        std::find_if(columns.begin(), columns.end(), [&](const TraitColumn &c) { return c.info.id == id; });
    return it == columns.end() ? nullptr : &*it;
}

const CatalogColumnValues *TraitTable::catalogColumn(const std::string &name) const
{
    const auto it = std::find_if(catalog.begin(), catalog.end(),
                                 [&](const CatalogColumnValues &c) { return c.column == name; });
    return it == catalog.end() ? nullptr : &*it;
}

const MembershipList *TraitTable::membership(const std::string &kind, const std::string &name) const
{
    const auto it = std::find_if(memberships.begin(), memberships.end(),
                                 [&](const MembershipList &m) { return m.kind == kind && m.name == name; });
    return it == memberships.end() ? nullptr : &*it;
}

std::optional<std::size_t> TraitTable::rowOf(std::int64_t profileId) const
{
    const auto it = std::lower_bound(profileIds.begin(), profileIds.end(), profileId);
    if (it == profileIds.end() || *it != profileId) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(it - profileIds.begin());
}

std::vector<TraitInfo> TraitTable::infos() const
{
    std::vector<TraitInfo> out;
    for (const TraitColumn &c : columns) {
        out.push_back(c.info);
    }
    if (!catalog.empty()) {
        for (const TraitInfo &info : perValueTraitInfos()) {
            out.push_back(info);
        }
    }
    return out;
}

std::optional<TraitColumn> materializeValueTrait(const TraitTable &table, const std::string &id,
                                                 const std::string &column, const std::string &value)
{
    const CatalogColumnValues *values = table.catalogColumn(column);
    const std::vector<TraitInfo> &infos = perValueTraitInfos();
    const auto info =
        std::find_if(infos.begin(), infos.end(), [&](const TraitInfo &i) { return i.id == id; });
    if (values == nullptr || info == infos.end()) {
        return std::nullopt;
    }
    const std::int32_t wanted = values->valueIndex(value);
    if (wanted < 0) {
        return std::nullopt;
    }
    TraitColumn out;
    out.info = *info;
    out.info.id = id + ":" + column + "=" + value;
    const std::size_t n = table.size();
    if (info->kind == TraitKind::Date) {
        out.dates.assign(n, kNoDate);
    } else {
        out.numbers.assign(n, 0.0);
    }
    for (std::size_t r = 0; r < n; ++r) {
        for (auto e = values->rowStart[r]; e < values->rowStart[r + 1]; ++e) {
            const ValueStat &s = values->entries[static_cast<std::size_t>(e)];
            if (s.value != wanted) {
                continue;
            }
            if (id == "value_purchases") {
                out.numbers[r] = s.purchases;
            } else if (id == "value_spend") {
                out.numbers[r] = s.spend;
            } else {
                out.dates[r] = s.lastPurchase;
            }
        }
    }
    return out;
}

} // namespace awb::traits
