// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end tests of the awb command-line tool, run as a separate process.
#include "CliRun.h"
#include "TestUtil.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace awb;
using test::awbRun;
using test::Run;

namespace {

const char *kEvents =
    R"({"type":"identify","userId":"u1","anonymousId":"a1","timestamp":"2024-01-02T10:00:00Z","messageId":"m1","traits":{"email":"ann@example.com","firstName":"Ann"}})"
    "\n"
    R"({"type":"track","event":"Product Viewed","anonymousId":"a1","timestamp":"2024-01-01T09:00:00Z","messageId":"m2","properties":{"product_id":"p1","price":12.5}})"
    "\n"
    R"({"type":"track","event":"Order Completed","userId":"u1","timestamp":"2024-01-03T09:00:00Z","messageId":"m3","properties":{"order_id":"o1","revenue":25,"products":[{"product_id":"p1","price":12.5,"quantity":2}]}})"
    "\n"
    R"({"type":"track","event":"Order Completed","userId":"u2","timestamp":"not a date","messageId":"m4"})"
    "\n";

// Views name the brand "brand", orders (their products[]) "product_brand"; tags are split on commas.
const char *kBrandEvents =
    R"({"type":"track","event":"Product Viewed","userId":"u1","timestamp":"2024-01-01T09:00:00Z","messageId":"b1","properties":{"product_id":"p1","brand":"Acme","tags":"x,y"}})"
    "\n"
    R"({"type":"track","event":"Order Completed","userId":"u2","timestamp":"2024-01-02T09:00:00Z","messageId":"b2","properties":{"order_id":"o1","products":[{"product_id":"p2","product_brand":"Beta","labels":"z"}]}})"
    "\n";
} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void versionAndUsage()
    {
        const Run version = awbRun({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith(QStringLiteral("awb " AWB_VERSION "\n")));
        // The second line names each library with its version.
        for (const char *library : {"Qt", "SQLite", "simdjson", "Eigen", "xxHash", "zlib", "liblzma"}) {
            const QRegularExpression named(
                QStringLiteral("\nlibraries: .*\\b%1 \\d+\\.\\d+").arg(QLatin1String(library)));
            QVERIFY2(version.out.contains(named), qPrintable(version.out));
        }
        const Run none = awbRun({});
        QCOMPARE(none.exitCode, 2);
        QVERIFY(none.err.contains(QStringLiteral("usage")));
        const Run unknown = awbRun({QStringLiteral("frobnicate")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains(QStringLiteral("unknown command")));
    }

    void importPrintsReportAndInfoCounts()
    {
        const QString ws = m_dir.filePath(QStringLiteral("w.awb"));
        const QString file = QString::fromStdString(test::writeFile(m_dir.filePath(QStringLiteral("e.jsonl")), kEvents));
        const Run imp = awbRun({QStringLiteral("import"), ws, file});
        QVERIFY2(imp.exitCode == 0, qPrintable(imp.err));
        QVERIFY2(imp.out.contains(QStringLiteral("imported:    3")), qPrintable(imp.out));
        QVERIFY2(imp.out.contains(QStringLiteral("rejected:    1")), qPrintable(imp.out));
        QVERIFY2(imp.out.contains(QStringLiteral("e.jsonl:4:")), qPrintable(imp.out));

        const Run again = awbRun({QStringLiteral("import"), ws, file});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains(QStringLiteral("duplicates:  3")), qPrintable(again.out));

        const Run info = awbRun({QStringLiteral("info"), ws, QStringLiteral("--json")});
        QCOMPARE(info.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(info.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("events")).toInt(), 3);
        QCOMPARE(o.value(QStringLiteral("profiles")).toInt(), 1);
        QCOMPARE(o.value(QStringLiteral("products")).toInt(), 1);
        QCOMPARE(o.value(QStringLiteral("eventsByName")).toObject().value(QStringLiteral("Order Completed")).toInt(), 1);
        QCOMPARE(o.value(QStringLiteral("firstEvent")).toString(), QStringLiteral("2024-01-01T09:00:00.000Z"));
    }

    void errorsAreClearAndChangeNothing()
    {
        const Run missing = awbRun({QStringLiteral("import"), m_dir.filePath(QStringLiteral("w.awb")),
                                    m_dir.filePath(QStringLiteral("nope.jsonl"))});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(QStringLiteral("nope.jsonl")), qPrintable(missing.err));

        const QString notWs =
            QString::fromStdString(test::writeFile(m_dir.filePath(QStringLiteral("text.awb")), "hello\n"));
        const Run info = awbRun({QStringLiteral("info"), notWs});
        QCOMPARE(info.exitCode, 1);
        QVERIFY2(info.err.contains(QStringLiteral("not an Audience Workbench workspace")), qPrintable(info.err));

        const Run noWs = awbRun({QStringLiteral("info"), m_dir.filePath(QStringLiteral("absent.awb"))});
        QCOMPARE(noWs.exitCode, 1);
        QVERIFY(noWs.err.contains(QStringLiteral("not found")));
    }

    void catalogColumnReadsAPropertyPerEvent()
    {
        const QString ws = m_dir.filePath(QStringLiteral("brands.awb"));
        const QString file =
            QString::fromStdString(test::writeFile(m_dir.filePath(QStringLiteral("b.jsonl")), kBrandEvents));
        QCOMPARE(awbRun({QStringLiteral("import"), ws, file}).exitCode, 0);
        const QStringList define = {QStringLiteral("catalog"), ws,
                                    QStringLiteral("--event"), QStringLiteral("Order Completed"),
                                    QStringLiteral("--event"), QStringLiteral("Product Viewed")};
        const Run cat =
            awbRun(define + QStringList{QStringLiteral("--column"),
                                        QStringLiteral("Brand=brand,on=Order Completed:product_brand"),
                                        QStringLiteral("--column"),
                                        QStringLiteral("Tag=tags,split=,,on=Order Completed:labels"),
                                        QStringLiteral("--build")});
        QVERIFY2(cat.exitCode == 0, qPrintable(cat.err));
        QVERIFY2(cat.out.contains(QStringLiteral("built: 2 items")), qPrintable(cat.out));
        const Run show = awbRun({QStringLiteral("catalog"), ws, QStringLiteral("--show")});
        QCOMPARE(show.exitCode, 0);
        for (const char *line :
             {"Brand = brand; on Order Completed: product_brand\n",
              "Tag = tags (split on ','); on Order Completed: labels\n", "Acme: 1 products",
              "Beta: 1 products", "x: 1 products", "y: 1 products", "z: 1 products"}) {
            QVERIFY2(show.out.contains(QString::fromUtf8(line)),
                     qPrintable(QString::fromUtf8(line) + QStringLiteral(" not in:\n") + show.out));
        }

        // The old forms still work; a malformed override is a usage error, one on another event is refused.
        const Run plain =
            awbRun(define + QStringList{QStringLiteral("--column"), QStringLiteral("Tag=tags,split=|")});
        QCOMPARE(plain.exitCode, 0);
        const Run shown = awbRun({QStringLiteral("catalog"), ws, QStringLiteral("--show")});
        QVERIFY2(shown.out.contains(QStringLiteral("Tag = tags (split on '|')\n")), qPrintable(shown.out));
        const Run noColon = awbRun(define + QStringList{QStringLiteral("--column"),
                                                        QStringLiteral("Brand=brand,on=Order Completed")});
        QCOMPARE(noColon.exitCode, 2);
        QVERIFY2(noColon.err.contains(QStringLiteral("on=EVENT:PROPERTY")), qPrintable(noColon.err));
        const Run otherEvent = awbRun(
            define + QStringList{QStringLiteral("--column"), QStringLiteral("Brand=brand,on=Page Viewed:x")});
        QCOMPARE(otherEvent.exitCode, 2); // invalid input
        QVERIFY2(otherEvent.err.contains(
                     QStringLiteral("'Page Viewed', which is not one of the catalog's events")),
                 qPrintable(otherEvent.err));
        QVERIFY(awbRun({QStringLiteral("catalog"), ws, QStringLiteral("--show")})
                    .out.contains(QStringLiteral("Tag = tags")));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_Cli.moc"
