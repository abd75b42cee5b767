// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/DataArea.h"

#include "data/DataFilterBar.h"
#include "data/DataTableView.h"
#include "data/ImportPrompt.h"
#include "data/ProfilePage.h"
#include "main/ShowError.h"
#include "models/DisplayFormat.h"
#include "models/EventTableModel.h"
#include "models/ProfileTableModel.h"

#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace awb::ui {

DataArea::DataArea(QWidget *parent)
    : QWidget(parent), m_stack(new QStackedWidget(this)), m_prompt(new ImportPrompt(this)),
      m_filterBar(new DataFilterBar(this)), m_tabs(new QTabWidget(this)), m_events(new EventTableModel(this)),
      m_profiles(new ProfileTableModel(this)), m_eventsView(new DataTableView(this)),
      m_profilesView(new DataTableView(this)), m_profilePage(new ProfilePage(this))
{
    setObjectName(QStringLiteral("dataArea"));
    m_tabs->setObjectName(QStringLiteral("dataTabs"));
    m_tabs->setDocumentMode(true);
    m_eventsView->setObjectName(QStringLiteral("eventsTable"));
    m_profilesView->setObjectName(QStringLiteral("profilesTable"));
    m_eventsView->setPagedModel(m_events, &EventTableModel::isSortable, EventTableModel::TimeColumn,
                                Qt::DescendingOrder);
    m_eventsView->setColumnWidthsInChars({19, 15, 13, 36, 7});
    m_profilesView->setPagedModel(m_profiles, &ProfileTableModel::isSortable, ProfileTableModel::IdColumn,
                                  Qt::AscendingOrder);
    m_profilesView->setColumnWidthsInChars({7, 18, 0, 19, 19, 8});
    m_profilesView->setStretchColumn(ProfileTableModel::EmailColumn);
    m_eventsView->setToolTip(tr("Double-click an event to open its profile"));
    m_profilesView->setToolTip(tr("Double-click a profile to open it"));

    m_tabs->addTab(m_eventsView, tr("Events"));
    m_tabs->addTab(m_profilesView, tr("Profiles"));
    m_tabs->setTabsClosable(true);
    m_profilePage->hide();

    auto *browser = new QWidget(this);
    auto *browserLayout = new QVBoxLayout(browser);
    browserLayout->setContentsMargins(8, 8, 8, 0);
    browserLayout->addWidget(m_filterBar);
    browserLayout->addWidget(m_tabs, 1);
    m_stack->addWidget(browser);
    m_stack->addWidget(m_prompt);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    connect(m_prompt, &ImportPrompt::importRequested, this, &DataArea::importRequested);

    connect(m_filterBar, &DataFilterBar::filterChanged, this, &DataArea::applyFilter);
    connect(m_events, &PagedTableModel::totalCountChanged, this, &DataArea::updateTabTitles);
    connect(m_profiles, &PagedTableModel::totalCountChanged, this, &DataArea::updateTabTitles);
    connect(m_events, &PagedTableModel::readFailed, this, [this](const Error &e) { showError(this, e); });
    connect(m_profiles, &PagedTableModel::readFailed, this, [this](const Error &e) { showError(this, e); });
    connect(m_eventsView, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        openProfile(index.data(EventTableModel::ProfileIdRole).toLongLong());
    });
    connect(m_profilesView, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        openProfile(index.data(ProfileTableModel::IdRole).toLongLong());
    });
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        if (m_tabs->widget(index) == m_profilePage) {
            m_tabs->removeTab(index);
        }
    });
    // Only the profile tab can be closed.
    for (int i = 0; i < m_tabs->count(); ++i) {
        m_tabs->tabBar()->setTabButton(i, QTabBar::RightSide, nullptr);
    }
}

void DataArea::setService(services::DataBrowserService *service)
{
    // Detach the models first so that nothing queries the previous service while filters are reset.
    m_events->setService(nullptr);
    m_profiles->setService(nullptr);
    m_service = service;
    m_profilePage->clear();
    if (const int index = m_tabs->indexOf(m_profilePage); index >= 0) {
        m_tabs->removeTab(index);
    }
    {
        const QSignalBlocker blocker(m_filterBar);
        m_filterBar->reset();
    }
    m_filterBar->setEventNames({});
    m_events->setFilter(m_filterBar->filter());
    m_profiles->setFilter(m_filterBar->filter());
    m_events->setService(service);
    m_profiles->setService(service);
}

void DataArea::showImportPrompt(bool show)
{
    m_stack->setCurrentWidget(show ? static_cast<QWidget *>(m_prompt) : m_stack->widget(0));
}

bool DataArea::isImportPromptShown() const
{
    return m_stack->currentWidget() == m_prompt;
}

void DataArea::refresh()
{
    m_events->refresh();
    m_profiles->refresh();
    m_profilePage->reload();
}

void DataArea::setPageSize(int rows)
{
    m_events->setPageSize(rows);
    m_profiles->setPageSize(rows);
}

void DataArea::setWorkspaceSummary(const std::vector<services::NameCount> &names, std::int64_t firstMs,
                                   std::int64_t lastMs)
{
    m_filterBar->setEventNames(names);
    m_filterBar->setDateBounds(firstMs, lastMs);
}

bool DataArea::openProfile(std::int64_t profileId)
{
    if (!m_service || profileId == 0) {
        return false;
    }
    const Result<void> shown = m_profilePage->showProfile(*m_service, profileId);
    if (!shown) {
        showError(this, shown.error());
        return false;
    }
    int index = m_tabs->indexOf(m_profilePage);
    const QString title = tr("Profile %1").arg(m_profilePage->profileId());
    if (index < 0) {
        index = m_tabs->addTab(m_profilePage, title);
    } else {
        m_tabs->setTabText(index, title);
    }
    m_tabs->setCurrentIndex(index);
    emit profileOpened(m_profilePage->profileId());
    return true;
}

void DataArea::showTab(Tab tab)
{
    switch (tab) {
    case Tab::Events:
        m_tabs->setCurrentWidget(m_eventsView);
        break;
    case Tab::Profiles:
        m_tabs->setCurrentWidget(m_profilesView);
        break;
    case Tab::Profile:
        if (m_tabs->indexOf(m_profilePage) >= 0) {
            m_tabs->setCurrentWidget(m_profilePage);
        }
        break;
    }
}

void DataArea::applyFilter()
{
    const services::BrowseFilter filter = m_filterBar->filter();
    m_events->setFilter(filter);
    m_profiles->setFilter(filter);
}

void DataArea::updateTabTitles()
{
    m_tabs->setTabText(m_tabs->indexOf(m_eventsView),
                       tr("Events (%1)").arg(format::count(m_events->totalCount())));
    m_tabs->setTabText(m_tabs->indexOf(m_profilesView),
                       tr("Profiles (%1)").arg(format::count(m_profiles->totalCount())));
}

} // namespace awb::ui
