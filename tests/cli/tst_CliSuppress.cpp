// SPDX-License-Identifier: GPL-3.0-or-later
// awb suppress (import, idempotence, --list, --count, bad input) and awb export honouring the list:
// left-out counts in the report, --include-unsubscribed, and a non-zero exit when 0 rows were written.
#include "CliRun.h"
#include "ConsentFixture.h"
#include "TestUtil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace awb;
using test::awbRun;
using test::Run;

class TestCliSuppress : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("w%1.awb").arg(++m_runs));
        QVERIFY(test::makeConsentWorkspace(m_ws.toStdString()));
        m_list = m_dir.filePath(QStringLiteral("unsubscribed.csv"));
        QVERIFY(test::writeText(m_list, test::kMailchimpUnsubscribed));
    }

    void importTwiceListAndCount()
    {
        const Run first = awbRun({QStringLiteral("suppress"), m_ws, m_list});
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        QVERIFY2(first.out.contains(QStringLiteral("added:    1 (1 unsubscribed)")), qPrintable(first.out));
        QVERIFY2(first.out.contains(QStringLiteral("unsubscribed.csv:3: 'not-an-address' is not an e-mail")),
                 qPrintable(first.out));
        const Run again = awbRun({QStringLiteral("suppress"), m_ws, m_list});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains(QStringLiteral("added:    0")), qPrintable(again.out));
        QVERIFY2(again.out.contains(QStringLiteral("already listed: 1")), qPrintable(again.out));

        const QString ids = m_dir.filePath(QStringLiteral("ids.csv"));
        QVERIFY(test::writeText(ids, "customer_id\nu4\n"));
        const Run bounced = awbRun(
            {QStringLiteral("suppress"), m_ws, ids, QStringLiteral("--reason"), QStringLiteral("bounced")});
        QCOMPARE(bounced.exitCode, 0);
        const Run list = awbRun({QStringLiteral("suppress"), m_ws, QStringLiteral("--list")});
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(
            list.out.contains(QStringLiteral("email\tcarol@example.com\tunsubscribed\tunsubscribed.csv")),
            qPrintable(list.out));
        QVERIFY2(list.out.contains(QStringLiteral("user_id\tu4\tbounced\tids.csv")), qPrintable(list.out));
        const Run count = awbRun({QStringLiteral("suppress"), m_ws, QStringLiteral("--count")});
        QCOMPARE(count.exitCode, 0);
        QVERIFY2(count.out.startsWith(QStringLiteral("suppressed: 1 e-mail addresses, 1 user ids")),
                 qPrintable(count.out));
    }

    void badInputIsNamed()
    {
        const Run reason = awbRun(
            {QStringLiteral("suppress"), m_ws, m_list, QStringLiteral("--reason"), QStringLiteral("soon")});
        QCOMPARE(reason.exitCode, 2); // InvalidInput is a usage error for awb
        QVERIFY2(reason.err.contains(QStringLiteral("Unknown suppression reason 'soon'")),
                 qPrintable(reason.err));
        const Run noFile = awbRun({QStringLiteral("suppress"), m_ws});
        QCOMPARE(noFile.exitCode, 2);
        const QString keyless = m_dir.filePath(QStringLiteral("names.csv"));
        QVERIFY(test::writeText(keyless, "name\nAnn\n"));
        const Run noColumn = awbRun({QStringLiteral("suppress"), m_ws, keyless});
        QCOMPARE(noColumn.exitCode, 2);
        QVERIFY2(noColumn.err.contains(QStringLiteral("names.csv:1: no e-mail or user id column")),
                 qPrintable(noColumn.err));
    }

    void exportLeavesOutAndWarnsOnEmptyFiles()
    {
        QCOMPARE(awbRun({QStringLiteral("suppress"), m_ws, m_list}).exitCode, 0);
        const QString out = m_dir.filePath(QStringLiteral("all.csv"));
        const Run all = exportRun(QStringLiteral("All"), out, {});
        QVERIFY2(all.exitCode == 0, qPrintable(all.err));
        QVERIFY2(all.out.contains(QStringLiteral("written:  3")), qPrintable(all.out));
        QVERIFY2(all.out.contains(
                     QStringLiteral("consent:  e-mail rule; left out 1 declined e-mail, 1 unsubscribed")),
                 qPrintable(all.out));

        // Audience "Suppressed": p3 (listed) and p4; list p4 too, so nobody is left.
        const QString ids = m_dir.filePath(QStringLiteral("ids.csv"));
        QVERIFY(test::writeText(ids, "user_id,reason\nu4,bounced\n"));
        QCOMPARE(awbRun({QStringLiteral("suppress"), m_ws, ids}).exitCode, 0);
        const QString empty = m_dir.filePath(QStringLiteral("empty.csv"));
        const Run none = exportRun(QStringLiteral("Suppressed"), empty, {});
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.err.contains(QStringLiteral("warning: 0 rows written")), qPrintable(none.err));
        QVERIFY(QFile::exists(empty)); // the CLI writes the header-only file and says so
        const Run included =
            exportRun(QStringLiteral("Suppressed"), empty, {QStringLiteral("--include-unsubscribed")});
        QVERIFY2(included.exitCode == 0, qPrintable(included.err));
        QVERIFY2(included.out.contains(QStringLiteral("written:  2")), qPrintable(included.out));
        QVERIFY2(included.out.contains(QStringLiteral("included on request: 1 bounced, 1 unsubscribed")),
                 qPrintable(included.out));
    }

private:
    Run exportRun(const QString &audience, const QString &out, const QStringList &extra)
    {
        return awbRun(QStringList{QStringLiteral("export"), m_ws, QStringLiteral("--audience"), audience,
                                  QStringLiteral("--preset"), QStringLiteral("mailchimp"),
                                  QStringLiteral("--out"), out} +
                      extra);
    }

    QTemporaryDir m_dir;
    QString m_ws;
    QString m_list;
    int m_runs = 0;
};

QTEST_GUILESS_MAIN(TestCliSuppress)
#include "tst_CliSuppress.moc"
