// SPDX-License-Identifier: GPL-3.0-or-later
// Static segments on the hand-built trait fixture: freezing keeps the members of the moment (or of an as-of
// date) and never re-evaluates them; membership conditions, members, export, save / freeze refusals,
// rename and remove; the schema step from version 4; the properties of an event for "where" filters.
#include "TraitTestUtil.h"
#include "segments/RuleJson.h"
#include "services/SegmentService.h"
#include "store/Migrations.h"

#include <QFile>
#include <QTest>

using namespace awb;
using namespace awb::segments;

namespace {

Rule parse(const std::string &condition)
{
    auto rule = ruleFromJson(test::j("{'version':1,'rule':{'type':'all','conditions':[") +
                             test::j(condition) + "]}}");
    if (!rule) {
        qFatal("bad rule: %s", rule.error().message.c_str());
    }
    return std::move(rule).value();
}

Rule ordersAtLeast(int n)
{
    return parse("{'type':'trait','trait':'order_count','op':'>=','value':" + std::to_string(n) + "}");
}

} // namespace

class TestSegmentFreeze : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_scratch.next();
        test::buildTraitFixture(m_scratch);
        m_ws = m_scratch.workspace();
    }

    void freezeKeepsTheMembersOfTheMoment()
    {
        services::SegmentService service(m_ws);
        QVERIFY(service.save("Buyers", "ordered once", ordersAtLeast(1)));
        auto table = services::TraitService(m_ws).load({}, ProgressSink::null());
        QVERIFY(table);
        const auto frozen = service.freeze("Buyers", "Buyers then", *table, ProgressSink::null());
        QVERIFY2(frozen, frozen ? "" : frozen.error().message.c_str());
        QVERIFY(frozen->isStatic());
        QCOMPARE(frozen->memberCount, std::int64_t(3)); // alice, dave, erin
        QCOMPARE(frozen->frozenFrom, std::string("Buyers"));
        QCOMPARE(frozen->asOfMs, (*table)->nowMs);
        QCOMPARE(frozen->description, std::string("ordered once"));
        QCOMPARE(m_scratch.integer("SELECT count(*) FROM segment_members"), std::int64_t(3));

        // The source changes; the static segment does not.
        QVERIFY(service.save("Buyers", "", ordersAtLeast(2)));
        QCOMPARE(users(service, "Buyers"), QStringLiteral("alice dave"));
        QCOMPARE(users(service, "Buyers then"), QStringLiteral("alice dave erin"));
        const auto listed = service.find("Buyers then");
        QVERIFY(listed && listed->isStatic());
        QCOMPARE(listed->ruleJson, ruleToJson(ordersAtLeast(1))); // the rule it was frozen from
        // Its rule for counting and export is "in segment": the frozen members.
        QCOMPARE(ruleToJson(*service.rule("Buyers then")),
                 ruleToJson(services::SegmentService::inSegment("Buyers then")));
        const auto inside =
            service.count(parse("{'type':'membership','kind':'segment','name':'Buyers then'},"
                                "{'type':'trait','trait':'total_spend','op':'<','value':100}"),
                          {}, ProgressSink::null());
        QVERIFY(inside);
        QCOMPARE(inside->matching, std::int64_t(2)); // dave 60, erin 30
        const auto members = service.members("Buyers then", {}, ProgressSink::null());
        QVERIFY(members);
        QCOMPARE(members->size(), std::size_t(3));
        QVERIFY(std::is_sorted(members->begin(), members->end()));

        services::SegmentExportRequest out;
        out.outFile = m_scratch.filePath(QStringLiteral("then.csv")).toStdString();
        out.columns = {"user_id"};
        const auto report = service.exportCsv(*service.rule("Buyers then"), {}, out, ProgressSink::null());
        QVERIFY2(report, report ? "" : report.error().message.c_str());
        QFile f(QString::fromStdString(out.outFile));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("user_id\r\nalice\r\ndave\r\nerin\r\n"));
    }

    void freezeAsOfADate()
    {
        services::SegmentService service(m_ws);
        QVERIFY(service.save("Buyers", "", ordersAtLeast(1)));
        services::TraitRequest dayOne;
        dayOne.asOfMs = test::kT0 + test::kDay; // only alice had ordered (o1 on day 0)
        const std::string name = services::SegmentService::frozenName("Buyers", dayOne.asOfMs, test::kT0);
        QCOMPARE(name, std::string("Buyers (as of 2026-03-02)")); // not the day it was frozen
        QCOMPARE(services::SegmentService::frozenName("Buyers", std::nullopt, *dayOne.asOfMs),
                 std::string("Buyers (frozen 2026-03-02)"));
        const auto frozen = service.freeze("Buyers", name, dayOne, ProgressSink::null());
        QVERIFY2(frozen, frozen ? "" : frozen.error().message.c_str());
        QCOMPARE(frozen->memberCount, std::int64_t(1));
        QCOMPARE(frozen->asOfMs, *dayOne.asOfMs);
        QCOMPARE(users(service, name), QStringLiteral("alice"));
        // A rule segment's members follow the as-of date asked.
        QCOMPARE(service.members("Buyers", dayOne, ProgressSink::null())->size(), std::size_t(1));
        QCOMPARE(service.members("Buyers", {}, ProgressSink::null())->size(), std::size_t(3));
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const auto row = [](const char *tag, const char *source, const char *name, Error::Code code,
                            const char *message) {
            QTest::newRow(tag) << QString::fromUtf8(source) << QString::fromUtf8(name) << int(code)
                               << QString::fromUtf8(message);
        };
        row("no name", "Buyers", "", Error::Code::InvalidInput, "needs a name");
        row("name taken", "Buyers", "Buyers", Error::Code::InvalidInput, "exists already");
        row("unknown source", "Nope", "X", Error::Code::NotFound, "No saved segment named 'Nope'");
        row("static source", "Frozen", "Again", Error::Code::InvalidInput, "is a static segment already");
    }

    void refusals()
    {
        QFETCH(QString, source);
        QFETCH(QString, name);
        QFETCH(int, code);
        QFETCH(QString, message);
        services::SegmentService service(m_ws);
        QVERIFY(service.save("Buyers", "", ordersAtLeast(1)));
        QVERIFY(service.freeze("Buyers", "Frozen", services::TraitRequest{}, ProgressSink::null()));
        const auto again = service.freeze(source.toStdString(), name.toStdString(), services::TraitRequest{},
                                          ProgressSink::null());
        QVERIFY(!again);
        QCOMPARE(int(again.error().code), code);
        QVERIFY2(QString::fromStdString(again.error().message).contains(message),
                 again.error().message.c_str());
        QCOMPARE(service.list()->size(), std::size_t(2)); // nothing written
    }

    void staticSegmentsAreNotOverwrittenButRenamedAndRemoved()
    {
        services::SegmentService service(m_ws);
        QVERIFY(service.save("Buyers", "", ordersAtLeast(1)));
        QVERIFY(service.freeze("Buyers", "Frozen", services::TraitRequest{}, ProgressSink::null()));
        const auto overwrite = service.save("Frozen", "", ordersAtLeast(2));
        QVERIFY(!overwrite);
        QVERIFY2(overwrite.error().message.find("static segment") != std::string::npos,
                 overwrite.error().message.c_str());
        QCOMPARE(service.find("Frozen")->memberCount, std::int64_t(3));
        QVERIFY(service.rename("Frozen", "Kept"));
        QCOMPARE(users(service, "Kept"), QStringLiteral("alice dave erin"));
        QVERIFY(service.remove("Kept"));
        QCOMPARE(m_scratch.integer("SELECT count(*) FROM segment_members"), std::int64_t(0));
        QCOMPARE(service.members("Kept", {}, ProgressSink::null()).error().code, Error::Code::NotFound);
    }

    void membersFollowProfileMerges()
    {
        // An anonymous visitor signs up: a profile of its own, frozen into a static segment.
        m_scratch.run({m_scratch.write(
            "anon.jsonl",
            {test::j("{'type':'track','anonymousId':'anon-9','event':'Signed Up','timestamp':") +
             std::to_string(test::kT0 + 10 * test::kDay) + test::j(",'properties':{}}")})});
        const std::int64_t anon =
            m_scratch.integer("SELECT profile_id FROM identities WHERE value = 'anon-9'");
        services::SegmentService service(m_ws);
        QVERIFY(service.save("Signed up", "", parse("{'type':'event','event':'Signed Up'}")));
        QVERIFY(
            service.freeze("Signed up", "Signed up then", services::TraitRequest{}, ProgressSink::null()));
        QCOMPARE(*service.members("Signed up then", {}, ProgressSink::null()),
                 std::vector<std::int64_t>{anon});
        // Later it turns out to be bob: the younger profile folds into his, and the member follows.
        m_scratch.run({m_scratch.write(
            "merge.jsonl", {test::j("{'type':'identify','anonymousId':'anon-9','userId':'bob','timestamp':") +
                            std::to_string(test::kT0 + 12 * test::kDay) + "}"})});
        const std::int64_t bob = m_scratch.integer("SELECT profile_id FROM identities WHERE value = 'bob'");
        QVERIFY(bob != anon);
        QCOMPARE(m_scratch.integer("SELECT count(*) FROM profiles WHERE id = " + std::to_string(anon)),
                 std::int64_t(0));
        QCOMPARE(*service.members("Signed up then", {}, ProgressSink::null()),
                 std::vector<std::int64_t>{bob});
        QCOMPARE(users(service, "Signed up then"), QStringLiteral("bob"));
    }

    void migratesAVersion4Workspace()
    {
        // A version 4 file: the segments table without the static columns, one rule segment in it, and
        // identify traits as JSON in profiles (before version 6).
        {
            auto db = store::Database::open(m_ws, store::Database::OpenMode::OpenExisting);
            QVERIFY(db);
            (*db)->exec(
                "DROP TABLE suppressions; ALTER TABLE exports DROP COLUMN include_unconsented; " // v8
                "ALTER TABLE exports DROP COLUMN left_out; "
                "DROP TABLE profile_attributes; "
                "ALTER TABLE profiles ADD COLUMN traits TEXT NOT NULL DEFAULT '{}'; "
                "DROP TABLE segment_members; ALTER TABLE segments DROP COLUMN kind; "
                "ALTER TABLE segments DROP COLUMN frozen_from; ALTER TABLE segments DROP COLUMN as_of; "
                "ALTER TABLE segments DROP COLUMN member_count; "
                "INSERT INTO segments (name, rule, created_at, updated_at) VALUES ('Old', '" +
                ruleToJson(ordersAtLeast(2)) + "', 1, 1); PRAGMA user_version = 4;");
        }
        services::SegmentService service(m_ws);
        const auto old = service.find("Old");
        QVERIFY2(old, old ? "" : old.error().message.c_str());
        QVERIFY(!old->isStatic());
        QCOMPARE(m_scratch.integer("PRAGMA user_version"), std::int64_t(store::currentSchemaVersion()));
        QCOMPARE(users(service, "Old"), QStringLiteral("alice dave"));
        QVERIFY(service.freeze("Old", "Old frozen", services::TraitRequest{}, ProgressSink::null()));
        QCOMPARE(users(service, "Old frozen"), QStringLiteral("alice dave"));
    }

    void eventProperties()
    {
        services::SegmentService service(m_ws);
        const auto props = service.eventProperties("Order Completed");
        QVERIFY2(props, props ? "" : props.error().message.c_str());
        std::map<std::string, EventProperty> byKey;
        for (const EventProperty &p : *props) {
            byKey[p.key] = p;
        }
        QVERIFY(byKey.count("products") == 0); // the array itself is read through its rows
        QCOMPARE(byKey["order_id"].events, std::int64_t(5));
        QVERIFY(!byKey["order_id"].numeric);
        QVERIFY(byKey["revenue"].numeric);
        QCOMPARE(byKey["revenue"].examples.size(), std::size_t(5));
        QCOMPARE(byKey["discount"].events, std::int64_t(3));
        QCOMPARE(byKey["coupon"].examples, std::vector<std::string>{"SAVE10"});
        QVERIFY(!byKey["products[].category"].numeric);
        // Makeup is on 5 product rows, Haircare on 3, Skincare on 2: most frequent first.
        QCOMPARE(byKey["products[].category"].examples,
                 (std::vector<std::string>{"Makeup", "Haircare", "Skincare"}));
        QVERIFY(byKey["products[].price"].numeric);
        QCOMPARE(props->front().key, std::string("order_id")); // on every order (ties by key)
        QVERIFY(service.eventProperties("Never Happened")->empty());
    }

private:
    // The fixture's users in a saved segment (evaluated now), in name order.
    QString users(services::SegmentService &service, const std::string &segment)
    {
        auto table = services::TraitService(m_ws).load({}, ProgressSink::null());
        auto rows =
            service.evaluate(*service.evaluator(*table), services::SegmentService::inSegment(segment));
        if (!rows) {
            return QString::fromStdString("error: " + rows.error().message);
        }
        QStringList out;
        for (const char *u : {"alice", "bob", "carol", "dave", "erin"}) {
            const auto row = (*table)->rowOf(m_scratch.integer(
                std::string("SELECT profile_id FROM identities WHERE value = '") + u + "'"));
            if (row && rows->test(*row)) {
                out << QString::fromUtf8(u);
            }
        }
        return out.join(QLatin1Char(' '));
    }

    test::JsonlScratch m_scratch;
    std::string m_ws;
};

QTEST_GUILESS_MAIN(TestSegmentFreeze)
#include "tst_SegmentFreeze.moc"
