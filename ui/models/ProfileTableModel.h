// SPDX-License-Identifier: GPL-3.0-or-later
// The profiles table: paged from the workspace, filtered and sorted in SQL.
#pragma once

#include "models/PageCache.h"
#include "models/PagedTableModel.h"
#include "services/DataBrowserService.h"

namespace awb::ui {

class ProfileTableModel : public PagedTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        IdColumn,
        UserIdsColumn,
        EmailColumn,
        FirstSeenColumn,
        LastSeenColumn,
        EventCountColumn,
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1, ///< profile id (qint64)
    };

    explicit ProfileTableModel(QObject *parent = nullptr);

    const services::ProfileQuery &query() const { return m_query; }
    /// Replaces the filter, keeps the sort; resets the model.
    void setFilter(const services::BrowseFilter &filter);
    /// Rows per query (and per cached block); resets the model.
    void setPageSize(int rows);

    static bool isSortable(int column);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    Result<std::int64_t> countRows() override;
    void clearCache() override { m_cache.clear(); }

private:
    const services::ProfileRow *rowAt(int row) const;
    QVariant displayValue(const services::ProfileRow &profile, int column) const;

    services::ProfileQuery m_query;
    mutable PageCache<services::ProfileRow> m_cache;
};

} // namespace awb::ui
