// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/Templates.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

namespace awb::segments {

namespace {

using Params = std::map<std::string, std::string>;

Node cond(std::string trait, Op op, std::vector<Value> values = {})
{
    return Node::traitCondition({std::move(trait), {}, {}, op, std::move(values)});
}

Node valueCond(std::string trait, std::string column, std::string value, Op op, double x)
{
    return Node::traitCondition({std::move(trait), std::move(column), std::move(value), op, {x}});
}

Rule all(std::vector<Node> children)
{
    return Rule{Node::group(GroupMode::All, std::move(children))};
}

// Reads the parameters of one instantiation; the first problem is kept in error.
class Args
{
public:
    Args(const TemplateInfo &info, const Params &given) : m_info(info), m_given(given) {}

    std::string text(const std::string &name)
    {
        if (const auto it = m_given.find(name); it != m_given.end() && !it->second.empty()) {
            return it->second;
        }
        const auto p = std::find_if(m_info.params.begin(), m_info.params.end(),
                                    [&](const TemplateParam &t) { return t.name == name; });
        if (p->defaultValue.empty() && error.empty()) {
            error = "template " + m_info.name + " needs --param " + name + "=... (" + p->description + ")";
        }
        return p->defaultValue;
    }
    double number(const std::string &name)
    {
        const std::string t = text(name);
        try {
            std::size_t used = 0;
            const double v = std::stod(t, &used);
            if (used == t.size() && std::isfinite(v)) {
                return v;
            }
        } catch (const std::exception &) {
        }
        if (error.empty()) {
            error = "template " + m_info.name + ": --param " + name + " expects a number, not '" + t + "'";
        }
        return 0;
    }

    std::string error;

private:
    const TemplateInfo &m_info;
    const Params &m_given;
};

// The smallest value of the top percent of rows where the values are set (and > 0 when positiveOnly).
std::optional<double> topThreshold(const std::vector<double> &values, double percent, bool positiveOnly)
{
    std::vector<double> set;
    for (const double v : values) {
        if (!std::isnan(v) && (!positiveOnly || v > 0)) {
            set.push_back(v);
        }
    }
    if (set.empty()) {
        return std::nullopt;
    }
    std::sort(set.begin(), set.end(), std::greater<>());
    const auto k = std::clamp<std::size_t>(
        static_cast<std::size_t>(std::ceil(static_cast<double>(set.size()) * percent / 100.0)), 1,
        set.size());
    return set[k - 1];
}

const traits::TraitColumn *predictive(const traits::TraitTable &t, const char *id, std::string &error)
{
    if (!t.models.fitted) {
        error = "this template needs the predictive traits, but the customer-base models were not fitted: " +
                t.models.note;
        return nullptr;
    }
    return t.column(id);
}

using Builder = Rule (*)(Args &, const traits::TraitTable &);

Rule lapsedVips(Args &a, const traits::TraitTable &)
{
    return all({cond("total_spend", Op::Ge, {a.number("spend")}),
                cond("last_purchase", Op::MoreThanDaysAgo, {a.number("days")})});
}

Rule aovBuilders(Args &a, const traits::TraitTable &t)
{
    const std::string column = a.text("column");
    const std::string value = a.text("category");
    const std::string other = a.text("never");
    for (const std::string &v : {value, other}) {
        const traits::CatalogColumnValues *c = t.catalogColumn(column);
        if (a.error.empty() && (c == nullptr || c->valueIndex(v) < 0)) {
            a.error = c == nullptr ? "the built catalog has no column '" + column + "' (--param column=...)"
                                   : "catalog column " + column + " has no value '" + v + "'";
        }
    }
    return all({cond("average_order_value", Op::Between, {a.number("min"), a.number("max")}),
                valueCond("value_purchases", column, value, Op::Ge, a.number("times")),
                valueCond("value_purchases", column, other, Op::Eq, 0)});
}

Rule discountSeekers(Args &, const traits::TraitTable &)
{
    return all({cond("discount_affinity", Op::Is, {std::string("High")})});
}

Rule newVisitors(Args &a, const traits::TraitTable &)
{
    return all({cond("visitor_type", Op::Is, {std::string("New")}),
                cond("first_seen", Op::WithinLastDays, {a.number("days")})});
}

Rule returningVisitors(Args &a, const traits::TraitTable &)
{
    return all({cond("visitor_type", Op::Is, {std::string("Returning")}),
                cond("last_seen", Op::WithinLastDays, {a.number("days")})});
}

Rule loyalLowSpenders(Args &, const traits::TraitTable &)
{
    return all({cond("rfm_frequency", Op::Ge, {4.0}), cond("rfm_monetary", Op::Le, {2.0})});
}

Rule topBrandBuyers(Args &a, const traits::TraitTable &t)
{
    const std::string column = a.text("column");
    const std::string brand = a.text("brand");
    const double percent = a.number("percent");
    const auto spend = traits::materializeValueTrait(t, "value_spend", column, brand);
    const auto threshold = spend ? topThreshold(spend->numbers, percent, true) : std::nullopt;
    if (!threshold && a.error.empty()) {
        a.error = t.catalogColumn(column) == nullptr
                      ? "the built catalog has no column '" + column + "' (--param column=...)"
                      : "nobody bought " + column + " = '" + brand + "'";
    }
    return all({valueCond("value_spend", column, brand, Op::Ge, threshold.value_or(0))});
}

Rule topOf(Args &a, const traits::TraitTable &t, const char *id, const char *percentParam)
{
    const traits::TraitColumn *c = predictive(t, id, a.error);
    const auto threshold = c ? topThreshold(c->numbers, a.number(percentParam), false) : std::nullopt;
    return all({cond(id, Op::Ge, {threshold.value_or(0)})});
}

Rule readyToBuy(Args &a, const traits::TraitTable &t)
{
    return topOf(a, t, "expected_purchases_30d", "percent");
}

Rule highValue(Args &a, const traits::TraitTable &t)
{
    return topOf(a, t, "predicted_value_90d", "percent");
}

Rule longShots(Args &a, const traits::TraitTable &t)
{
    const traits::TraitColumn *c = predictive(t, "expected_purchases_30d", a.error);
    const auto median = c ? topThreshold(c->numbers, 50, false) : std::nullopt;
    return all({cond("expected_purchases_30d", Op::Lt, {median.value_or(0)}),
                cond("churn_risk_band", Op::IsNot, {std::string("High")})});
}

Rule potentialVips(Args &a, const traits::TraitTable &t)
{
    Rule r = topOf(a, t, "predicted_value_90d", "percent");
    std::vector<double> spend = t.column("total_spend")->numbers;
    const traits::TraitColumn *orders = t.column("order_count");
    for (std::size_t i = 0; i < spend.size(); ++i) {
        spend[i] = orders->numbers[i] > 0 ? spend[i] : std::nan("");
    }
    const auto top = topThreshold(spend, a.number("percent"), false);
    r.root.children.push_back(cond("total_spend", Op::Lt, {top.value_or(0)}));
    return r;
}

Rule dormant(Args &a, const traits::TraitTable &t)
{
    predictive(t, "churn_risk", a.error);
    return all({cond("churn_risk_band", Op::Is, {std::string("High")}),
                cond("last_purchase", Op::MoreThanDaysAgo, {a.number("days")})});
}

struct Entry
{
    TemplateInfo info;
    Builder build;
};

const std::vector<Entry> &entries()
{
    const TemplateParam days30{"days", "days", "30"};
    static const std::vector<Entry> list = {
        {{"lapsed-vips",
          "Lapsed VIPs",
          "Spent at least 2,000 and no purchase in the last 45 days.",
          {{"spend", "minimum total spend", "2000"}, {"days", "days without a purchase", "45"}}},
         lapsedVips},
        {{"aov-builders",
          "AOV builders",
          "Average order 80-120, bought one catalog value at least twice and never bought another.",
          {{"category", "the value they buy often (e.g. Skincare)", ""},
           {"never", "the value they never bought (e.g. Makeup)", ""},
           {"column", "catalog column of both values", "Category"},
           {"min", "lowest average order value", "80"},
           {"max", "highest average order value", "120"},
           {"times", "orders with the value at least", "2"}}},
         aovBuilders},
        {{"discount-seekers", "Discount seekers", "High discount affinity.", {}}, discountSeekers},
        {{"new-visitors", "New visitors", "One session so far, first seen in the last 30 days.", {days30}},
         newVisitors},
        {{"returning-visitors",
          "Returning visitors",
          "Two or more sessions, seen in the last 30 days.",
          {days30}},
         returningVisitors},
        {{"loyal-low-spenders", "Loyal low spenders", "RFM frequency score 4-5, monetary score 1-2.", {}},
         loyalLowSpenders},
        {{"top-brand-buyers",
          "Top brand buyers",
          "The top 5% of a brand's buyers by spend on it.",
          {{"brand", "the brand (catalog value)", ""},
           {"column", "catalog column of the brand", "Brand"},
           {"percent", "top percent of its buyers", "5"}}},
         topBrandBuyers},
        {{"ready-to-buy",
          "Ready to buy",
          "The 20% of purchasers with the most expected purchases in 30 days.",
          {{"percent", "top percent", "20"}}},
         readyToBuy},
        {{"long-shots",
          "Long shots",
          "Purchasers below the median of expected purchases in 30 days, churn risk not High.",
          {}},
         longShots},
        {{"high-value",
          "High value",
          "The 10% of purchasers with the highest predicted value (90 days).",
          {{"percent", "top percent", "10"}}},
         highValue},
        {{"potential-vips",
          "Potential VIPs",
          "Top 20% by predicted value (90 days) who are not yet in the top 20% by spend.",
          {{"percent", "top percent", "20"}}},
         potentialVips},
        {{"dormant",
          "Dormant",
          "High churn risk and no purchase in the last 60 days.",
          {{"days", "days without a purchase", "60"}}},
         dormant},
    };
    return list;
}

} // namespace

const std::vector<TemplateInfo> &templateList()
{
    static const std::vector<TemplateInfo> list = [] {
        std::vector<TemplateInfo> out;
        for (const Entry &e : entries()) {
            out.push_back(e.info);
        }
        return out;
    }();
    return list;
}

Result<Rule> instantiateTemplate(const std::string &name, const std::map<std::string, std::string> &params,
                                 const traits::TraitTable &table)
{
    const auto it =
        std::find_if(entries().begin(), entries().end(), [&](const Entry &e) { return e.info.name == name; });
    if (it == entries().end()) {
        std::string names;
        for (const Entry &e : entries()) {
            names += (names.empty() ? "" : ", ") + e.info.name;
        }
        return fail(Error::Code::InvalidInput, "unknown template '" + name + "' (" + names + ")");
    }
    for (const auto &[key, value] : params) {
        const auto &ps = it->info.params;
        // key is named through an init-capture: clang before 16 cannot capture a structured binding.
        if (std::none_of(ps.begin(), ps.end(), [&k = key](const TemplateParam &p) { return p.name == k; })) {
            return fail(Error::Code::InvalidInput, "template " + name + " has no parameter '" + key + "'");
        }
    }
    Args args(it->info, params);
    Rule rule = it->build(args, table);
    if (!args.error.empty()) {
        return fail(Error::Code::InvalidInput, args.error);
    }
    return rule;
}

} // namespace awb::segments
