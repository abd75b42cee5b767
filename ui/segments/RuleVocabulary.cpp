// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/RuleVocabulary.h"

#include "segments/EventPropertyCache.h"
#include "segments/Rule.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>

namespace awb::ui {

namespace {

// Groups in the order a picker shows them; unknown groups go last in the order met.
const char *const kGroupOrder[] = {"Purchases",  "Catalog",    "Visits",  "Discounts",   "RFM",
                                   "Predictive", "Membership", "Profile", "Reachability"};
// Known texts offered per trait (dictionaries are most frequent first for profile attributes): a picker
// of every first name of a large shop would be unusable.
constexpr qsizetype kMaxKnownValues = 500;

const char *const kKeyTraits[] = {"total_spend", "order_count", "last_purchase", "rfm_group"};
constexpr std::size_t kMaxKeyTraits = 5;

void collectTraits(const segments::Node &node, std::vector<std::string> &out)
{
    if (node.type == segments::Node::Type::Group) {
        for (const segments::Node &child : node.children) {
            collectTraits(child, out);
        }
    } else if (node.type == segments::Node::Type::Trait &&
               std::find(out.begin(), out.end(), node.trait.trait) == out.end()) {
        out.push_back(node.trait.trait);
    }
}

int groupRank(const std::string &group)
{
    const auto *end = std::end(kGroupOrder);
    return static_cast<int>(std::find(std::begin(kGroupOrder), end, group) - std::begin(kGroupOrder));
}

TraitChoice choiceOf(const traits::TraitColumn &column)
{
    TraitChoice c;
    c.info = column.info;
    if (column.info.kind == traits::TraitKind::Text) {
        for (const std::string &v : column.dictionary) {
            if (c.values.size() == kMaxKnownValues) {
                c.allValuesKnown = false;
                break;
            }
            c.values << QString::fromStdString(v);
        }
    } else if (column.info.kind == traits::TraitKind::Number) {
        std::vector<double> known;
        known.reserve(column.numbers.size());
        for (const double v : column.numbers) {
            if (!std::isnan(v)) {
                known.push_back(v);
            }
        }
        c.integral = std::all_of(known.begin(), known.end(), [](double v) { return v == std::floor(v); });
        for (const double v : known) {
            c.largest = std::max(c.largest, std::abs(v));
        }
        // Typical among the profiles that have some of it (most have no orders, so no spend).
        std::vector<double> positive;
        std::copy_if(known.begin(), known.end(), std::back_inserter(positive),
                     [](double v) { return v != 0; });
        if (!positive.empty()) {
            known.swap(positive);
        }
        if (!known.empty()) {
            const auto mid = known.begin() + static_cast<std::ptrdiff_t>(known.size() / 2);
            std::nth_element(known.begin(), mid, known.end());
            c.typical = *mid;
        }
    }
    return c;
}

ColumnChoice columnOf(const traits::CatalogColumnValues &column)
{
    std::vector<std::int64_t> buyers(column.values.size(), 0);
    for (const traits::ValueStat &s : column.entries) {
        ++buyers[static_cast<std::size_t>(s.value)];
    }
    std::vector<std::size_t> order(column.values.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return buyers[a] > buyers[b]; });
    ColumnChoice c{QString::fromStdString(column.column), {}};
    for (const std::size_t i : order) {
        c.values << QString::fromStdString(column.values[i]);
    }
    return c;
}

} // namespace

const TraitChoice *RuleVocabulary::trait(const std::string &id) const
{
    const auto it =
        std::find_if(traits.begin(), traits.end(), [&](const TraitChoice &c) { return c.info.id == id; });
    return it == traits.end() ? nullptr : &*it;
}

const ColumnChoice *RuleVocabulary::column(const QString &name) const
{
    const auto it =
        std::find_if(columns.begin(), columns.end(), [&](const ColumnChoice &c) { return c.column == name; });
    return it == columns.end() ? nullptr : &*it;
}

std::vector<std::string> RuleVocabulary::keyTraits(const segments::Rule &rule) const
{
    std::vector<std::string> ids;
    collectTraits(rule.root, ids);
    // Per-value traits have no single value per profile to show.
    ids.erase(std::remove_if(ids.begin(), ids.end(),
                             [this](const std::string &id) { return !trait(id) || trait(id)->perValue; }),
              ids.end());
    for (const char *id : kKeyTraits) {
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
            ids.emplace_back(id);
        }
    }
    ids.resize(std::min(ids.size(), kMaxKeyTraits));
    return ids;
}

const QStringList &RuleVocabulary::names(int membershipKind) const
{
    switch (static_cast<segments::MembershipKind>(membershipKind)) {
    case segments::MembershipKind::Segment:
        return segments;
    case segments::MembershipKind::Audience:
        return audiences;
    case segments::MembershipKind::Exported:
        return exported;
    }
    return segments;
}

const std::vector<segments::EventProperty> &RuleVocabulary::propertiesOf(const QString &event) const
{
    static const std::vector<segments::EventProperty> none;
    return eventProperties ? eventProperties->of(event) : none;
}

RuleVocabulary RuleVocabulary::build(const traits::TraitTable &table, QStringList events,
                                     QStringList segments)
{
    RuleVocabulary v;
    v.nowMs = table.nowMs;
    for (const traits::TraitColumn &column : table.columns) {
        v.traits.push_back(choiceOf(column));
    }
    if (!table.catalog.empty()) {
        for (const traits::TraitInfo &info : traits::perValueTraitInfos()) {
            TraitChoice c;
            c.info = info;
            c.perValue = true;
            c.integral = info.id == "value_purchases";
            c.typical = 1;
            c.largest = info.id == "value_spend" ? 100 : 1;
            v.traits.push_back(std::move(c));
        }
    }
    std::stable_sort(v.traits.begin(), v.traits.end(), [](const TraitChoice &a, const TraitChoice &b) {
        return groupRank(a.info.group) < groupRank(b.info.group);
    });
    for (const traits::CatalogColumnValues &column : table.catalog) {
        v.columns.push_back(columnOf(column));
    }
    for (const traits::MembershipList &m : table.memberships) {
        (m.kind == "audience" ? v.audiences : v.exported) << QString::fromStdString(m.name);
    }
    v.events = std::move(events);
    v.segments = std::move(segments);
    return v;
}

} // namespace awb::ui
