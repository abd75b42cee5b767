// SPDX-License-Identifier: GPL-3.0-or-later
// One profile: its identities, traits and event timeline (newest first).
#pragma once

#include "common/Result.h"

#include <QWidget>

#include <cstdint>

class QLabel;

namespace awb::services {
class DataBrowserService;
}

namespace awb::ui {

class DataTableView;
class EventTableModel;
class StringTableModel;

class ProfilePage : public QWidget
{
    Q_OBJECT
public:
    explicit ProfilePage(QWidget *parent = nullptr);

    /// Loads profileId (or the profile it was merged into) from service, which must outlive the page or
    /// be replaced by clear(). On error the page keeps what it showed.
    Result<void> showProfile(services::DataBrowserService &service, std::int64_t profileId);
    /// Drops the service and empties the page.
    void clear();
    /// Re-reads the shown profile (after an import).
    void reload();
    /// The profile shown (the surviving id after merges), 0 when none.
    std::int64_t profileId() const { return m_profileId; }

private:
    services::DataBrowserService *m_service = nullptr;
    std::int64_t m_profileId = 0;
    QLabel *m_title;
    QLabel *m_summary;
    StringTableModel *m_identities;
    StringTableModel *m_traits;
    EventTableModel *m_timeline;
    DataTableView *m_timelineView;
};

} // namespace awb::ui
