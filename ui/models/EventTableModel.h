// SPDX-License-Identifier: GPL-3.0-or-later
// The events table: paged from the workspace, filtered and sorted in SQL.
#pragma once

#include "models/PageCache.h"
#include "models/PagedTableModel.h"
#include "services/DataBrowserService.h"

namespace awb::ui {

class EventTableModel : public PagedTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        NameColumn,
        UserIdColumn,
        AnonymousIdColumn,
        ProfileColumn,
        PropertiesColumn,
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1, ///< event id (qint64)
        ProfileIdRole,             ///< profile id (qint64)
        TimestampRole,             ///< UTC milliseconds (qint64)
    };

    explicit EventTableModel(QObject *parent = nullptr);

    const services::EventQuery &query() const { return m_query; }
    /// Replaces filter and profile restriction, keeps the sort; resets the model.
    void setFilter(const services::BrowseFilter &filter);
    /// Only this profile's events (0 = all); resets the model.
    void setProfileId(std::int64_t profileId);
    /// Rows per query (and per cached block); resets the model.
    void setPageSize(int rows);

    /// Whether sort(column) orders the table (only index-backed orders are offered).
    static bool isSortable(int column);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    Result<std::int64_t> countRows() override;
    void clearCache() override { m_cache.clear(); }

private:
    const services::EventRow *rowAt(int row) const;
    QVariant displayValue(const services::EventRow &event, int column) const;

    services::EventQuery m_query;
    mutable PageCache<services::EventRow> m_cache;
};

} // namespace awb::ui
