// SPDX-License-Identifier: GPL-3.0-or-later
// The import wizard end to end: JSON lines, CSV with a custom mapping, mapping validation, cancelling.
#include "TestUtil.h"
#include "TestWorkspaces.h"
#include "UiTestUtil.h"
#include "jobs/JobRunner.h"
#include "models/StringTableModel.h"
#include "sample/SampleGenerator.h"
#include "settings/Settings.h"
#include "ShopFixture.h"
#include "ingest/CsvPresets.h"
#include "wizards/ImportCheckRunner.h"
#include "wizards/ImportFilesPage.h"
#include "wizards/ImportJoinPage.h"
#include "wizards/ImportSummaryPage.h"
#include "wizards/ImportMappingPage.h"
#include "wizards/ImportRunPage.h"
#include "wizards/ImportWizard.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace awb;
using awb::test::child;
using awb::ui::ImportWizard;

namespace {

void selectColumn(QWidget *page, const char *comboName, const QString &column)
{
    auto *combo = child<QComboBox>(page, comboName);
    const int index = combo->findData(column);
    QVERIFY2(index >= 0 || column.isEmpty(), qPrintable(column));
    combo->setCurrentIndex(qMax(0, index));
}

QStringList rowOf(const QAbstractItemModel *model, int row)
{
    QStringList cells;
    for (int c = 0; c < model->columnCount(); ++c) {
        cells << model->index(row, c).data().toString();
    }
    return cells;
}

int columnOf(const QAbstractItemModel *model, const QString &header)
{
    for (int c = 0; c < model->columnCount(); ++c) {
        if (model->headerData(c, Qt::Horizontal).toString() == header) {
            return c;
        }
    }
    return -1;
}

std::string readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll().toStdString() : std::string();
}

} // namespace

class TestImportWizard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_settings = std::make_unique<settings::Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
        m_workspace = test::workspacePath(m_dir->path(), QStringLiteral("target"));
        test::buildBrowseWorkspace(m_workspace.toStdString(), 2, 2);
        m_wizard = std::make_unique<ImportWizard>(m_workspace, *m_settings);
        m_wizard->show();
    }

    void cleanup()
    {
        m_wizard.reset();
        m_settings.reset();
        m_dir.reset();
    }

    void importsJsonLinesAndReportsTheBadLine()
    {
        const QString file = m_dir->filePath(QStringLiteral("events.jsonl"));
        test::writeFile(file, test::kJsonLines);
        m_wizard->filesPage()->addFiles({file});
        auto *files = child<QTableWidget>(m_wizard.get(), "importFileTable");
        QCOMPARE(files->rowCount(), 1);
        QCOMPARE(child<QComboBox>(files, "importFormatCombo")->currentText(), QStringLiteral("Events: JSON lines"));
        test::maybeScreenshot(m_wizard.get(), QStringLiteral("wizard-1-files"));

        const std::int64_t before = test::queryInt(m_workspace.toStdString(), "SELECT count(*) FROM events");
        QSignalSpy succeeded(m_wizard.get(), &ImportWizard::importSucceeded);
        QTest::mouseClick(child<QAbstractButton>(m_wizard.get(), "importNextButton"), Qt::LeftButton);
        QCOMPARE(m_wizard->currentId(), int(ImportWizard::SummaryPageId)); // no CSV: no mapping step
        startImport();
        QCOMPARE(m_wizard->currentId(), int(ImportWizard::RunPageId));
        QVERIFY(succeeded.wait(10000));
        QCOMPARE(m_wizard->currentId(), int(ImportWizard::ReportPageId));
        test::maybeScreenshot(m_wizard.get(), QStringLiteral("wizard-4-report-jsonl"));

        QCOMPARE(child<QLabel>(m_wizard.get(), "reportRowsRead")->text(), QStringLiteral("5"));
        QCOMPARE(child<QLabel>(m_wizard.get(), "reportImported")->text(), QStringLiteral("4"));
        QCOMPARE(child<QLabel>(m_wizard.get(), "reportRejected")->text(), QStringLiteral("1"));
        auto *rejections = child<QTableView>(m_wizard.get(), "reportRejectionsTable")->model();
        QCOMPARE(rejections->rowCount(), 1);
        const QStringList rejected = rowOf(rejections, 0);
        QCOMPARE(rejected.at(0), QStringLiteral("events.jsonl"));
        QCOMPARE(rejected.at(1), QStringLiteral("4"));
        QVERIFY(!rejected.at(2).isEmpty());

        const std::string ws = m_workspace.toStdString();
        QCOMPARE(test::queryInt(ws, "SELECT count(*) FROM events"), before + 4);
        QCOMPARE(test::queryText(ws, "SELECT email FROM profiles p JOIN identities i ON i.profile_id = p.id "
                                     "WHERE i.value = 'a-1'"),
                 std::string("alice@example.com"));
    }

    void theFormatCanBeOverriddenPerFile()
    {
        // JSON lines in a .txt file: detected as CSV, switched to JSON lines by the user.
        const QString file = m_dir->filePath(QStringLiteral("export.txt"));
        test::writeFile(file, test::kJsonLines);
        m_wizard->filesPage()->addFiles({file});
        auto *format = child<QComboBox>(m_wizard.get(), "importFormatCombo");
        QCOMPARE(format->currentText(), QStringLiteral("Events: CSV"));
        format->setCurrentIndex(format->findText(QStringLiteral("Events: JSON lines")));
        QVERIFY(!m_wizard->state().hasCsv());
        QSignalSpy succeeded(m_wizard.get(), &ImportWizard::importSucceeded);
        QTest::mouseClick(child<QAbstractButton>(m_wizard.get(), "importNextButton"), Qt::LeftButton);
        startImport();
        QCOMPARE(m_wizard->currentId(), int(ImportWizard::RunPageId));
        QVERIFY(succeeded.wait(10000));
        QCOMPARE(child<QLabel>(m_wizard.get(), "reportImported")->text(), QStringLiteral("4"));
    }

    void importsCsvWithACustomMapping()
    {
        const QString file = m_dir->filePath(QStringLiteral("shop.csv"));
        test::writeFile(file, test::kCsv);
        m_wizard->filesPage()->addFiles({file});
        QCOMPARE(child<QComboBox>(m_wizard.get(), "importFormatCombo")->currentText(), QStringLiteral("Events: CSV"));
        auto *next = child<QAbstractButton>(m_wizard.get(), "importNextButton");
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(m_wizard->currentId(), int(ImportWizard::MappingPageId));
        auto *page = m_wizard->currentPage();
        waitForMappingPreview();
        QCOMPARE(child<QTableView>(page, "mappingPreviewTable")->model()->rowCount(), 4);
        // Guessed from the header names; "when" is nobody's guess.
        QCOMPARE(child<QComboBox>(page, "mapUserIdCombo")->currentData().toString(),
                 QStringLiteral("customer"));
        QCOMPARE(child<QComboBox>(page, "mapEventCombo")->currentData().toString(), QStringLiteral("action"));
        QCOMPARE(child<QComboBox>(page, "mapTimestampCombo")->currentData().toString(), QString());

        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(m_wizard->currentId(), int(ImportWizard::MappingPageId));
        auto *error = child<QLabel>(page, "mappingErrorLabel");
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("time")), qPrintable(error->text()));

        selectColumn(page, "mapTimestampCombo", QStringLiteral("when"));
        selectColumn(page, "mapPriceCombo", QStringLiteral("amount"));
        auto *properties = child<QListWidget>(page, "mapPropertiesList");
        properties->findItems(QStringLiteral("country"), Qt::MatchExactly)
            .first()
            ->setCheckState(Qt::Checked);
        waitForMappingPreview();
        test::maybeScreenshot(m_wizard.get(), QStringLiteral("wizard-2-mapping"));
        QCOMPARE(m_wizard->state().mapping.timestampColumn, std::string("when"));
        QCOMPARE(m_wizard->state().mapping.propertyColumns, std::vector<std::string>{"country"});
        // The preview reads the rows as the import will: the row with a bad time is rejected, and why.
        const QString status = child<QLabel>(page, "mappingPreviewStatus")->text();
        QVERIFY2(status.contains(QStringLiteral("3 would be imported, 1 rejected")), qPrintable(status));

        QSignalSpy succeeded(m_wizard.get(), &ImportWizard::importSucceeded);
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(m_wizard->currentId(), int(ImportWizard::SummaryPageId));
        QVERIFY(m_wizard->summaryPage()->text().contains(QStringLiteral("3 would be imported, 1 rejected")));
        startImport();
        QVERIFY(succeeded.wait(10000));
        QCOMPARE(m_wizard->currentId(), int(ImportWizard::ReportPageId));
        test::maybeScreenshot(m_wizard.get(), QStringLiteral("wizard-4-report-csv"));
        QCOMPARE(child<QLabel>(m_wizard.get(), "reportImported")->text(), QStringLiteral("3"));
        QCOMPARE(child<QLabel>(m_wizard.get(), "reportRejected")->text(), QStringLiteral("1"));
        auto *rejections = child<QTableView>(m_wizard.get(), "reportRejectionsTable")->model();
        QCOMPARE(rejections->rowCount(), 1);
        QCOMPARE(rowOf(rejections, 0).at(1), QStringLiteral("4"));

        const std::string ws = m_workspace.toStdString();
        QCOMPARE(test::queryInt(
                     ws, "SELECT count(*) FROM events WHERE json_extract(properties, '$.country') = 'FR'"),
                 2);
        QCOMPARE(test::queryInt(ws, "SELECT count(*) FROM identities WHERE value IN ('c1', 'c2')"), 2);
    }

    void mappingPageRefusesIncompleteMappings_data()
    {
        QTest::addColumn<QString>("clearCombo");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no id column") << QStringLiteral("mapUserIdCombo") << QStringLiteral("user ID");
        QTest::newRow("no time column") << QStringLiteral("mapTimestampCombo") << QStringLiteral("time");
        QTest::newRow("no event name") << QStringLiteral("mapEventCombo") << QStringLiteral("event name");
    }

    void mappingPageRefusesIncompleteMappings()
    {
        QFETCH(QString, clearCombo);
        QFETCH(QString, expected);
        auto *next = child<QAbstractButton>(m_wizard.get(), "importNextButton");
        QWidget *page = openMappingPage();
        selectColumn(page, "mapTimestampCombo", QStringLiteral("when"));
        QVERIFY(m_wizard->mappingPage()->problem().isEmpty());
        selectColumn(page, qPrintable(clearCombo), QString());
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(m_wizard->currentId(), int(ImportWizard::MappingPageId));
        const QString message = child<QLabel>(page, "mappingErrorLabel")->text();
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void mappingSurvivesSaveAndLoad()
    {
        QWidget *page = openMappingPage();
        selectColumn(page, "mapTimestampCombo", QStringLiteral("when"));
        QLineEdit *zone = child<QComboBox>(page, "mapTimezoneCombo")->lineEdit();
        zone->selectAll();
        QTest::keyClicks(zone, QStringLiteral("Asia/Tokyo"));
        const QString json = m_dir->filePath(QStringLiteral("mapping.json"));
        QVERIFY(m_wizard->mappingPage()->saveMapping(json));

        selectColumn(page, "mapTimestampCombo", QString());
        selectColumn(page, "mapUserIdCombo", QString());
        QVERIFY(m_wizard->mappingPage()->loadMapping(json));
        QCOMPARE(child<QComboBox>(page, "mapTimestampCombo")->currentData().toString(),
                 QStringLiteral("when"));
        QCOMPARE(child<QComboBox>(page, "mapUserIdCombo")->currentData().toString(),
                 QStringLiteral("customer"));
        QCOMPARE(m_wizard->state().mapping.timezone, std::string("Asia/Tokyo"));

        test::writeFile(json, "{\"timestampColumn\": 7}");
        const Result<void> bad = m_wizard->mappingPage()->loadMapping(json);
        QVERIFY(!bad);
        QVERIFY(bad.error().message.find("mapping.json") != std::string::npos);
    }

    void presetsFillTheMapping()
    {
        const QString file = m_dir->filePath(QStringLiteral("retail.csv"));
        test::writeFile(
            file, "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                  "536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n");
        m_wizard->filesPage()->addFiles({file});
        QTest::mouseClick(child<QAbstractButton>(m_wizard.get(), "importNextButton"), Qt::LeftButton);
        m_wizard->mappingPage()->selectPreset(QStringLiteral("online-retail"));
        auto *page = m_wizard->currentPage();
        QCOMPARE(child<QComboBox>(page, "mappingPresetCombo")->currentData().toString(),
                 QStringLiteral("online-retail"));
        QCOMPARE(child<QComboBox>(page, "mapTimestampCombo")->currentData().toString(),
                 QStringLiteral("InvoiceDate"));
        QCOMPARE(child<QComboBox>(page, "mapTimezoneCombo")->currentText(), QStringLiteral("Europe/London"));
        QCOMPARE(child<QLineEdit>(page, "mapFixedEventEdit")->text(), QStringLiteral("Order Completed"));
        QVERIFY(m_wizard->mappingPage()->problem().isEmpty());
        // Editing a preset makes it a custom mapping that keeps the preset's grouping of invoice lines.
        selectColumn(page, "mapEmailCombo", QStringLiteral("Description"));
        QCOMPARE(child<QComboBox>(page, "mappingPresetCombo")->currentIndex(), 0);
        QCOMPARE(m_wizard->state().mapping.orderIdColumn, std::string("InvoiceNo"));
        QCOMPARE(m_wizard->state().mapping.refundPrefix, std::string("C"));
    }

    void knownLayoutAndTimeFormatArePreselected()
    {
        const QString file = m_dir->filePath(QStringLiteral("woo.csv"));
        test::writeFile(file, "order_id,order_date,status,order_currency,billing_first_name,billing_last_name,"
                              "billing_email,billing_phone,billing_postcode,billing_city,billing_state,"
                              "billing_country,item_name,item_sku,item_quantity,item_total\n"
                              "4993,05.03.2024 14:02,completed,USD,Ann,Lee,ann@example.com,,62704,Springfield,"
                              "IL,US,Hoodie,H-1,2,60.00\n");
        m_wizard->filesPage()->addFiles({file});
        QTest::mouseClick(child<QAbstractButton>(m_wizard.get(), "importNextButton"), Qt::LeftButton);
        auto *page = m_wizard->currentPage();
        QCOMPARE(child<QComboBox>(page, "mappingPresetCombo")->currentData().toString(),
                 QStringLiteral("woocommerce"));
        QCOMPARE(child<QComboBox>(page, "mapTimestampFormatCombo")->currentText(),
                 QStringLiteral("%d.%m.%Y %H:%M"));
        QVERIFY(m_wizard->mappingPage()->problem().isEmpty());
    }

    void ambiguousTimesAreAskedFor()
    {
        const QString file = m_dir->filePath(QStringLiteral("visits.csv"));
        test::writeFile(file, "user_id,event,created_at\nu1,Viewed,3/5/2024 10:00\nu2,Viewed,12/1/2024 9:30\n");
        m_wizard->filesPage()->addFiles({file});
        QTest::mouseClick(child<QAbstractButton>(m_wizard.get(), "importNextButton"), Qt::LeftButton);
        auto *page = m_wizard->currentPage();
        if (m_wizard->state().mapping.timestampColumn.empty()) {
            selectColumn(page, "mapTimestampCombo", QStringLiteral("created_at"));
        }
        const QString problem = m_wizard->mappingPage()->problem();
        QVERIFY2(problem.contains(QStringLiteral("%m/%d/%Y %H:%M (month first) or %d/%m/%Y %H:%M (day first)")),
                 qPrintable(problem));
        QVERIFY(child<QLabel>(page, "mappingErrorLabel")->isVisible());
        test::maybeScreenshot(m_wizard.get(), QStringLiteral("wizard-2-mapping-ambiguous-times"));
        child<QComboBox>(page, "mapTimestampFormatCombo")->setCurrentText(QStringLiteral("%d/%m/%Y %H:%M"));
        QVERIFY(m_wizard->mappingPage()->problem().isEmpty());
        QCOMPARE(m_wizard->state().mapping.timestampFormat, std::string("%d/%m/%Y %H:%M"));
    }

    // The same file again through another mapping: the summary says so and offers (ticked) to replace the
    // earlier run; the import then removes it in its own transaction.
    void importingAgainWithAnotherMappingOffersToReplace()
    {
        const QString file = m_dir->filePath(QStringLiteral("shop.csv"));
        test::writeFile(file, test::kCsv);
        for (const char *event : {"Viewed", "Bought"}) {
            m_wizard = std::make_unique<ImportWizard>(m_workspace, *m_settings);
            m_wizard->show();
            m_wizard->filesPage()->addFiles({file});
            auto *next = child<QAbstractButton>(m_wizard.get(), "importNextButton");
            QTest::mouseClick(next, Qt::LeftButton);
            auto *page = m_wizard->currentPage();
            selectColumn(page, "mapTimestampCombo", QStringLiteral("when"));
            selectColumn(page, "mapEventCombo", QString());
            auto *fixed = child<QLineEdit>(page, "mapFixedEventEdit");
            fixed->selectAll();
            QTest::keyClicks(fixed, QString::fromLatin1(event));
            waitForMappingPreview();
            QTest::mouseClick(next, Qt::LeftButton);
            auto *replace = child<QCheckBox>(m_wizard.get(), "importReplaceCheck");
            const bool again = QByteArray(event) == "Bought";
            QCOMPARE(replace->isVisibleTo(m_wizard.get()), again);
            if (again) {
                QVERIFY(replace->isChecked());
                QVERIFY(child<QLabel>(m_wizard.get(), "importEarlierLabel")
                            ->text()
                            .contains(QStringLiteral("shop.csv (import run")));
                test::maybeScreenshot(m_wizard.get(), QStringLiteral("wizard-4-summary-replace"));
            }
            QSignalSpy succeeded(m_wizard.get(), &ImportWizard::importSucceeded);
            startImport();
            QVERIFY(succeeded.wait(10000));
        }
        const std::string ws = m_workspace.toStdString();
        QCOMPARE(test::eventCount(ws, "Viewed"), 0);
        QCOMPARE(test::eventCount(ws, "Bought"), 3);
    }

    // A mapping whose preview rejects every row does not start an import.
    void aMappingThatRejectsEveryRowIsRefused()
    {
        auto *next = child<QAbstractButton>(m_wizard.get(), "importNextButton");
        QWidget *page = openMappingPage();
        selectColumn(page, "mapTimestampCombo", QStringLiteral("customer")); // not a time
        waitForMappingPreview();
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(m_wizard->currentId(), int(ImportWizard::MappingPageId));
        const QString message = child<QLabel>(page, "mappingErrorLabel")->text();
        QVERIFY2(message.startsWith(QStringLiteral("None of the first 4 rows would be imported")), qPrintable(message));
    }

    // Five files of a shop's export in one import: the order lines, joined to orders, customers, products
    // and a category translation, with no pre-join; the joins and the columns are guessed.
    void joinsLookupFilesToTheOrderLines()
    {
        const test::ShopFiles shop = test::writeShop(m_dir->path());
        QStringList files;
        for (const std::string &f : {shop.translation, shop.customers, shop.items, shop.orders, shop.products}) {
            files << QString::fromStdString(f);
        }
        m_wizard->filesPage()->addFiles(files);
        QCOMPARE(m_wizard->state().firstCsv(), QString::fromStdString(shop.items)); // its name says line items
        test::maybeScreenshot(m_wizard.get(), QStringLiteral("wizard-1-files-shop"));
        auto *next = child<QAbstractButton>(m_wizard.get(), "importNextButton");
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(m_wizard->currentId(), int(ImportWizard::JoinPageId));
        QTRY_VERIFY_WITH_TIMEOUT(m_wizard->joinPage()->preview().isDone(), 10000);
        auto *page = m_wizard->currentPage();
        QCOMPARE(child<QTableWidget>(page, "importJoinTable")->rowCount(), 4);
        QStringList joins;
        for (const ingest::CsvLookup &l : m_wizard->state().mapping.lookups) {
            joins << QString::fromStdString(l.name + ":" + l.key + "=" + l.on);
        }
        QCOMPARE(joins.join(QLatin1Char(' ')),
                 QStringLiteral("orders:order_id=order_id products:product_id=product_id "
                                "category_translation:product_category_name=products.product_category_name "
                                "customers:customer_id=orders.customer_id"));
        auto *preview = child<QTableView>(page, "joinPreviewTable")->model();
        QCOMPARE(preview->rowCount(), 3);
        const int unique = columnOf(preview, QStringLiteral("customers.customer_unique_id"));
        QVERIFY(unique >= 0);
        QCOMPARE(preview->index(2, unique).data().toString(), QStringLiteral("U2"));
        QVERIFY(child<QLabel>(page, "joinPreviewStatus")->text().contains(QStringLiteral("orders: 2 rows held")));
        test::maybeScreenshot(m_wizard.get(), QStringLiteral("wizard-2-join"));

        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(m_wizard->currentId(), int(ImportWizard::MappingPageId));
        page = m_wizard->currentPage();
        const ingest::CsvMapping &m = m_wizard->state().mapping;
        QCOMPARE(m.userIdColumn, std::string("customers.customer_unique_id"));
        QCOMPARE(m.timestampColumn, std::string("orders.order_purchase_timestamp"));
        QCOMPARE(m.orderIdColumn, std::string("order_id"));
        QCOMPARE(m.fixedEvent, std::string("Order Completed"));
        QCOMPARE(m.productPropertyColumns,
                 (std::vector<std::string>{"products.product_category_name",
                                           "category_translation.product_category_name_english"}));
        // "10/2/2017 10:56" reads month first or day first: asked for.
        QVERIFY(m_wizard->mappingPage()->problem().contains(QStringLiteral("month first")));
        child<QComboBox>(page, "mapTimestampFormatCombo")->setCurrentText(QStringLiteral("%m/%d/%Y %H:%M"));
        waitForMappingPreview();
        QVERIFY2(m_wizard->mappingPage()->problem().isEmpty(), qPrintable(m_wizard->mappingPage()->problem()));
        auto *rows = child<QTableView>(page, "mappingPreviewTable")->model();
        QCOMPARE(rowOf(rows, 0).mid(1, 5), (QStringList{QStringLiteral("yes"), QStringLiteral("U1"),
                                                       QStringLiteral("Order Completed"),
                                                       QStringLiteral("2017-10-02 10:56:00"), QStringLiteral("p1")}));
        test::maybeScreenshot(m_wizard.get(), QStringLiteral("wizard-3-mapping-joined"));

        // The saved mapping holds the whole definition, its files relative to it.
        const QString json = m_dir->filePath(QStringLiteral("saved.json"));
        QVERIFY(m_wizard->mappingPage()->saveMapping(json));
        QVERIFY(readFile(json).find("\"file\": \"orders.csv\"") != std::string::npos);
        auto saved = ingest::loadCsvMapping(json.toStdString());
        QVERIFY(saved);
        QCOMPARE(saved->factFile, shop.items);
        QCOMPARE(saved->lookups.size(), std::size_t(4));

        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(m_wizard->currentId(), int(ImportWizard::SummaryPageId));
        const QString summary = m_wizard->summaryPage()->text();
        QVERIFY2(summary.contains(QStringLiteral("customers.customer_unique_id")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("every row would be imported")), qPrintable(summary));
        test::maybeScreenshot(m_wizard.get(), QStringLiteral("wizard-4-summary"));
        const std::string ws = m_workspace.toStdString();
        const std::int64_t before = test::eventCount(ws, "Order Completed");
        QSignalSpy succeeded(m_wizard.get(), &ImportWizard::importSucceeded);
        startImport();
        QVERIFY(succeeded.wait(10000));
        QCOMPARE(child<QLabel>(m_wizard.get(), "reportRejected")->text(), QStringLiteral("0"));
        QCOMPARE(test::eventCount(ws, "Order Completed"), before + 2); // two orders, three lines
        QCOMPARE(test::queryText(ws, "SELECT json_extract(p.properties, '$.product_category_name_english') FROM "
                                     "event_products p WHERE p.product_id = 'p2'"),
                 std::string("computers_accessories"));
    }

    void cancellingLeavesTheWorkspaceUnchanged_data()
    {
        QTest::addColumn<bool>("byClosingTheWizard");
        QTest::newRow("cancel button") << false;
        QTest::newRow("closing the wizard") << true;
    }

    void cancellingLeavesTheWorkspaceUnchanged()
    {
        QFETCH(bool, byClosingTheWizard);
        const QString file = m_dir->filePath(QStringLiteral("large.jsonl"));
        sample::SampleSpec spec;
        spec.profiles = 1500;
        auto generated = sample::generateJsonLines(file.toStdString(), spec, ProgressSink::null());
        QVERIFY2(generated, generated ? "" : generated.error().message.c_str());
        QVERIFY(generated->events > 20000);
        const std::string before = test::workspaceFingerprint(m_workspace.toStdString());

        m_wizard->filesPage()->addFiles({file});
        ui::JobRunner &runner = m_wizard->runPage()->runner();
        QSignalSpy cancelled(&runner, &ui::JobRunner::cancelled);
        QSignalSpy finished(&runner, &ui::JobRunner::finished);
        QTest::mouseClick(child<QAbstractButton>(m_wizard.get(), "importNextButton"), Qt::LeftButton);
        startImport();
        QVERIFY(m_wizard->runPage()->isRunning());
        test::maybeScreenshot(m_wizard.get(), QStringLiteral("wizard-3-running"));
        if (byClosingTheWizard) {
            m_wizard->reject();
            QVERIFY(m_wizard->isVisible()); // waits for the rollback before closing
        } else {
            QTest::mouseClick(child<QAbstractButton>(m_wizard.get(), "importCancelButton"), Qt::LeftButton);
        }
        QVERIFY(cancelled.wait(20000));
        QCOMPARE(finished.count(), 0);
        QCOMPARE(m_wizard->isVisible(), !byClosingTheWizard);
        if (!byClosingTheWizard) {
            test::maybeScreenshot(m_wizard.get(), QStringLiteral("wizard-3-cancelled"));
            QCOMPARE(m_wizard->currentId(), int(ImportWizard::RunPageId));
            QVERIFY(child<QLabel>(m_wizard.get(), "importRunStatusLabel")
                        ->text()
                        .contains(QStringLiteral("cancelled")));
        }
        QCOMPARE(test::workspaceFingerprint(m_workspace.toStdString()), before);
    }

private:
    /// Adds test::kCsv (shop.csv) and goes on to the mapping step; returns the page.
    QWidget *openMappingPage()
    {
        const QString file = m_dir->filePath(QStringLiteral("shop.csv"));
        test::writeFile(file, test::kCsv);
        m_wizard->filesPage()->addFiles({file});
        QTest::mouseClick(child<QAbstractButton>(m_wizard.get(), "importNextButton"), Qt::LeftButton);
        return m_wizard->currentPage();
    }
    /// On the summary step: starts the import.
    void startImport()
    {
        QCOMPARE(m_wizard->currentId(), int(ImportWizard::SummaryPageId));
        QTest::mouseClick(child<QAbstractButton>(m_wizard.get(), "importCommitButton"), Qt::LeftButton);
    }
    /// Waits until the mapping step shows the preview of its current mapping.
    void waitForMappingPreview()
    {
        QTRY_VERIFY_WITH_TIMEOUT(m_wizard->mappingPage()->preview().isDone(), 10000);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<settings::Settings> m_settings;
    QString m_workspace;
    std::unique_ptr<ImportWizard> m_wizard;
};

QTEST_MAIN(TestImportWizard)
#include "tst_ImportWizard.moc"
