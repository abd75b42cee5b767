// SPDX-License-Identifier: GPL-3.0-or-later
// Warehouse mode on hand-made edge cases, each rule compared member for member with the local engine:
// identities merged through shared anonymous ids (chains included), people with no event of a kind under
// never / at most, window bounds exactly at the as-of time and N days before it, RFM ties, missing and null
// properties, non-ASCII text (lower() folds ASCII only in both engines), duplicate messageIds, text compared
// with numbers, ids under a language's collation.
#include "../core/JsonlTestUtil.h"
#include "WarehouseTestUtil.h"
#include "ingest/Timestamp.h"
#include "segments/RuleJson.h"
#include "services/SegmentService.h"
#include "services/TraitService.h"
#include "warehouse/PgConnection.h"
#include "warehouse/WarehouseService.h"

#include <QElapsedTimer>
#include <QTest>

using namespace awb;
using awb::test::j;

namespace {

// The as-of time of every comparison: 2026-06-30T00:00:00Z.
constexpr const char *kAsOf = "2026-06-30T00:00:00.000Z";

std::string call(const std::string &type, const std::string &ids, const std::string &time,
                 const std::string &rest = {})
{
    return j("{'type':'" + type + "'," + ids + ",'timestamp':'" + time + "'" +
             (rest.empty() ? "" : "," + rest) + "}");
}

std::string order(const std::string &user, const std::string &time, const std::string &revenue,
                  const std::string &id)
{
    return call("track", "'userId':'" + user + "','messageId':'" + id + "'", time,
                "'event':'Order Completed','properties':{'revenue':" + revenue + ",'currency':'EUR'}");
}

} // namespace

class TestWarehouseEdges : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString skip;
        const std::string server = test::warehouseServer(skip);
        if (server.empty()) {
            QSKIP(qPrintable(skip));
        }
        QVERIFY(m_files.isValid());
        m_files.next();
        const std::vector<std::string> lines = {
            // Identities: a1 links A and B, a2 links B and C: one person. a9 stays anonymous. D only
            // identifies.
            call("track", "'anonymousId':'a1','userId':'A'", "2026-06-01T10:00:00Z",
                 "'event':'Product Viewed','properties':{'category':'Écoles','price':12}"),
            call("track", "'anonymousId':'a1','userId':'B'", "2026-06-02T10:00:00Z",
                 "'event':'Product Viewed','properties':{'category':'ÉCOLE du Nord','price':'12'}"),
            call("page", "'anonymousId':'a2','userId':'B'", "2026-06-03T10:00:00Z"),
            call("track", "'anonymousId':'a2','userId':'C'", "2026-06-04T10:00:00Z",
                 "'event':'Product Viewed','properties':{'category':null,'price':30}"),
            // a7 links b and Z: their person's key is the smaller id by bytes ("Z"), under any collation.
            call("track", "'anonymousId':'a7','userId':'b'", "2026-06-02T12:00:00Z",
                 "'event':'Product Viewed','properties':{'category':'Écoles'}"),
            call("track", "'anonymousId':'a7','userId':'Z'", "2026-06-03T12:00:00Z",
                 "'event':'Product Viewed','properties':{'category':'Écoles'}"),
            call("track", "'anonymousId':'a9'", "2026-06-05T10:00:00Z",
                 "'event':'Product Viewed','properties':{'brand':'Zoë'}"),
            call("identify", "'userId':'D'", "2026-06-06T10:00:00Z", "'traits':{'email':'d@example.com'}"),
            // Window bounds: E at exactly 7 days before as-of, F 1 ms earlier, G 1 ms before as-of, H at
            // as-of.
            call("track", "'userId':'E'", "2026-06-23T00:00:00.000Z",
                 "'event':'Product Added','properties':{}"),
            call("track", "'userId':'F'", "2026-06-22T23:59:59.999Z",
                 "'event':'Product Added','properties':{}"),
            call("track", "'userId':'G'", "2026-06-29T23:59:59.999Z",
                 "'event':'Product Added','properties':{}"),
            call("track", "'userId':'H'", "2026-06-30T00:00:00.000Z",
                 "'event':'Product Added','properties':{}"),
            call("track", "'userId':'H'", "2026-06-10T00:00:00.000Z",
                 "'event':'Product Added','properties':{}"),
            // RFM ties: P, Q, R have identical orders; S buys more; duplicate messageIds count once.
            order("P", "2026-05-01T09:00:00Z", "50", "o-p1"),
            order("Q", "2026-05-01T09:00:00Z", "50", "o-q1"),
            order("R", "2026-05-01T09:00:00Z", "50", "o-r1"),
            order("S", "2026-05-01T09:00:00Z", "80", "o-s1"),
            order("S", "2026-05-20T09:00:00Z", "80", "o-s2"),
            order("S", "2026-05-20T09:00:00Z", "80", "o-s2"),
            order("A", "2026-06-01T11:00:00Z", "19.99", "o-a1"),
            order("C", "2026-06-04T11:00:00Z", "0.01", "o-c1"),
            order("T", "2026-04-01T09:00:00Z", "2000", "o-t1"),
        };
        m_files.run({m_files.write("edges.jsonl", lines)});
        m_uri = server + "&options=-csearch_path%3Dedges";
        const auto published = warehouse::publishWorkspace(m_files.workspace(), m_uri);
        QVERIFY2(published, published ? "" : published.error().message.c_str());
        // The ids compared with a language's collation, as on a database created with one (ICU's root
        // collation puts "b" before "Z"; the workspace, by bytes, "Z" before "b").
        auto pg = warehouse::PgConnection::connect(m_uri);
        if (pg->exec("SELECT count(*) FROM pg_collation WHERE collname = 'und-x-icu'").int64(0, 0) > 0) {
            const auto columns =
                pg->exec("SELECT table_name, column_name FROM information_schema.columns WHERE "
                         "table_schema = 'edges' AND column_name IN ('user_id', 'anonymous_id')");
            for (int r = 0; r < columns.rows(); ++r) {
                pg->exec("ALTER TABLE edges." + std::string(columns.text(r, 0)) + " ALTER COLUMN " +
                         std::string(columns.text(r, 1)) + " TYPE text COLLATE \"und-x-icu\"");
            }
            QVERIFY(pg->exec("SELECT 'b' < 'Z' COLLATE \"und-x-icu\"").text(0, 0) == "t");
        } else {
            qInfo("PostgreSQL has no ICU collations here: the ids keep the database's C collation");
        }
        m_asOf = *ingest::parseTimestamp(kAsOf);
        auto table = services::TraitService(m_files.workspace()).load({m_asOf}, ProgressSink::null());
        QVERIFY(table);
        m_table = *table;
        m_keyOf = test::personKeys(m_files.workspace());
    }

    void mergedIdentitiesAreOnePerson()
    {
        // A, B, C (through a1 and a2) are one person; H is first seen before as-of; nobody is lost or
        // doubled.
        QCOMPARE(localMembers(rule("{'type':'all','conditions':[]}")).size(), m_table->size());
        const auto c = warehouse::countRule(m_uri, rule("{'type':'all','conditions':[]}"), m_asOf, true);
        QVERIFY2(c, c ? "" : c.error().message.c_str());
        QCOMPARE(c->people, static_cast<std::int64_t>(m_table->size()));
        QVERIFY(std::find(c->members.begin(), c->members.end(), "0A") != c->members.end());
        QVERIFY(std::find(c->members.begin(), c->members.end(), "0B") == c->members.end());
        QVERIFY(std::find(c->members.begin(), c->members.end(), "1a9") != c->members.end());
        QVERIFY(std::find(c->members.begin(), c->members.end(), "0Z") != c->members.end());
        QVERIFY(std::find(c->members.begin(), c->members.end(), "0b") == c->members.end());
        QVERIFY(std::is_sorted(c->members.begin(), c->members.end()));
    }

    void rulesMatch_data()
    {
        QTest::addColumn<QString>("rule");
        const auto add = [](const char *name, const char *ruleJson) {
            QTest::newRow(name) << QString::fromLatin1(ruleJson);
        };
        add("window starts exactly N days before as-of", "{'type':'all','conditions':[{'type':'event','event'"
                                                         ":'Product Added','count':'at_least','times':1,"
                                                         "'withinLastDays':7}]}");
        add("an event at as-of is not counted", "{'type':'all','conditions':[{'type':'event','event':'"
                                                "Product Added','count':'exactly','times':1}]}");
        add("never includes people without any event of the name",
            "{'type':'all','conditions':[{'type':'event','event':'Product Viewed','count':'never'}]}");
        add("at most includes people without events", "{'type':'all','conditions':[{'type':'event','event':'"
                                                      "Order Completed','count':'at_most','times':1}]}");
        add("an event no table holds", "{'type':'none','conditions':[{'type':'event','event':'Nobody Sends "
                                       "This','count':'at_least','times':1}]}");
        add("null and missing properties", "{'type':'all','conditions':[{'type':'event','event':'Product "
                                           "Viewed','count':'at_least','times':1,"
                                           "'where':[{'property':'category','op':'is_not_set'}]}]}");
        add("non-ASCII is not folded", "{'type':'all','conditions':[{'type':'event','event':'Product "
                                       "Viewed','count':'at_least','times':1,"
                                       "'where':[{'property':'category','op':'contains','value':'écol'}]}]}");
        add("ASCII is folded", "{'type':'all','conditions':[{'type':'event','event':'Product "
                               "Viewed','count':'at_least','times':1,"
                               "'where':[{'property':'category','op':'starts_with','value':'écoles'}]}]}");
        add("accented brand", "{'type':'all','conditions':[{'type':'event','event':'Product "
                              "Viewed','count':'at_least','times':1,"
                              "'where':[{'property':'brand','op':'is','value':'Zoë'}]}]}");
        add("RFM ties share a score",
            "{'type':'any','conditions':[{'type':'trait','trait':'rfm_monetary','op':'=','value':1},"
            "{'type':'trait','trait':'rfm_recency','op':'=','value':1}]}");
        add("RFM frequency",
            "{'type':'all','conditions':[{'type':'trait','trait':'rfm_frequency','op':'>=','value':2}]}");
        add("not set under none", "{'type':'none','conditions':[{'type':'trait','trait':'average_order_value'"
                                  ",'op':'<','value':60}]}");
        add("duplicate messageIds count once",
            "{'type':'all','conditions':[{'type':'trait','trait':'order_count','op':'=','value':2}]}");
        add("last purchase more than N days ago",
            "{'type':'all','conditions':[{'type':'trait','trait':'last_purchase','op':'more_than_days_ago',"
            "'value':40}]}");
        add("visitor type",
            "{'type':'all','conditions':[{'type':'trait','trait':'visitor_type','op':'is','value':'New'}]}");
        add("first seen between dates", "{'type':'all','conditions':[{'type':'trait','trait':'first_seen','"
                                        "op':'between','value':['2026-06-01',"
                                        "'2026-06-04']}]}");
    }

    void rulesMatch()
    {
        QFETCH(QString, rule);
        const segments::Rule r = this->rule(rule.toStdString());
        const std::vector<std::string> local = localMembers(r);
        const auto remote = warehouse::countRule(m_uri, r, m_asOf, true);
        QVERIFY2(remote, remote ? "" : remote.error().message.c_str());
        QCOMPARE(remote->members, local);
    }

    // A statement stops on the server when the caller cancels; a cancelled refresh keeps the traits it had.
    void cancellingStopsTheStatement()
    {
        auto pg = warehouse::PgConnection::connect(m_uri);
        QElapsedTimer clock;
        clock.start();
        pg->setCancelCheck([&clock] { return clock.elapsed() > 200; });
        QVERIFY_THROWS_EXCEPTION(warehouse::PgCancelled, pg->exec("SELECT pg_sleep(30)"));
        QVERIFY2(clock.elapsed() < 20000, "the statement ran to its end");

        const auto before = warehouse::refreshTraits(m_uri, m_asOf);
        QVERIFY(before);
        CancelableProgress cancelled;
        cancelled.cancel();
        const auto refreshed = warehouse::refreshTraits(m_uri, m_asOf - traits::kDayMs, cancelled);
        QVERIFY(!refreshed && refreshed.error().isCancelled());
        auto check = warehouse::PgConnection::connect(m_uri);
        QCOMPARE(check->exec("SELECT now_ms FROM awb.traits_info").int64(0, 0), m_asOf);
        QCOMPARE(check->exec("SELECT count(*) FROM awb.traits").int64(0, 0), before->people);
    }

private:
    // A rule's root group as JSON (with ' for "), wrapped in the versioned document ruleFromJson reads.
    static segments::Rule rule(const std::string &root)
    {
        const auto parsed = segments::ruleFromJson(j("{'version':1,'rule':" + root + "}"));
        if (!parsed) {
            qFatal("bad rule %s: %s", root.c_str(), parsed.error().message.c_str());
        }
        return *parsed;
    }

    std::vector<std::string> localMembers(const segments::Rule &r)
    {
        return test::localMembers(m_files.workspace(), m_table, r, m_keyOf);
    }

    test::JsonlScratch m_files;
    std::string m_uri;
    std::int64_t m_asOf = 0;
    std::shared_ptr<const traits::TraitTable> m_table;
    std::map<std::int64_t, std::string> m_keyOf;
};

QTEST_GUILESS_MAIN(TestWarehouseEdges)
#include "tst_WarehouseEdges.moc"
