// SPDX-License-Identifier: GPL-3.0-or-later
// The export dialog's consent choice (off by default, warns when checked, names the preset's rule) and the
// audience detail asking before a file with 0 rows (Cancel writes nothing; "Write empty file" writes the
// header), with the choice shown in the export history.
#include "ConsentFixture.h"
#include "UiTestUtil.h"
#include "audiences/AudienceDetail.h"
#include "audiences/ExportDialog.h"
#include "jobs/JobRunner.h"
#include "jobs/Progress.h"
#include "services/SuppressionService.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace awb;
using namespace awb::ui;

namespace {
constexpr int kWaitMs = 20000;
}

class TestExportDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        m_ws = m_dir.filePath(QStringLiteral("w%1.awb").arg(++m_runs));
        QVERIFY(test::makeConsentWorkspace(m_ws.toStdString()));
        const QString unsubscribed = m_dir.filePath(QStringLiteral("unsubscribed.csv"));
        const QString bounces = m_dir.filePath(QStringLiteral("bounces.csv"));
        QVERIFY(test::writeText(unsubscribed, test::kMailchimpUnsubscribed));
        QVERIFY(test::writeText(bounces, test::kUserIdBounces));
        services::SuppressionService service(m_ws.toStdString());
        QVERIFY(service.importCsv(unsubscribed.toStdString(), {}, ProgressSink::null()));
        QVERIFY(service.importCsv(bounces.toStdString(), {}, ProgressSink::null()));
    }

    void includeChoiceIsOffByDefaultAndWarns()
    {
        ExportDialog dialog(QStringLiteral("All"));
        dialog.setPreset(QStringLiteral("mailchimp"));
        dialog.show();
        auto *include = test::child<QCheckBox>(&dialog, "exportIncludeUnconsentedCheck");
        auto *warning = test::child<QLabel>(&dialog, "exportIncludeWarning");
        auto *rule = test::child<QLabel>(&dialog, "exportConsentRule");
        QVERIFY(!include->isChecked());
        QVERIFY(!warning->isVisible());
        QVERIFY(!dialog.request().includeWithoutConsent);
        QVERIFY(!dialog.request().writeEmptyFile); // the caller asks before an empty file
        QVERIFY2(rule->text().contains(QStringLiteral("declined e-mail")), qPrintable(rule->text()));
        include->click();
        QVERIFY(warning->isVisible());
        QVERIFY(dialog.request().includeWithoutConsent);
        QTest::qWait(50); // let the layout settle before the screenshot
        test::maybeScreenshot(&dialog, QStringLiteral("export-dialog-consent"));

        dialog.setPreset(QStringLiteral("meta"));
        QVERIFY2(rule->text().contains(QStringLiteral("does not apply")), qPrintable(rule->text()));
        dialog.setPreset(QStringLiteral("segment"));
        QVERIFY2(rule->text().contains(QStringLiteral("nobody is left out")), qPrintable(rule->text()));
        // Generic: the rule follows its columns.
        dialog.setPreset(QStringLiteral("generic"));
        QVERIFY2(rule->text().contains(QStringLiteral("declined e-mail")), qPrintable(rule->text()));
        test::child<QLineEdit>(&dialog, "exportColumnsEdit")->setText(QStringLiteral("user_id, score"));
        QVERIFY2(rule->text().contains(QStringLiteral("nobody is left out")), qPrintable(rule->text()));
    }

    void recommendedItemsAreAskedForAndChecked()
    {
        ExportDialog dialog(QStringLiteral("All"));
        dialog.setPreset(QStringLiteral("klaviyo"));
        dialog.show();
        auto *count = test::child<QSpinBox>(&dialog, "recCountSpin");
        auto *price = test::child<QLineEdit>(&dialog, "recPriceEdit");
        auto *values = test::child<QLineEdit>(&dialog, "recValuesEdit");
        auto *note = test::child<QLabel>(&dialog, "recNote");
        auto *exportButton = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        // None by default.
        QCOMPARE(count->value(), 0);
        QVERIFY(!dialog.request().recommendations);
        QVERIFY(!price->isEnabled());
        count->setValue(3);
        values->setText(QStringLiteral("Category=Beauty|Home; Brand=Nordlicht"));
        auto request = dialog.request().recommendations;
        QVERIFY(request);
        QCOMPARE(request->count, 3);
        QVERIFY(request->strategy == numeric::RecStrategy::Blend);
        QVERIFY(request->excludeBought && !request->excludeInCart);
        QCOMPARE(request->conditions.size(), std::size_t(2));
        QCOMPARE(request->conditions[0].values, (std::vector<std::string>{"Beauty", "Home"}));
        // A bad price range says so and blocks the export until it is fixed.
        price->setText(QStringLiteral("100-10"));
        QVERIFY(note->isVisible() && note->text().contains(QStringLiteral("Price range")));
        QVERIFY(!exportButton->isEnabled());
        QTest::qWait(50);
        test::maybeScreenshot(&dialog, QStringLiteral("export-dialog-recommendations"));
        price->setText(QStringLiteral("-100"));
        QVERIFY(exportButton->isEnabled());
        QCOMPARE(*dialog.request().recommendations->maxPrice, 100.0);
        // Meta takes identifiers only: the section is off and says why.
        dialog.setPreset(QStringLiteral("meta"));
        QVERIFY(!dialog.request().recommendations);
        QVERIFY(!count->isEnabled());
        QVERIFY2(note->text().contains(QStringLiteral("identifiers only")), qPrintable(note->text()));
        dialog.setPreset(QStringLiteral("braze"));
        QVERIFY(dialog.request().recommendations);
    }

    void zeroRowExportAsksBeforeWriting()
    {
        AudienceDetail detail;
        detail.setWorkspace(m_ws);
        QVERIFY(detail.showAudience(QStringLiteral("Suppressed")));
        detail.show();
        QSignalSpy exported(&detail, &AudienceDetail::exported);
        const QString out = m_dir.filePath(QStringLiteral("empty%1.csv").arg(m_runs));
        services::ExportRequest request{"Suppressed", "mailchimp", out.toStdString(), {}, {}};
        request.writeEmptyFile = false;

        // Cancel: nothing written, nothing recorded.
        QVERIFY(detail.runExport(request));
        QMessageBox *box = waitForBox(detail);
        QVERIFY(box);
        QVERIFY2(box->text().contains(QStringLiteral("none of the 2 members")), qPrintable(box->text()));
        QVERIFY2(box->informativeText().contains(QStringLiteral("1 unsubscribed")) &&
                     box->informativeText().contains(QStringLiteral("1 bounced")),
                 qPrintable(box->informativeText()));
        QVERIFY(!QFile::exists(out));
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(detail.findChild<QMessageBox *>(QStringLiteral("emptyExportBox")) == nullptr);
        QVERIFY(!detail.job().isRunning());
        QVERIFY(!QFile::exists(out));
        QCOMPARE(exported.count(), 0);
        QCOMPARE(detail.exportsText(), QStringLiteral("Not exported yet."));

        // Write empty file: the header alone, and the export is recorded.
        QVERIFY(detail.runExport(request));
        box = waitForBox(detail);
        QVERIFY(box);
        test::child<QPushButton>(box, "writeEmptyButton")->click();
        QVERIFY(exported.wait(kWaitMs));
        QCOMPARE(test::countLines(out), qint64(1));
        QVERIFY2(detail.exportsText().startsWith(QStringLiteral("Exported 0 rows")),
                 qPrintable(detail.exportsText()));
        QVERIFY2(detail.exportsText().contains(QStringLiteral("2 left out")),
                 qPrintable(detail.exportsText()));
    }

    void dialogChoiceReachesTheHistory()
    {
        AudienceDetail detail;
        detail.setWorkspace(m_ws);
        QVERIFY(detail.showAudience(QStringLiteral("All")));
        detail.show();
        QSignalSpy exported(&detail, &AudienceDetail::exported);
        ExportDialog *dialog = detail.exportAudience();
        QVERIFY(dialog);
        dialog->setPreset(QStringLiteral("klaviyo"));
        dialog->setFile(m_dir.filePath(QStringLiteral("all%1.csv").arg(m_runs)));
        test::child<QCheckBox>(dialog, "exportIncludeUnconsentedCheck")->setChecked(true);
        dialog->accept();
        QVERIFY(exported.wait(kWaitMs));
        const QString report = exported.first().first().toString();
        QVERIFY2(report.contains(QStringLiteral("written:  5")), qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("included on request")), qPrintable(report));
        QVERIFY2(detail.exportsText().contains(QStringLiteral("included on request")),
                 qPrintable(detail.exportsText()));
    }

private:
    static QMessageBox *waitForBox(const QWidget &parent)
    {
        QMessageBox *box = nullptr;
        const bool found = QTest::qWaitFor(
            [&] {
                return (box = parent.findChild<QMessageBox *>(QStringLiteral("emptyExportBox"))) != nullptr;
            },
            kWaitMs);
        return found ? box : nullptr;
    }

    QTemporaryDir m_dir;
    QString m_ws;
    int m_runs = 0;
};

QTEST_MAIN(TestExportDialog)
#include "tst_ExportDialog.moc"
