// SPDX-License-Identifier: GPL-3.0-or-later
// Rules: the JSON form (round trip, parse errors naming the part), validation messages, and every trait
// operator and group mode over a small hand-made trait table.
#include "segments/RuleEvaluator.h"
#include "segments/RuleJson.h"
#include "segments/RuleValidator.h"
#include "traits/TraitLoader.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace awb;
using namespace awb::segments;

namespace {

// JSON fixtures are written with ' for " (moc mis-parses raw string literals holding quotes).
std::string j(std::string text)
{
    std::replace(text.begin(), text.end(), '\'', '"');
    return text;
}

std::string wrap(const std::string &conditions)
{
    return j("{'version':1,'rule':{'type':'all','conditions':[") + j(conditions) + "]}}";
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::int64_t kNow = 1772323200000 + 10 * traits::kDayMs; // 2026-03-11T00:00:00Z

// Rows 0..5: a number, a date and a text trait with unset values in places.
traits::TraitTable smallTable()
{
    traits::TraitTable t;
    t.nowMs = kNow;
    t.profileIds = {10, 11, 12, 13, 14, 15};
    traits::TraitColumn n;
    n.info = {"n", "N", "G", traits::TraitKind::Number, ""};
    n.numbers = {1, 2, kNaN, 5, 5, -3};
    traits::TraitColumn d;
    d.info = {"d", "D", "G", traits::TraitKind::Date, ""};
    const std::int64_t day = traits::kDayMs;
    // 2026-03-01 00:00, 03-01 23:59:59.999, unset, 03-05 12:00, 03-10 06:00, 2026-01-01
    d.dates = {kNow - 10 * day,          kNow - 9 * day - 1,   traits::kNoDate,
               kNow - 5 * day - day / 2, kNow - day + day / 4, 1767225600000};
    traits::TraitColumn s;
    s.info = {"s", "S", "G", traits::TraitKind::Text, ""};
    s.dictionary = {"Skincare", "Makeup", "skin tonic", "Hair"};
    s.codes = {0, 1, 2, traits::kNoText, 3, 0};
    t.columns = {n, d, s};
    return t;
}

} // namespace

class TestRule : public QObject
{
    Q_OBJECT

private slots:
    void jsonRoundTrip()
    {
        const std::string text =
            wrap("{'type':'trait','trait':'total_spend','op':'>=','value':2000},"
                 "{'type':'trait','trait':'value_purchases','column':'Category','columnValue':'Skincare','op'"
                 ":'between',"
                 "'value':[2,10]},"
                 "{'type':'trait','trait':'rfm_group','op':'in','value':['Champions','Loyal']},"
                 "{'type':'trait','trait':'last_purchase','op':'is_set'},"
                 "{'type':'any','conditions':[{'type':'none','conditions':[]},"
                 "{'type':'event','event':'Product Viewed','where':[{'property':'products[].brand','op':'is',"
                 "'value':'Acme'},{'property':'price','op':'>','value':9.5}],'count':'at_least','times':3,"
                 "'withinLastDays':30}]},"
                 "{'type':'event','event':'Order "
                 "Completed','count':'never','from':'2026-01-01','to':'2026-01-31'},"
                 "{'type':'membership','kind':'exported','in':false,'name':'Beauty 5%'}");
        const auto rule = ruleFromJson(text);
        QVERIFY2(rule, rule ? "" : rule.error().message.c_str());
        const Node &root = rule->root;
        QCOMPARE(root.children.size(), std::size_t(7));
        QCOMPARE(root.children[1].trait.column, std::string("Category"));
        QCOMPARE(std::get<double>(root.children[1].trait.values[1]), 10.0);
        QCOMPARE(root.children[2].trait.values.size(), std::size_t(2));
        QVERIFY(root.children[3].trait.values.empty());
        const Node &event = root.children[4].children[1];
        QCOMPARE(event.event.where.size(), std::size_t(2));
        QCOMPARE(*event.event.withinLastDays, std::int64_t(30));
        QCOMPARE(event.event.times, std::int64_t(3));
        QVERIFY(root.children[5].event.countOp == CountOp::Never);
        QVERIFY(!root.children[6].membership.in);
        QVERIFY(root.children[6].membership.kind == MembershipKind::Exported);
        // Writing and reading again gives the same JSON, byte for byte.
        const std::string once = ruleToJson(*rule);
        const auto again = ruleFromJson(once);
        QVERIFY(again);
        QCOMPARE(ruleToJson(*again), once);
        QCOMPARE(ruleToJson(*ruleFromJson(ruleToJson(*rule, true))), once);
    }

    void parseErrors_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("message");
        const auto row = [](const char *name, std::string json, const char *message) {
            QTest::newRow(name) << QString::fromStdString(json) << QString::fromUtf8(message);
        };
        row("not json", "{nope", "rule: not a JSON object");
        row("no version", j("{'rule':{'type':'all'}}"), "version: missing");
        row("newer version", j("{'version':2,'rule':{'type':'all'}}"), "version: 2 is not supported");
        row("unknown top key", j("{'version':1,'rules':{}}"), "rules: unknown key");
        row("root not a group", j("{'version':1,'rule':{'type':'trait','trait':'x','op':'='}}"),
            "rule.type: the rule must be a group");
        row("unknown key", wrap("{'type':'trait','trait':'n','op':'=','value':1,'foo':1}"),
            "rule.conditions[0].foo: unknown key");
        row("unknown op",
            wrap("{'type':'trait','trait':'n','op':'=','value':1},{'type':'trait','trait':'n','op':'gt'}"),
            "rule.conditions[1].op: unknown operator 'gt'");
        row("conditions not array", j("{'version':1,'rule':{'type':'all','conditions':{}}}"),
            "rule.conditions: expected an array");
        row("nested type", wrap("{'type':'any','conditions':[{'type':'all'},{'type':'all'},{'type':'or'}]}"),
            "rule.conditions[0].conditions[2].type: unknown type 'or'");
        row("value object", wrap("{'type':'trait','trait':'n','op':'=','value':{}}"),
            "rule.conditions[0].value: expected a number or a string");
        row("list item", wrap("{'type':'trait','trait':'n','op':'in','value':['a',true]}"),
            "rule.conditions[0].value[1]: expected a number or a string");
        row("where op", wrap("{'type':'event','event':'E','where':[{'property':'p','op':'~'}]}"),
            "rule.conditions[0].where[0].op: unknown operator '~'");
        row("count", wrap("{'type':'event','event':'E','count':'often'}"),
            "rule.conditions[0].count: unknown count");
        row("times", wrap("{'type':'event','event':'E','times':1.5}"),
            "rule.conditions[0].times: expected a whole number");
        // Found by fuzzing (tests/fuzz/corpus/rule): converting 1e300 to an integer was undefined.
        row("times beyond int64", wrap("{'type':'event','event':'E','times':1e300}"),
            "rule.conditions[0].times: expected a whole number");
        row("kind", wrap("{'type':'membership','kind':'team','name':'x'}"),
            "rule.conditions[0].kind: unknown kind 'team'");
        row("in", wrap("{'type':'membership','kind':'segment','name':'x','in':'yes'}"),
            "rule.conditions[0].in: expected true or false");
        row("missing trait", wrap("{'type':'trait','op':'='}"), "rule.conditions[0].trait: missing");
    }

    void parseErrors()
    {
        QFETCH(QString, json);
        QFETCH(QString, message);
        const auto rule = ruleFromJson(json.toStdString());
        QVERIFY(!rule);
        QCOMPARE(rule.error().code, Error::Code::InvalidInput);
        QVERIFY2(QString::fromStdString(rule.error().message).startsWith(message),
                 rule.error().message.c_str());
    }

    void validationMessages_data()
    {
        QTest::addColumn<QString>("conditions");
        QTest::addColumn<QString>("message");
        const auto row = [](const char *name, const char *conditions, const char *message) {
            QTest::newRow(name) << QString::fromUtf8(conditions) << QString::fromUtf8(message);
        };
        row("valid",
            "{'type':'trait','trait':'total_spend','op':'between','value':[1,2]},"
            "{'type':'trait','trait':'value_spend','column':'Category','columnValue':'Skincare','op':'>','"
            "value':0},"
            "{'type':'trait','trait':'last_seen','op':'within_last_days','value':30},"
            "{'type':'membership','kind':'segment','name':'VIPs'}",
            "");
        row("unknown trait", "{'type':'trait','trait':'spend','op':'>','value':1}",
            "rule.conditions[0].trait: unknown trait 'spend'");
        row("op for kind", "{'type':'trait','trait':'total_spend','op':'contains','value':'1'}",
            "rule.conditions[0].op: 'contains' does not apply to number trait 'total_spend' (=, !=, <, <=, "
            ">, >=, between, is_set, is_not_set)");
        row("text op on date", "{'type':'trait','trait':'last_purchase','op':'is','value':'x'}",
            "rule.conditions[0].op: 'is' does not apply to date trait 'last_purchase'");
        row("between arity", "{'type':'trait','trait':'total_spend','op':'between','value':[1]}",
            "rule.conditions[0].value: 'between' takes two values [from, to]");
        row("between order", "{'type':'trait','trait':'total_spend','op':'between','value':[5,1]}",
            "rule.conditions[0].value: between needs from <= to");
        row("is_set value", "{'type':'trait','trait':'total_spend','op':'is_set','value':1}",
            "rule.conditions[0].value: 'is_set' takes no value");
        row("in empty", "{'type':'trait','trait':'rfm_group','op':'in','value':[]}",
            "rule.conditions[0].value: 'in' needs at least one value");
        row("text for number", "{'type':'trait','trait':'order_count','op':'>','value':'3'}",
            "rule.conditions[0].value: expected a number");
        row("number for text", "{'type':'trait','trait':'rfm_group','op':'in','value':['Lost',3]}",
            "rule.conditions[0].value[1]: expected a text");
        row("bad date", "{'type':'trait','trait':'first_seen','op':'before','value':'yesterday'}",
            "rule.conditions[0].value: expected a date (2026-10-01) or an ISO 8601 time");
        row("negative days", "{'type':'trait','trait':'first_seen','op':'more_than_days_ago','value':-1}",
            "rule.conditions[0].value: expected a number of days from 0 to 100000");
        // Found by fuzzing: now - days overflowed the millisecond time for huge day counts.
        row("too many days", "{'type':'trait','trait':'first_seen','op':'within_last_days','value':1e300}",
            "rule.conditions[0].value: expected a number of days from 0 to 100000");
        row("unknown column",
            "{'type':'trait','trait':'value_spend','column':'Brand','columnValue':'Acme','op':'>','value':0}",
            "rule.conditions[0].column: the catalog has no column 'Brand' (columns: Category)");
        row("unknown value",
            "{'type':'trait','trait':'value_spend','column':'Category','columnValue':'Garden','op':'>','"
            "value':0}",
            "rule.conditions[0].columnValue: catalog column Category has no value 'Garden'");
        row("column on plain trait",
            "{'type':'trait','trait':'total_spend','column':'Category','columnValue':'x','op':'>','value':0}",
            "rule.conditions[0].column: trait 'total_spend' takes no catalog column");
        row("nested",
            "{'type':'any','conditions':[{'type':'none','conditions':[{'type':'trait','trait':'nope','op':'"
            "is_set'}]}]}",
            "rule.conditions[0].conditions[0].conditions[0].trait: unknown trait 'nope'");
        row("event name", "{'type':'event','event':''}", "rule.conditions[0].event: missing event name");
        row("event both windows",
            "{'type':'event','event':'E','withinLastDays':3,'from':'2026-01-01','to':'2026-01-02'}",
            "rule.conditions[0].withinLastDays: expected days from 1 to 100000, and no from / to with it");
        row("event window too long", "{'type':'event','event':'E','withinLastDays':9000000000000000000}",
            "rule.conditions[0].withinLastDays: expected days from 1 to 100000, and no from / to with it");
        row("event half window", "{'type':'event','event':'E','from':'2026-01-01'}",
            "rule.conditions[0].to: a date window needs both from and to");
        row("event reversed window", "{'type':'event','event':'E','from':'2026-02-01','to':'2026-01-01'}",
            "rule.conditions[0].from: the window must start before it ends");
        row("event times", "{'type':'event','event':'E','count':'at_least','times':-2}",
            "rule.conditions[0].times: expected a count >= 0");
        row("property key", "{'type':'event','event':'E','where':[{'property':'a..','op':'is','value':'x'}]}",
            "rule.conditions[0].where[0].property: expected a property key");
        row("property op",
            "{'type':'event','event':'E','where':[{'property':'p','op':'before','value':'x'}]}",
            "rule.conditions[0].where[0].op: 'before' does not apply to event properties");
        row("property value", "{'type':'event','event':'E','where':[{'property':'p','op':'>','value':'x'}]}",
            "rule.conditions[0].where[0].value: '>' needs a number");
        row("unknown segment", "{'type':'membership','kind':'segment','name':'Nobody'}",
            "rule.conditions[0].name: no saved segment named 'Nobody'");
        row("unknown exported", "{'type':'membership','kind':'exported','name':'Beauty'}",
            "rule.conditions[0].name: no exported audience named 'Beauty'");
    }

    void validationMessages()
    {
        QFETCH(QString, conditions);
        QFETCH(QString, message);
        const auto rule = ruleFromJson(wrap(conditions.toStdString()));
        QVERIFY2(rule, rule ? "" : rule.error().message.c_str());
        ValidationContext ctx;
        ctx.catalogColumns = {"Category"};
        ctx.traits = traits::availableTraits(ctx.catalogColumns);
        ctx.hasValue = [](const std::string &c, const std::string &v) {
            return c == "Category" && v == "Skincare";
        };
        ctx.segments = std::vector<std::string>{"VIPs"};
        ctx.audiences = std::vector<std::string>{"Beauty"};
        ctx.exportedAudiences = std::vector<std::string>{};
        const auto ok = validateRule(*rule, ctx);
        if (message.isEmpty()) {
            QVERIFY2(ok, ok ? "" : ok.error().message.c_str());
            return;
        }
        QVERIFY(!ok);
        QVERIFY2(QString::fromStdString(ok.error().message).startsWith(message), ok.error().message.c_str());
    }

    void operators_data()
    {
        QTest::addColumn<QString>("condition");
        QTest::addColumn<QString>("rows");
        const auto row = [](const char *condition, const char *rows) {
            QTest::newRow(condition) << QString::fromUtf8(condition) << QString::fromUtf8(rows);
        };
        // n = 1, 2, unset, 5, 5, -3
        row("'trait':'n','op':'=','value':5", "3 4");
        row("'trait':'n','op':'!=','value':5", "0 1 5");
        row("'trait':'n','op':'<','value':2", "0 5");
        row("'trait':'n','op':'<=','value':2", "0 1 5");
        row("'trait':'n','op':'>','value':2", "3 4");
        row("'trait':'n','op':'>=','value':-3", "0 1 3 4 5");
        row("'trait':'n','op':'between','value':[1,5]", "0 1 3 4");
        row("'trait':'n','op':'is_set'", "0 1 3 4 5");
        row("'trait':'n','op':'is_not_set'", "2");
        // s = Skincare, Makeup, skin tonic, unset, Hair, Skincare
        row("'trait':'s','op':'is','value':'Skincare'", "0 5");
        row("'trait':'s','op':'is_not','value':'Skincare'", "1 2 4");
        row("'trait':'s','op':'contains','value':'KIN'", "0 2 5");
        row("'trait':'s','op':'starts_with','value':'skin'", "0 2 5");
        row("'trait':'s','op':'starts_with','value':'tonic'", "");
        row("'trait':'s','op':'in','value':['Hair','Makeup','Garden']", "1 4");
        row("'trait':'s','op':'is_set'", "0 1 2 4 5");
        row("'trait':'s','op':'is_not_set'", "3");
        // d = 03-01 00:00, 03-01 23:59:59.999, unset, 03-05 12:00, 03-10 06:00, 2026-01-01; now 03-11
        row("'trait':'d','op':'before','value':'2026-03-01'", "5");
        row("'trait':'d','op':'before','value':'2026-03-02'", "0 1 5");
        row("'trait':'d','op':'after','value':'2026-03-01'", "3 4");
        row("'trait':'d','op':'after','value':'2026-03-01T12:00:00Z'", "1 3 4");
        row("'trait':'d','op':'between','value':['2026-03-01','2026-03-05']", "0 1 3");
        row("'trait':'d','op':'within_last_days','value':6", "3 4");
        row("'trait':'d','op':'within_last_days','value':10", "0 1 3 4");
        // Whole days: 03-01 23:59:59.999 is 9 whole days before 03-11, not more than 9.
        row("'trait':'d','op':'more_than_days_ago','value':9", "0 5");
        row("'trait':'d','op':'more_than_days_ago','value':8", "0 1 5");
        row("'trait':'d','op':'more_than_days_ago','value':0", "0 1 3 5");
        row("'trait':'d','op':'is_not_set'", "2");
    }

    void operators()
    {
        QFETCH(QString, condition);
        QFETCH(QString, rows);
        const traits::TraitTable table = smallTable();
        const auto rule = ruleFromJson(wrap("{'type':'trait'," + condition.toStdString() + "}"));
        QVERIFY2(rule, rule ? "" : rule.error().message.c_str());
        RuleEvaluator evaluator(table, {});
        const auto result = evaluator.evaluate(*rule);
        QVERIFY(result);
        QStringList got;
        for (const std::size_t r : result->rows()) {
            got << QString::number(r);
        }
        QCOMPARE(got.join(QLatin1Char(' ')), rows);
    }

    void groups_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<int>("count");
        const char *big = "{'type':'trait','trait':'n','op':'>=','value':2}";           // 1 3 4
        const char *skin = "{'type':'trait','trait':'s','op':'is','value':'Skincare'}"; // 0 5
        const auto group = [](const char *type, std::vector<const char *> children) {
            std::string s = std::string("{'type':'") + type + "','conditions':[";
            for (std::size_t i = 0; i < children.size(); ++i) {
                s += (i ? "," : "") + std::string(children[i]);
            }
            return s + "]}";
        };
        QTest::newRow("all") << QString::fromStdString(group("all", {big, skin})) << 0;
        QTest::newRow("any") << QString::fromStdString(group("any", {big, skin})) << 5;
        QTest::newRow("none") << QString::fromStdString(group("none", {big, skin})) << 1;
        QTest::newRow("empty all") << QString::fromStdString(group("all", {})) << 6;
        QTest::newRow("empty any") << QString::fromStdString(group("any", {})) << 0;
        QTest::newRow("empty none") << QString::fromStdString(group("none", {})) << 6;
        const std::string inner = group("none", {skin});
        QTest::newRow("nested") << QString::fromStdString(group("all", {big, inner.c_str()})) << 3;
    }

    void groups()
    {
        QFETCH(QString, json);
        QFETCH(int, count);
        const traits::TraitTable table = smallTable();
        const auto rule = ruleFromJson(j("{'version':1,'rule':") + j(json.toStdString()) + "}");
        QVERIFY2(rule, rule ? "" : rule.error().message.c_str());
        const auto result = RuleEvaluator(table, {}).evaluate(*rule);
        QVERIFY(result);
        QCOMPARE(static_cast<int>(result->count()), count);
    }

    void dateRanges()
    {
        QCOMPARE(dateRange("2026-03-01")->second - dateRange("2026-03-01")->first, traits::kDayMs);
        QCOMPARE(dateRange("2026-03-01T10:00:00Z")->second - dateRange("2026-03-01T10:00:00Z")->first,
                 std::int64_t(1));
        QVERIFY(!dateRange("1772323200"));
        QVERIFY(!dateRange("2026-02-30"));
    }
};

QTEST_GUILESS_MAIN(TestRule)
#include "tst_Rule.moc"
