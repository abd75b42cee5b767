// SPDX-License-Identifier: GPL-3.0-or-later
// awb import end to end: a five-file shop export through one mapping (files named in the mapping or on
// the command line), a profiles CSV, blank rows, and the exit code of an import that stored nothing.
#include "CliRun.h"
#include "ShopFixture.h"
#include "TestUtil.h"
#include "ingest/CsvPresets.h"

#include <QTemporaryDir>
#include <QTest>

using namespace awb;
using test::awbRun;
using test::Run;

class TestCliImport : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_ws = m_dir->filePath(QStringLiteral("w.awb"));
    }

    void shopFilesThroughOneMapping()
    {
        const test::ShopFiles shop = test::writeShop(m_dir->path());
        const Run run = awbRun({QStringLiteral("import"), m_ws, QStringLiteral("--mapping"),
                                QString::fromStdString(shop.mapping), QStringLiteral("--profiles"),
                                QString::fromStdString(shop.customers)});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        QVERIFY2(run.out.contains(QStringLiteral("imported:    2\n")), qPrintable(run.out));
        QVERIFY(run.out.contains(QStringLiteral("lookup orders (orders.csv): 2 rows held in memory")));
        QVERIFY(run.out.contains(QStringLiteral("profile rows: 2")));
        const std::string ws = m_ws.toStdString();
        QCOMPARE(test::queryText(ws, "SELECT a.value FROM profile_attributes a JOIN identities i ON "
                                     "i.profile_id = a.profile_id WHERE i.value = 'U2' AND a.key = 'city'"),
                 std::string("rio de janeiro"));
        QCOMPARE(test::queryInt(ws, "SELECT count(*) FROM profiles"), 2); // the profiles joined the buyers
    }

    // The same file again through another mapping: awb says so; --replace imports it instead of that run.
    void importingAgainWithAnotherMapping()
    {
        const test::ShopFiles shop = test::writeShop(m_dir->path());
        const QString mapping = QString::fromStdString(shop.mapping);
        QCOMPARE(awbRun({QStringLiteral("import"), m_ws, QStringLiteral("--mapping"), mapping}).exitCode, 0);
        auto placed = ingest::loadCsvMapping(shop.mapping);
        QVERIFY(placed);
        placed->fixedEvent = "Order Placed";
        const QString status = QString::fromStdString(
            test::writeFile(m_dir->filePath(QStringLiteral("placed.json")), ingest::csvMappingToJson(*placed)));
        // Its orders keep their ids: without --replace, every one is a duplicate of the first import's.
        const Run again = awbRun({QStringLiteral("import"), m_ws, QStringLiteral("--mapping"), status});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains(QStringLiteral("duplicates:  2")), qPrintable(again.out));
        QVERIFY2(again.err.contains(QStringLiteral("order_items.csv was imported before with a different mapping "
                                                   "(import run 1, 2 events still in the workspace); add --replace")),
                 qPrintable(again.err));
        const Run replaced =
            awbRun({QStringLiteral("import"), m_ws, QStringLiteral("--mapping"), status, QStringLiteral("--replace")});
        QVERIFY2(replaced.exitCode == 0, qPrintable(replaced.err));
        // Run 2 stored nothing (its events are run 1's): only run 1 has events to replace.
        QVERIFY2(replaced.out.contains(QStringLiteral("replaced:    import run 1 (2 events removed)\n")),
                 qPrintable(replaced.out));
        QVERIFY2(replaced.out.contains(QStringLiteral("imported:    2\n")), qPrintable(replaced.out));
        QCOMPARE(test::queryInt(m_ws.toStdString(), "SELECT count(*) FROM events"), 2);
        QCOMPARE(test::eventCount(m_ws.toStdString(), "Order Placed"), 2);
    }

    void filesOnTheCommandLineWin()
    {
        const test::ShopFiles shop = test::writeShop(m_dir->path());
        const QString other = m_dir->filePath(QStringLiteral("other_orders.csv"));
        test::writeFile(other, "order_id,customer_id,order_status,order_purchase_timestamp\n"
                               "o1,c2,shipped,1/5/2018 8:00\n");
        const Run run = awbRun({QStringLiteral("import"), m_ws, QString::fromStdString(shop.items),
                                QStringLiteral("--mapping"), QString::fromStdString(shop.mapping),
                                QStringLiteral("--lookup"), QStringLiteral("orders=") + other});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("imported:    1\n")), qPrintable(run.out));
        QVERIFY(run.out.contains(QStringLiteral("rejected:    1\n"))); // o2 is not in other_orders.csv
        const Run bad = awbRun({QStringLiteral("import"), m_ws, QStringLiteral("--mapping"),
                                QString::fromStdString(shop.mapping), QStringLiteral("--lookup"),
                                QStringLiteral("nope=x.csv")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains(QStringLiteral("NAME=FILE")));
    }

    void nothingImportedButRejectedFails()
    {
        const QString csv = m_dir->filePath(QStringLiteral("bad.csv"));
        test::writeFile(csv, "user,ts,event\nu1,not a time,Viewed\n,,\nu2,also not,Viewed\n");
        const QString mapping = m_dir->filePath(QStringLiteral("m.json"));
        test::writeFile(mapping, "{\"userIdColumn\": \"user\", \"timestampColumn\": \"ts\", "
                                 "\"eventColumn\": \"event\"}");
        const Run run = awbRun({QStringLiteral("import"), m_ws, csv, QStringLiteral("--mapping"), mapping});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("rejected:    2\n")), qPrintable(run.out)); // the report
        QVERIFY(run.out.contains(QStringLiteral("blank rows:  1")));
        QVERIFY(run.err.contains(QStringLiteral("nothing was imported and 2 rows were rejected")));
        // Duplicates only is not a failure: the rows are already there.
        test::writeFile(csv, "user,ts,event\nu1,2024-01-01,Viewed\n");
        QCOMPARE(awbRun({QStringLiteral("import"), m_ws, csv, QStringLiteral("--mapping"), mapping}).exitCode,
                 0);
        QCOMPARE(awbRun({QStringLiteral("import"), m_ws, csv, QStringLiteral("--mapping"), mapping}).exitCode,
                 0);
    }

    void shopifyExportIsDetected()
    {
        const QString csv = m_dir->filePath(QStringLiteral("orders_export.csv"));
        test::writeFile(csv, "Name,Email,Financial Status,Accepts Marketing,Currency,Discount Code,"
                             "Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,"
                             "Lineitem sku,Billing City,Billing Zip,Billing Province,Billing Country,"
                             "Billing Phone,Vendor\n"
                             "#1001,ann@example.com,paid,yes,USD,,0.00,2024-03-05 14:02:11 -0500,2,Shirt,20.00,"
                             "S-1,Springfield,62704,IL,US,,Acme\n"
                             "#1001,ann@example.com,,,,,,2024-03-05 14:02:11 -0500,1,Mug,9.00,M-1,,,,,,Acme\n");
        const Run run = awbRun({QStringLiteral("import"), m_ws, csv});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        QVERIFY2(run.err.contains(QStringLiteral("reading it with --preset shopify")), qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("imported:    1\n")), qPrintable(run.out));
        const std::string ws = m_ws.toStdString();
        QCOMPARE(test::queryText(ws, "SELECT a.value FROM profile_attributes a JOIN identities i ON "
                                     "i.profile_id = a.profile_id WHERE i.value = 'ann@example.com' AND "
                                     "a.key = 'email_consent'"),
                 std::string("true"));
        // Named explicitly, the same file is the same run again: duplicates only.
        const Run again = awbRun({QStringLiteral("import"), m_ws, csv, QStringLiteral("--preset"),
                                  QStringLiteral("shopify")});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(!again.err.contains(QStringLiteral("reading it with")));
        QVERIFY2(again.out.contains(QStringLiteral("duplicates:  1 (")), qPrintable(again.out));
    }

    void timestampFormatIsDetectedOrAskedFor()
    {
        const QString csv = m_dir->filePath(QStringLiteral("events.csv"));
        test::writeFile(csv, "user,when,event\nu1,3/5/2024 10:00,Viewed\nu2,12/1/2024 9:30,Viewed\n");
        const QString mapping = m_dir->filePath(QStringLiteral("m.json"));
        test::writeFile(mapping, "{\"userIdColumn\": \"user\", \"timestampColumn\": \"when\", "
                                 "\"eventColumn\": \"event\"}");
        const QStringList base = {QStringLiteral("import"), m_ws, csv, QStringLiteral("--mapping"), mapping};
        const Run ambiguous = awbRun(base);
        QCOMPARE(ambiguous.exitCode, 2);
        QVERIFY2(ambiguous.err.contains(QStringLiteral("--timestamp-format \"%m/%d/%Y %H:%M\" (month first) or "
                                                       "--timestamp-format \"%d/%m/%Y %H:%M\" (day first)")),
                 qPrintable(ambiguous.err));
        QVERIFY(ambiguous.err.contains(QStringLiteral("\"3/5/2024 10:00\"")));
        const Run dayFirst =
            awbRun(base + QStringList{QStringLiteral("--timestamp-format"), QStringLiteral("%d/%m/%Y %H:%M")});
        QVERIFY2(dayFirst.exitCode == 0, qPrintable(dayFirst.err));
        QCOMPARE(test::queryText(m_ws.toStdString(), "SELECT ts FROM events WHERE user_id = 'u1'"),
                 std::string("1714730400000")); // 2024-05-03T10:00:00Z
        const Run bad = awbRun(base + QStringList{QStringLiteral("--timestamp-format"), QStringLiteral("%Q")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("unknown directive %Q")), qPrintable(bad.err));
        // A day over 12 settles the order without asking.
        test::writeFile(csv, "user,when,event\nu3,3/5/2024 10:00,Viewed\nu4,3/25/2024 9:30,Viewed\n");
        const Run detected = awbRun(base);
        QVERIFY2(detected.exitCode == 0, qPrintable(detected.err));
        QVERIFY2(detected.err.contains(QStringLiteral("read as \"%m/%d/%Y %H:%M\"")), qPrintable(detected.err));
        QCOMPARE(test::queryText(m_ws.toStdString(), "SELECT ts FROM events WHERE user_id = 'u3'"),
                 std::string("1709632800000")); // 2024-03-05T10:00:00Z
    }

    void historyListsAndRemovesRuns()
    {
        const test::ShopFiles shop = test::writeShop(m_dir->path());
        QCOMPARE(awbRun({QStringLiteral("import"), m_ws, QStringLiteral("--mapping"),
                         QString::fromStdString(shop.mapping)})
                     .exitCode,
                 0);
        const QString csv = m_dir->filePath(QStringLiteral("more.csv"));
        test::writeFile(csv, "user,ts,event\nu9,2024-01-01,Viewed\n");
        const QString mapping = m_dir->filePath(QStringLiteral("m.json"));
        test::writeFile(mapping, "{\"userIdColumn\": \"user\", \"timestampColumn\": \"ts\", "
                                 "\"eventColumn\": \"event\"}");
        QCOMPARE(awbRun({QStringLiteral("import"), m_ws, csv, QStringLiteral("--mapping"), mapping}).exitCode, 0);
        const Run history = awbRun({QStringLiteral("import-history"), m_ws});
        QVERIFY2(history.exitCode == 0, qPrintable(history.err));
        const QStringList lines = history.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3); // header, then runs 2 and 1
        QVERIFY2(lines[1].startsWith(QStringLiteral("2 ")) && lines[1].contains(QStringLiteral("completed")) &&
                     lines[1].contains(QStringLiteral("custom mapping")) &&
                     lines[1].endsWith(QStringLiteral("more.csv")),
                 qPrintable(lines[1]));
        QVERIFY2(lines[2].startsWith(QStringLiteral("1 ")) && lines[2].contains(QStringLiteral("order_items.csv")),
                 qPrintable(lines[2]));
        const Run removed = awbRun({QStringLiteral("import-remove"), m_ws, QStringLiteral("2")});
        QVERIFY2(removed.exitCode == 0, qPrintable(removed.err));
        QCOMPARE(removed.out, QStringLiteral("removed import run 2: events 1, profiles 1\n"));
        QCOMPARE(test::queryInt(m_ws.toStdString(), "SELECT count(*) FROM events WHERE user_id = 'u9'"), 0);
        const Run again = awbRun({QStringLiteral("import-remove"), m_ws, QStringLiteral("2")});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QStringLiteral("no import run 2")), qPrintable(again.err));
        QCOMPARE(awbRun({QStringLiteral("import-remove"), m_ws, QStringLiteral("two")}).exitCode, 2);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_ws;
};

QTEST_GUILESS_MAIN(TestCliImport)
#include "tst_CliImport.moc"
