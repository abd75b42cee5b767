// SPDX-License-Identifier: GPL-3.0-or-later
// The main window: menus, the area navigator, the pages and the status bar. Features live in their widgets.
#pragma once

#include <QMainWindow>

#include <functional>

class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace awb::settings {
class Settings;
}
namespace awb::services {
struct WorkspaceChanges;
}

namespace awb::ui {

class AudiencesArea;
class CatalogArea;
class DataArea;
class ImportHistoryDialog;
class ImportWizard;
class SegmentsArea;
class SuppressionImport;
class WorkspaceController;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class Page
    {
        Data,
        Catalog,
        Audiences,
        Segments,
    };

    explicit MainWindow(settings::Settings &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens a workspace file; shows the error (and keeps the current workspace) when it cannot. Says so
    /// (a non-blocking message) when another window has it open too.
    bool openWorkspace(const QString &path);
    /// Runs proceed once no work would be lost: at once, or after the user saved or discarded the unsaved
    /// changes of the segment builder (nothing after Cancel). Every way of leaving the workspace or the
    /// window goes through here.
    void whenNothingUnsaved(std::function<void()> proceed);
    /// Closes the workspace (asking first when there are unsaved changes).
    void closeWorkspace();
    /// Generates the sample store at path with the default spec in the background, then opens it.
    void createSampleWorkspace(const QString &path);
    /// Opens the import wizard on the current workspace (window-modal, not blocking); nullptr without one.
    ImportWizard *startImport();
    /// Opens File > Import history… (window-modal, not blocking); nullptr without a workspace.
    ImportHistoryDialog *showImportHistory();
    void showPage(Page page);

    WorkspaceController &workspace() const { return *m_workspace; }
    DataArea *dataArea() const { return m_data; }
    CatalogArea *catalogArea() const { return m_catalog; }
    AudiencesArea *audiencesArea() const { return m_audiences; }
    SegmentsArea *segmentsArea() const { return m_segments; }

signals:
    /// The status bar shows the counts of the open workspace (after opening it or after an import).
    void workspaceInfoShown();
    /// File > New window: the application opens another main window.
    void newWindowRequested();
    /// Lists, counts and the status bar were refreshed after another window or process changed the workspace.
    void workspaceChangesShown();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void createEditMenu();
    void onWorkspaceChanged(const services::WorkspaceChanges &changes);
    void createNavigator();
    void onWorkspaceOpened(const QString &path);
    void onInfoUpdated();
    void rebuildRecentMenu();
    void newWorkspace();
    void openWorkspaceDialog();
    void newSampleDialog();
    void askNewWorkspace();
    void askOpenWorkspace();
    void askNewSample();
    void showAbout();

    settings::Settings &m_settings;
    WorkspaceController *m_workspace;
    QListWidget *m_navigator;
    QStackedWidget *m_pages;
    DataArea *m_data;
    CatalogArea *m_catalog;
    AudiencesArea *m_audiences;
    SegmentsArea *m_segments;
    QMenu *m_recentMenu = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_importHistoryAction = nullptr;
    SuppressionImport *m_suppression = nullptr;
    QAction *m_closeAction = nullptr;
    /// Set when a workspace was opened, until its first counts are shown (an empty one opens on Import).
    bool m_firstInfo = false;
    QLabel *m_workspaceLabel;
    QLabel *m_countsLabel;
};

} // namespace awb::ui
