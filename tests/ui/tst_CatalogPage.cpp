// SPDX-License-Identifier: GPL-3.0-or-later
// The Catalog area on a generated sample store: definition, last build and searchable values; Rebuild;
// the Model tab training in the background and showing the four quality rows and its charts.
#include "TestUtil.h"
#include "TestWorkspaces.h"
#include "UiTestUtil.h"
#include "catalog/CatalogArea.h"
#include "catalog/CatalogOverview.h"
#include "catalog/CatalogValuesModel.h"
#include "catalog/ModelPage.h"
#include "catalog/QualityTableModel.h"
#include "charts/CalibrationChart.h"
#include "charts/GainChart.h"
#include "jobs/JobRunner.h"
#include "jobs/Progress.h"
#include "main/ShowError.h"
#include "models/DisplayFormat.h"
#include "sample/SampleGenerator.h"
#include "services/CatalogService.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>

using namespace awb;
using awb::test::child;
using awb::ui::CatalogArea;

class TestCatalogPage : public QObject
{
    Q_OBJECT

private slots:
    // One sample store for all tests, copied fresh for each (generating it takes most of a second).
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        ui::setErrorHandler(
            [this](QWidget *, const Error &error) { m_errors << QString::fromStdString(error.message); });
        QVERIFY(m_pristineDir.isValid());
        m_pristine = test::workspacePath(m_pristineDir.path(), QStringLiteral("pristine"));
        sample::SampleSpec spec;
        spec.profiles = 1500;
        const auto generated =
            sample::generateWorkspace(m_pristine.toStdString(), spec, ProgressSink::null());
        QVERIFY2(generated, generated ? "" : generated.error().message.c_str());
        QVERIFY(!QFile::exists(m_pristine + QStringLiteral("-wal"))); // closed: the file is complete
    }

    void cleanupTestCase() { ui::setErrorHandler({}); }

    void init()
    {
        m_errors.clear();
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_workspace = test::workspacePath(m_dir->path(), QStringLiteral("sample"));
        QVERIFY(QFile::copy(m_pristine, m_workspace));
        m_area = std::make_unique<CatalogArea>();
        m_area->resize(1280, 800);
        m_area->show();
    }

    void cleanup()
    {
        m_area.reset();
        m_dir.reset();
    }

    void withoutACatalogOffersToCreateOne()
    {
        m_area->setWorkspace(m_workspace);
        QVERIFY(!m_area->hasCatalog());
        QVERIFY(child<QAbstractButton>(m_area.get(), "catalogCreateButton")->isVisible());
        QVERIFY(!child<QAbstractButton>(m_area.get(), "catalogRebuildButton")->isVisible());
        QVERIFY(!m_area->rebuild());
        test::maybeScreenshot(m_area.get(), QStringLiteral("catalog-page-empty"));
    }

    void showsTheBuiltCatalogWithSearchableValues()
    {
        defineAndBuild();
        m_area->setWorkspace(m_workspace);
        QVERIFY(m_area->hasCatalog());
        const QString build = child<QLabel>(m_area.get(), "catalogBuildLabel")->text();
        const auto info = services::CatalogService(m_workspace.toStdString()).lastBuild();
        QVERIFY(info && *info);
        QVERIFY2(build.contains(ui::format::count((*info)->items)) &&
                     build.contains(QStringLiteral("Built at")),
                 qPrintable(build));
        QVERIFY(child<QLabel>(m_area.get(), "catalogDefinitionLabel")
                    ->text()
                    .contains(QStringLiteral("Order Completed")));

        ui::CatalogOverview *overview = m_area->overview();
        QAbstractItemModelTester values(overview->valuesModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester visible(overview->visibleValues(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(overview->valuesModel()->columns().size(), std::size_t(3));
        const int all = overview->visibleValues()->rowCount();
        QVERIFY(all > 20); // brands, categories, subcategories
        // Every category value with counts; the search narrows to the matching ones.
        QTest::keyClicks(child<QLineEdit>(m_area.get(), "catalogValuesSearch"), QStringLiteral("beaut"));
        QAbstractItemModel *shown = overview->visibleValues();
        QCOMPARE(shown->rowCount(), 1);
        QCOMPARE(shown->index(0, ui::CatalogValuesModel::ValueColumn).data().toString(),
                 QStringLiteral("Beauty"));
        QCOMPARE(shown->index(0, ui::CatalogValuesModel::ColumnNameColumn).data().toString(),
                 QStringLiteral("Category"));
        QVERIFY(shown->index(0, ui::CatalogValuesModel::ProductsColumn)
                    .data(ui::CatalogValuesModel::SortRole)
                    .toLongLong() > 10);
        overview->setFilter(QStringLiteral("Brand"), {});
        QVERIFY(shown->rowCount() > 5 && shown->rowCount() < all);
        for (int row = 0; row < shown->rowCount(); ++row) {
            QCOMPARE(shown->index(row, 0).data().toString(), QStringLiteral("Brand"));
        }
        overview->setFilter({}, {});
        test::maybeScreenshot(m_area.get(), QStringLiteral("catalog-page-values"));
    }

    void showsPerEventColumnProperties()
    {
        catalog::CatalogDefinition def;
        def.events = {{"Order Completed", "products[].product_id", 5.0},
                      {"Product Viewed", "product_id", 1.0}};
        def.columns = {{"Brand", "brand", "", {{"Order Completed", "product_brand"}}}};
        QVERIFY(services::CatalogService(m_workspace.toStdString()).save(def));
        m_area->setWorkspace(m_workspace);
        const QString text = child<QLabel>(m_area.get(), "catalogDefinitionLabel")->text();
        QVERIFY2(text.contains(QStringLiteral("on Order Completed: product_brand")), qPrintable(text));
    }

    void rebuildRunsInTheBackground()
    {
        defineAndBuild();
        m_area->setWorkspace(m_workspace);
        const std::int64_t before =
            test::queryInt(m_workspace.toStdString(), "SELECT max(id) FROM catalog_builds");
        QSignalSpy shown(m_area.get(), &CatalogArea::catalogShown);
        QSignalSpy finished(&m_area->rebuildJob(), &ui::JobRunner::finished);
        QTest::mouseClick(child<QAbstractButton>(m_area.get(), "catalogRebuildButton"), Qt::LeftButton);
        QVERIFY(m_area->rebuildJob().isRunning());
        QVERIFY(finished.wait(20000));
        QCOMPARE(shown.count(), 1);
        QCOMPARE(test::queryInt(m_workspace.toStdString(), "SELECT max(id) FROM catalog_builds"), before + 1);
        QVERIFY(child<QAbstractButton>(m_area.get(), "catalogRebuildButton")->isEnabled());
    }

    void theModelTrainsAndShowsItsQuality()
    {
        defineAndBuild();
        m_area->setWorkspace(m_workspace);
        ui::ModelPage *model = m_area->modelPage();
        QAbstractItemModelTester quality(model->qualityModel(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model->gainChart()->isEmpty());
        // Picking a value in the Catalog tab (double-click) opens the Model tab on it.
        ui::CatalogOverview *overview = m_area->overview();
        overview->setFilter(QStringLiteral("Category"), QStringLiteral("Beauty"));
        auto *view = child<QTableView>(overview, "catalogValuesView");
        const QRect cell = view->visualRect(view->model()->index(0, ui::CatalogValuesModel::ValueColumn));
        // An item view only takes a double click on the index it saw pressed first.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(child<QTabWidget>(m_area.get(), "catalogTabs")->currentWidget(), model);
        QCOMPARE(child<QComboBox>(model, "modelColumnCombo")->currentText(), QStringLiteral("Category"));
        QCOMPARE(child<QComboBox>(model, "modelValueCombo")->currentText(), QStringLiteral("Beauty"));

        QSignalSpy finished(&model->job(), &ui::JobRunner::finished);
        QTest::mouseClick(child<QAbstractButton>(model, "modelTrainButton"), Qt::LeftButton);
        QVERIFY(model->job().isRunning());
        QVERIFY(child<QAbstractButton>(model, "modelCancelButton")->isVisible());
        QVERIFY(finished.wait(30000));
        QVERIFY(!child<QAbstractButton>(model, "modelCancelButton")->isVisible());

        QCOMPARE(model->qualityModel()->rowCount(), 6); // the model and five baselines
        QStringList names;
        for (int row = 0; row < 6; ++row) {
            names << model->qualityModel()->index(row, ui::QualityTableModel::ScoreColumn).data().toString();
            const double auc = model->qualityModel()
                                   ->index(row, ui::QualityTableModel::AucColumn)
                                   .data(ui::QualityTableModel::ValueRole)
                                   .toDouble();
            QVERIFY(auc > 0.5 && auc <= 1.0);
        }
        QCOMPARE(names, QStringList({QStringLiteral("Model"), QStringLiteral("Activity only"),
                                     QStringLiteral("Own history only"), QStringLiteral("CF only"),
                                     QStringLiteral("Item-kNN only"), QStringLiteral("EASE only")}));
        QVERIFY(
            !model->qualityModel()->index(0, ui::QualityTableModel::LabelColumn).data().toString().isEmpty());
        // Gain: the model, five baselines and the random diagonal, 101 points each (0..100 %).
        ui::GainChart *gain = model->gainChart();
        QVERIFY(!gain->isEmpty());
        QCOMPARE(gain->graphCount(), 7);
        QCOMPARE(gain->graphName(0), QStringLiteral("Model"));
        QCOMPARE(gain->pointCount(0), 101);
        QCOMPARE(gain->graphName(6), QStringLiteral("Random"));
        QVERIFY(!model->calibrationChart()->isEmpty());
        QVERIFY(model->calibrationChart()->pointCount(0) >= 2);
        QVERIFY(
            child<QLabel>(model, "modelSummaryLabel")->text().contains(QStringLiteral("Category = Beauty")));
        QVERIFY(m_errors.isEmpty());
        test::maybeScreenshot(m_area.get(), QStringLiteral("catalog-page-model"));

        const QString png = m_dir->filePath(QStringLiteral("gain.png"));
        QVERIFY(gain->savePng(png, 600, 400));
        QVERIFY(QFileInfo(png).size() > 1000);
    }

    void trainingCanBeCancelled()
    {
        defineAndBuild();
        m_area->setWorkspace(m_workspace);
        ui::ModelPage *model = m_area->modelPage();
        model->setTarget(QStringLiteral("Brand"), QStringLiteral("Nordlicht"));
        QSignalSpy cancelled(&model->job(), &ui::JobRunner::cancelled);
        QTest::mouseClick(child<QAbstractButton>(model, "modelTrainButton"), Qt::LeftButton);
        QVERIFY(!child<QAbstractButton>(model, "modelTrainButton")->isEnabled());
        // Set before the job's first check (after loading the interactions): it always stops early.
        QTest::mouseClick(child<QAbstractButton>(model, "modelCancelButton"), Qt::LeftButton);
        QVERIFY(cancelled.wait(20000));
        QCOMPARE(child<QLabel>(model, "modelStatusLabel")->text(), QStringLiteral("Cancelled."));
        QVERIFY(child<QAbstractButton>(model, "modelTrainButton")->isEnabled());
        QCOMPARE(model->qualityModel()->rowCount(), 0);
        QVERIFY(m_errors.isEmpty());
    }

    void aFallbackIsExplained()
    {
        defineAndBuild();
        m_area->setWorkspace(m_workspace);
        m_area->showTab(CatalogArea::Tab::Model);
        ui::ModelPage *model = m_area->modelPage();
        // The product with the fewest interactions, over one week: far too few engagers for a backtest.
        const std::string rare = test::queryText(
            m_workspace.toStdString(),
            "SELECT i.product_id FROM catalog_items i JOIN catalog_interactions c ON c.item = i.item "
            "GROUP BY i.item ORDER BY count(*), i.product_id LIMIT 1");
        model->setProductTarget(QString::fromStdString(rare));
        model->setHorizonDays(7);
        QSignalSpy finished(&model->job(), &ui::JobRunner::finished);
        QVERIFY(model->train());
        QVERIFY(finished.wait(30000));
        QVERIFY(model->result() && model->result()->fallback);
        auto *note = child<QLabel>(model, "modelNoteLabel");
        QVERIFY(note->isVisible());
        QVERIFY2(note->text().contains(QStringLiteral("fell back")) &&
                     note->text().contains(QStringLiteral("20")),
                 qPrintable(note->text()));
        QCOMPARE(model->qualityModel()->rowCount(), 6); // the model and five baselines
        QCOMPARE(model->qualityModel()->index(0, ui::QualityTableModel::LabelColumn).data().toString(),
                 QStringLiteral("Insufficient data"));
        // No engager at all in the window: no gain curve to draw, the chart says why.
        QCOMPARE(model->gainChart()->isEmpty(), model->result()->backtest.front().positives == 0);
        test::maybeScreenshot(m_area.get(), QStringLiteral("catalog-page-model-fallback"));
    }

    void anUnknownTargetIsReportedNotCrashed()
    {
        defineAndBuild();
        m_area->setWorkspace(m_workspace);
        ui::ModelPage *model = m_area->modelPage();
        model->setTarget(QStringLiteral("Category"), QStringLiteral("Gardening"));
        QSignalSpy failed(&model->job(), &ui::JobRunner::failed);
        QVERIFY(model->train());
        QVERIFY(failed.wait(30000));
        QCOMPARE(m_errors.size(), 1);
        QVERIFY2(m_errors.front().contains(QStringLiteral("Gardening")), qPrintable(m_errors.front()));
        QVERIFY(child<QLabel>(model, "modelStatusLabel")->text().contains(QStringLiteral("Gardening")));
        QCOMPARE(model->qualityModel()->rowCount(), 0);
        QVERIFY(model->gainChart()->isEmpty());
    }

private:
    void defineAndBuild()
    {
        catalog::CatalogDefinition def;
        def.events = {{"Order Completed", "products[].product_id", 5.0},
                      {"Product Added", "product_id", 3.0},
                      {"Product Viewed", "product_id", 1.0}};
        def.columns = {
            {"Brand", "brand", ""}, {"Category", "category", ""}, {"Subcategory", "subcategory", ""}};
        services::CatalogService service(m_workspace.toStdString());
        QVERIFY(service.save(def));
        const auto built = service.build(ProgressSink::null());
        QVERIFY2(built, built ? "" : built.error().message.c_str());
    }

    QTemporaryDir m_pristineDir;
    QString m_pristine;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_workspace;
    std::unique_ptr<CatalogArea> m_area;
    QStringList m_errors;
};

QTEST_MAIN(TestCatalogPage)
#include "tst_CatalogPage.moc"
