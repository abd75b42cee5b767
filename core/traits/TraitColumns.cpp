// SPDX-License-Identifier: GPL-3.0-or-later
#include "traits/TraitColumns.h"

#include "traits/Scores.h"

#include <cmath>
#include <limits>

namespace awb::traits {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double wholeDays(std::int64_t now, std::int64_t then)
{
    return then == kNoDate ? kNaN : std::floor(static_cast<double>(now - then) / static_cast<double>(kDayMs));
}

TraitColumn &number(TraitTable &t, const char *id, const char *label, const char *group,
                    const char *description)
{
    return addColumn(t, {id, label, group, TraitKind::Number, description});
}

TraitColumn &date(TraitTable &t, const char *id, const char *label, const char *group,
                  const char *description)
{
    return addColumn(t, {id, label, group, TraitKind::Date, description});
}

void addPurchaseColumns(TraitTable &t, const std::vector<ProfileStats> &stats)
{
    const char *g = "Purchases";
    auto &spend =
        number(t, "total_spend", "Total spend", g,
               "Sum of the values of the profile's orders (Order Completed: revenue, else total, else "
               "price x quantity of its products); 0 without orders.");
    auto &orders = number(t, "order_count", "Orders", g, "Number of Order Completed events.");
    auto &aov = number(t, "average_order_value", "Average order value", g,
                       "Total spend / orders; not set without orders.");
    auto &first = date(t, "first_purchase", "First purchase", g, "Time of the first order.");
    auto &last = date(t, "last_purchase", "Last purchase", g, "Time of the latest order.");
    auto &since = number(t, "days_since_last_purchase", "Days since last purchase", g,
                         "Whole days from the latest order to now; not set without orders.");
    auto &refunds = number(t, "refund_count", "Refunds", g, "Number of Order Refunded events.");
    auto &refunded = number(t, "refund_amount", "Refunded amount", g,
                            "Sum of the absolute values of the refunds (revenue, else total).");
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
    const char *g = "Visits";
    auto &first = date(t, "first_seen", "First seen", g, "Time of the profile's first event.");
    auto &last = date(t, "last_seen", "Last seen", g, "Time of the profile's latest event.");
    auto &sinceFirst = number(t, "days_since_first_seen", "Days since first seen", g,
                              "Whole days from the first event to now.");
    auto &sinceLast = number(t, "days_since_last_seen", "Days since last seen", g,
                             "Whole days from the latest event to now.");
    auto &events = number(t, "event_count", "Events", g, "Number of events of every kind.");
    auto &sessions = number(t, "sessions", "Sessions", g,
                            "Visits: runs of events (identify calls and refunds aside) with no gap over 30 "
                            "minutes.");
    auto &type = addTextColumn(t,
                               {"visitor_type", "New or returning", g, TraitKind::Text,
                                "New with one session, Returning with two or more."},
                               {"New", "Returning"});
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
    const char *g = "Discounts";
    auto &items = number(t, "discount_item_share", "Discounted item share", g,
                         "Share (0-1) of purchased items bought with a discount or coupon; not set without "
                         "purchased items.");
    auto &orders = number(t, "discount_order_share", "Discounted order share", g,
                          "Share (0-1) of orders with a discount or coupon; not set without orders.");
    auto &band = addTextColumn(t,
                               {"discount_affinity", "Discount affinity", g, TraitKind::Text,
                                "High when the discounted item share is at least 0.5, Low below 0.2, Mid "
                                "otherwise and for profiles without purchased items."},
                               {"High", "Mid", "Low"});
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
    const char *g = "RFM";
    TraitColumn *cols[3] = {
        &number(t, "rfm_recency", "RFM recency score", g,
                "1-5 by quintile of the last purchase among purchasers."),
        &number(t, "rfm_frequency", "RFM frequency score", g,
                "1-5 by quintile of the order count among purchasers."),
        &number(t, "rfm_monetary", "RFM monetary score", g,
                "1-5 by quintile of the total spend among purchasers."),
    };
    auto &group = addTextColumn(t,
                                {"rfm_group", "RFM group", g, TraitKind::Text,
                                 "Named group from the recency and frequency scores (Champions ... Lost)."},
                                rfmGroupNames());
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
        TraitColumn &col =
            addTextColumn(table,
                          {"top_value:" + name, "Most bought " + name, "Catalog", TraitKind::Text,
                           "The " + name +
                               " value of the most orders (ties: higher spend); not set "
                               "without purchases of catalog products."},
                          catalog.values[c]);
        col.codes = topValues[c];
    }
}

} // namespace awb::traits
