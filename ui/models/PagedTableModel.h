// SPDX-License-Identifier: GPL-3.0-or-later
// Base of the SQL-paged table models: the row count comes from a COUNT query, rows from a page cache.
#pragma once

#include "common/Result.h"

#include <QAbstractTableModel>

#include <cstdint>
#include <optional>

namespace awb::services {
class DataBrowserService;
}

namespace awb::ui {

/// Owns nothing but the count and the error state; subclasses hold a PageCache of their row type and
/// implement countRows() / clearCache(). Every change of service, filter or sort is a model reset.
class PagedTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit PagedTableModel(QObject *parent = nullptr);

    /// The service to read from (not owned; nullptr = empty model). Resets the model.
    void setService(services::DataBrowserService *service);
    services::DataBrowserService *service() const { return m_service; }
    /// Re-counts and drops cached rows (after an import, a filter or sort change).
    void refresh();

    /// Number of matching rows in the workspace (rowCount() is capped at INT_MAX).
    std::int64_t totalCount() const { return m_count; }
    /// The last read error, if any since the last refresh().
    const std::optional<Error> &lastError() const { return m_error; }

    int rowCount(const QModelIndex &parent = {}) const override;

signals:
    /// A read failed; the table shows what it has. Emitted at most once between two refreshes.
    void readFailed(const awb::Error &error);
    /// The row count changed after a refresh.
    void totalCountChanged(qint64 count);

protected:
    virtual Result<std::int64_t> countRows() = 0;
    virtual void clearCache() = 0;
    /// For subclasses' data(): records a failed page fetch and emits readFailed once.
    void reportError(const Error &error) const;

private:
    services::DataBrowserService *m_service = nullptr;
    std::int64_t m_count = 0;
    mutable std::optional<Error> m_error;
};

} // namespace awb::ui
