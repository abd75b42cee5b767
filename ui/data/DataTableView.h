// SPDX-License-Identifier: GPL-3.0-or-later
// A QTableView set up for the paged data tables: compact rows, row selection, SQL-sortable columns only.
#pragma once

#include <QTableView>

#include <functional>
#include <vector>

namespace awb::ui {

class DataTableView : public QTableView
{
    Q_OBJECT
public:
    using SortablePredicate = std::function<bool(int column)>;

    explicit DataTableView(QWidget *parent = nullptr);

    /// Sets the model; clicking a header sorts only where isSortable(column) holds (other clicks keep the
    /// current order and indicator). Starts sorted by column / order.
    void setPagedModel(QAbstractItemModel *model, SortablePredicate isSortable, int column,
                       Qt::SortOrder order);
    /// Initial column widths in digit widths of the view's font (0 = leave as is); the last column
    /// stretches.
    void setColumnWidthsInChars(const std::vector<int> &chars);
    /// Gives the spare width to column instead of the last one.
    void setStretchColumn(int column);

private:
    void onSortIndicatorChanged(int column, Qt::SortOrder order);

    SortablePredicate m_isSortable;
    int m_sortColumn = 0;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace awb::ui
