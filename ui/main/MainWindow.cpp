// SPDX-License-Identifier: GPL-3.0-or-later
#include "main/MainWindow.h"

#include "audiences/AudiencesArea.h"
#include "catalog/CatalogArea.h"
#include "data/DataArea.h"
#include "jobs/JobProgressDialog.h"
#include "jobs/JobRunner.h"
#include "main/AboutDialog.h"
#include "main/ImportHistoryDialog.h"
#include "main/ShowError.h"
#include "main/SuppressionImport.h"
#include "main/UserGuide.h"
#include "main/WorkspaceController.h"
#include "warehouse/WarehouseConnectDialog.h"
#include "warehouse/WarehouseWindow.h"
#include "models/DisplayFormat.h"
#include "sample/SampleGenerator.h"
#include "segments/RuleEditor.h"
#include "segments/SegmentBuilder.h"
#include "segments/SegmentsArea.h"
#include "services/DataBrowserService.h"
#include "services/WorkspaceWatch.h"
#include "settings/Settings.h"
#include "wizards/ImportWizard.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUndoStack>

namespace awb::ui {

namespace {
const QString kWorkspaceFilter = QStringLiteral("Audience Workbench workspaces (*.awb);;All files (*)");

QString withSuffix(QString path)
{
    if (QFileInfo(path).suffix().isEmpty()) {
        path += QStringLiteral(".awb");
    }
    return path;
}
} // namespace

MainWindow::MainWindow(settings::Settings &settings, QWidget *parent)
    : QMainWindow(parent), m_settings(settings), m_workspace(new WorkspaceController(this)),
      m_navigator(new QListWidget(this)), m_pages(new QStackedWidget(this)), m_data(new DataArea(this)),
      m_catalog(new CatalogArea(this)), m_audiences(new AudiencesArea(this)),
      m_segments(new SegmentsArea(this)), m_workspaceLabel(new QLabel(this)), m_countsLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Audience Workbench"));
    createMenus();
    createNavigator();

    m_workspaceLabel->setObjectName(QStringLiteral("statusWorkspaceLabel"));
    m_countsLabel->setObjectName(QStringLiteral("statusCountsLabel"));
    m_workspaceLabel->setText(tr("No workspace"));
    statusBar()->addWidget(m_workspaceLabel);
    statusBar()->addPermanentWidget(m_countsLabel);

    connect(m_workspace, &WorkspaceController::opened, this, &MainWindow::onWorkspaceOpened);
    connect(m_workspace, &WorkspaceController::infoUpdated, this, &MainWindow::onInfoUpdated);
    connect(m_workspace, &WorkspaceController::changed, this, &MainWindow::onWorkspaceChanged);
    connect(m_workspace, &WorkspaceController::closed, this, [this] {
        m_data->setService(nullptr);
        m_catalog->setWorkspace({});
        m_audiences->setWorkspace({});
        m_segments->setWorkspace({});
        setWindowTitle(tr("Audience Workbench"));
        m_workspaceLabel->setText(tr("No workspace"));
        m_workspaceLabel->setToolTip({});
        m_countsLabel->clear();
        m_importAction->setEnabled(false);
        m_importHistoryAction->setEnabled(false);
        m_suppression->setWorkspace({});
        m_closeAction->setEnabled(false);
        m_data->showImportPrompt(false);
    });
    connect(m_data, &DataArea::importRequested, this, &MainWindow::startImport);
    connect(m_catalog, &CatalogArea::catalogShown, this, [this] {
        m_audiences->setCatalog(m_catalog->columnValues(), m_catalog->isBuilt());
        m_segments->invalidateTraits(); // per-value traits follow the catalog's columns
    });
    connect(m_audiences, &AudiencesArea::catalogRequested, this, [this] { showPage(Page::Catalog); });
    connect(m_workspace, &WorkspaceController::failed, this, [this](const Error &e) { showError(this, e); });

    m_data->setPageSize(m_settings.value(settings::keys::TablePageSize));
    restoreGeometry(m_settings.value(settings::keys::WindowGeometry));
    restoreState(m_settings.value(settings::keys::WindowState));
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newAction = file->addAction(tr("&New workspace…"), this, &MainWindow::newWorkspace);
    newAction->setShortcut(QKeySequence::New);
    QAction *openAction = file->addAction(tr("&Open…"), this, &MainWindow::openWorkspaceDialog);
    openAction->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    file->addAction(tr("New &sample workspace…"), this, &MainWindow::newSampleDialog);
    QAction *newWindow = file->addAction(tr("New &window"), this, &MainWindow::newWindowRequested);
    newWindow->setObjectName(QStringLiteral("newWindowAction"));
    newWindow->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    QAction *warehouse = file->addAction(tr("Connect to &warehouse…"), this, [this] {
        WarehouseConnectDialog dialog(m_settings, this);
        if (dialog.exec() == QDialog::Accepted) {
            (new WarehouseWindow(dialog.uri(), dialog.displayName()))->show();
        }
    });
    warehouse->setObjectName(QStringLiteral("connectWarehouseAction"));
    file->addSeparator();
    m_importAction = file->addAction(tr("&Import…"), this, &MainWindow::startImport);
    m_importAction->setObjectName(QStringLiteral("importAction"));
    m_importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_importAction->setEnabled(false);
    m_importHistoryAction = file->addAction(tr("Import &history…"), this, &MainWindow::showImportHistory);
    m_importHistoryAction->setObjectName(QStringLiteral("importHistoryAction"));
    m_importHistoryAction->setEnabled(false);
    m_suppression = new SuppressionImport(this);
    file->addAction(m_suppression->action());
    file->addSeparator();
    m_closeAction = file->addAction(tr("&Close workspace"), this, &MainWindow::closeWorkspace);
    m_closeAction->setObjectName(QStringLiteral("closeWorkspaceAction"));
    m_closeAction->setShortcut(QKeySequence::Close);
    m_closeAction->setEnabled(false);
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    createEditMenu();

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *guide = help->addAction(tr("&User guide"), this, [this] { openUserGuide(this); });
    guide->setObjectName(QStringLiteral("userGuideAction"));
    guide->setShortcut(QKeySequence(Qt::Key_F1));
    help->addSeparator();
    QAction *about = help->addAction(tr("&About Audience Workbench"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setObjectName(QStringLiteral("aboutQtAction"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::createEditMenu()
{
    // The builder's own undo and redo: one stack, whose shortcuts work with the focus in the builder. The
    // menu offers them only while the builder is in sight, so nothing changes out of view.
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));
    RuleEditor *editor = m_segments->builder()->editor();
    edit->addAction(editor->undoAction());
    edit->addAction(editor->redoAction());
    connect(edit, &QMenu::aboutToShow, this, [this, editor] {
        const bool inSight = m_pages->currentWidget() == m_segments &&
                             m_segments->page() == SegmentsArea::Page::Builder && m_segments->isVisible();
        editor->undoAction()->setEnabled(inSight && editor->undoStack()->canUndo());
        editor->redoAction()->setEnabled(inSight && editor->undoStack()->canRedo());
    });
    connect(edit, &QMenu::aboutToHide, this, [editor] {
        editor->undoAction()->setEnabled(editor->undoStack()->canUndo());
        editor->redoAction()->setEnabled(editor->undoStack()->canRedo());
    });
}

void MainWindow::createNavigator()
{
    struct Area
    {
        QString icon;
        QString name;
        QWidget *page;
    };
    const Area areas[] = {
        {QStringLiteral(":/icons/data.svg"), tr("Data"), m_data},
        {QStringLiteral(":/icons/catalog.svg"), tr("Catalog"), m_catalog},
        {QStringLiteral(":/icons/audiences.svg"), tr("Audiences"), m_audiences},
        {QStringLiteral(":/icons/segments.svg"), tr("Segments"), m_segments},
    };
    m_navigator->setObjectName(QStringLiteral("navigator"));
    m_navigator->setIconSize(QSize(28, 28));
    m_navigator->setSpacing(2);
    m_navigator->setFrameShape(QFrame::NoFrame);
    m_navigator->setFixedWidth(150);
    m_pages->setObjectName(QStringLiteral("pages"));
    // In the order of Page.
    for (const Area &area : areas) {
        auto *item = new QListWidgetItem(QIcon(area.icon), area.name, m_navigator);
        item->setSizeHint(QSize(0, 44));
        m_pages->addWidget(area.page);
    }
    connect(m_navigator, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_navigator->setCurrentRow(0);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigator);
    auto *line = new QFrame(central);
    line->setFrameShape(QFrame::VLine);
    line->setFrameShadow(QFrame::Sunken);
    layout->addWidget(line);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
}

bool MainWindow::openWorkspace(const QString &path)
{
    const Result<void> opened = m_workspace->open(path);
    if (!opened) {
        showError(this, opened.error());
        return false;
    }
    if (const qint64 pid = m_workspace->openElsewhereBy(); pid != 0) {
        const QString where = pid == QCoreApplication::applicationPid()
                                  ? tr("another window of Audience Workbench")
                                  : tr("another Audience Workbench window (process %1)").arg(pid);
        auto *box = new QMessageBox(QMessageBox::Information, tr("Workspace open elsewhere"),
                                    tr("%1 is also open in %2.").arg(QFileInfo(path).fileName(), where),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("openElsewhereBox"));
        box->setInformativeText(tr("Both windows can work on it: each shows what the other saves within a "
                                   "second, and saving a segment that was changed in the other window asks "
                                   "before overwriting it."));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setWindowModality(Qt::WindowModal);
        box->open();
        m_workspaceLabel->setText(tr("%1 (also open in another window)").arg(QFileInfo(path).fileName()));
    }
    return true;
}

void MainWindow::whenNothingUnsaved(std::function<void()> proceed)
{
    if (m_segments->builder()->hasUnsavedChanges()) {
        showPage(Page::Segments);
    }
    m_segments->whenNothingUnsaved(std::move(proceed));
}

void MainWindow::closeWorkspace()
{
    whenNothingUnsaved([this] {
        m_workspace->close();
        m_settings.setValue(settings::keys::LastWorkspace, QString());
    });
}

void MainWindow::createSampleWorkspace(const QString &path)
{
    if (JobRunner *job = m_workspace->generateSample(path, sample::SampleSpec{})) {
        JobProgressDialog::follow(*job, this);
    }
}

ImportWizard *MainWindow::startImport()
{
    if (!m_workspace->isOpen()) {
        return nullptr;
    }
    auto *wizard = new ImportWizard(m_workspace->path(), m_settings, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setWindowModality(Qt::WindowModal);
    // What the import added is shown the way any other writer's changes are.
    connect(wizard, &ImportWizard::importSucceeded, m_workspace, &WorkspaceController::checkForChanges);
    wizard->open();
    return wizard;
}

ImportHistoryDialog *MainWindow::showImportHistory()
{
    if (!m_workspace->isOpen()) {
        return nullptr;
    }
    auto *dialog = new ImportHistoryDialog(m_workspace->path().toStdString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    // A removal changes the events the way an import does, and is shown the same way.
    connect(dialog, &ImportHistoryDialog::runRemoved, m_workspace, &WorkspaceController::checkForChanges);
    dialog->open();
    return dialog;
}

void MainWindow::showPage(Page page)
{
    m_navigator->setCurrentRow(static_cast<int>(page));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_segments->builder()->hasUnsavedChanges()) {
        // Closes again once the changes are saved or discarded; stays open after Cancel.
        event->ignore();
        whenNothingUnsaved([this] { close(); });
        return;
    }
    m_settings.setValue(settings::keys::WindowGeometry, saveGeometry());
    m_settings.setValue(settings::keys::WindowState, saveState());
    m_settings.setValue(settings::keys::LastWorkspace, m_workspace->path());
    m_settings.sync();
    QMainWindow::closeEvent(event);
}

void MainWindow::onWorkspaceOpened(const QString &path)
{
    m_settings.addRecentWorkspace(path);
    m_settings.setValue(settings::keys::LastWorkspace, path);
    setWindowTitle(tr("%1 — Audience Workbench").arg(QFileInfo(path).fileName()));
    m_workspaceLabel->setText(QFileInfo(path).fileName());
    m_workspaceLabel->setToolTip(path);
    m_countsLabel->setText(tr("Counting…"));
    m_importAction->setEnabled(true);
    m_importHistoryAction->setEnabled(true);
    m_suppression->setWorkspace(path);
    m_closeAction->setEnabled(true);
    m_firstInfo = true;
    m_data->setService(m_workspace->browser());
    m_audiences->setWorkspace(path);
    m_segments->setWorkspace(path);
    m_catalog->setWorkspace(path);
}

void MainWindow::onInfoUpdated()
{
    const auto &info = m_workspace->info();
    if (!info) {
        return;
    }
    QString text = tr("%1 · %2").arg(format::plural(info->profiles, tr("%1 profile"), tr("%1 profiles")),
                                     format::plural(info->events, tr("%1 event"), tr("%1 events")));
    if (info->events > 0) {
        text += tr(" · %1 to %2").arg(format::date(info->firstEventMs), format::date(info->lastEventMs));
    }
    m_countsLabel->setText(text);
    std::vector<services::NameCount> names;
    for (const auto &e : info->eventsByName) {
        names.push_back({e.name, e.count});
    }
    m_data->setWorkspaceSummary(names, info->firstEventMs, info->lastEventMs);
    m_data->showImportPrompt(info->events == 0);
    // An empty workspace opens on "Import your data" rather than on the area shown last.
    if (std::exchange(m_firstInfo, false) && info->events == 0) {
        showPage(Page::Data);
    }
    emit workspaceInfoShown();
}

void MainWindow::onWorkspaceChanged(const services::WorkspaceChanges &changes)
{
    if (changes.events) {
        m_data->refresh();
        m_segments->invalidateTraits();
        m_countsLabel->setText(tr("Counting…"));
        m_workspace->refreshInfo();
    }
    if (changes.catalog) {
        m_catalog->reload();
    }
    if (changes.segments) {
        m_segments->reload();
    }
    if (changes.audiences || changes.segments) {
        m_audiences->reload(); // "who may enter" lists segments too
    }
    emit workspaceChangesShown();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = m_settings.value(settings::keys::RecentWorkspaces);
    for (const QString &path : recent) {
        QAction *action = m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] {
            whenNothingUnsaved([this, path] {
                if (!QFileInfo::exists(path)) {
                    m_settings.removeRecentWorkspace(path);
                }
                openWorkspace(path);
            });
        });
        action->setToolTip(path);
        action->setStatusTip(path);
    }
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("No recent workspaces"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("Clear list"), this,
                            [this] { m_settings.setValue(settings::keys::RecentWorkspaces, QStringList()); });
}

void MainWindow::newWorkspace()
{
    whenNothingUnsaved([this] { askNewWorkspace(); });
}

void MainWindow::askNewWorkspace()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("New workspace"), QString(), kWorkspaceFilter);
    if (path.isEmpty()) {
        return;
    }
    if (const Result<void> created = m_workspace->create(withSuffix(path)); !created) {
        showError(this, created.error());
    }
}

void MainWindow::openWorkspaceDialog()
{
    whenNothingUnsaved([this] { askOpenWorkspace(); });
}

void MainWindow::askOpenWorkspace()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open workspace"), QString(), kWorkspaceFilter);
    if (!path.isEmpty()) {
        openWorkspace(path);
    }
}

void MainWindow::newSampleDialog()
{
    whenNothingUnsaved([this] { askNewSample(); });
}

void MainWindow::askNewSample()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("New sample workspace"), folder + QStringLiteral("/sample.awb"), kWorkspaceFilter);
    if (!path.isEmpty()) {
        createSampleWorkspace(withSuffix(path));
    }
}

void MainWindow::showAbout()
{
    auto *about = new AboutDialog(this);
    about->setAttribute(Qt::WA_DeleteOnClose);
    about->open();
}

} // namespace awb::ui
