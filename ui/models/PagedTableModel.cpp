// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/PagedTableModel.h"

#include "common/Result.h"

#include <climits>

namespace awb::ui {

PagedTableModel::PagedTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void PagedTableModel::setService(services::DataBrowserService *service)
{
    m_service = service;
    refresh();
}

void PagedTableModel::refresh()
{
    beginResetModel();
    clearCache();
    m_error.reset();
    m_count = 0;
    if (m_service) {
        auto count = countRows();
        if (count) {
            m_count = *count;
        } else {
            reportError(count.error());
        }
    }
    endResetModel();
    emit totalCountChanged(m_count);
}

int PagedTableModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid()) {
        return 0;
    }
    return static_cast<int>(qMin<std::int64_t>(m_count, INT_MAX));
}

void PagedTableModel::reportError(const Error &error) const
{
    // Once per refresh: painting asks for many rows, and a broken connection fails them all.
    if (m_error) {
        return;
    }
    m_error = error;
    emit const_cast<PagedTableModel *>(this)->readFailed(error);
}

} // namespace awb::ui
