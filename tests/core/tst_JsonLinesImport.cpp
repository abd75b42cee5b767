// SPDX-License-Identifier: GPL-3.0-or-later
// Segment JSON lines through ImportService: call types, batches, products, traits, idempotent and
// overlapping re-imports, cancel. Bad input is in tst_JsonLinesRejects.
#include "JsonlTestUtil.h"

#include <QFileInfo>
#include <QTest>

#include <atomic>

using namespace awb;
using test::goodCall;
using test::j;

namespace {

/// A sink that reports cancellation from the n-th isCancelled() call on.
class CancelAfter : public ProgressSink
{
public:
    explicit CancelAfter(int calls) : m_left(calls) {}
    void setRange(std::int64_t) override {}
    void setValue(std::int64_t) override {}
    void setStage(const std::string &) override {}
    bool isCancelled() const override { return --m_left <= 0; }
    int left() const { return m_left; }

private:
    mutable std::atomic_int m_left;
};

/// A sink that records the progress values it receives.
class RecordingProgress : public ProgressSink
{
public:
    void setRange(std::int64_t total) override { range = total; }
    void setValue(std::int64_t done) override { values.push_back(done); }
    void setStage(const std::string &) override {}
    bool isCancelled() const override
    {
        ++cancelChecks;
        return false;
    }

    std::int64_t range = 0;
    std::vector<std::int64_t> values;
    mutable int cancelChecks = 0;
};

} // namespace

class TestJsonLinesImport : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_s.isValid());
        m_s.next();
    }

    void storesEachCallType()
    {
        const std::string file = m_s.write(
            "calls.jsonl",
            {
                j("{'type':'track','event':'Signed Up','userId':'u1','anonymousId':'a1','messageId':'m1',"
                  "'timestamp':'2024-03-05T12:34:56.789Z','properties':{'plan': 'pro' ,'n':[1,2]},"
                  "'context':{'ip':'10.0.0.1'}}"),
                j("{'type':'identify','userId':'u2','messageId':'m2','originalTimestamp':'2024-03-05T10:00:"
                  "00Z',"
                  "'traits':{'email':'ann@example.com','firstName':'Ann'}}"),
                j("{'type':'page','name':'Home','anonymousId':'a3','messageId':'m3','sentAt':1709642096,"
                  "'properties':{'path':'/'}}"),
                j("{'type':'screen','name':'Cart','userId':'u4','messageId':'m4','receivedAt':'2024-03-05'}"),
                j("{'event':'No "
                  "Type','userId':12345,'anonymousId':null,'messageId':'m5','timestamp':'2024-03-05'}"),
            });
        const auto report = m_s.run({file});
        QCOMPARE(report.rowsRead, 5);
        QCOMPARE(report.imported, 5);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(report.profilesCreated, 5); // u1 with a1, u2, a3, u4, 12345
        QCOMPARE(
            m_s.text(
                "SELECT group_concat(type || ':' || name, ',') FROM "
                "(SELECT e.type, n.name FROM events e JOIN event_names n ON n.id = e.name_id ORDER BY e.id)"),
            std::string("0:Signed Up,1:Identify,2:Page Viewed,3:Screen Viewed,0:No Type"));
        // properties and context are stored exactly as written
        QCOMPARE(m_s.text("SELECT properties FROM events WHERE message_id = 'm1'"),
                 std::string(j("{'plan': 'pro' ,'n':[1,2]}")));
        QCOMPARE(m_s.text("SELECT context FROM events WHERE message_id = 'm1'"),
                 std::string(j("{'ip':'10.0.0.1'}")));
        QCOMPARE(m_s.text("SELECT user_id || '/' || anonymous_id FROM events WHERE message_id = 'm1'"),
                 std::string("u1/a1"));
        QCOMPARE(m_s.integer("SELECT ts FROM events WHERE message_id = 'm1'"), 1709642096789);
        QCOMPARE(m_s.integer("SELECT ts FROM events WHERE message_id = 'm2'"), 1709632800000);
        QCOMPARE(m_s.integer("SELECT ts FROM events WHERE message_id = 'm3'"), 1709642096000);
        QCOMPARE(m_s.integer("SELECT ts FROM events WHERE message_id = 'm4'"), 1709596800000);
        QCOMPARE(m_s.text("SELECT user_id FROM events WHERE message_id = 'm5'"), std::string("12345"));
        QCOMPARE(m_s.integer("SELECT count(*) FROM events WHERE message_id = 'm5' AND anonymous_id IS NULL"),
                 1);
        QCOMPARE(m_s.text("SELECT properties FROM events WHERE message_id = 'm4'"), std::string("{}"));
        QCOMPARE(m_s.integer("SELECT count(*) FROM events WHERE context IS NULL"), 4);
        QCOMPARE(m_s.integer("SELECT count(*) FROM profiles"), 5);
    }

    // Segment libraries send null for absent fields; the objects after a null one keep their exact text.
    void nullFieldsCountAsAbsent()
    {
        const auto report = m_s.run({m_s.write(
            "nulls.jsonl", {j("{'type':'track','event':'E','userId':'u','anonymousId':null,'messageId':null,"
                              "'properties':null,'context':{'a': 1},'timestamp':null,"
                              "'originalTimestamp':'2024-01-01'}")})});
        QCOMPARE(report.imported, 1);
        QCOMPARE(m_s.text("SELECT properties || ' ' || context FROM events"), j("{} {'a': 1}"));
        QCOMPARE(m_s.integer("SELECT count(*) FROM events WHERE message_id IS NULL AND anonymous_id IS NULL "
                             "AND ts = 1704067200000"),
                 1);
    }

    void storesIdentifyTraitsAndEmail()
    {
        const std::string file = m_s.write(
            "identify.jsonl",
            {
                j("{'type':'identify','userId':'u1','timestamp':'2024-01-01',"
                  "'traits':{'email':'ann@example.com','firstName':'Ann','address':{'city':'Oslo'}}}"),
                j("{'type':'identify','userId':'u1','timestamp':'2024-01-02','traits':{'lastName':'Berg'}}"),
                j("{'type':'track','event':'X','userId':'u1','timestamp':'2024-01-03','traits':{'email':'no@"
                  "x.y'}}"),
            });
        const auto report = m_s.run({file});
        QCOMPARE(report.imported, 3);
        QCOMPARE(m_s.integer("SELECT count(*) FROM profiles"), 1);
        QCOMPARE(m_s.text("SELECT email FROM profiles"),
                 std::string("ann@example.com")); // track traits are ignored
        QCOMPARE(
            m_s.text(
                "SELECT group_concat(value, ' ') FROM (SELECT value FROM profile_attributes WHERE key IN "
                "('first_name', 'last_name', 'city') ORDER BY CASE key WHEN 'first_name' THEN 0 WHEN "
                "'last_name' THEN 1 ELSE 2 END)"),
            std::string("Ann Berg Oslo"));
        QCOMPARE(m_s.integer("SELECT first_seen FROM profiles"), 1704067200000);
        QCOMPARE(m_s.integer("SELECT last_seen FROM profiles"), 1704240000000);
    }

    void readsBatchLines()
    {
        const std::string file =
            m_s.write("batch.jsonl", {
                                         goodCall(1),
                                         j("{'batch':[{'type':'track','event':'A','userId':'b1','timestamp':'"
                                           "2024-01-01','messageId':'b-1',"
                                           "'properties':{'k':1}},"
                                           " {'type':'identify','userId':'b2','timestamp':'2024-01-02','"
                                           "messageId':'b-2','traits':{'email':'e@x'}},"
                                           " {'type':'page','anonymousId':'b3','timestamp':'2024-01-03','"
                                           "messageId':'b-3','properties':{'k':3}}],"
                                           " 'sentAt':'2024-01-04'}"),
                                         j("{'batch':[]}"),
                                         goodCall(2),
                                     });
        const auto report = m_s.run({file});
        QCOMPARE(report.rowsRead, 5);
        QCOMPARE(report.imported, 5);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(m_s.text("SELECT properties FROM events WHERE message_id = 'b-3'"),
                 std::string(j("{'k':3}")));
        QCOMPARE(
            m_s.text(
                "SELECT email FROM profiles p JOIN identities i ON i.profile_id = p.id WHERE i.value = 'b2'"),
            std::string("e@x"));
    }

    void storesProducts()
    {
        const std::string order = j("{'type':'track','event':'Order "
                                    "Completed','userId':'u1','timestamp':'2024-01-01','messageId':'o1',"
                                    "'properties':{'order_id':'A1','revenue':40,'products':["
                                    "{'product_id':'p1','price':10.5,'quantity':2,'brand':'Acme'},"
                                    "{'sku':'s2','price':'7.25','quantity':'3'},"
                                    "{'id':42,'price':'cheap','quantity':true},"
                                    "{'name':'no id at all','price':1},"
                                    "'not an object',"
                                    "{'product_id':'p5' , 'price' : 1e2 }"
                                    "]}}");
        const std::string single =
            j("{'type':'track','event':'Product "
              "Viewed','userId':'u1','timestamp':'2024-01-02','messageId':'v1',"
              "'properties':{'product_id':'p9','sku':'ignored','price':'19.99','quantity':1,'brand':'Zed'}}");
        const std::string skuOnly = j(
            "{'type':'track','event':'Product Added','userId':'u1','timestamp':'2024-01-03','messageId':'v2',"
            "'properties':{'sku':'s7','price':null}}");
        const std::string none =
            j("{'type':'track','event':'Searched','userId':'u1','timestamp':'2024-01-04','messageId':'v3',"
              "'properties':{'query':'shoes','id':'not-a-product'}}");
        const auto report = m_s.run({m_s.write("products.jsonl", {order, single, skuOnly, none})});
        QCOMPARE(report.imported, 4);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(
            m_s.rows(
                "SELECT p.position, p.product_id, coalesce(p.price, 'NULL'), coalesce(p.quantity, 'NULL'), "
                "p.properties FROM event_products p JOIN events e ON e.id = p.event_id "
                "WHERE e.message_id = 'o1' ORDER BY p.position"),
            QStringList({
                QString::fromStdString(
                    j("0|p1|10.5|2.0|{'product_id':'p1','price':10.5,'quantity':2,'brand':'Acme'}")),
                QString::fromStdString(j("1|s2|7.25|3.0|{'sku':'s2','price':'7.25','quantity':'3'}")),
                QString::fromStdString(j("2|42|NULL|NULL|{'id':42,'price':'cheap','quantity':true}")),
                QString::fromStdString(j("3|p5|100.0|NULL|{'product_id':'p5' , 'price' : 1e2 }")),
            }));
        QCOMPARE(
            m_s.rows(
                "SELECT p.product_id, p.price, p.quantity, p.properties = e.properties FROM event_products p "
                "JOIN events e ON e.id = p.event_id WHERE e.message_id IN ('v1', 'v2') ORDER BY e.ts"),
            QStringList({QStringLiteral("p9|19.99|1.0|1"), QStringLiteral("s7|||1")}));
        QCOMPARE(m_s.integer("SELECT count(*) FROM event_products p JOIN events e ON e.id = p.event_id "
                             "WHERE e.message_id = 'v3'"),
                 0);
    }

    void reimportAddsNothing()
    {
        std::vector<std::string> lines;
        for (int i = 0; i < 50; ++i) {
            lines.push_back(goodCall(i));
        }
        const std::string file = m_s.write("same.jsonl", lines);
        QCOMPARE(m_s.run({file}).imported, 50);
        const QStringList before = counts();
        const auto second = m_s.run({file});
        QCOMPARE(second.rowsRead, 50);
        QCOMPARE(second.imported, 0);
        QCOMPARE(second.duplicates, 50);
        QCOMPARE(counts(), before);
    }

    void overlappingFileAddsOnlyNewEvents_data()
    {
        QTest::addColumn<bool>("withMessageId");
        QTest::newRow("messageId") << true;
        QTest::newRow("content hash") << false;
    }

    void overlappingFileAddsOnlyNewEvents()
    {
        QFETCH(bool, withMessageId);
        std::vector<std::string> first, second;
        for (int i = 0; i < 30; ++i) {
            first.push_back(goodCall(i, withMessageId));
        }
        for (int i = 20; i < 45; ++i) {
            second.push_back(goodCall(i, withMessageId));
        }
        QCOMPARE(m_s.run({m_s.write("first.jsonl", first)}).imported, 30);
        const auto report = m_s.run({m_s.write("second.jsonl", second)});
        QCOMPARE(report.imported, 15);
        QCOMPARE(report.duplicates, 10);
        QCOMPARE(m_s.integer("SELECT count(*) FROM events"), 45);
        QCOMPARE(m_s.integer("SELECT count(*) FROM event_products"), 45);
        QCOMPARE(m_s.integer("SELECT count(DISTINCT properties) FROM events"), 45);
    }

    void sameMessageIdInOneFileIsStoredOnce()
    {
        const auto report = m_s.run({m_s.write("dupes.jsonl", {goodCall(1), goodCall(2), goodCall(1)})});
        QCOMPARE(report.imported, 2);
        QCOMPARE(report.duplicates, 1);
    }

    // A workspace of version 11 kept its keys in a unique index on events: opening it moves them into
    // event_keys and drops the index, and a re-import still adds nothing.
    void keysOfAnOlderWorkspaceMove()
    {
        std::vector<std::string> lines;
        for (int i = 0; i < 40; ++i) {
            lines.push_back(goodCall(i, i % 2 == 0));
        }
        const std::string file = m_s.write("old.jsonl", lines);
        QCOMPARE(m_s.run({file}).imported, 40);
        {
            auto db = store::Database::open(m_s.workspace(), store::Database::OpenMode::OpenExisting);
            QVERIFY(db);
            (*db)->exec("DROP TABLE event_keys; CREATE UNIQUE INDEX events_dedup ON events(dedup_key); "
                        "PRAGMA user_version = 11");
        }
        const auto again = m_s.run({file});
        QCOMPARE(again.imported, 0);
        QCOMPARE(again.duplicates, 40);
        QCOMPARE(m_s.integer("SELECT count(*) FROM event_keys"), 40);
        QCOMPARE(m_s.integer("SELECT count(*) FROM event_keys k JOIN events e ON e.dedup_key = k.key"), 40);
        QCOMPARE(m_s.integer("SELECT count(*) FROM sqlite_schema WHERE name = 'events_dedup'"), 0);
    }

    // Replacing a run takes its events' keys away with them: the same events are imported again, once.
    void replacingARunForgetsItsKeys()
    {
        std::vector<std::string> lines;
        for (int i = 0; i < 20; ++i) {
            lines.push_back(goodCall(i));
        }
        const std::string file = m_s.write("replaced.jsonl", lines);
        const auto first = m_s.run({file});
        QCOMPARE(first.imported, 20);
        services::ImportSpec spec;
        spec.files = {file, file};
        spec.replaceRuns = {first.runId};
        const auto replaced = services::ImportService(m_s.workspace()).run(spec, ProgressSink::null());
        QVERIFY2(replaced, replaced ? "" : replaced.error().message.c_str());
        QCOMPARE(replaced->imported, 20);
        QCOMPARE(replaced->duplicates, 20);
        QCOMPARE(m_s.integer("SELECT count(*) FROM events"), 20);
        QCOMPARE(m_s.integer("SELECT count(*) FROM event_keys"), 20);
    }

    // Progress rises in steps of a few thousand lines up to the file size; cancel is checked as often.
    void reportsProgress()
    {
        std::vector<std::string> lines;
        for (int i = 0; i < 20000; ++i) {
            lines.push_back(goodCall(i));
        }
        const std::string file = m_s.write("progress.jsonl", lines);
        RecordingProgress progress;
        QCOMPARE(m_s.run({file}, progress).imported, 20000);
        const auto size = static_cast<std::int64_t>(QFileInfo(QString::fromStdString(file)).size());
        QCOMPARE(progress.range, size);
        QVERIFY(progress.values.size() >= 5); // 20,000 lines in batches of at most 4,096
        QVERIFY(std::is_sorted(progress.values.begin(), progress.values.end()));
        QCOMPARE(progress.values.back(), size);
        QVERIFY(progress.cancelChecks >= 5);
    }

    // A file of several batches of lines, cancelled after the first batch and near the end: the workspace
    // does not change at all; running it again then imports everything.
    void cancelLeavesWorkspaceUnchanged()
    {
        QCOMPARE(m_s.run({m_s.write("seed.jsonl", {goodCall(1), goodCall(2)})}).imported, 2);
        const std::string fingerprint = test::workspaceFingerprint(m_s.workspace());
        std::string big;
        for (int i = 0; i < 25000; ++i) {
            big += j("{'type':'track','event':'Product Added','anonymousId':'a") + std::to_string(i % 9000) +
                   j("','userId':'c") + std::to_string(i % 7001) + j("','timestamp':") +
                   std::to_string(1700000000 + i) + j(",'properties':{'product_id':'p") +
                   std::to_string(i % 300) + j("','n':") + std::to_string(i) + "}}\n";
        }
        const std::string file = test::writeFile(m_s.filePath(QStringLiteral("big.jsonl")), big);
        for (int calls : {1, 6}) {
            CancelAfter cancel(calls);
            services::ImportSpec spec;
            spec.files = {file};
            const auto result = services::ImportService(m_s.workspace()).run(spec, cancel);
            QVERIFY(!result);
            QVERIFY(result.error().isCancelled());
            QCOMPARE(cancel.left(), 0);
            QCOMPARE(test::workspaceFingerprint(m_s.workspace()), fingerprint);
        }
        const auto report = m_s.run({file});
        QCOMPARE(report.imported, 25000);
        QCOMPARE(m_s.integer("SELECT count(*) FROM events"), 25002);
        QCOMPARE(m_s.integer("SELECT count(*) FROM pragma_foreign_key_check"), 0);
        QCOMPARE(m_s.text("PRAGMA integrity_check"), std::string("ok"));
        // a(i % 9000) and c(i % 7001) link every id to every other (coprime cycles): one person
        QCOMPARE(m_s.integer("SELECT count(DISTINCT profile_id) FROM events WHERE run_id = " +
                             std::to_string(report.runId)),
                 1);
        QCOMPARE(m_s.integer("SELECT count(*) FROM identities"), 9000 + 7001 + 1 /* u1 */ + 1 /* u2 */);
    }

private:
    QStringList counts()
    {
        QStringList out;
        for (const char *table : {"events", "event_products", "profiles", "identities", "identity_links",
                                  "profile_merges", "event_names"}) {
            out << QString::number(m_s.integer(std::string("SELECT count(*) FROM ") + table));
        }
        return out;
    }

    test::JsonlScratch m_s;
};

QTEST_GUILESS_MAIN(TestJsonLinesImport)
#include "tst_JsonLinesImport.moc"
