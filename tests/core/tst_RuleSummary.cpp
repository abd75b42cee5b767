// SPDX-License-Identifier: GPL-3.0-or-later
// Rule summaries: the sentence of every template over a hand-made trait table whose thresholds are known,
// nested groups, trait operators and numbers, event, property and membership conditions, the brief form
// of long rules, static segments, and a template's summary following an edit of its rule.
#include "segments/RuleJson.h"
#include "segments/RuleSummary.h"
#include "segments/SegmentRepository.h"
#include "segments/Templates.h"

#include <QSet>
#include <QTest>

#include <algorithm>
#include <limits>

using namespace awb;
using namespace awb::segments;

namespace {

using Params = std::map<std::string, std::string>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::int64_t kNov21 = 1795219200000; // 2026-11-21T00:00:00Z
constexpr std::int64_t kMay1 = 1777593600000;  // 2026-05-01T00:00:00Z
constexpr std::int64_t kHour = 3600 * 1000;

// JSON fixtures are written with ' for " (moc mis-parses raw string literals holding quotes).
std::string j(std::string text)
{
    std::replace(text.begin(), text.end(), '\'', '"');
    return text;
}

Rule ruleOf(const char *json)
{
    auto rule = ruleFromJson(j(json));
    if (!rule) {
        qFatal("bad fixture: %s", rule.error().message.c_str());
    }
    return *rule;
}

// A rule of one group holding the given conditions.
Rule allOf(const char *conditions)
{
    return ruleOf(
        ("{'version':1,'rule':{'type':'all','conditions':[" + std::string(conditions) + "]}}").c_str());
}

traits::TraitColumn numbers(const char *id, std::vector<double> values)
{
    traits::TraitColumn c;
    c.info = *traits::findTraitInfo(id);
    c.numbers = std::move(values);
    return c;
}

// One value column of the catalog; values sorted (valueIndex bisects), spend per row on the first value.
traits::CatalogColumnValues catalogColumn(std::string name, std::vector<std::string> values,
                                          const std::vector<double> &spendOnFirst)
{
    traits::CatalogColumnValues c{std::move(name), std::move(values), {0}, {}};
    for (const double spend : spendOnFirst) {
        if (spend > 0) {
            c.entries.push_back({0, 1, spend, traits::kNoDate});
        }
        c.rowStart.push_back(static_cast<std::int64_t>(c.entries.size()));
    }
    return c;
}

// Ten profiles, eight of them purchasers (rows 2..9), with thresholds that can be worked out by hand:
//  purchasers' total spend 100..800: the top 20% (2 of 8) start at 700;
//  expected purchases (30 days) 0.1 .. 0.6, 0.7126, 0.8: top 20% from 0.7126, median (top 50%) 0.5;
//  predicted value (90 days) 10 .. 60, 950.25, 1234.567: top 10% (1 of 8) 1234.567, top 20% 950.25;
//  spend on Brand = GlowLab by three buyers 40, 80.5, 120: the top 5% is the one at 120.
traits::TraitTable knownTable()
{
    traits::TraitTable t;
    t.nowMs = kNov21;
    t.profileIds = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    t.models.fitted = true;
    t.columns = {
        numbers("total_spend", {0, 0, 100, 200, 300, 400, 500, 600, 700, 800}),
        numbers("order_count", {0, 0, 1, 1, 2, 2, 3, 3, 4, 5}),
        numbers("expected_purchases_30d", {kNaN, kNaN, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7126, 0.8}),
        numbers("predicted_value_90d", {kNaN, kNaN, 10, 20, 30, 40, 50, 60, 950.25, 1234.567}),
        numbers("churn_risk", {kNaN, kNaN, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.9}),
    };
    t.catalog = {catalogColumn("Brand", {"GlowLab", "Nordlicht"}, {0, 0, 40, 80.5, 120, 0, 0, 0, 0, 0}),
                 catalogColumn("Category", {"Makeup", "Skincare"}, {0, 0, 10, 0, 0, 0, 0, 0, 0, 0})};
    return t;
}

struct TemplateRow
{
    const char *tag;
    const char *name;
    Params params;
    const char *expected; // UTF-8
};

// The sentence each template's rule reads as, written from the rule Templates.cpp builds and the
// thresholds of knownTable().
const std::vector<TemplateRow> &templateRows()
{
    static const std::vector<TemplateRow> rows = {
        {"lapsed-vips",
         "lapsed-vips",
         {},
         "Total spend at least 2,000 and last purchase more than 45 days ago"},
        {"lapsed-vips, one day",
         "lapsed-vips",
         {{"spend", "1500.5"}, {"days", "1"}},
         "Total spend at least 1,500.5 and last purchase more than 1 day ago"},
        {"aov-builders",
         "aov-builders",
         {{"category", "Skincare"}, {"never", "Makeup"}},
         "Average order value between 80 and 120 and purchases of Category = Skincare at least 2 and "
         "purchases of Category = Makeup exactly 0"},
        {"discount-seekers", "discount-seekers", {}, "Discount affinity is High"},
        {"new-visitors", "new-visitors", {}, "Visitor type is New and first seen in the last 30 days"},
        {"returning-visitors",
         "returning-visitors",
         {{"days", "7"}},
         "Visitor type is Returning and last seen in the last 7 days"},
        {"loyal-low-spenders",
         "loyal-low-spenders",
         {},
         "RFM frequency score at least 4 and RFM monetary score at most 2"},
        {"top-brand-buyers",
         "top-brand-buyers",
         {{"brand", "GlowLab"}},
         "Spend on Brand = GlowLab at least 120"},
        {"ready-to-buy", "ready-to-buy", {}, "Expected purchases (30 days) at least 0.713"},
        {"long-shots",
         "long-shots",
         {},
         "Expected purchases (30 days) less than 0.5 and churn risk band is not High"},
        {"high-value", "high-value", {}, "Predicted value (90 days) at least 1,234.57"},
        {"potential-vips",
         "potential-vips",
         {},
         "Predicted value (90 days) at least 950.25 and total spend less than 700"},
        {"dormant", "dormant", {}, "Churn risk band is High and last purchase more than 60 days ago"},
    };
    return rows;
}

void addSummaryColumns()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expected");
}

void summaryRow(const char *tag, const std::string &json, const char *expected)
{
    QTest::newRow(tag) << QString::fromStdString(json) << QString::fromUtf8(expected);
}

QString summaryOf(const Rule &rule)
{
    return QString::fromStdString(summarizeRule(rule).full);
}

} // namespace

class TestRuleSummary : public QObject
{
    Q_OBJECT

private slots:
    void everyTemplate_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<Params>("params");
        QTest::addColumn<QString>("expected");
        for (const TemplateRow &r : templateRows()) {
            QTest::newRow(r.tag) << QString::fromLatin1(r.name) << r.params << QString::fromUtf8(r.expected);
        }
    }

    void everyTemplate()
    {
        QFETCH(QString, name);
        QFETCH(Params, params);
        QFETCH(QString, expected);
        const auto rule = instantiateTemplate(name.toStdString(), params, knownTable());
        QVERIFY2(rule, rule ? "" : rule.error().message.c_str());
        QCOMPARE(summaryOf(*rule), expected);
    }

    void everyTemplateHasARow()
    {
        for (const TemplateInfo &t : templateList()) {
            const auto &rows = templateRows();
            QVERIFY2(
                std::any_of(rows.begin(), rows.end(), [&](const TemplateRow &r) { return r.name == t.name; }),
                t.name.c_str());
        }
    }

    void groups_data()
    {
        addSummaryColumns();
        const std::string spend = "{'type':'trait','trait':'total_spend','op':'>=','value':2000}";
        const std::string champions =
            "{'type':'trait','trait':'rfm_group','op':'in','value':['Champions','Loyal']}";
        const std::string viewed = "{'type':'event','event':'Product Viewed','count':'never'}";
        const std::string inSegment = "{'type':'membership','kind':'segment','in':true,'name':'Lapsed VIPs'}";
        const std::string notInAudience =
            "{'type':'membership','kind':'audience','in':false,'name':'Beauty 5%'}";
        const auto group = [](const char *mode, const std::string &children) {
            return "{'type':'" + std::string(mode) + "','conditions':[" + children + "]}";
        };
        const auto rule = [](const std::string &root) { return "{'version':1,'rule':" + root + "}"; };
        summaryRow("empty all", rule(group("all", "")), "Everyone");
        summaryRow("empty any", rule(group("any", "")), "Nobody");
        summaryRow("empty none", rule(group("none", "")), "Everyone");
        summaryRow("any at the root", rule(group("any", inSegment + "," + notInAudience)),
                   "Any of: in segment “Lapsed VIPs”, not in audience “Beauty 5%”");
        summaryRow("none at the root", rule(group("none", viewed)),
                   "None of: never performed Product Viewed");
        summaryRow(
            "any and none nested in all",
            rule(group("all", spend + "," + group("any", champions + "," + inSegment) + "," +
                                  group("none", viewed + "," + notInAudience))),
            "Total spend at least 2,000 and (any of: RFM group is Champions or Loyal, in segment "
            "“Lapsed VIPs”) and (none of: never performed Product Viewed, not in audience “Beauty 5%”)");
        summaryRow(
            "all in all needs no parentheses",
            rule(group("all", spend + "," + group("all", champions + "," + inSegment))),
            "Total spend at least 2,000 and RFM group is Champions or Loyal and in segment “Lapsed VIPs”");
        summaryRow("all in any", rule(group("any", group("all", spend + "," + champions) + "," + inSegment)),
                   "Any of: (total spend at least 2,000 and RFM group is Champions or Loyal), in segment "
                   "“Lapsed VIPs”");
        summaryRow("a group of one is its condition",
                   rule(group("all", spend + "," + group("any", inSegment))),
                   "Total spend at least 2,000 and in segment “Lapsed VIPs”");
        summaryRow("a group of one group", rule(group("all", group("any", spend + "," + inSegment))),
                   "Any of: total spend at least 2,000, in segment “Lapsed VIPs”");
        summaryRow("three levels",
                   rule(group("none", group("any", spend + "," + group("all", champions + "," + viewed)))),
                   "None of: (any of: total spend at least 2,000, (RFM group is Champions or Loyal and never "
                   "performed Product Viewed))");
    }

    void groups()
    {
        QFETCH(QString, json);
        QFETCH(QString, expected);
        QCOMPARE(summaryOf(ruleOf(json.toStdString().c_str())), expected);
    }

    void traits_data()
    {
        addSummaryColumns();
        const auto trait = [](const char *tag, const char *condition, const char *expected) {
            summaryRow(tag,
                       "{'version':1,'rule':{'type':'all','conditions':[" + std::string(condition) + "]}}",
                       expected);
        };
        trait("grouped thousands", "{'type':'trait','trait':'total_spend','op':'>','value':1234567}",
              "Total spend more than 1,234,567");
        trait("two decimals", "{'type':'trait','trait':'total_spend','op':'<','value':-2500.756}",
              "Total spend less than -2,500.76");
        trait("rounded to whole", "{'type':'trait','trait':'total_spend','op':'<=','value':999.999}",
              "Total spend at most 1,000");
        trait("three decimals below one", "{'type':'trait','trait':'p_alive','op':'=','value':0.5}",
              "Probability alive exactly 0.5");
        trait("not equal", "{'type':'trait','trait':'order_count','op':'!=','value':3}",
              "Orders other than 3");
        trait("between", "{'type':'trait','trait':'sessions','op':'between','value':[2,5]}",
              "Sessions between 2 and 5");
        trait("number set", "{'type':'trait','trait':'average_order_value','op':'is_set'}",
              "Average order value has a value");
        trait("date not set", "{'type':'trait','trait':'last_purchase','op':'is_not_set'}",
              "Last purchase has no date");
        trait("before", "{'type':'trait','trait':'first_seen','op':'before','value':'2026-01-01'}",
              "First seen before 2026-01-01");
        trait("after", "{'type':'trait','trait':'last_exported','op':'after','value':'2026-10-01T12:00:00Z'}",
              "Last exported after 2026-10-01T12:00:00Z");
        trait("dates between",
              "{'type':'trait','trait':'first_purchase','op':'between','value':['2026-01-01','2026-03-31']}",
              "First purchase between 2026-01-01 and 2026-03-31");
        trait("in the last day", "{'type':'trait','trait':'last_seen','op':'within_last_days','value':1}",
              "Last seen in the last day");
        trait("text in",
              "{'type':'trait','trait':'rfm_group','op':'in','value':['Champions','Loyal','At risk']}",
              "RFM group is Champions, Loyal or At risk");
        trait("contains", "{'type':'trait','trait':'top_value:Category','op':'contains','value':'skin'}",
              "Most bought Category contains “skin”");
        trait("starts with", "{'type':'trait','trait':'churn_risk_band','op':'starts_with','value':'Hi'}",
              "Churn risk band starts with “Hi”");
        trait("per-value spend",
              "{'type':'trait','trait':'value_spend','column':'Category','columnValue':'Skincare','op':'>=',"
              "'value':80}",
              "Spend on Category = Skincare at least 80");
        trait("per-value date",
              "{'type':'trait','trait':'value_last_purchase','column':'Brand','columnValue':'GlowLab',"
              "'op':'more_than_days_ago','value':90}",
              "Last purchase of Brand = GlowLab more than 90 days ago");
        trait("unknown trait", "{'type':'trait','trait':'loyalty_tier','op':'is','value':'Gold'}",
              "Loyalty_tier is Gold");
    }

    void traits()
    {
        QFETCH(QString, json);
        QFETCH(QString, expected);
        QCOMPARE(summaryOf(ruleOf(json.toStdString().c_str())), expected);
    }

    void eventsAndMemberships_data()
    {
        addSummaryColumns();
        const auto one = [](const char *tag, const char *condition, const char *expected) {
            summaryRow(tag,
                       "{'version':1,'rule':{'type':'all','conditions':[" + std::string(condition) + "]}}",
                       expected);
        };
        one("at least, last days",
            "{'type':'event','event':'Order Completed','count':'at_least','times':3,'withinLastDays':30}",
            "Performed Order Completed at least 3 times in the last 30 days");
        one("at least once", "{'type':'event','event':'Product Viewed','count':'at_least','times':1}",
            "Performed Product Viewed");
        one("never", "{'type':'event','event':'Product Viewed','count':'never'}",
            "Never performed Product Viewed");
        one("never lately", "{'type':'event','event':'Product Viewed','count':'never','withinLastDays':7}",
            "Never performed Product Viewed in the last 7 days");
        one("exactly once between dates",
            "{'type':'event','event':'Order Completed','count':'exactly','times':1,'from':'2026-01-01',"
            "'to':'2026-01-31'}",
            "Performed Order Completed exactly once between 2026-01-01 and 2026-01-31");
        one("at most, last day",
            "{'type':'event','event':'Page Viewed','count':'at_most','times':2,'withinLastDays':1}",
            "Performed Page Viewed at most 2 times in the last day");
        one("many times", "{'type':'event','event':'Page Viewed','count':'at_least','times':1500}",
            "Performed Page Viewed at least 1,500 times");
        one("property filters",
            "{'type':'event','event':'Order Completed','count':'at_least','times':2,'where':["
            "{'property':'revenue','op':'>=','value':150},"
            "{'property':'products[].brand','op':'in','value':['GlowLab','Nordlicht']},"
            "{'property':'category','op':'contains','value':'skin'}]}",
            "Performed Order Completed at least 2 times where revenue is at least 150 and a product's brand "
            "is "
            "GlowLab or Nordlicht and category contains “skin”");
        one("property equal and unset",
            "{'type':'event','event':'Order Completed','count':'never','withinLastDays':60,'where':["
            "{'property':'coupon','op':'is_not_set'},{'property':'items','op':'=','value':1},"
            "{'property':'currency','op':'is_not','value':'EUR'}]}",
            "Never performed Order Completed in the last 60 days where coupon has no value and items is 1 "
            "and "
            "currency is not EUR");
        one("in segment", "{'type':'membership','kind':'segment','in':true,'name':'Lapsed VIPs'}",
            "In segment “Lapsed VIPs”");
        one("not in audience", "{'type':'membership','kind':'audience','in':false,'name':'Beauty 5%'}",
            "Not in audience “Beauty 5%”");
        one("in exported audience", "{'type':'membership','kind':'exported','in':true,'name':'Spring mail'}",
            "In exported audience “Spring mail”");
    }

    void eventsAndMemberships()
    {
        QFETCH(QString, json);
        QFETCH(QString, expected);
        QCOMPARE(summaryOf(ruleOf(json.toStdString().c_str())), expected);
    }

    void longRulesAreCutAfterWholeConditions()
    {
        const Rule rule = allOf("{'type':'trait','trait':'total_spend','op':'>=','value':2000},"
                                "{'type':'trait','trait':'order_count','op':'>=','value':3},"
                                "{'type':'membership','kind':'segment','in':false,'name':'Dormant'},"
                                "{'type':'any','conditions':["
                                "{'type':'trait','trait':'rfm_recency','op':'>=','value':4},"
                                "{'type':'event','event':'Product Viewed','count':'at_least','times':1}]}");
        const RuleSummary s = summarizeRule(rule, 75);
        QCOMPARE(
            QString::fromStdString(s.full),
            QString::fromUtf8("Total spend at least 2,000 and orders at least 3 and not in segment “Dormant” "
                              "and (any of: RFM recency score at least 4, performed Product Viewed)"));
        // Two conditions fit in 75 characters with the count of the three left out (the group holds two).
        QCOMPARE(
            QString::fromStdString(s.brief),
            QString::fromUtf8("Total spend at least 2,000 and orders at least 3 … and 3 more conditions"));
        // Room for the whole rule: brief is the full text; one condition is never cut.
        QCOMPARE(summarizeRule(rule, 1000).brief, s.full);
        const Rule one = allOf("{'type':'trait','trait':'total_spend','op':'>=','value':2000}");
        QCOMPARE(summarizeRule(one, 5).brief, summarizeRule(one, 5).full);
        // The first condition is kept however short the room.
        QCOMPARE(QString::fromStdString(summarizeRule(rule, 10).brief),
                 QString::fromUtf8("Total spend at least 2,000 … and 4 more conditions"));
    }

    void nestedGroupsThatDoNotFitAreNamedBySize()
    {
        const Rule rule =
            allOf("{'type':'trait','trait':'total_spend','op':'>=','value':250},"
                  "{'type':'any','conditions':["
                  "{'type':'event','event':'Order Completed','count':'at_least','times':2,"
                  "'withinLastDays':30},"
                  "{'type':'membership','kind':'segment','in':true,'name':'Lapsed VIPs'}]},"
                  "{'type':'none','conditions':["
                  "{'type':'trait','trait':'discount_affinity','op':'is','value':'High'},"
                  "{'type':'trait','trait':'rfm_group','op':'in','value':['Hibernating','Lost']}]}");
        const RuleSummary s = summarizeRule(rule, 90);
        QCOMPARE(
            QString::fromStdString(s.full),
            QString::fromUtf8("Total spend at least 250 and (any of: performed Order Completed at least 2 "
                              "times in the last 30 days, in segment “Lapsed VIPs”) and (none of: discount "
                              "affinity is High, RFM group is Hibernating or Lost)"));
        QCOMPARE(QString::fromStdString(s.brief),
                 QString::fromUtf8(
                     "Total spend at least 250 and (any of 2 conditions) and (none of 2 conditions)"));
        // With less room, what does not fit is counted.
        QCOMPARE(QString::fromStdString(summarizeRule(rule, 45).brief),
                 QString::fromUtf8("Total spend at least 250 … and 4 more conditions"));
    }

    void staticSegmentsSayWhatTheyWereFrozenFrom()
    {
        SavedSegment s;
        s.name = "Lapsed VIPs, mailed";
        s.kind = SegmentKind::Static;
        s.frozenFrom = "Lapsed VIPs";
        s.createdAtMs = kNov21 + 21 * kHour;
        s.asOfMs = kNov21 + 9 * kHour;
        s.ruleJson = ruleToJson(allOf("{'type':'trait','trait':'total_spend','op':'>=','value':2000}"));
        QCOMPARE(QString::fromStdString(summarizeSegment(s).full),
                 QString::fromUtf8("Frozen from “Lapsed VIPs” on 2026-11-21: total spend at least 2,000"));
        // Traits of an earlier day: the whole text says which; the list's brief text keeps to the origin.
        s.asOfMs = kMay1;
        QCOMPARE(QString::fromStdString(summarizeSegment(s).full),
                 QString::fromUtf8("Frozen from “Lapsed VIPs” on 2026-11-21 (traits as of 2026-05-01): total "
                                   "spend at least 2,000"));
        QCOMPARE(QString::fromStdString(summarizeSegment(s).brief),
                 QString::fromUtf8("Frozen from “Lapsed VIPs” on 2026-11-21: total spend at least 2,000"));
        s.ruleJson = "{";
        QVERIFY(summarizeSegment(s).full.find("its rule cannot be read") != std::string::npos);
        s.kind = SegmentKind::Rule;
        QVERIFY(summarizeSegment(s).full.rfind("The rule cannot be read: ", 0) == 0);
    }

    void aTemplateEditedIsSummarizedAsEdited()
    {
        auto rule = instantiateTemplate("lapsed-vips", {}, knownTable());
        QVERIFY(rule);
        rule->root.children[0].trait.values = {500.0};
        rule->root.children[1].trait.op = Op::WithinLastDays;
        rule->root.children.push_back(
            Node::membershipCondition({MembershipKind::Audience, false, "Beauty 5%"}));
        QCOMPARE(summaryOf(*rule),
                 QString::fromUtf8("Total spend at least 500 and last purchase in the last 45 "
                                   "days and not in audience “Beauty 5%”"));
    }
};

QTEST_GUILESS_MAIN(TestRuleSummary)
#include "tst_RuleSummary.moc"
