// SPDX-License-Identifier: GPL-3.0-or-later
#include "traits/TraitInfos.h"

#include "traits/ProfileAttributes.h"
#include "traits/Reachability.h"

#include <algorithm>

namespace awb::traits {

namespace {

constexpr std::string_view kTopValuePrefix = "top_value:";

TraitInfo number(const char *id, const char *label, const char *group, const char *description)
{
    return {id, label, group, TraitKind::Number, description};
}

TraitInfo date(const char *id, const char *label, const char *group, const char *description)
{
    return {id, label, group, TraitKind::Date, description};
}

TraitInfo text(const char *id, const char *label, const char *group, const char *description)
{
    return {id, label, group, TraitKind::Text, description};
}

std::vector<TraitInfo> purchaseAndVisitInfos()
{
    const char *p = "Purchases";
    const char *v = "Visits";
    return {
        number("total_spend", "Total spend", p,
               "Sum of the values of the profile's orders (Order Completed: revenue, else total, else "
               "price x quantity of its products); 0 without orders."),
        number("order_count", "Orders", p, "Number of Order Completed events."),
        number("average_order_value", "Average order value", p,
               "Total spend / orders; not set without orders."),
        date("first_purchase", "First purchase", p, "Time of the first order."),
        date("last_purchase", "Last purchase", p, "Time of the latest order."),
        number("days_since_last_purchase", "Days since last purchase", p,
               "Whole days from the latest order to now; not set without orders."),
        number("refund_count", "Refunds", p, "Number of Order Refunded events."),
        number("refund_amount", "Refunded amount", p,
               "Sum of the absolute values of the refunds (revenue, else total)."),
        date("first_seen", "First seen", v, "Time of the profile's first event."),
        date("last_seen", "Last seen", v, "Time of the profile's latest event."),
        number("days_since_first_seen", "Days since first seen", v,
               "Whole days from the first event to now."),
        number("days_since_last_seen", "Days since last seen", v, "Whole days from the latest event to now."),
        number("event_count", "Events", v, "Number of events of every kind."),
        number("sessions", "Sessions", v,
               "Visits: runs of events (identify calls and refunds aside) with no gap over 30 minutes."),
        text("visitor_type", "Visitor type", v, "New with one session, Returning with two or more."),
    };
}

std::vector<TraitInfo> scoreInfos()
{
    const char *d = "Discounts";
    const char *r = "RFM";
    const char *p = "Predictive";
    const char *m = "Membership";
    return {
        number("discount_item_share", "Discounted item share", d,
               "Share (0-1) of purchased items bought with a discount or coupon; not set without purchased "
               "items."),
        number("discount_order_share", "Discounted order share", d,
               "Share (0-1) of orders with a discount or coupon; not set without orders."),
        text("discount_affinity", "Discount affinity", d,
             "High when the discounted item share is at least 0.5, Low below 0.2, Mid otherwise and for "
             "profiles without purchased items."),
        number("rfm_recency", "RFM recency score", r,
               "1-5 by quintile of the last purchase among purchasers."),
        number("rfm_frequency", "RFM frequency score", r,
               "1-5 by quintile of the order count among purchasers."),
        number("rfm_monetary", "RFM monetary score", r,
               "1-5 by quintile of the total spend among purchasers."),
        text("rfm_group", "RFM group", r,
             "Named group from the recency and frequency scores (Champions ... Lost)."),
        number("expected_purchases_30d", "Expected purchases (30 days)", p,
               "BG/NBD expected number of purchase days in the next 30 days."),
        number("expected_purchases_90d", "Expected purchases (90 days)", p,
               "BG/NBD expected number of purchase days in the next 90 days."),
        number("p_alive", "Probability alive", p,
               "BG/NBD probability (0-1) that the customer is still active; 1 for one-time buyers."),
        number("expected_order_value", "Expected order value", p,
               "Gamma-Gamma expected spend per purchase day."),
        number("predicted_value_90d", "Predicted value (90 days)", p,
               "Expected purchases in 90 days x expected order value."),
        number("churn_risk", "Churn risk", p, "BG/NBD probability (0-1) of no purchase in the next 90 days."),
        text("churn_risk_band", "Churn risk band", p,
             "High from a churn risk of 0.8, Medium from 0.5, Low below."),
        number("audience_count", "Audiences", m, "Number of saved audience snapshots the profile is in."),
        number("export_count", "Exports", m,
               "Number of export files (campaign history) of audiences holding the profile."),
        date("last_exported", "Last exported", m,
             "Time of the latest export of an audience holding the profile."),
        text("identified", "Identified", "Reachability",
             "Yes when the profile has a user id (a known customer), No for guests and anonymous visitors."),
        text("has_email", "Has e-mail", "Reachability",
             "Yes when the profile has an e-mail address (from identify calls or imported columns)."),
        text("has_phone", "Has phone", "Reachability",
             "Yes when the profile has a phone number (from identify calls or imported profiles)."),
        text("email_consent", "E-mail consent", "Reachability",
             "Given or Refused from an imported consent column (accepts_marketing, email_opt_in, ...), else "
             "Unknown."),
        text("suppressed", "On the suppression list", "Reachability",
             "Yes when the profile's e-mail address or user id is on the imported suppression list "
             "(unsubscribed, bounced, complained): exports to e-mail and ad tools leave them out."),
    };
}

} // namespace

const std::vector<TraitInfo> &fixedTraitInfos()
{
    static const std::vector<TraitInfo> list = [] {
        std::vector<TraitInfo> out = purchaseAndVisitInfos();
        std::vector<TraitInfo> scores = scoreInfos();
        out.insert(out.end(), scores.begin(), scores.end());
        return out;
    }();
    return list;
}

const std::vector<TraitInfo> &perValueTraitInfos()
{
    const char *c = "Catalog";
    static const std::vector<TraitInfo> list = {
        number("value_purchases", "Purchases of a value", c,
               "Orders holding at least one product with the chosen catalog column value (0 when never "
               "bought)."),
        number("value_spend", "Spend on a value", c,
               "Sum of price x quantity of the purchased products with the chosen value (0 when never "
               "bought)."),
        date("value_last_purchase", "Last purchase of a value", c,
             "Time of the latest order holding a product with the chosen value."),
    };
    return list;
}

TraitInfo topValueInfo(const std::string &column)
{
    return {std::string(kTopValuePrefix) + column, "Most bought " + column, "Catalog", TraitKind::Text,
            "The " + column +
                " value of the most orders (ties: higher spend); not set without purchases of catalog "
                "products."};
}

std::optional<TraitInfo> findTraitInfo(std::string_view id)
{
    if (id.substr(0, kTopValuePrefix.size()) == kTopValuePrefix) {
        return topValueInfo(std::string(id.substr(kTopValuePrefix.size())));
    }
    if (id.starts_with(kReachablePrefix)) {
        return reachableInfo(id.substr(kReachablePrefix.size()));
    }
    if (const auto key = attributeKey(id)) {
        return attributeInfo(*key, TraitKind::Text);
    }
    for (const std::vector<TraitInfo> *list : {&fixedTraitInfos(), &perValueTraitInfos()}) {
        const auto it =
            std::find_if(list->begin(), list->end(), [&](const TraitInfo &t) { return t.id == id; });
        if (it != list->end()) {
            return *it;
        }
    }
    return std::nullopt;
}

} // namespace awb::traits
