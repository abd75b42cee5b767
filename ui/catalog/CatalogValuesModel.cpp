// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/CatalogValuesModel.h"

#include "models/DisplayFormat.h"

namespace awb::ui {

CatalogValuesModel::CatalogValuesModel(QObject *parent) : QAbstractTableModel(parent) {}

void CatalogValuesModel::setValues(std::vector<ColumnValues> columns)
{
    beginResetModel();
    m_columns = std::move(columns);
    m_rows.clear();
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        for (std::size_t v = 0; v < m_columns[c].values.size(); ++v) {
            m_rows.push_back({static_cast<int>(c), static_cast<int>(v)});
        }
    }
    endResetModel();
}

int CatalogValuesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CatalogValuesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CatalogValuesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(row, index.column());
    case Qt::TextAlignmentRole:
        return index.column() >= ProductsColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case ColumnNameRole:
        return m_columns[static_cast<std::size_t>(row.column)].column;
    case ValueRole:
        return displayValue(row, ValueColumn);
    case SortRole:
        return sortValue(row, index.column());
    default:
        return {};
    }
}

QVariant CatalogValuesModel::displayValue(const Row &row, int column) const
{
    const ColumnValues &col = m_columns[static_cast<std::size_t>(row.column)];
    const catalog::ValueCount &v = col.values[static_cast<std::size_t>(row.value)];
    switch (column) {
    case ColumnNameColumn:
        return col.column;
    case ValueColumn:
        return QString::fromStdString(v.value);
    case ProductsColumn:
        return format::count(v.products);
    case InteractionsColumn:
        return format::count(v.interactions);
    default:
        return {};
    }
}

QVariant CatalogValuesModel::sortValue(const Row &row, int column) const
{
    const catalog::ValueCount &v =
        m_columns[static_cast<std::size_t>(row.column)].values[static_cast<std::size_t>(row.value)];
    switch (column) {
    case ProductsColumn:
        return qint64(v.products);
    case InteractionsColumn:
        return qint64(v.interactions);
    default:
        return displayValue(row, column);
    }
}

QVariant CatalogValuesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole) {
        return QVariant((section >= ProductsColumn ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case ColumnNameColumn:
        return tr("Column");
    case ValueColumn:
        return tr("Value");
    case ProductsColumn:
        return tr("Products");
    case InteractionsColumn:
        return tr("Interactions");
    default:
        return {};
    }
}

} // namespace awb::ui
