// SPDX-License-Identifier: GPL-3.0-or-later
// The suppression list (import from CSV: Mailchimp header, reasons, bad rows, idempotence) and exports
// honouring it and e-mail consent: left out per preset rule, included on request, recorded in the history,
// and no file when nobody can be written and the request asks so.
#include "ConsentFixture.h"
#include "TestUtil.h"
#include "jobs/Progress.h"
#include "segments/RuleJson.h"
#include "services/ExportService.h"
#include "services/SegmentService.h"
#include "services/SuppressionService.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace awb;

namespace {

std::map<std::string, std::int64_t> asMap(const std::vector<std::pair<std::string, std::int64_t>> &counts)
{
    return {counts.begin(), counts.end()};
}

QString readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

class TestSuppression : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("w%1.awb").arg(++m_runs)).toStdString();
        QVERIFY(test::makeConsentWorkspace(m_ws));
        m_mailchimp = m_dir.filePath(QStringLiteral("unsubscribed.csv"));
        m_bounces = m_dir.filePath(QStringLiteral("bounces.csv"));
        QVERIFY(test::writeText(m_mailchimp, test::kMailchimpUnsubscribed));
        QVERIFY(test::writeText(m_bounces, test::kUserIdBounces));
    }

    void mailchimpExportIsReadAndImportIsIdempotent()
    {
        services::SuppressionService service(m_ws);
        const auto first = service.importCsv(m_mailchimp.toStdString(), {}, ProgressSink::null());
        QVERIFY2(first, first ? "" : first.error().message.c_str());
        QCOMPARE(first->emailColumn, std::string("Email Address"));
        QVERIFY(first->userIdColumn.empty());
        QCOMPARE(first->rows, std::int64_t(2));
        QCOMPARE(first->added, std::int64_t(1));
        QCOMPARE(asMap(first->addedByReason), (std::map<std::string, std::int64_t>{{"unsubscribed", 1}}));
        QVERIFY2(first->reasonFrom.find("Mailchimp") != std::string::npos, first->reasonFrom.c_str());
        QCOMPARE(first->badRows, std::int64_t(1));
        QCOMPARE(first->badRowMessages.size(), std::size_t(1));
        QCOMPARE(first->badRowMessages[0],
                 std::string("unsubscribed.csv:3: 'not-an-address' is not an e-mail address"));

        const auto again = service.importCsv(m_mailchimp.toStdString(), {}, ProgressSink::null());
        QVERIFY(again);
        QCOMPARE(again->added, std::int64_t(0));
        QCOMPARE(again->alreadyListed, std::int64_t(1));
        QCOMPARE(again->listed, std::int64_t(1));
        const auto list = service.list();
        QVERIFY(list);
        QCOMPARE(list->size(), std::size_t(1));
        QCOMPARE(list->front().value, std::string("carol@example.com")); // normalised
        QCOMPARE(list->front().reason, store::SuppressionReason::Unsubscribed);
        QCOMPARE(list->front().source, std::string("unsubscribed.csv"));
        QVERIFY(list->front().addedAtMs > 0);
    }

    void reasonColumnUserIdsAndBadRows()
    {
        services::SuppressionService service(m_ws);
        const auto report = service.importCsv(m_bounces.toStdString(), {}, ProgressSink::null());
        QVERIFY2(report, report ? "" : report.error().message.c_str());
        QCOMPARE(report->userIdColumn, std::string("user_id"));
        QCOMPARE(report->added, std::int64_t(2));
        QCOMPARE(asMap(report->addedByReason),
                 (std::map<std::string, std::int64_t>{{"bounced", 1}, {"complained", 1}}));
        QCOMPARE(report->badRows, std::int64_t(1));
        QCOMPARE(report->badRowMessages.at(0),
                 std::string("bounces.csv:4: unknown reason 'maybe later' (expected unsubscribed, bounced, "
                             "complained or other)"));
        const auto summary = service.summary();
        QVERIFY(summary);
        QCOMPARE(summary->userIds, std::int64_t(2));
        QCOMPARE(summary->emails, std::int64_t(0));
    }

    void givenReasonAndFilesWithoutKeys()
    {
        services::SuppressionService service(m_ws);
        const QString plain = m_dir.filePath(QStringLiteral("plain.csv"));
        QVERIFY(test::writeText(plain, "email\nx@example.org\n\n"));
        const auto given = service.importCsv(plain.toStdString(), "Complaint", ProgressSink::null());
        QVERIFY(given);
        QCOMPARE(asMap(given->addedByReason), (std::map<std::string, std::int64_t>{{"complained", 1}}));
        QVERIFY(!service.importCsv(plain.toStdString(), "maybe", ProgressSink::null()));

        QVERIFY(test::writeText(plain, "name,city\nAnn,Leeds\n"));
        const auto none = service.importCsv(plain.toStdString(), {}, ProgressSink::null());
        QVERIFY(!none);
        QCOMPARE(none.error().code, Error::Code::InvalidInput);
        QVERIFY2(none.error().message.find("plain.csv:1: no e-mail or user id column") != std::string::npos,
                 none.error().message.c_str());
        QVERIFY(!service.importCsv(m_dir.filePath(QStringLiteral("missing.csv")).toStdString(), {},
                                   ProgressSink::null()));
    }

    void emailPresetsLeaveOutSuppressedAndRefused_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<bool>("include");
        QTest::addColumn<QString>("writtenUsers"); // user ids of the written rows, in rank order
        QTest::addColumn<QString>("leftOut");      // ExportReport::leftOutText
        QTest::addColumn<int>("consentUnknown");
        // p1 unknown consent, p2 refused, p3 unsubscribed (by e-mail), p4 bounced (by user id), p5 given.
        QTest::newRow("mailchimp") << "mailchimp" << false << "ann,eve"
                                   << "1 bounced, 1 declined e-mail, 1 unsubscribed" << 1;
        QTest::newRow("braze") << "braze" << false << "u1,u5"
                               << "1 bounced, 1 declined e-mail, 1 unsubscribed" << 1;
        QTest::newRow("generic with email") << "generic" << false << "u1,u5"
                                            << "1 bounced, 1 declined e-mail, 1 unsubscribed" << 1;
        QTest::newRow("mailchimp included") << "mailchimp" << true << "ann,bob,car,dan,eve"
                                            << "" << 1;
        // Ads: the suppression list applies, e-mail consent does not.
        QTest::newRow("google") << "google" << false << "ann,bob,eve"
                                << "1 bounced, 1 unsubscribed" << 0;
        QTest::newRow("segment") << "segment" << false << "u1,u2,u3,u4,u5"
                                 << "" << 0;
    }

    void emailPresetsLeaveOutSuppressedAndRefused()
    {
        QFETCH(QString, preset);
        QFETCH(bool, include);
        QFETCH(QString, writtenUsers);
        QFETCH(QString, leftOut);
        QFETCH(int, consentUnknown);
        importBothLists();
        const QString out = m_dir.filePath(preset + QStringLiteral(".csv"));
        services::ExportRequest request{"All", preset.toStdString(), out.toStdString(), {}, {}};
        request.includeWithoutConsent = include;
        const auto report = services::ExportService(m_ws).exportAudience(request, ProgressSink::null());
        QVERIFY2(report, report ? "" : report.error().message.c_str());
        const QStringList expected = writtenUsers.split(QLatin1Char(','));
        QCOMPARE(report->written, std::int64_t(expected.size()));
        QCOMPARE(QString::fromStdString(report->leftOutText()), leftOut);
        QCOMPARE(report->consentUnknown, std::int64_t(consentUnknown));
        QCOMPARE(report->leftOut, std::int64_t(leftOut.isEmpty() ? 0 : leftOut.count(QLatin1Char(',')) + 1));
        // The file holds exactly the expected people (first cell's start: e-mail or user id).
        QStringList lines = readAll(out).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        lines.removeFirst();
        QCOMPARE(lines.size(), expected.size());
        for (int i = 0; i < lines.size(); ++i) {
            QVERIFY2(lines[i].startsWith(expected[i]), qPrintable(lines[i]));
        }
        const QString text = QString::fromStdString(report->toText());
        if (!leftOut.isEmpty()) {
            QVERIFY2(text.contains(QStringLiteral("left out ") + leftOut), qPrintable(text));
        }
        if (include) {
            QCOMPARE(asMap(report->includedByReason),
                     (std::map<std::string, std::int64_t>{
                         {"unsubscribed", 1}, {"bounced", 1}, {"declined e-mail", 1}}));
            QVERIFY2(text.contains(QStringLiteral("included on request")), qPrintable(text));
        }
        // The choice is recorded in the export history.
        const auto history = services::ExportService(m_ws).history("All");
        QVERIFY(history);
        QCOMPARE(history->size(), std::size_t(1));
        QCOMPARE(history->front().includedWithoutConsent, include);
        QCOMPARE(history->front().leftOut, report->leftOut);
        QCOMPARE(history->front().rows, report->written);
    }

    void nobodyToWriteWritesNoFileUnlessAsked()
    {
        importBothLists();
        const QString out = m_dir.filePath(QStringLiteral("empty.csv"));
        services::ExportRequest request{"Suppressed", "klaviyo", out.toStdString(), {}, {}};
        request.writeEmptyFile = false;
        services::ExportService service(m_ws);
        const auto asked = service.exportAudience(request, ProgressSink::null());
        QVERIFY(asked);
        QVERIFY(!asked->fileWritten);
        QCOMPARE(asked->written, std::int64_t(0));
        QCOMPARE(asked->members, std::int64_t(2));
        QCOMPARE(QString::fromStdString(asked->leftOutText()), QStringLiteral("1 bounced, 1 unsubscribed"));
        QVERIFY(!QFile::exists(out));
        QVERIFY(service.history("Suppressed")->empty());

        request.writeEmptyFile = true;
        const auto written = service.exportAudience(request, ProgressSink::null());
        QVERIFY(written);
        QVERIFY(written->fileWritten);
        QCOMPARE(readAll(out),
                 QStringLiteral("Email,First Name,Last Name,Phone Number,City,Zip Code,Country\r\n"));
        QCOMPARE(service.history("Suppressed")->size(), std::size_t(1));
    }

    void segmentExportsShareTheRule()
    {
        importBothLists();
        const auto rule = segments::ruleFromJson(
            R"({"version":1,"rule":{"type":"all","conditions":[{"type":"trait","trait":"identified",)"
            R"("op":"is","value":"Yes"}]}})");
        QVERIFY(rule);
        services::SegmentService service(m_ws);
        services::SegmentExportRequest out;
        out.outFile = m_dir.filePath(QStringLiteral("segment%1.csv").arg(m_runs)).toStdString();
        out.preset = "mailchimp";
        const auto report = service.exportCsv(*rule, {}, out, ProgressSink::null());
        QVERIFY2(report, report ? "" : report.error().message.c_str());
        QCOMPARE(report->members, std::int64_t(5));
        QCOMPARE(report->written, std::int64_t(2));
        QCOMPARE(report->leftOut, std::int64_t(3));
        QVERIFY2(report->toText().find("3 left out") != std::string::npos, report->toText().c_str());
        out.includeWithoutConsent = true;
        const auto all = service.exportCsv(*rule, {}, out, ProgressSink::null());
        QVERIFY(all);
        QCOMPARE(all->written, std::int64_t(5));
        QCOMPARE(all->leftOut, std::int64_t(0));
    }

    void migratedHistoryKeepsOldExports()
    {
        // Rows written before version 7 read as "nobody included, nobody left out".
        auto db = store::Database::open(m_ws, store::Database::OpenMode::OpenExisting);
        QVERIFY(db);
        (*db)->exec(
            "INSERT INTO exports (audience_id, audience_name, preset, file, rows, skipped, created_at) "
            "VALUES (1, 'All', 'mailchimp', '/tmp/x.csv', 5, 0, 1)");
        const auto history = services::ExportService(m_ws).history("All");
        QVERIFY(history);
        QCOMPARE(history->size(), std::size_t(1));
        QVERIFY(!history->front().includedWithoutConsent);
        QCOMPARE(history->front().leftOut, std::int64_t(0));
    }

private:
    void importBothLists()
    {
        services::SuppressionService service(m_ws);
        QVERIFY(service.importCsv(m_mailchimp.toStdString(), {}, ProgressSink::null()));
        QVERIFY(service.importCsv(m_bounces.toStdString(), {}, ProgressSink::null()));
    }

    QTemporaryDir m_dir;
    std::string m_ws;
    QString m_mailchimp;
    QString m_bounces;
    int m_runs = 0;
};

QTEST_GUILESS_MAIN(TestSuppression)
#include "tst_Suppression.moc"
