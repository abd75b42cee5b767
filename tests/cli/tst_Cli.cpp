// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end tests of the awb command-line tool, run as a separate process.
#include "CliRun.h"
#include "TestUtil.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
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
        QVERIFY(version.out.startsWith(QStringLiteral("awb ")));
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

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_Cli.moc"
