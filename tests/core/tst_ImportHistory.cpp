// SPDX-License-Identifier: GPL-3.0-or-later
// The import history and the removal of a run: what the history shows, what a removal takes away (events,
// products, profiles left with nothing) and keeps, that the change stamp moves, and the refusals.
#include "TestUtil.h"
#include "jobs/Progress.h"
#include "services/ImportService.h"
#include "store/ChangeStamp.h"
#include "store/Database.h"

#include <QTemporaryDir>
#include <QTest>

using namespace awb;

namespace {

ingest::CsvMapping ordersMapping()
{
    ingest::CsvMapping m;
    m.userIdColumn = "user";
    m.timestampColumn = "ts";
    m.fixedEvent = "Order Completed";
    m.orderIdColumn = "order";
    m.productIdColumn = "sku";
    m.priceColumn = "price";
    return m;
}

} // namespace

class TestImportHistory : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_ws = m_dir->filePath(QStringLiteral("w.awb")).toStdString();
        QVERIFY(importCsv("first.csv", "user,ts,order,sku,price\n"
                                       "u1,2024-01-01 10:00:00,o1,A,1\nu1,2024-01-01 10:00:00,o1,B,2\n"
                                       "u2,2024-01-02 10:00:00,o2,A,1\n"));
        QVERIFY(importCsv("second.csv", "user,ts,order,sku,price\n"
                                        "u2,2024-02-01 10:00:00,o3,C,3\nu3,2024-02-02 10:00:00,o4,C,3\n"
                                        "u4,2024-02-03 10:00:00,o5,C,3\n"));
        services::ImportSpec profiles;
        profiles.profileFiles = {write("people.csv", "user_id,city\nu4,Oslo\n")};
        QVERIFY(services::ImportService(m_ws).run(profiles, ProgressSink::null()));
    }

    void historyListsRunsNewestFirst()
    {
        const auto runs = services::ImportService(m_ws).history();
        QVERIFY(runs);
        QCOMPARE(runs->size(), std::size_t(3));
        const store::ImportRun &second = runs->at(1);
        QCOMPARE(second.id, 2);
        QCOMPARE(second.status, std::string("completed"));
        QCOMPARE(second.sources, std::vector<std::string>{write("second.csv", {}, false)});
        QCOMPARE(second.imported, 3);
        QCOMPARE(second.eventsNow, 3);
        QVERIFY(second.startedAt > 0 && second.finishedAt >= second.startedAt);
        QCOMPARE(services::importRunMappingLabel(second), std::string("custom mapping"));
        QVERIFY2(second.mapping.find("\"orderIdColumn\": \"order\"") != std::string::npos, second.mapping.c_str());
        // A profiles-only run read no CSV events file: no mapping.
        QCOMPARE(services::importRunMappingLabel(runs->at(0)), std::string());
        QCOMPARE(runs->at(2).eventsNow, 2);
    }

    void removingARunTakesItsEventsAndEmptyProfiles()
    {
        std::string before;
        {
            auto db = store::Database::open(m_ws, store::Database::OpenMode::OpenExisting);
            QVERIFY(db);
            before = store::readChangeStamp(**db).events;
        }
        const auto removed = services::ImportService(m_ws).removeRun(2, ProgressSink::null());
        QVERIFY2(removed, removed ? "" : removed.error().message.c_str());
        QCOMPARE(removed->events, 3);
        QCOMPARE(removed->profiles, 1); // u3; u2 has run 1's events, u4 its city
        QCOMPARE(sql("SELECT count(*) FROM events"), 2);
        QCOMPARE(sql("SELECT count(*) FROM event_products WHERE product_id = 'C'"), 0);
        QCOMPARE(sql("SELECT count(*) FROM event_products"), 3);
        QCOMPARE(sql("SELECT count(*) FROM identities WHERE value = 'u3'"), 0);
        QCOMPARE(sql("SELECT count(*) FROM profiles"), 3);
        // u2's last seen goes back to run 1's order; u4 keeps its profile with no time.
        QCOMPARE(sql("SELECT last_seen FROM profiles p JOIN identities i ON i.profile_id = p.id WHERE "
                     "i.value = 'u2'"),
                 sql("SELECT ts FROM events WHERE user_id = 'u2'"));
        QCOMPARE(sql("SELECT last_seen IS NULL FROM profiles p JOIN identities i ON i.profile_id = p.id WHERE "
                     "i.value = 'u4'"),
                 1);
        QCOMPARE(sql("SELECT count(*) FROM import_runs WHERE id = 2"), 0);
        QCOMPARE(services::ImportService(m_ws).history()->size(), std::size_t(2));
        // Traits, segments and open windows follow the events through the change stamp.
        auto db = store::Database::open(m_ws, store::Database::OpenMode::OpenExisting);
        QVERIFY(db);
        QVERIFY(store::readChangeStamp(**db).events != before);
    }

    void unknownRunIsRefused()
    {
        const auto removed = services::ImportService(m_ws).removeRun(99, ProgressSink::null());
        QVERIFY(!removed);
        QCOMPARE(removed.error().code, Error::Code::NotFound);
        QVERIFY2(removed.error().message.find("no import run 99") != std::string::npos,
                 removed.error().message.c_str());
        QCOMPARE(sql("SELECT count(*) FROM events"), 5);
    }

    void cancelledRemovalChangesNothing()
    {
        CancelableProgress progress;
        progress.cancel();
        const auto removed = services::ImportService(m_ws).removeRun(1, progress);
        QVERIFY(!removed);
        QVERIFY(removed.error().isCancelled());
        QCOMPARE(sql("SELECT count(*) FROM events"), 5);
        QCOMPARE(sql("SELECT count(*) FROM import_runs"), 3);
    }

    // Importing a file again: the earlier run is found (named from elsewhere too), with whether its mapping
    // differs; replacing it removes its events in the import's own transaction.
    void aFileImportedAgainWithAnotherMappingReplacesItsRun()
    {
        services::ImportSpec spec;
        spec.files = {m_dir->path().toStdString() + "/./second.csv"};
        spec.format = services::ImportFormat::Csv;
        spec.mapping = ordersMapping();
        services::ImportService service(m_ws);
        auto earlier = service.earlierImports(spec);
        QVERIFY(earlier);
        QCOMPARE(earlier->size(), std::size_t(1));
        QCOMPARE(earlier->front().run.id, 2);
        QVERIFY(!earlier->front().otherMapping);

        // The corrected mapping: every line is a product view, not an order.
        spec.mapping.orderIdColumn.clear();
        spec.mapping.fixedEvent = "Product Viewed";
        earlier = service.earlierImports(spec);
        QVERIFY(earlier && earlier->size() == 1 && earlier->front().otherMapping);
        spec.replaceRuns = {earlier->front().run.id};
        const auto report = service.run(spec, ProgressSink::null());
        QVERIFY2(report, report ? "" : report.error().message.c_str());
        QCOMPARE(report->replacedRuns, std::vector<std::int64_t>{2});
        QCOMPARE(report->replacedEvents, 3);
        QCOMPARE(report->imported, 3);
        QVERIFY(report->summary().find("replaced:    import run 2 (3 events removed)") != std::string::npos);
        QCOMPARE(test::eventCount(m_ws, "Product Viewed"), 3);
        QCOMPARE(test::eventCount(m_ws, "Order Completed"), 2); // first.csv's
        QCOMPARE(sql("SELECT count(*) FROM import_runs WHERE id = 2"), 0);

        // A run that is not there: refused, nothing changes.
        spec.replaceRuns = {99};
        const auto refused = service.run(spec, ProgressSink::null());
        QVERIFY(!refused);
        QVERIFY(refused.error().message.find("no import run 99") != std::string::npos);
        // A workspace that does not exist has no earlier imports.
        QVERIFY(services::ImportService(m_dir->filePath(QStringLiteral("new.awb")).toStdString())
                    .earlierImports(spec)
                    ->empty());
    }

private:
    std::string write(const char *name, const std::string &content, bool create = true)
    {
        const QString path = m_dir->filePath(QString::fromLatin1(name));
        return create ? test::writeFile(path, content) : path.toStdString();
    }

    bool importCsv(const char *name, const std::string &content)
    {
        services::ImportSpec spec;
        spec.files = {write(name, content)};
        spec.format = services::ImportFormat::Csv;
        spec.mapping = ordersMapping();
        return services::ImportService(m_ws).run(spec, ProgressSink::null()).hasValue();
    }

    std::int64_t sql(const std::string &query) { return test::queryInt(m_ws, query); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::string m_ws;
};

QTEST_GUILESS_MAIN(TestImportHistory)
#include "tst_ImportHistory.moc"
