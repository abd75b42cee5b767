// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/CatalogValuesFilter.h"

#include "catalog/CatalogValuesModel.h"

namespace awb::ui {

void CatalogValuesFilter::set(const QString &column, const QString &text)
{
    m_column = column;
    m_text = text;
    invalidateFilter();
}

bool CatalogValuesFilter::filterAcceptsRow(int row, const QModelIndex &parent) const
{
    const QModelIndex index = sourceModel()->index(row, CatalogValuesModel::ValueColumn, parent);
    if (!m_column.isEmpty() && index.data(CatalogValuesModel::ColumnNameRole).toString() != m_column) {
        return false;
    }
    return m_text.isEmpty() ||
           index.data(CatalogValuesModel::ValueRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace awb::ui
