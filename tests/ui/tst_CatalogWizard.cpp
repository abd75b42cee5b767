// SPDX-License-Identifier: GPL-3.0-or-later
// The catalog wizard end to end on a generated sample store: events, product ids, columns, weights,
// Save and build; the 11th event refused; a column's property per event; editing a saved catalog reopens
// the wizard prefilled.
#include "TestUtil.h"
#include "TestWorkspaces.h"
#include "UiTestUtil.h"
#include "catalog/CatalogArea.h"
#include "catalog/EventChoiceModel.h"
#include "ingest/EventWriter.h"
#include "jobs/JobRunner.h"
#include "jobs/Progress.h"
#include "sample/SampleGenerator.h"
#include "services/CatalogService.h"
#include "store/Database.h"
#include "wizards/CatalogColumnsPage.h"
#include "wizards/CatalogEventPropertiesDialog.h"
#include "wizards/CatalogEventsPage.h"
#include "wizards/CatalogProductIdPage.h"
#include "wizards/CatalogSummaryPage.h"
#include "wizards/CatalogWeightsPage.h"
#include "wizards/CatalogWizard.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolButton>

using namespace awb;
using awb::test::child;
using awb::ui::CatalogWizard;

namespace {

const QString kOrders = QStringLiteral("Order Completed");
const QString kCarts = QStringLiteral("Product Added");
const QString kViews = QStringLiteral("Product Viewed");

void clickNext(CatalogWizard *wizard, int expectedPage)
{
    auto *next = child<QAbstractButton>(wizard, "catalogNextButton");
    QVERIFY(next->isEnabled());
    QTest::mouseClick(next, Qt::LeftButton);
    QCOMPARE(wizard->currentId(), expectedPage);
}

QStringList strings(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items) {
        out << QString::fromUtf8(item);
    }
    return out;
}

QStringList columnNames(const std::vector<catalog::CatalogColumn> &columns)
{
    QStringList names;
    for (const auto &c : columns) {
        names << QString::fromStdString(c.name);
    }
    return names;
}

// A workspace with `names` product events named "Event 01", "Event 02" ..., one product row each whose
// properties are {"product_id": "p<i>"} plus extra (a JSON fragment starting with a comma).
void buildProductEvents(const std::string &path, int names, const std::string &extra = {})
{
    auto db = store::Database::open(path, store::Database::OpenMode::CreateIfMissing);
    QVERIFY(db);
    store::Transaction tx(**db);
    (*db)->exec("INSERT INTO import_runs (id, started_at, status) VALUES (1, 0, 'completed')");
    ingest::EventWriter writer(**db, 1);
    for (int i = 1; i <= names; ++i) {
        ingest::EventRecord e;
        e.userId = "u" + std::to_string(i);
        e.name = QStringLiteral("Event %1").arg(i, 2, 10, QLatin1Char('0')).toStdString();
        e.timestampMs = test::kFixtureStartMs + i * test::kHourMs;
        e.propertiesJson = "{\"product_id\":\"p" + std::to_string(i) + "\"" + extra + "}";
        e.products.push_back({"p" + std::to_string(i), 1.0, 1.0, e.propertiesJson});
        writer.write(e);
    }
    writer.finish();
    tx.commit();
}

// Two views of p1 carrying {"brand": "Acme"} and two orders of p2 naming it {"product_brand": "Beta"}.
void buildBrandEvents(const std::string &path)
{
    auto db = store::Database::open(path, store::Database::OpenMode::CreateIfMissing);
    QVERIFY(db);
    store::Transaction tx(**db);
    (*db)->exec("INSERT INTO import_runs (id, started_at, status) VALUES (1, 0, 'completed')");
    ingest::EventWriter writer(**db, 1);
    for (int i = 0; i < 4; ++i) {
        const bool order = i % 2 == 1;
        ingest::EventRecord e;
        e.userId = "u" + std::to_string(i);
        e.name = (order ? kOrders : kViews).toStdString();
        e.timestampMs = test::kFixtureStartMs + i * test::kHourMs;
        e.propertiesJson = order ? "{\"product_id\":\"p2\",\"product_brand\":\"Beta\"}"
                                 : "{\"product_id\":\"p1\",\"brand\":\"Acme\"}";
        e.products.push_back({order ? "p2" : "p1", 1.0, 1.0, e.propertiesJson});
        writer.write(e);
    }
    writer.finish();
    tx.commit();
}

} // namespace

class TestCatalogWizard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_workspace = test::workspacePath(m_dir->path(), QStringLiteral("sample"));
    }

    void cleanup() { m_dir.reset(); }

    void buildsACatalogFromTheSampleStore()
    {
        generateSample();
        CatalogWizard wizard(m_workspace, std::nullopt);
        wizard.resize(1280, 800);
        wizard.show();
        QCOMPARE(wizard.currentId(), int(CatalogWizard::EventsPageId));
        ui::EventChoiceModel *events = wizard.eventsPage()->model();
        QAbstractItemModelTester tester(events, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Every event name with its count; the ones carrying products (but not refunds) are suggested.
        QCOMPARE(events->rowCount(), 6);
        QCOMPARE(events->checkedNames(), QStringList({kViews, kCarts, kOrders}));
        QVERIFY(events->event(events->rowOf(kViews)).events > events->event(events->rowOf(kOrders)).events);
        QVERIFY(!events->event(events->rowOf(QStringLiteral("Page Viewed"))).hasProducts);
        QVERIFY(child<QLabel>(&wizard, "catalogEventCounter")
                    ->text()
                    .contains(QStringLiteral("3 events chosen")));
        // At least one event: with none checked the wizard cannot go on.
        for (const QString &name : {kViews, kCarts, kOrders}) {
            QVERIFY(events->setChecked(name, false));
        }
        QVERIFY(!child<QAbstractButton>(&wizard, "catalogNextButton")->isEnabled());
        QVERIFY(
            child<QLabel>(&wizard, "catalogEventCounter")->text().contains(QStringLiteral("at least one")));
        for (const QString &name : {kOrders, kCarts, kViews}) {
            QVERIFY(events->setChecked(name, true));
        }
        test::maybeScreenshot(&wizard, QStringLiteral("catalog-wizard-1-events"));
        clickNext(&wizard, CatalogWizard::ProductIdPageId);

        // Order events read the ids of their products[]; single-product events their product_id.
        ui::CatalogProductIdPage *ids = wizard.productIdPage();
        QCOMPARE(ids->comboFor(kOrders)->currentText(), QStringLiteral("products[].product_id"));
        QCOMPARE(ids->comboFor(kViews)->currentText(), QStringLiteral("product_id"));
        QVERIFY(ids->comboFor(kViews)->findText(QStringLiteral("sku")) >= 0);
        QVERIFY2(ids->previewFor(kOrders).contains(QStringLiteral("P0")),
                 qPrintable(ids->previewFor(kOrders)));
        ids->comboFor(kCarts)->setCurrentText(QStringLiteral("no_such_property"));
        QVERIFY(ids->previewFor(kCarts).contains(QStringLiteral("None of the")));
        ids->comboFor(kCarts)->setCurrentText(QStringLiteral("product_id"));
        test::maybeScreenshot(&wizard, QStringLiteral("catalog-wizard-2-product-ids"));
        clickNext(&wizard, CatalogWizard::ColumnsPageId);

        ui::CatalogColumnsPage *columns = wizard.columnsPage();
        QCOMPARE(columnNames(columns->columns()),
                 strings({"Name", "Brand", "Category", "Subcategory", "Price"}));
        QVERIFY2(columns->previewText(2).contains(QStringLiteral("Beauty")),
                 qPrintable(columns->previewText(2)));
        // Remove Price with its row's button, add a SKU column.
        const auto removeButtons =
            wizard.findChildren<QToolButton *>(QStringLiteral("catalogRemoveColumnButton"));
        QCOMPARE(removeButtons.size(), 5);
        QTest::mouseClick(removeButtons.last(), Qt::LeftButton);
        QCOMPARE(columns->columnCount(), 4);
        QTest::mouseClick(child<QAbstractButton>(&wizard, "catalogAddColumnButton"), Qt::LeftButton);
        QCOMPARE(columns->columnCount(), 5);
        auto rowNames = wizard.findChildren<QLineEdit *>(QStringLiteral("catalogColumnName"));
        auto rowProperties = wizard.findChildren<QComboBox *>(QStringLiteral("catalogColumnProperty"));
        QLineEdit *newName = rowNames.last();
        QComboBox *newProperty = rowProperties.last();
        newProperty->setCurrentText(QStringLiteral("sku"));
        QVERIFY(child<QLabel>(&wizard, "catalogColumnsMessage")->text().contains(QStringLiteral("a name")));
        QVERIFY(!child<QAbstractButton>(&wizard, "catalogNextButton")->isEnabled());
        QTest::keyClicks(newName, QStringLiteral("brand")); // a duplicate name (case-insensitive) is refused
        QVERIFY(
            child<QLabel>(&wizard, "catalogColumnsMessage")->text().contains(QStringLiteral("two columns")));
        newName->clear();
        QTest::keyClicks(newName, QStringLiteral("SKU"));
        QVERIFY(columns->previewText(4).contains(QStringLiteral("-")));
        test::maybeScreenshot(&wizard, QStringLiteral("catalog-wizard-3-columns"));
        clickNext(&wizard, CatalogWizard::WeightsPageId);

        ui::CatalogWeightsPage *weights = wizard.weightsPage();
        QCOMPARE(weights->spinFor(kOrders)->value(), 5.0);
        QCOMPARE(weights->spinFor(kCarts)->value(), 3.0);
        QCOMPARE(weights->spinFor(kViews)->value(), 1.0);
        weights->spinFor(kViews)->setValue(1.5);
        test::maybeScreenshot(&wizard, QStringLiteral("catalog-wizard-4-weights"));
        clickNext(&wizard, CatalogWizard::SummaryPageId);
        QVERIFY(wizard.summaryPage()->summaryText().contains(QStringLiteral("products[].product_id")));
        test::maybeScreenshot(&wizard, QStringLiteral("catalog-wizard-5-summary"));

        QSignalSpy built(&wizard.buildJob(), &ui::JobRunner::finished);
        QSignalSpy saved(&wizard, &CatalogWizard::catalogSaved);
        auto *finish = child<QAbstractButton>(&wizard, "catalogFinishButton");
        QCOMPARE(finish->text(), QStringLiteral("Save and build"));
        QTest::mouseClick(finish, Qt::LeftButton);
        QCOMPARE(saved.count(), 1);
        QVERIFY(built.wait(20000));
        QVERIFY(wizard.isVisible());
        QVERIFY(wizard.state().built);
        QVERIFY(wizard.state().built->items > 100);
        QVERIFY(wizard.state().built->interactions > 1000);
        const QString status = wizard.summaryPage()->statusText();
        QVERIFY2(status.contains(QStringLiteral("items")) && status.contains(QStringLiteral("profiles")),
                 qPrintable(status));
        test::maybeScreenshot(&wizard, QStringLiteral("catalog-wizard-6-built"));

        // What was saved is what the pages showed.
        const auto stored = services::CatalogService(m_workspace.toStdString()).definition();
        QVERIFY(stored && *stored);
        const catalog::CatalogDefinition &d = **stored;
        QCOMPARE(d.events.size(), std::size_t(3));
        for (const auto &e : d.events) {
            const double expected = e.name == "Order Completed" ? 5.0 : e.name == "Product Added" ? 3.0 : 1.5;
            QCOMPARE(e.weight, expected);
            QCOMPARE(e.productProperty,
                     std::string(e.name == "Order Completed" ? "products[].product_id" : "product_id"));
        }
        QCOMPARE(columnNames(d.columns), strings({"Name", "Brand", "Category", "Subcategory", "SKU"}));
        QCOMPARE(d.columns.back().property, std::string("sku"));
        QCOMPARE(test::queryInt(m_workspace.toStdString(), "SELECT items FROM catalog_builds"),
                 wizard.state().built->items);

        QCOMPARE(finish->text(), QStringLiteral("Close"));
        QTest::mouseClick(finish, Qt::LeftButton);
        QVERIFY(!wizard.isVisible());
        QCOMPARE(wizard.result(), int(QDialog::Accepted));
    }

    void refusesAnEleventhEvent()
    {
        buildProductEvents(m_workspace.toStdString(), 12);
        CatalogWizard wizard(m_workspace, std::nullopt);
        wizard.resize(1280, 800);
        wizard.show();
        ui::EventChoiceModel *events = wizard.eventsPage()->model();
        QAbstractItemModelTester tester(events, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(events->rowCount(), 12);
        QCOMPARE(events->checkedCount(), 7); // at most 7 suggested
        QSignalSpy refused(events, &ui::EventChoiceModel::limitReached);
        for (int row = 0; row < events->rowCount() && events->checkedCount() < 10; ++row) {
            QVERIFY(events->setData(events->index(row, ui::EventChoiceModel::EventColumn), Qt::Checked,
                                    Qt::CheckStateRole));
        }
        QCOMPARE(events->checkedCount(), 10);
        const int eleventh = events->rowOf(QStringLiteral("Event 12"));
        QCOMPARE(events->index(eleventh, 0).data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
        QVERIFY(!events->setData(events->index(eleventh, 0), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(refused.count(), 1);
        QCOMPARE(events->checkedCount(), 10);
        QCOMPARE(events->index(eleventh, 0).data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
        const QString message = child<QLabel>(&wizard, "catalogEventMessage")->text();
        QVERIFY2(message.contains(QStringLiteral("at most 10")) &&
                     message.contains(QStringLiteral("Event 12")),
                 qPrintable(message));
        test::maybeScreenshot(&wizard, QStringLiteral("catalog-wizard-1-eleventh-refused"));
        // Ten is allowed; unchecking one lets another in.
        QVERIFY(child<QAbstractButton>(&wizard, "catalogNextButton")->isEnabled());
        QVERIFY(events->setChecked(QStringLiteral("Event 01"), false));
        QVERIFY(events->setChecked(QStringLiteral("Event 12"), true));
        QCOMPARE(events->checkedCount(), 10);
        QVERIFY(child<QLabel>(&wizard, "catalogEventMessage")->text().isEmpty());
    }

    void suggestsColumnsFromPropertyNames()
    {
        // MovieLens-like products: a title and genres joined by "|".
        buildProductEvents(m_workspace.toStdString(), 2,
                           ",\"title\":\"Heat (1995)\",\"genres\":\"Action|Crime\"");
        CatalogWizard wizard(m_workspace, std::nullopt);
        wizard.show();
        clickNext(&wizard, CatalogWizard::ProductIdPageId);
        clickNext(&wizard, CatalogWizard::ColumnsPageId);
        const auto columns = wizard.columnsPage()->columns();
        QCOMPARE(columnNames(columns), strings({"Name", "Genre"}));
        QCOMPARE(columns[0].property, std::string("title"));
        QCOMPARE(columns[1].property, std::string("genres"));
        QCOMPARE(columns[1].split, std::string("|"));
        const QString preview = wizard.columnsPage()->previewText(1);
        QVERIFY2(preview.contains(QStringLiteral("Action")) && preview.contains(QStringLiteral("Crime")) &&
                     !preview.contains(QStringLiteral("Action|Crime")),
                 qPrintable(preview));
    }

    void setsAPropertyPerEvent()
    {
        buildBrandEvents(m_workspace.toStdString());
        CatalogWizard wizard(m_workspace, std::nullopt);
        wizard.resize(1280, 800);
        wizard.show();
        QCOMPARE(wizard.eventsPage()->model()->checkedCount(), 2);
        clickNext(&wizard, CatalogWizard::ProductIdPageId);
        clickNext(&wizard, CatalogWizard::ColumnsPageId);
        ui::CatalogColumnsPage *columns = wizard.columnsPage();
        QCOMPARE(columnNames(columns->columns()), strings({"Brand"}));
        // Read as "brand" everywhere, the orders' brand is missed.
        QVERIFY2(columns->previewText(0).contains(QStringLiteral("Acme")) &&
                     !columns->previewText(0).contains(QStringLiteral("Beta")) &&
                     columns->previewText(0).contains(QStringLiteral("(2 of 4 rows)")),
                 qPrintable(columns->previewText(0)));
        auto *perEvent = child<QToolButton>(&wizard, "catalogColumnPerEventButton");
        QCOMPARE(perEvent->text(), QStringLiteral("Per event…"));

        QTest::mouseClick(perEvent, Qt::LeftButton);
        auto *dialog = wizard.findChild<ui::CatalogEventPropertiesDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QComboBox *orders = dialog->comboFor(kOrders);
        QVERIFY(orders && dialog->comboFor(kViews));
        QCOMPARE(orders->currentText(), QStringLiteral("Same as default (brand)"));
        // Each event offers the properties seen on it.
        QVERIFY(orders->findText(QStringLiteral("product_brand")) >= 0);
        QCOMPARE(orders->findText(QStringLiteral("brand")), -1);
        QVERIFY2(dialog->previewFor(kOrders).contains(QStringLiteral("No value")),
                 qPrintable(dialog->previewFor(kOrders)));
        orders->setCurrentIndex(orders->findText(QStringLiteral("product_brand")));
        QVERIFY2(dialog->previewFor(kOrders).contains(QStringLiteral("Beta")),
                 qPrintable(dialog->previewFor(kOrders)));
        QVERIFY(dialog->previewFor(kViews).contains(QStringLiteral("Acme")));
        dialog->adjustSize();
        test::maybeScreenshot(dialog, QStringLiteral("catalog-wizard-3b-per-event"));
        QTest::mouseClick(
            child<QDialogButtonBox>(dialog, "catalogEventPropertiesButtons")->button(QDialogButtonBox::Ok),
            Qt::LeftButton);

        auto defined = columns->columns();
        QCOMPARE(defined.size(), std::size_t(1));
        QCOMPARE(defined[0].property, std::string("brand"));
        QCOMPARE(defined[0].overrides.size(), std::size_t(1));
        QCOMPARE(defined[0].overrides[0].event, kOrders.toStdString());
        QCOMPARE(defined[0].overrides[0].property, std::string("product_brand"));
        QCOMPARE(perEvent->text(), QStringLiteral("Per event: 1"));
        QVERIFY(perEvent->toolTip().contains(QStringLiteral("On Order Completed: product_brand")));
        QVERIFY2(columns->previewText(0).contains(QStringLiteral("Beta")) &&
                     columns->previewText(0).contains(QStringLiteral("(4 of 4 rows)")),
                 qPrintable(columns->previewText(0)));
        test::maybeScreenshot(&wizard, QStringLiteral("catalog-wizard-3c-columns-per-event"));

        // Reopened prefilled; cancelling changes nothing.
        QTest::qWait(0); // the accepted dialog deletes itself
        QTest::mouseClick(perEvent, Qt::LeftButton);
        dialog = wizard.findChild<ui::CatalogEventPropertiesDialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->comboFor(kOrders)->currentText(), QStringLiteral("product_brand"));
        dialog->comboFor(kOrders)->setCurrentIndex(0);
        dialog->reject();
        QCOMPARE(columns->columns()[0].overrides.size(), std::size_t(1));

        clickNext(&wizard, CatalogWizard::WeightsPageId);
        clickNext(&wizard, CatalogWizard::SummaryPageId);
        QVERIFY2(
            wizard.summaryPage()->summaryText().contains(QStringLiteral("on Order Completed: product_brand")),
            qPrintable(wizard.summaryPage()->summaryText()));
        test::maybeScreenshot(&wizard, QStringLiteral("catalog-wizard-5b-summary-per-event"));
        QSignalSpy built(&wizard.buildJob(), &ui::JobRunner::finished);
        QTest::mouseClick(child<QAbstractButton>(&wizard, "catalogFinishButton"), Qt::LeftButton);
        QVERIFY(built.wait(20000));
        const auto brands = services::CatalogService(m_workspace.toStdString()).values("Brand");
        QVERIFY(brands);
        QCOMPARE(brands->size(), std::size_t(2));
        QCOMPARE(brands->at(0).value, std::string("Acme"));
        QCOMPARE(brands->at(1).value, std::string("Beta"));
    }

    void unchoosingAnEventDropsItsPerEventProperties()
    {
        ui::CatalogWizardState state;
        state.definition.events = {{kOrders.toStdString(), "product_id", 5.0},
                                   {kViews.toStdString(), "product_id", 1.0}};
        state.definition.columns = {{"Brand", "brand", "", {{kOrders.toStdString(), "product_brand"}}},
                                    {"Name", "name", "", {{kViews.toStdString(), "title"}}}};
        state.chooseEvents({kViews});
        QVERIFY(state.definition.columns[0].overrides.empty());
        QCOMPARE(state.definition.columns[1].overrides.size(), std::size_t(1));
        QVERIFY(state.definition.validate());
    }

    void editingReopensTheWizardPrefilled()
    {
        generateSample();
        catalog::CatalogDefinition saved;
        saved.events = {{"Order Completed", "products[].sku", 4.0}, {"Product Viewed", "sku", 2.0}};
        saved.columns = {{"Maker", "brand", "", {{"Order Completed", "manufacturer"}}},
                         {"Family", "category", ""}};
        QVERIFY(services::CatalogService(m_workspace.toStdString()).save(saved));

        ui::CatalogArea area;
        area.resize(1280, 800);
        area.show();
        area.setWorkspace(m_workspace);
        QVERIFY(area.hasCatalog());
        QTest::mouseClick(child<QAbstractButton>(&area, "catalogEditButton"), Qt::LeftButton);
        auto *wizard = area.findChild<CatalogWizard *>();
        QVERIFY(wizard);
        QVERIFY(wizard->isVisible());
        QCOMPARE(wizard->eventsPage()->model()->checkedNames(), QStringList({kViews, kOrders}));
        clickNext(wizard, CatalogWizard::ProductIdPageId);
        QCOMPARE(wizard->productIdPage()->comboFor(kOrders)->currentText(), QStringLiteral("products[].sku"));
        QCOMPARE(wizard->productIdPage()->comboFor(kViews)->currentText(), QStringLiteral("sku"));
        clickNext(wizard, CatalogWizard::ColumnsPageId);
        QCOMPARE(columnNames(wizard->columnsPage()->columns()), strings({"Maker", "Family"}));
        QCOMPARE(wizard->columnsPage()->columns()[0].overrides.size(), std::size_t(1));
        QCOMPARE(wizard->columnsPage()->columns()[0].overrides[0].property, std::string("manufacturer"));
        clickNext(wizard, CatalogWizard::WeightsPageId);
        QCOMPARE(wizard->weightsPage()->spinFor(kOrders)->value(), 4.0);
        QCOMPARE(wizard->weightsPage()->spinFor(kViews)->value(), 2.0);
        clickNext(wizard, CatalogWizard::SummaryPageId);
        // Saving from the area's wizard refreshes the area.
        QSignalSpy shown(&area, &ui::CatalogArea::catalogShown);
        QSignalSpy built(&wizard->buildJob(), &ui::JobRunner::finished);
        QTest::mouseClick(child<QAbstractButton>(wizard, "catalogFinishButton"), Qt::LeftButton);
        QVERIFY(built.wait(20000));
        QVERIFY(shown.count() >= 2); // saved, then built
        QVERIFY(child<QLabel>(&area, "catalogBuildLabel")->text().contains(QStringLiteral("Items")));
    }

    void cancellingTheBuildKeepsTheDefinition_data()
    {
        QTest::addColumn<bool>("byClosingTheWizard");
        QTest::newRow("cancel button") << false;
        QTest::newRow("closing the wizard") << true;
    }

    void cancellingTheBuildKeepsTheDefinition()
    {
        QFETCH(bool, byClosingTheWizard);
        generateSample();
        CatalogWizard wizard(m_workspace, std::nullopt);
        wizard.show();
        for (int page : {CatalogWizard::ProductIdPageId, CatalogWizard::ColumnsPageId,
                         CatalogWizard::WeightsPageId, CatalogWizard::SummaryPageId}) {
            clickNext(&wizard, page);
        }
        QSignalSpy cancelled(&wizard.buildJob(), &ui::JobRunner::cancelled);
        QSignalSpy closed(&wizard, &QDialog::rejected);
        auto *finish = child<QAbstractButton>(&wizard, "catalogFinishButton");
        QTest::mouseClick(finish, Qt::LeftButton);
        QVERIFY(wizard.buildJob().isRunning());
        QVERIFY(!finish->isEnabled());
        QVERIFY(!child<QAbstractButton>(&wizard, "catalogBackButton")->isEnabled());
        // The flag is set before the build's first check (every 4,096 rows): it always stops early.
        if (byClosingTheWizard) {
            wizard.reject();
            QVERIFY(wizard.isVisible()); // closes once the build has stopped
        } else {
            QTest::mouseClick(child<QAbstractButton>(&wizard, "catalogCancelBuildButton"), Qt::LeftButton);
        }
        QVERIFY(cancelled.wait(20000));
        QCOMPARE(wizard.isVisible(), !byClosingTheWizard);
        QCOMPARE(closed.count(), byClosingTheWizard ? 1 : 0);
        if (!byClosingTheWizard) {
            QVERIFY(wizard.summaryPage()->statusText().contains(QStringLiteral("cancelled")));
            QVERIFY(finish->isEnabled());
            QCOMPARE(finish->text(), QStringLiteral("Save and build"));
        }
        // The definition was saved before the build started; no build was recorded.
        const auto stored = services::CatalogService(m_workspace.toStdString()).definition();
        QVERIFY(stored && *stored);
        QCOMPARE(test::queryInt(m_workspace.toStdString(), "SELECT count(*) FROM catalog_builds"), 0);
    }

private:
    void generateSample()
    {
        sample::SampleSpec spec;
        spec.profiles = 500;
        const auto generated =
            sample::generateWorkspace(m_workspace.toStdString(), spec, ProgressSink::null());
        QVERIFY2(generated, generated ? "" : generated.error().message.c_str());
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_workspace;
};

QTEST_MAIN(TestCatalogWizard)
#include "tst_CatalogWizard.moc"
