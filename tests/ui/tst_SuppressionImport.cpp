// SPDX-License-Identifier: GPL-3.0-or-later
// File > Import suppression list…: the action follows the workspace, the import runs as a job and its
// report is shown; a bad file is shown as an error naming FILE:LINE.
#include "ConsentFixture.h"
#include "UiTestUtil.h"
#include "jobs/JobRunner.h"
#include "main/ShowError.h"
#include "main/SuppressionImport.h"
#include "services/SuppressionService.h"

#include <QAction>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace awb;
using namespace awb::ui;

class TestSuppressionImport : public QObject
{
    Q_OBJECT

private slots:
    void importRunsAsAJobAndShowsTheReport()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString ws = dir.filePath(QStringLiteral("w.awb"));
        QVERIFY(test::makeConsentWorkspace(ws.toStdString()));
        const QString list = dir.filePath(QStringLiteral("unsubscribed.csv"));
        QVERIFY(test::writeText(list, test::kMailchimpUnsubscribed));

        QWidget window;
        window.show();
        SuppressionImport import(&window);
        QCOMPARE(import.action()->objectName(), QStringLiteral("importSuppressionAction"));
        QVERIFY(!import.action()->isEnabled());
        QVERIFY(!import.start(list)); // no workspace yet
        import.setWorkspace(ws);
        QVERIFY(import.action()->isEnabled());

        QSignalSpy imported(&import, &SuppressionImport::imported);
        QVERIFY(import.start(list));
        QVERIFY(imported.wait(20000));
        const QString report = imported.first().first().toString();
        QVERIFY2(report.contains(QStringLiteral("added:    1 (1 unsubscribed)")), qPrintable(report));
        auto *box = test::child<QMessageBox>(&window, "suppressionReportBox");
        QVERIFY(box);
        QCOMPARE(box->text(), report);
        const auto summary = services::SuppressionService(ws.toStdString()).summary();
        QVERIFY(summary);
        QCOMPARE(summary->emails, std::int64_t(1));

        // A file without an e-mail or user id column: the error names it.
        std::vector<std::string> errors;
        const auto previous =
            setErrorHandler([&errors](QWidget *, const Error &e) { errors.push_back(e.message); });
        const QString names = dir.filePath(QStringLiteral("names.csv"));
        QVERIFY(test::writeText(names, "name\nAnn\n"));
        QSignalSpy failed(&import.job(), &JobRunner::failed);
        QVERIFY(import.start(names));
        QVERIFY(failed.wait(20000));
        setErrorHandler(previous);
        QCOMPARE(errors.size(), std::size_t(1));
        QVERIFY2(errors[0].find("names.csv:1: no e-mail or user id column") != std::string::npos,
                 errors[0].c_str());
    }
};

QTEST_MAIN(TestSuppressionImport)
#include "tst_SuppressionImport.moc"
