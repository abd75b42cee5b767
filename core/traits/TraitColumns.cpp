// SPDX-License-Identifier: GPL-3.0-or-later
#include "traits/TraitColumns.h"

#include "traits/Scores.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace awb::traits {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// An id missing from the table is a programming error, caught by every trait test.
const TraitInfo &fixedInfo(std::string_view id)
{
    const std::vector<TraitInfo> &infos = fixedTraitInfos();
    const auto it = std::find_if(infos.begin(), infos.end(), [&](const TraitInfo &t) { return t.id == id; });
    if (it == infos.end()) {
        throw std::logic_error("no trait info for " + std::string(id));
    }
    return *it;
}

double wholeDays(std::int64_t now, std::int64_t then)
{
    return then == kNoDate ? kNaN : std::floor(static_cast<double>(now - then) / static_cast<double>(kDayMs));
}

void addPurchaseColumns(TraitTable &t, const std::vector<ProfileStats> &stats)
{
    auto &spend = addColumn(t, "total_spend");
    auto &orders = addColumn(t, "order_count");
    auto &aov = addColumn(t, "average_order_value");
    auto &first = addColumn(t, "first_purchase");
    auto &last = addColumn(t, "last_purchase");
    auto &since = addColumn(t, "days_since_last_purchase");
    auto &refunds = addColumn(t, "refund_count");
    auto &refunded = addColumn(t, "refund_amount");
    for (std::size_t r = 0; r < t.size(); ++r) {
        const ProfileStats &s = stats[r];
        spend.numbers[r] = s.spend;
        orders.numbers[r] = s.orders;
        aov.numbers[r] = s.orders > 0 ? s.spend / s.orders : kNaN;
        first.dates[r] = s.firstPurchase;
        last.dates[r] = s.lastPurchase;
        since.numbers[r] = wholeDays(t.nowMs, s.lastPurchase);
        refunds.numbers[r] = s.refunds;
        refunded.numbers[r] = s.refundAmount;
    }
}

void addVisitColumns(TraitTable &t, const std::vector<ProfileStats> &stats)
{
    auto &first = addColumn(t, "first_seen");
    auto &last = addColumn(t, "last_seen");
    auto &sinceFirst = addColumn(t, "days_since_first_seen");
    auto &sinceLast = addColumn(t, "days_since_last_seen");
    auto &events = addColumn(t, "event_count");
    auto &sessions = addColumn(t, "sessions");
    auto &type = addTextColumn(t, "visitor_type", {"New", "Returning"});
    for (std::size_t r = 0; r < t.size(); ++r) {
        const ProfileStats &s = stats[r];
        first.dates[r] = s.firstSeen;
        last.dates[r] = s.lastSeen;
        sinceFirst.numbers[r] = wholeDays(t.nowMs, s.firstSeen);
        sinceLast.numbers[r] = wholeDays(t.nowMs, s.lastSeen);
        events.numbers[r] = s.events;
        sessions.numbers[r] = s.sessions;
        type.codes[r] = s.sessions == 0 ? kNoText : (s.sessions == 1 ? 0 : 1);
    }
}

void addDiscountColumns(TraitTable &t, const std::vector<ProfileStats> &stats)
{
    auto &items = addColumn(t, "discount_item_share");
    auto &orders = addColumn(t, "discount_order_share");
    auto &band = addTextColumn(t, "discount_affinity", {"High", "Mid", "Low"});
    for (std::size_t r = 0; r < t.size(); ++r) {
        const ProfileStats &s = stats[r];
        items.numbers[r] = s.items > 0 ? static_cast<double>(s.discountedItems) / s.items : kNaN;
        orders.numbers[r] = s.orders > 0 ? static_cast<double>(s.discountedOrders) / s.orders : kNaN;
        band.codes[r] = band.codeOf(discountBand(items.numbers[r]));
    }
}

void addRfmColumns(TraitTable &t, const std::vector<ProfileStats> &stats)
{
    const std::size_t n = t.size();
    std::vector<bool> buyers(n);
    std::vector<double> recency(n), frequency(n), monetary(n);
    for (std::size_t r = 0; r < n; ++r) {
        buyers[r] = stats[r].orders > 0;
        recency[r] = static_cast<double>(stats[r].lastPurchase);
        frequency[r] = stats[r].orders;
        monetary[r] = stats[r].spend;
    }
    const std::vector<int> scores[3] = {quintileScores(recency, buyers), quintileScores(frequency, buyers),
                                        quintileScores(monetary, buyers)};
    TraitColumn *cols[3] = {
        &addColumn(t, "rfm_recency"),
        &addColumn(t, "rfm_frequency"),
        &addColumn(t, "rfm_monetary"),
    };
    auto &group = addTextColumn(t, "rfm_group", rfmGroupNames());
    for (std::size_t r = 0; r < n; ++r) {
        if (!buyers[r]) {
            continue;
        }
        for (int k = 0; k < 3; ++k) {
            cols[k]->numbers[r] = scores[k][r];
        }
        group.codes[r] = group.codeOf(rfmGroup(scores[0][r], scores[1][r]));
    }
}

} // namespace

TraitColumn &addColumn(TraitTable &table, TraitInfo info)
{
    TraitColumn c;
    const std::size_t n = table.size();
    switch (info.kind) {
    case TraitKind::Number:
        c.numbers.assign(n, kNaN);
        break;
    case TraitKind::Date:
        c.dates.assign(n, kNoDate);
        break;
    case TraitKind::Text:
    case TraitKind::Boolean:
        c.codes.assign(n, kNoText);
        break;
    }
    c.info = std::move(info);
    table.columns.push_back(std::move(c));
    return table.columns.back();
}

TraitColumn &addTextColumn(TraitTable &table, TraitInfo info, std::vector<std::string> dictionary)
{
    TraitColumn &c = addColumn(table, std::move(info));
    c.dictionary = std::move(dictionary);
    return c;
}

TraitColumn &addColumn(TraitTable &table, std::string_view id)
{
    return addColumn(table, fixedInfo(id));
}

TraitColumn &addTextColumn(TraitTable &table, std::string_view id, std::vector<std::string> dictionary)
{
    return addTextColumn(table, fixedInfo(id), std::move(dictionary));
}

void addBehaviourColumns(TraitTable &table, const std::vector<ProfileStats> &stats)
{
    table.columns.reserve(table.columns.size() + 64); // references returned by addColumn stay valid
    addPurchaseColumns(table, stats);
    addVisitColumns(table, stats);
    addDiscountColumns(table, stats);
    addRfmColumns(table, stats);
}

void addTopValueColumns(TraitTable &table, const ProductValues &catalog,
                        const std::vector<std::vector<std::int32_t>> &topValues)
{
    for (std::size_t c = 0; c < catalog.columns.size(); ++c) {
        const std::string &name = catalog.columns[c];
        TraitColumn &col = addTextColumn(table, topValueInfo(name), catalog.values[c]);
        col.codes = topValues[c];
    }
}

} // namespace awb::traits
