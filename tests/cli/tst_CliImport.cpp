// SPDX-License-Identifier: GPL-3.0-or-later
// awb import end to end: a five-file shop export through one mapping (files named in the mapping or on
// the command line), a profiles CSV, blank rows, and the exit code of an import that stored nothing.
#include "CliRun.h"
#include "ShopFixture.h"
#include "TestUtil.h"

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

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_ws;
};

QTEST_GUILESS_MAIN(TestCliImport)
#include "tst_CliImport.moc"
