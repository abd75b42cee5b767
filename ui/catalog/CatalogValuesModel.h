// SPDX-License-Identifier: GPL-3.0-or-later
// The values of the catalog's columns with their product and interaction counts (a few thousand rows
// at most: the catalog service caps each column).
#pragma once

#include "catalog/CatalogRepository.h"

#include <QAbstractTableModel>

#include <vector>

namespace awb::ui {

struct ColumnValues
{
    QString column;
    std::vector<catalog::ValueCount> values; ///< most interactions first
};

class CatalogValuesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        ColumnNameColumn,
        ValueColumn,
        ProductsColumn,
        InteractionsColumn,
        ColumnCount
    };
    enum Role
    {
        ColumnNameRole = Qt::UserRole + 1, ///< the catalog column of the row (QString)
        ValueRole,                         ///< the value (QString)
        SortRole,                          ///< raw value for sorting (counts as qint64)
    };

    explicit CatalogValuesModel(QObject *parent = nullptr);

    void setValues(std::vector<ColumnValues> columns);
    const std::vector<ColumnValues> &columns() const { return m_columns; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        int column;
        int value;
    };
    QVariant displayValue(const Row &row, int column) const;
    QVariant sortValue(const Row &row, int column) const;

    std::vector<ColumnValues> m_columns;
    std::vector<Row> m_rows;
};

} // namespace awb::ui
