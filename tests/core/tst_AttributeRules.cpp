// SPDX-License-Identifier: GPL-3.0-or-later
// Rules on profile attributes (text, number, date and boolean, typed from the stored values; people without
// the attribute match no comparison) and "reachable by PRESET" (what the export preset requires, consent
// for e-mail tools), over the five-person workspace of AttributeWorkspace.h: counts by hand, reachability
// against an independent SQL count per preset, JSON round trips, validation messages and summaries.
#include "AttributeWorkspace.h"
#include "TestUtil.h"
#include "export/ConsentFilter.h"
#include "export/ExportPresets.h"
#include "jobs/Progress.h"
#include "segments/RuleJson.h"
#include "segments/RuleSummary.h"
#include "services/SegmentService.h"
#include "services/SegmentSession.h"
#include "traits/ProfileAttributes.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace awb;

namespace {

// JSON fixtures are written with ' for " (moc mis-parses raw string literals holding quotes).
std::string j(std::string text)
{
    std::replace(text.begin(), text.end(), '\'', '"');
    return text;
}

std::string ruleJson(const std::string &conditions)
{
    return j("{'version':1,'rule':{'type':'all','conditions':[" + conditions + "]}}");
}

segments::Rule parse(const std::string &conditions)
{
    auto rule = segments::ruleFromJson(ruleJson(conditions));
    if (!rule) {
        qFatal("bad rule: %s", rule.error().message.c_str());
    }
    return std::move(rule).value();
}

services::TraitRequest asOf()
{
    services::TraitRequest r;
    r.asOfMs = test::kAttributeWorkspaceNow;
    return r;
}

} // namespace

class TestAttributeRules : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        std::string error;
        m_ws = test::makeAttributeWorkspace(m_dir.path(), error);
        QVERIFY2(!m_ws.empty(), error.c_str());
        auto session = services::SegmentSession::open(m_ws, asOf(), ProgressSink::null());
        QVERIFY2(session, session ? "" : session.error().message.c_str());
        m_session = std::make_unique<services::SegmentSession>(std::move(*session));
        QCOMPARE(m_session->table().size(), std::size_t(5));
    }

    void attributesAreTypedFromTheirValues_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("label");
        const auto row = [](const char *id, traits::TraitKind kind, const char *label) {
            QTest::newRow(id) << QString::fromLatin1(id) << static_cast<int>(kind)
                              << QString::fromUtf8(label);
        };
        row("attribute:city", traits::TraitKind::Text, "City");
        row("attribute:postal_code", traits::TraitKind::Text, "ZIP / postal code"); // "01234" is no number
        row("attribute:birthday", traits::TraitKind::Date, "Birthday");
        row("attribute:plan", traits::TraitKind::Text, "plan");
        row("attribute:points", traits::TraitKind::Number, "points");
        row("attribute:signup", traits::TraitKind::Date, "signup"); // dates and a time
        row("attribute:vip", traits::TraitKind::Boolean, "vip");    // yes / no / true
        row("attribute:phone", traits::TraitKind::Text, "Phone");
    }

    void attributesAreTypedFromTheirValues()
    {
        QFETCH(QString, id);
        QFETCH(int, kind);
        QFETCH(QString, label);
        const traits::TraitColumn *c = m_session->table().column(id.toStdString());
        QVERIFY2(c, qPrintable(id));
        QCOMPARE(static_cast<int>(c->info.kind), kind);
        QCOMPARE(QString::fromStdString(c->info.label), label);
        QCOMPARE(c->info.group, std::string("Profile"));
    }

    void consentIsAReachabilityTraitNotAnAttribute()
    {
        QVERIFY(!m_session->table().column("attribute:email_consent"));
        QVERIFY(m_session->table().column("email_consent"));
    }

    void knownTextValuesMostFrequentFirst()
    {
        const traits::TraitColumn *plan = m_session->table().column("attribute:plan");
        QCOMPARE(plan->dictionary, (std::vector<std::string>{"Gold", "Silver"}));
    }

    void evaluation_data()
    {
        QTest::addColumn<QString>("condition");
        QTest::addColumn<QStringList>("expected");
        const auto c = [](const char *trait, const char *rest) {
            return "{'type':'trait','trait':'" + std::string(trait) + "'," + rest + "}";
        };
        const auto add = [](const char *name, const std::string &cond,
                            std::initializer_list<const char *> who) {
            QStringList people;
            for (const char *p : who) {
                people << QString::fromLatin1(p);
            }
            QTest::newRow(name) << QString::fromStdString(cond) << people;
        };
        add("city is (exact case)", c("attribute:city", "'op':'is','value':'Paris'"), {"ann"});
        add("city is not (needs a value)", c("attribute:city", "'op':'is_not','value':'Paris'"),
            {"bob", "cat", "dan"});
        add("city contains (ASCII case ignored)", c("attribute:city", "'op':'contains','value':'PAR'"),
            {"ann", "bob"});
        add("city starts with", c("attribute:city", "'op':'starts_with','value':'ly'"), {"cat"});
        add("city is one of", c("attribute:city", "'op':'in','value':['Paris','Berlin']"), {"ann", "dan"});
        add("city is set", c("attribute:city", "'op':'is_set'"), {"ann", "bob", "cat", "dan"});
        add("city is not set", c("attribute:city", "'op':'is_not_set'"), {"guest"});
        add("zip keeps its leading zero", c("attribute:postal_code", "'op':'starts_with','value':'0'"),
            {"ann"});
        add("points >", c("attribute:points", "'op':'>','value':10"), {"ann", "bob"});
        add("points between (inclusive)", c("attribute:points", "'op':'between','value':[7,40.5]"),
            {"bob", "dan"});
        add("points != (missing never matches)", c("attribute:points", "'op':'!=','value':7"),
            {"ann", "bob"});
        add("points <=", c("attribute:points", "'op':'<=','value':7"), {"dan"});
        add("points =", c("attribute:points", "'op':'=','value':40.5"), {"bob"});
        add("points not set", c("attribute:points", "'op':'is_not_set'"), {"cat", "guest"});
        add("birthday before", c("attribute:birthday", "'op':'before','value':'1990-01-01'"), {"bob"});
        add("birthday after (from the end of the day)",
            c("attribute:birthday", "'op':'after','value':'1990-05-01'"), {"dan"});
        add("birthday between", c("attribute:birthday", "'op':'between','value':['1985-12-24','1990-05-01']"),
            {"ann", "bob"});
        // Whole days before 2026-03-10T00:00Z: ann 59, bob exactly 18, cat 8 (8.67).
        add("signup more than 17 days ago", c("attribute:signup", "'op':'more_than_days_ago','value':17"),
            {"ann", "bob"});
        add("signup more than 18 days ago (whole days)",
            c("attribute:signup", "'op':'more_than_days_ago','value':18"), {"ann"});
        add("signup in the last 10 days", c("attribute:signup", "'op':'within_last_days','value':10"),
            {"cat"});
        add("vip is true", c("attribute:vip", "'op':'is_true'"), {"ann", "cat"});
        add("vip is false", c("attribute:vip", "'op':'is_false'"), {"bob"});
        add("vip is not set", c("attribute:vip", "'op':'is_not_set'"), {"dan", "guest"});
        add("with a computed trait",
            c("attribute:city", "'op':'contains','value':'par'") + "," +
                c("attribute:vip", "'op':'is_true'") + "," + c("order_count", "'op':'>=','value':1"),
            {"ann"});
        add("reachable by Mailchimp (consent refused: bob)",
            c("reachable:mailchimp", "'op':'is','value':'Yes'"), {"ann", "dan"});
        add("reachable by Meta (e-mail or phone)", c("reachable:meta", "'op':'is','value':'Yes'"),
            {"ann", "bob", "dan"});
        add("reachable by Braze (user id; consent refused: bob)", c("reachable:braze", "'op':'is','value':'Yes'"),
            {"ann", "cat", "dan"});
        add("not reachable by Segment", c("reachable:segment", "'op':'is','value':'No'"), {});
    }

    void evaluation()
    {
        QFETCH(QString, condition);
        QFETCH(QStringList, expected);
        auto rows = m_session->evaluate(parse(j(condition.toStdString())));
        QVERIFY2(rows, rows ? "" : rows.error().message.c_str());
        QStringList people;
        for (const std::int64_t id : m_session->profileIds(*rows)) {
            people << person(id);
        }
        people.sort();
        QCOMPARE(people, expected);
    }

    // The reachable-by-preset counts equal a count written in SQL from the preset's requirement and its
    // consent rule (suppression as well is tested with a list in tst_Reachability).
    void reachableCountsEqualSql_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("sql");
        const std::string email = "p.email IS NOT NULL AND p.email != ''";
        const std::string phone =
            "EXISTS (SELECT 1 FROM profile_attributes a WHERE a.profile_id = p.id AND a.key = 'phone')";
        const std::string refused = "EXISTS (SELECT 1 FROM profile_attributes a WHERE a.profile_id = p.id "
                                    "AND a.key = 'email_consent' AND a.value = 'false')";
        const std::string user =
            "EXISTS (SELECT 1 FROM identities i WHERE i.profile_id = p.id AND i.kind = 0)";
        const std::string any = "EXISTS (SELECT 1 FROM identities i WHERE i.profile_id = p.id)";
        int rows = 0;
        for (const exports::PresetInfo &info : exports::presetList()) {
            const exports::Requirement r = exports::makePreset(info.id)->requirement;
            std::string where;
            switch (r) {
            case exports::Requirement::Email:
                where = email;
                break;
            case exports::Requirement::EmailOrPhone:
                where = "(" + email + ") OR " + phone;
                break;
            case exports::Requirement::UserId:
                where = user;
                break;
            case exports::Requirement::Key:
                where = any;
                break;
            case exports::Requirement::None:
                continue;
            }
            if (exports::consentRule(*exports::makePreset(info.id)) == exports::ConsentRule::Email) {
                where = "(" + where + ") AND NOT " + refused;
            }
            QTest::newRow(info.id.c_str())
                << QString::fromStdString(info.id)
                << QString::fromStdString("SELECT count(*) FROM profiles p WHERE " + where);
            ++rows;
        }
        QVERIFY(rows >= 5);
    }

    void reachableCountsEqualSql()
    {
        QFETCH(QString, preset);
        QFETCH(QString, sql);
        const auto n = services::SegmentService(m_ws).count(
            parse(j("{'type':'trait','trait':'reachable:" + preset.toStdString() +
                    "','op':'is','value':'Yes'}")),
            asOf(), ProgressSink::null());
        QVERIFY2(n, n ? "" : n.error().message.c_str());
        QCOMPARE(n->matching, test::queryInt(m_ws, sql.toStdString()));
    }

    void genericPresetHasNoReachability()
    {
        QVERIFY(!m_session->table().column("reachable:generic"));
        QVERIFY(m_session->table().column("reachable:mailchimp"));
        QCOMPARE(m_session->table().column("reachable:klaviyo")->info.label,
                 std::string("Reachable by Klaviyo"));
    }

    void jsonRoundTrip()
    {
        const std::string json =
            ruleJson("{'type':'trait','trait':'attribute:vip','op':'is_true'},"
                     "{'type':'trait','trait':'attribute:birthday','op':'between','value':['1980-01-01','"
                     "1990-12-31']},"
                     "{'type':'trait','trait':'attribute:city','op':'in','value':['Paris','Lyon']},"
                     "{'type':'trait','trait':'attribute:points','op':'>=','value':10},"
                     "{'type':'trait','trait':'reachable:meta','op':'is','value':'Yes'}");
        auto rule = segments::ruleFromJson(json);
        QVERIFY2(rule, rule ? "" : rule.error().message.c_str());
        const segments::TraitCondition &vip = rule->root.children[0].trait;
        QCOMPARE(vip.op, segments::Op::IsTrue);
        QVERIFY(vip.values.empty());
        const std::string written = segments::ruleToJson(*rule);
        QVERIFY(written.find("\"is_true\"") != std::string::npos);
        auto again = segments::ruleFromJson(written);
        QVERIFY(again);
        QCOMPARE(segments::ruleToJson(*again), written);
        QCOMPARE(again->root.children.size(), std::size_t(5));
        QCOMPARE(again->root.children[1].trait.trait, std::string("attribute:birthday"));
    }

    void validatorNamesTheProblem_data()
    {
        QTest::addColumn<QString>("condition");
        QTest::addColumn<QString>("message");
        const auto row = [](const char *name, const char *condition, const char *message) {
            QTest::newRow(name) << QString::fromLatin1(condition) << QString::fromUtf8(message);
        };
        row("unknown attribute, known listed",
            "{'type':'trait','trait':'attribute:shoe_size','op':'>','value':40}",
            "rule.conditions[0].trait: unknown profile attribute 'shoe_size' (attributes: birthday, city, "
            "phone, plan, points, postal_code, signup, vip)");
        row("text operator on a boolean", "{'type':'trait','trait':'attribute:vip','op':'is','value':'yes'}",
            "rule.conditions[0].op: 'is' does not apply to boolean trait 'attribute:vip' (is_true, is_false, "
            "is_set, is_not_set)");
        row("boolean takes no value", "{'type':'trait','trait':'attribute:vip','op':'is_true','value':'x'}",
            "rule.conditions[0].value: 'is_true' takes no value");
        row("text for a number", "{'type':'trait','trait':'attribute:points','op':'>','value':'ten'}",
            "rule.conditions[0].value: expected a number");
        row("bad date", "{'type':'trait','trait':'attribute:birthday','op':'before','value':'soon'}",
            "rule.conditions[0].value: expected a date (2026-10-01) or an ISO 8601 time");
        row("date operator on text",
            "{'type':'trait','trait':'attribute:city','op':'before','value':'2020-01-01'}",
            "rule.conditions[0].op: 'before' does not apply to text trait 'attribute:city' (is, is_not, "
            "contains, "
            "starts_with, in, is_set, is_not_set)");
        row("no such preset", "{'type':'trait','trait':'reachable:generic','op':'is','value':'Yes'}",
            "rule.conditions[0].trait: unknown trait 'reachable:generic'");
    }

    void validatorNamesTheProblem()
    {
        QFETCH(QString, condition);
        QFETCH(QString, message);
        const auto ok = services::SegmentService(m_ws).validate(parse(j(condition.toStdString())));
        QVERIFY(!ok);
        QCOMPARE(QString::fromStdString(ok.error().message), message);
        QCOMPARE(ok.error().code, Error::Code::InvalidInput);
    }

    void summaries_data()
    {
        QTest::addColumn<QString>("condition");
        QTest::addColumn<QString>("summary");
        const auto row = [](const char *condition, const char *summary) {
            QTest::newRow(summary) << QString::fromLatin1(condition) << QString::fromUtf8(summary);
        };
        row("{'type':'trait','trait':'attribute:city','op':'is','value':'Paris'}", "City is Paris");
        row("{'type':'trait','trait':'attribute:birthday','op':'more_than_days_ago','value':30}",
            "Birthday more than 30 days ago");
        row("{'type':'trait','trait':'attribute:vip','op':'is_true'}", "Vip is true");
        row("{'type':'trait','trait':'attribute:vip','op':'is_false'}", "Vip is false");
        row("{'type':'trait','trait':'attribute:postal_code','op':'starts_with','value':'75'}",
            "ZIP / postal code starts with “75”");
        row("{'type':'trait','trait':'attribute:points','op':'between','value':[10,1000]}",
            "Points between 10 and 1,000");
        row("{'type':'trait','trait':'attribute:city','op':'in','value':['Paris','Lyon']},"
            "{'type':'trait','trait':'reachable:mailchimp','op':'is','value':'Yes'}",
            "City is Paris or Lyon and reachable by Mailchimp is Yes");
    }

    void summaries()
    {
        QFETCH(QString, condition);
        QFETCH(QString, summary);
        QCOMPARE(QString::fromStdString(segments::summarizeRule(parse(j(condition.toStdString()))).full),
                 summary);
    }

    void kindFollowsEveryValue_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QStringList>("values");
        QTest::addColumn<int>("kind");
        const auto row = [](const char *name, const char *key, std::initializer_list<const char *> list,
                            traits::TraitKind kind) {
            QStringList values;
            for (const char *v : list) {
                values << QString::fromLatin1(v);
            }
            QTest::newRow(name) << QString::fromLatin1(key) << values << static_cast<int>(kind);
        };
        row("numbers", "score", {"1", "2.5", "-3", "1e3"}, traits::TraitKind::Number);
        row("zero and one are numbers", "flag", {"0", "1"}, traits::TraitKind::Number);
        row("booleans any case", "vip", {"TRUE", "no", "Yes"}, traits::TraitKind::Boolean);
        row("dates and times", "since", {"2026-01-01", "2026-01-02T10:00:00Z"}, traits::TraitKind::Date);
        row("one text makes text", "size", {"1", "2", "large"}, traits::TraitKind::Text);
        row("not a finite number", "x", {"1", "inf"}, traits::TraitKind::Text);
        row("unix times are not dates", "t", {"1700000000", "2026-01-01"}, traits::TraitKind::Text);
        row("recognised text field", "postal_code", {"75001", "01234"}, traits::TraitKind::Text);
        row("birthday as dates", "birthday", {"1990-05-01"}, traits::TraitKind::Date);
        row("birthday unreadable", "birthday", {"05/01"}, traits::TraitKind::Text);
    }

    void kindFollowsEveryValue()
    {
        QFETCH(QString, key);
        QFETCH(QStringList, values);
        QFETCH(int, kind);
        traits::AttributeKindGuess guess(key.toStdString());
        for (const QString &v : values) {
            guess.see(v.toStdString());
        }
        QCOMPARE(static_cast<int>(guess.kind()), kind);
    }

private:
    QString person(std::int64_t profileId) const
    {
        const std::string user =
            test::queryText(m_ws, "SELECT value FROM identities WHERE kind = 0 AND profile_id = " +
                                      std::to_string(profileId));
        return user.empty() ? QStringLiteral("guest") : QString::fromStdString(user);
    }

    QTemporaryDir m_dir;
    std::string m_ws;
    std::unique_ptr<services::SegmentSession> m_session;
};

QTEST_GUILESS_MAIN(TestAttributeRules)
#include "tst_AttributeRules.moc"
