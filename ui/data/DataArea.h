// SPDX-License-Identifier: GPL-3.0-or-later
// The Data area: filters, the Events and Profiles tables, and profile pages opened from them.
#pragma once

#include "services/DataBrowserService.h"

#include <QWidget>

#include <cstdint>
#include <vector>

class QStackedWidget;
class QTabWidget;

namespace awb::ui {

class DataFilterBar;
class DataTableView;
class ImportPrompt;
class EventTableModel;
class ProfilePage;
class ProfileTableModel;

class DataArea : public QWidget
{
    Q_OBJECT
public:
    enum class Tab
    {
        Events,
        Profiles,
        Profile,
    };

    explicit DataArea(QWidget *parent = nullptr);

    /// The workspace to browse (not owned; nullptr = none). Clears filters and any profile page.
    void setService(services::DataBrowserService *service);
    /// Re-reads counts and rows (after an import).
    void refresh();
    /// Rows per query of the Events and Profiles tables.
    void setPageSize(int rows);
    /// Event names with counts for the filter, and the date range for the date edits.
    void setWorkspaceSummary(const std::vector<services::NameCount> &names, std::int64_t firstMs,
                             std::int64_t lastMs);
    /// Opens (or reuses) the profile tab on profileId; reports an error through showError.
    bool openProfile(std::int64_t profileId);
    void showTab(Tab tab);
    /// Shows "Import your data" (a workspace without events) instead of the tables, or the tables again.
    void showImportPrompt(bool show);
    bool isImportPromptShown() const;

    EventTableModel *eventsModel() const { return m_events; }
    ProfileTableModel *profilesModel() const { return m_profiles; }
    ProfilePage *profilePage() const { return m_profilePage; }

signals:
    void profileOpened(qint64 profileId);
    /// The import prompt's button was clicked.
    void importRequested();

private:
    void applyFilter();
    void updateTabTitles();

    services::DataBrowserService *m_service = nullptr;
    QStackedWidget *m_stack;
    ImportPrompt *m_prompt;
    DataFilterBar *m_filterBar;
    QTabWidget *m_tabs;
    EventTableModel *m_events;
    ProfileTableModel *m_profiles;
    DataTableView *m_eventsView;
    DataTableView *m_profilesView;
    ProfilePage *m_profilePage;
};

} // namespace awb::ui
