// SPDX-License-Identifier: GPL-3.0-or-later
// File > Import history…: the runs listed newest first, Remove asking first and then taking the run's
// events out as a job, and Cancel in the confirmation changing nothing.
#include "TestUtil.h"
#include "UiTestUtil.h"
#include "jobs/JobRunner.h"
#include "main/ImportHistoryDialog.h"
#include "services/ImportService.h"
#include "store/Database.h"

#include <QAbstractButton>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace awb;
using namespace awb::ui;
using test::child;

namespace {

QMessageBox *confirmBox(ImportHistoryDialog &dialog)
{
    return dialog.findChild<QMessageBox *>(QStringLiteral("confirmRemoveRunBox"));
}

void clickRole(QMessageBox *box, QMessageBox::ButtonRole role)
{
    QVERIFY(box);
    for (QAbstractButton *b : box->buttons()) {
        if (box->buttonRole(b) == role) {
            b->click();
            return;
        }
    }
    QFAIL("no such button");
}

} // namespace

class TestImportHistoryDialog : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_ws = m_dir->filePath(QStringLiteral("w.awb")).toStdString();
        importFile("shop.csv", test::kCsv);
        importFile("later.csv", "customer,when,action,sku,amount,country\n"
                                "c9,2026-05-01 10:00:00,Order Completed,P9,19.00,SE\n");
    }

    void listsRunsAndRemovesOneAfterAsking()
    {
        ImportHistoryDialog dialog(m_ws);
        dialog.show();
        auto *table = child<QTableView>(&dialog, "importHistoryTable");
        QCOMPARE(table->model()->rowCount(), 2);
        QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("2"));
        QCOMPARE(table->model()->index(0, 3).data().toString(), QStringLiteral("later.csv"));
        QCOMPARE(table->model()->index(0, 4).data().toString(), QStringLiteral("custom mapping"));
        QCOMPARE(table->model()->index(1, 6).data().toString(), QStringLiteral("3")); // imported
        QCOMPARE(table->model()->index(1, 8).data().toString(), QStringLiteral("1")); // rejected
        test::maybeScreenshot(&dialog, QStringLiteral("import-history"));

        // Cancel in the confirmation keeps everything.
        auto *remove = child<QPushButton>(&dialog, "removeRunButton");
        QVERIFY(remove->isEnabled());
        remove->click();
        clickRole(confirmBox(dialog), QMessageBox::RejectRole);
        QCOMPARE(test::queryInt(m_ws, "SELECT count(*) FROM events"), 4);

        // Remove on the newest run (selected first) takes its event out, in the background.
        QSignalSpy removed(&dialog, &ImportHistoryDialog::runRemoved);
        remove->click();
        QMessageBox *box = confirmBox(dialog);
        QVERIFY(box);
        QVERIFY2(box->text().contains(QStringLiteral("Remove import run 2")), qPrintable(box->text()));
        clickRole(box, QMessageBox::DestructiveRole);
        QVERIFY(removed.wait(10000));
        QCOMPARE(removed.at(0).at(0).toLongLong(), 2);
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(test::queryInt(m_ws, "SELECT count(*) FROM events"), 3);
        QCOMPARE(test::queryInt(m_ws, "SELECT count(*) FROM identities WHERE value = 'c9'"), 0);
        const QString status = child<QLabel>(&dialog, "importHistoryStatus")->text();
        QVERIFY2(status.contains(QStringLiteral("Removed 1 event and 1 profile")), qPrintable(status));
        test::maybeScreenshot(&dialog, QStringLiteral("import-history-removed"));
    }

    void emptyHistorySaysSo()
    {
        const std::string empty = m_dir->filePath(QStringLiteral("empty.awb")).toStdString();
        QVERIFY(store::Database::open(empty, store::Database::OpenMode::CreateIfMissing));
        ImportHistoryDialog dialog(empty);
        QCOMPARE(child<QTableView>(&dialog, "importHistoryTable")->model()->rowCount(), 0);
        QVERIFY(!child<QPushButton>(&dialog, "removeRunButton")->isEnabled());
        QVERIFY(child<QLabel>(&dialog, "importHistoryStatus")->text().contains(QStringLiteral("Nothing")));
    }

private:
    void importFile(const char *name, const std::string &content)
    {
        services::ImportSpec spec;
        spec.files = {test::writeFile(m_dir->filePath(QString::fromLatin1(name)), content)};
        spec.format = services::ImportFormat::Csv;
        spec.mapping.userIdColumn = "customer";
        spec.mapping.timestampColumn = "when";
        spec.mapping.eventColumn = "action";
        spec.mapping.productIdColumn = "sku";
        spec.mapping.priceColumn = "amount";
        QVERIFY(services::ImportService(m_ws).run(spec, ProgressSink::null()));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::string m_ws;
};

QTEST_MAIN(TestImportHistoryDialog)
#include "tst_ImportHistoryDialog.moc"
