// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: opening workspaces (and refusing other files), status counts, filters, profile pages,
// import refresh and persisted settings.
#include "TestUtil.h"
#include "TestWorkspaces.h"
#include "UiTestUtil.h"
#include "data/DataArea.h"
#include "data/ProfilePage.h"
#include "jobs/JobRunner.h"
#include "main/MainWindow.h"
#include "main/ShowError.h"
#include "main/WorkspaceController.h"
#include "models/EventTableModel.h"
#include "models/ProfileTableModel.h"
#include "settings/Settings.h"
#include "store/Migrations.h"
#include "wizards/ImportFilesPage.h"
#include "wizards/ImportWizard.h"

#include <sqlite3.h>

#include <QAbstractButton>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>

using namespace awb;
using awb::test::child;
using awb::ui::MainWindow;

Q_DECLARE_METATYPE(awb::Error::Code)

namespace {
void runSql(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        ui::setErrorHandler([this](QWidget *, const Error &e) { m_errors.push_back(e); });
    }

    void cleanupTestCase() { ui::setErrorHandler({}); }

    void init()
    {
        m_errors.clear();
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_settings = std::make_unique<settings::Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
        m_path = test::workspacePath(m_dir->path(), QStringLiteral("shop"));
        test::buildBrowseWorkspace(m_path.toStdString(), 10, 5);
        m_window = std::make_unique<MainWindow>(*m_settings);
        m_window->resize(1280, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup()
    {
        m_window.reset();
        m_settings.reset();
        m_dir.reset();
    }

    void opensAWorkspaceAndShowsItsCounts()
    {
        QSignalSpy shown(m_window.get(), &MainWindow::workspaceInfoShown);
        QVERIFY(m_window->openWorkspace(m_path));
        QVERIFY(shown.wait(5000));
        const QString counts = child<QLabel>(m_window.get(), "statusCountsLabel")->text();
        QVERIFY2(counts.startsWith(QStringLiteral("10 profiles · 55 events · 2026-03-01 to 2026-03-")),
                 qPrintable(counts));
        QCOMPARE(child<QLabel>(m_window.get(), "statusWorkspaceLabel")->text(), QStringLiteral("shop.awb"));
        QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("shop.awb")));
        QCOMPARE(m_settings->value(settings::keys::RecentWorkspaces).value(0), m_path);
        auto *tabs = child<QTabWidget>(m_window.get(), "dataTabs");
        QCOMPARE(tabs->tabText(0), QStringLiteral("Events (55)"));
        QCOMPARE(tabs->tabText(1), QStringLiteral("Profiles (10)"));
        // The event filter lists the names with their counts.
        auto *events = child<QComboBox>(m_window.get(), "eventFilterCombo");
        QCOMPARE(events->count(), 1 + 4);
        QVERIFY(events->findText(QStringLiteral("Identify (5)")) > 0);
    }

    void refusesFilesThatAreNotWorkspaces_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<Error::Code>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("text file") << QStringLiteral("text") << Error::Code::NotAWorkspace
                                   << QStringLiteral("is not an Audience Workbench workspace");
        QTest::newRow("other SQLite database") << QStringLiteral("sqlite") << Error::Code::NotAWorkspace
                                               << QStringLiteral("not an Audience Workbench workspace");
        QTest::newRow("newer workspace")
            << QStringLiteral("newer") << Error::Code::NewerVersion << QStringLiteral("newer version");
        QTest::newRow("missing file")
            << QStringLiteral("missing") << Error::Code::NotFound << QStringLiteral("not found");
    }

    void refusesFilesThatAreNotWorkspaces()
    {
        QFETCH(QString, kind);
        QFETCH(Error::Code, code);
        QFETCH(QString, message);
        QSignalSpy shown(m_window.get(), &MainWindow::workspaceInfoShown);
        QVERIFY(m_window->openWorkspace(m_path));
        QVERIFY(shown.wait(5000));

        const QString bad = m_dir->filePath(QStringLiteral("bad.awb"));
        if (kind == QLatin1String("text")) {
            test::writeFile(bad, "These are my notes, not a database.\n");
        } else if (kind == QLatin1String("sqlite")) {
            runSql(bad, "CREATE TABLE songs (title TEXT)");
        } else if (kind == QLatin1String("newer")) {
            test::buildBrowseWorkspace(bad.toStdString(), 1, 1);
            const std::string bump =
                "PRAGMA user_version = " + std::to_string(store::currentSchemaVersion() + 1);
            runSql(bad, bump.c_str());
        }
        QVERIFY(!m_window->openWorkspace(bad));
        QCOMPARE(int(m_errors.size()), 1);
        QCOMPARE(m_errors.front().code, code);
        QVERIFY2(QString::fromStdString(m_errors.front().message).contains(message),
                 m_errors.front().message.c_str());
        // The workspace that was open stays open.
        QCOMPARE(m_window->workspace().path(), QFileInfo(m_path).absoluteFilePath());
        QCOMPARE(child<QLabel>(m_window.get(), "statusWorkspaceLabel")->text(), QStringLiteral("shop.awb"));
        QCOMPARE(m_window->dataArea()->eventsModel()->totalCount(), 55);
    }

    void filtersDriveBothTables()
    {
        QSignalSpy shown(m_window.get(), &MainWindow::workspaceInfoShown);
        QVERIFY(m_window->openWorkspace(m_path));
        QVERIFY(shown.wait(5000));
        ui::DataArea *data = m_window->dataArea();
        auto *events = child<QComboBox>(m_window.get(), "eventFilterCombo");
        events->setCurrentIndex(events->findData(QStringLiteral("Order Completed")));
        const std::string ws = m_path.toStdString();
        QCOMPARE(data->eventsModel()->totalCount(),
                 test::queryInt(ws, "SELECT count(*) FROM events e JOIN event_names n ON n.id = e.name_id "
                                    "WHERE n.name = 'Order Completed'"));
        QCOMPARE(data->profilesModel()->totalCount(),
                 test::queryInt(ws, "SELECT count(DISTINCT profile_id) FROM events e JOIN event_names n "
                                    "ON n.id = e.name_id WHERE n.name = 'Order Completed'"));

        auto *text = child<QLineEdit>(m_window.get(), "textFilterEdit");
        QTest::keyClicks(text, QStringLiteral("person4"));
        QTest::keyClick(text, Qt::Key_Return);
        QCOMPARE(data->profilesModel()->totalCount(), 1);
        QCOMPARE(data->eventsModel()->totalCount(),
                 test::queryInt(ws, "SELECT count(*) FROM events e JOIN event_names n ON n.id = e.name_id "
                                    "WHERE n.name = 'Order Completed' AND e.user_id = 'user-4'"));
    }

    void doubleClickingAnEventOpensItsProfile()
    {
        QSignalSpy shown(m_window.get(), &MainWindow::workspaceInfoShown);
        QVERIFY(m_window->openWorkspace(m_path));
        QVERIFY(shown.wait(5000));
        auto *table = child<QTableView>(m_window.get(), "eventsTable");
        const QModelIndex index = table->model()->index(2, ui::EventTableModel::NameColumn);
        const qint64 profile = index.data(ui::EventTableModel::ProfileIdRole).toLongLong();
        QSignalSpy opened(m_window->dataArea(), &ui::DataArea::profileOpened);
        // A widget double click in QTest is the second click of a pair: press and release come first.
        const QPoint centre = table->visualRect(index).center();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, centre);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, centre);
        QCOMPARE(opened.count(), 1);
        QCOMPARE(m_window->dataArea()->profilePage()->profileId(), profile);
        auto *tabs = child<QTabWidget>(m_window.get(), "dataTabs");
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(m_window->dataArea()->profilePage()));
        QCOMPARE(tabs->tabText(tabs->currentIndex()), QStringLiteral("Profile %1").arg(profile));
        test::maybeScreenshot(m_window.get(), QStringLiteral("main-profile-page"));
    }

    void anImportRefreshesTablesAndCounts()
    {
        QSignalSpy shown(m_window.get(), &MainWindow::workspaceInfoShown);
        QVERIFY(m_window->openWorkspace(m_path));
        QVERIFY(shown.wait(5000));
        const QString file = m_dir->filePath(QStringLiteral("more.jsonl"));
        test::writeFile(file, test::kJsonLines);
        ui::ImportWizard *wizard = m_window->startImport();
        QVERIFY(wizard);
        wizard->filesPage()->addFiles({file});
        QSignalSpy succeeded(wizard, &ui::ImportWizard::importSucceeded);
        QTest::mouseClick(child<QAbstractButton>(wizard, "importNextButton"), Qt::LeftButton);
        QTest::mouseClick(child<QAbstractButton>(wizard, "importCommitButton"), Qt::LeftButton); // the summary
        QVERIFY(succeeded.wait(10000));
        QCOMPARE(m_window->dataArea()->eventsModel()->totalCount(), 59);
        QVERIFY(shown.wait(5000));
        QVERIFY(child<QLabel>(m_window.get(), "statusCountsLabel")
                    ->text()
                    .startsWith(QStringLiteral("12 profiles · 59 events")));
        QTest::mouseClick(child<QAbstractButton>(wizard, "importFinishButton"), Qt::LeftButton);
    }

    void generatesTheSampleWorkspaceInTheBackground()
    {
        const QString sample = m_dir->filePath(QStringLiteral("sample.awb"));
        QSignalSpy shown(m_window.get(), &MainWindow::workspaceInfoShown);
        m_window->createSampleWorkspace(sample);
        QPointer<QDialog> dialog = child<QDialog>(m_window.get(), "jobProgressDialog");
        QVERIFY(dialog->isVisible());
        test::maybeScreenshot(dialog, QStringLiteral("main-sample-progress"));
        QVERIFY(shown.wait(30000));
        QVERIFY(dialog.isNull() || !dialog->isVisible());
        QCOMPARE(m_window->workspace().path(), sample);
        const QString counts = child<QLabel>(m_window.get(), "statusCountsLabel")->text();
        QVERIFY2(counts.startsWith(QStringLiteral("2,000 profiles")), qPrintable(counts));
        QVERIFY(m_window->dataArea()->eventsModel()->totalCount() > 10000);
    }

    void cancellingTheSampleLeavesNothingBehind()
    {
        const QString sample = m_dir->filePath(QStringLiteral("sample.awb"));
        QSignalSpy cancelled(&m_window->workspace().sampleJob(), &ui::JobRunner::cancelled);
        m_window->createSampleWorkspace(sample);
        QTest::mouseClick(child<QAbstractButton>(m_window.get(), "jobCancelButton"), Qt::LeftButton);
        QVERIFY(cancelled.wait(30000));
        QVERIFY(!m_window->workspace().isOpen());
        QVERIFY(!QFile::exists(sample));
        QVERIFY(m_errors.empty());
    }

    void createsANewEmptyWorkspaceButNeverOverwrites()
    {
        const QString fresh = m_dir->filePath(QStringLiteral("fresh.awb"));
        QSignalSpy shown(m_window.get(), &MainWindow::workspaceInfoShown);
        QVERIFY(m_window->workspace().create(fresh));
        QVERIFY(shown.wait(5000));
        QCOMPARE(child<QLabel>(m_window.get(), "statusCountsLabel")->text(),
                 QStringLiteral("0 profiles · 0 events"));
        const Result<void> again = m_window->workspace().create(m_path);
        QVERIFY(!again);
        QVERIFY(again.error().message.find("already exists") != std::string::npos);
        QCOMPARE(test::queryInt(m_path.toStdString(), "SELECT count(*) FROM events"), 55);
        QCOMPARE(m_window->workspace().path(), fresh);
    }

    void closingRemembersWindowAndWorkspace()
    {
        QSignalSpy shown(m_window.get(), &MainWindow::workspaceInfoShown);
        QVERIFY(m_window->openWorkspace(m_path));
        QVERIFY(shown.wait(5000));
        m_window->close();
        QVERIFY(!m_settings->value(settings::keys::WindowGeometry).isEmpty());
        QCOMPARE(m_settings->value(settings::keys::LastWorkspace), QFileInfo(m_path).absoluteFilePath());
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<settings::Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    QString m_path;
    std::vector<Error> m_errors;
};

QTEST_MAIN(TestMainWindow)
#include "tst_MainWindow.moc"
