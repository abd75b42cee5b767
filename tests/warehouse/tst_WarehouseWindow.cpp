// SPDX-License-Identifier: GPL-3.0-or-later
// The warehouse window against a real PostgreSQL: it opens on the warehouse (traits computed there), the live
// count follows the rule editor and equals the workspace file's count, saving writes the members there; the
// Audiences tab creates, lists and deletes audiences there; a connection the dialog builds from its fields
// reaches the server. AWB_SCREENSHOT_DIR keeps a picture.
#include "WarehouseTestUtil.h"
#include "audiences/AudienceListModel.h"
#include "jobs/Progress.h"
#include "sample/SampleGenerator.h"
#include "segments/RuleEditor.h"
#include "segments/Templates.h"
#include "services/SegmentService.h"
#include "services/TraitService.h"
#include "settings/Settings.h"
#include "warehouse/PgConnection.h"
#include "warehouse/SourceMappingDialog.h"
#include "warehouse/WarehouseAudienceStore.h"
#include "warehouse/WarehouseAudiencesPanel.h"
#include "warehouse/WarehouseConnectDialog.h"
#include "warehouse/WarehouseService.h"
#include "warehouse/WarehouseWindow.h"

#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace awb;

class TestWarehouseWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString skip;
        const std::string server = test::warehouseServer(skip);
        if (server.empty()) {
            QSKIP(qPrintable(skip));
        }
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("gui.awb")).toStdString();
        sample::SampleSpec spec;
        spec.profiles = 500;
        spec.seed = 21;
        QVERIFY(sample::generateWorkspace(m_ws, spec, ProgressSink::null()));
        m_uri = server + "&options=-csearch_path%3Dgui_shop";
        QVERIFY(warehouse::publishWorkspace(m_ws, m_uri));
    }

    void dialogBuildsAWorkingUri()
    {
        // The fixture's socket folder and user, as a user would type them.
        const QString host = qEnvironmentVariable("AWB_TEST_PG_URI")
                                 .section(QStringLiteral("host="), 1)
                                 .section(QLatin1Char('&'), 0, 0);
        const std::string uri = ui::WarehouseConnectDialog::buildUri(
            host, 5432, QStringLiteral("postgres"), QStringLiteral("postgres"), QStringLiteral("p@ss&w=rd"),
            QStringLiteral("gui_shop"));
        QVERIFY2(uri.find("p@ss&w=rd") == std::string::npos, uri.c_str());
        const QString shots = qEnvironmentVariable("AWB_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            settings::Settings settings(m_dir.filePath(QStringLiteral("settings.ini")));
            ui::WarehouseConnectDialog dialog(settings);
            dialog.grab().save(shots + QStringLiteral("/warehouse-connect.png"));
        }
        const auto summary = warehouse::openWarehouse(uri);
        QVERIFY2(summary, summary ? "" : summary.error().message.c_str());
        QCOMPARE(summary->schema, std::string("gui_shop"));
        QCOMPARE(summary->people, static_cast<std::int64_t>(500));
    }

    void liveCountFollowsTheRule()
    {
        ui::WarehouseWindow window(m_uri, QStringLiteral("gui_shop"));
        QSignalSpy opened(&window, &ui::WarehouseWindow::opened);
        QVERIFY(showOpened(window, opened));
        QVERIFY2(window.countText().startsWith(QStringLiteral("500 of 500")), qPrintable(window.countText()));

        auto table = services::TraitService(m_ws).load({}, ProgressSink::null());
        QVERIFY(table);
        const auto rule = segments::instantiateTemplate("lapsed-vips", {{"spend", "300"}}, **table);
        QVERIFY(rule);
        services::SegmentService service(m_ws);
        auto evaluator = service.evaluator(*table);
        const auto local = service.evaluate(*evaluator, *rule);
        QVERIFY(local && local->count() > 0);

        window.ruleEditor()->setRule(*rule, QStringLiteral("Lapsed VIPs"));
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 30000);
        QVERIFY2(window.countText().startsWith(QString::number(local->count()) + QStringLiteral(" of 500")),
                 qPrintable(window.countText()));

        window.findChild<QLineEdit *>(QStringLiteral("warehouseSegmentName"))
            ->setText(QStringLiteral("Lapsed"));
        QSignalSpy done(&window, &ui::WarehouseWindow::jobDone);
        const auto buttons = window.findChildren<QPushButton *>();
        const auto save = std::find_if(buttons.begin(), buttons.end(), [](QPushButton *b) {
            return b->text().contains(QStringLiteral("Save"));
        });
        QVERIFY(save != buttons.end());
        (*save)->click();
        QVERIFY(done.wait(30000));
        auto pg = warehouse::PgConnection::connect(m_uri);
        QCOMPARE(
            pg->exec("SELECT count(*) FROM awb.segment_members WHERE segment_name = 'Lapsed'").int64(0, 0),
            static_cast<std::int64_t>(local->count()));

        const QString shots = qEnvironmentVariable("AWB_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            window.grab().save(shots + QStringLiteral("/warehouse-window.png"));
        }
    }

    void audiencesTabCreatesListsAndDeletes()
    {
        ui::WarehouseWindow window(m_uri, QStringLiteral("gui_shop"));
        QSignalSpy opened(&window, &ui::WarehouseWindow::opened);
        QVERIFY(showOpened(window, opened));
        ui::WarehouseAudiencesPanel *panel = window.audiencesPanel();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy() && !panel->isBusy(), 30000);
        window.findChild<QTabWidget *>(QStringLiteral("warehouseTabs"))->setCurrentWidget(panel);
        const auto field = [panel](const char *name) {
            return panel->findChild<QLineEdit *>(QLatin1String(name));
        };

        // A form without a target starts nothing and says what is missing.
        field("warehouseAudienceName")->setText(QStringLiteral("GUI Beauty"));
        field("warehouseAudienceTarget")->clear();
        panel->createAudience();
        QVERIFY(!panel->isBusy());
        QCOMPARE(panel->model()->rowCount(), 0);

        field("warehouseAudienceTarget")->setText(QStringLiteral("Category=Beauty"));
        field("warehouseAudienceSize")->setText(QStringLiteral("10%"));
        panel->createAudience();
        QVERIFY(panel->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy() && panel->model()->rowOf(QStringLiteral("GUI Beauty")) >= 0,
                                 60000);
        const auto stored = warehouse::audienceInfo(m_uri, "GUI Beauty");
        QVERIFY2(stored, stored ? "" : stored.error().message.c_str());
        QVERIFY(stored->size > 0);
        const audience::AudienceInfo &listed =
            panel->model()
                ->audiences()[static_cast<std::size_t>(panel->model()->rowOf(QStringLiteral("GUI Beauty")))];
        QCOMPARE(listed.size, stored->size);
        QCOMPARE(listed.target.describe(), std::string("Category = Beauty"));
        const QString shots = qEnvironmentVariable("AWB_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            window.grab().save(shots + QStringLiteral("/warehouse-audiences.png"));
        }

        // Deleting asks first, then takes it out of the warehouse and the table.
        auto *table = panel->findChild<QTableView *>(QStringLiteral("warehouseAudienceTable"));
        table->selectRow(panel->model()->rowOf(QStringLiteral("GUI Beauty")));
        panel->confirmRemove();
        auto *box = panel->findChild<QMessageBox *>(QStringLiteral("confirmRemoveBox"));
        QVERIFY(box);
        if (!shots.isEmpty()) {
            box->grab().save(shots + QStringLiteral("/warehouse-delete-audience.png"));
        }
        for (QAbstractButton *b : box->buttons()) {
            if (box->buttonRole(b) == QMessageBox::DestructiveRole) {
                b->click();
            }
        }
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy() && panel->model()->rowOf(QStringLiteral("GUI Beauty")) < 0,
                                 30000);
        QVERIFY(!warehouse::audienceInfo(m_uri, "GUI Beauty"));
    }

    // Source mapping… shows the stored mapping; a column the schema lacks comes back in the dialog with the
    // warehouse's reason and what was typed; an accepted one is stored and the window opens again with it.
    void sourceMappingIsEditedInTheWindow()
    {
        ui::WarehouseWindow window(m_uri, QStringLiteral("gui_shop"));
        QSignalSpy opened(&window, &ui::WarehouseWindow::opened);
        QVERIFY(showOpened(window, opened));
        const auto dialog = [&window]() -> ui::SourceMappingDialog * {
            for (auto *d : window.findChildren<ui::SourceMappingDialog *>()) {
                if (d->isVisible()) {
                    return d;
                }
            }
            return nullptr;
        };
        window.findChild<QPushButton *>(QStringLiteral("warehouseMappingButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog() != nullptr, 30000);
        const auto edit = [&dialog](const char *name) {
            return dialog()->findChild<QLineEdit *>(QLatin1String(name));
        };
        QCOMPARE(edit("mappingUserId")->text(), QStringLiteral("user_id"));
        QCOMPARE(edit("mappingOrderValue")->text(), QStringLiteral("revenue,total"));

        edit("mappingUserId")->setText(QStringLiteral("customer_no"));
        edit("mappingProfileTable")->clear();
        dialog()->accept();
        QTRY_VERIFY_WITH_TIMEOUT(dialog() != nullptr && !window.isBusy(), 30000);
        auto *why = dialog()->findChild<QLabel *>(QStringLiteral("mappingError"));
        QVERIFY(why);
        QVERIFY2(why->text().contains(QStringLiteral("'customer_no' (the user id column)")),
                 qPrintable(why->text()));
        QCOMPARE(edit("mappingUserId")->text(), QStringLiteral("customer_no"));
        QVERIFY(edit("mappingProfileTable")->text().isEmpty());
        const QString shots = qEnvironmentVariable("AWB_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            dialog()->grab().save(shots + QStringLiteral("/warehouse-source-mapping.png"));
        }

        edit("mappingUserId")->setText(QStringLiteral("user_id"));
        opened.clear();
        dialog()->accept();
        QVERIFY(opened.wait(60000));
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 30000);
        QVERIFY(dialog() == nullptr);
        const auto stored = warehouse::sourceMapping(m_uri);
        QVERIFY(stored);
        QCOMPARE(stored->userIdColumn, std::string("user_id"));
        QVERIFY(stored->profileTable.empty());
        QVERIFY2(window.countText().contains(QStringLiteral(" of 500")), qPrintable(window.countText()));
        QVERIFY(warehouse::setSourceMapping(m_uri, warehouse::SourceMapping{}));
    }

private:
    // Shows the window and waits until it has opened (traits in the warehouse) and counted. The spy listens
    // from before anything can run the event loop: the opening may be done within milliseconds.
    static bool showOpened(ui::WarehouseWindow &window, QSignalSpy &opened)
    {
        window.setAttribute(Qt::WA_DeleteOnClose, false);
        window.show();
        return (opened.count() > 0 || opened.wait(30000)) &&
               QTest::qWaitFor([&window] { return !window.isBusy(); }, 30000);
    }

    QTemporaryDir m_dir;
    std::string m_ws;
    std::string m_uri;
};

QTEST_MAIN(TestWarehouseWindow)
#include "tst_WarehouseWindow.moc"
