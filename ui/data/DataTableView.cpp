// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/DataTableView.h"

#include <QHeaderView>
#include <QSignalBlocker>

namespace awb::ui {

DataTableView::DataTableView(QWidget *parent) : QTableView(parent)
{
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalHeader()->hide();
    // Fixed row heights: the view never asks the model for size hints of rows it does not show.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
}

void DataTableView::setPagedModel(QAbstractItemModel *model, SortablePredicate isSortable, int column,
                                  Qt::SortOrder order)
{
    m_isSortable = std::move(isSortable);
    m_sortColumn = column;
    m_sortOrder = order;
    setModel(model);
    // Set the indicator before enabling sorting so the model is sorted once, by setSortingEnabled.
    horizontalHeader()->setSortIndicator(column, order);
    setSortingEnabled(true);
    connect(horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            &DataTableView::onSortIndicatorChanged);
}

void DataTableView::setColumnWidthsInChars(const std::vector<int> &chars)
{
    // Measured on digits: ids, times and UUIDs are mostly digits, which are wider than the average glyph.
    for (std::size_t c = 0; c < chars.size(); ++c) {
        if (chars[c] > 0) {
            setColumnWidth(static_cast<int>(c),
                           fontMetrics().horizontalAdvance(QString(chars[c], QLatin1Char('0'))) + 16);
        }
    }
}

void DataTableView::setStretchColumn(int column)
{
    horizontalHeader()->setStretchLastSection(false);
    horizontalHeader()->setSectionResizeMode(column, QHeaderView::Stretch);
}

void DataTableView::onSortIndicatorChanged(int column, Qt::SortOrder order)
{
    if (m_isSortable && !m_isSortable(column)) {
        // The model ignored the request (no index-backed order for that column): show the real order again.
        const QSignalBlocker blocker(horizontalHeader());
        horizontalHeader()->setSortIndicator(m_sortColumn, m_sortOrder);
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
}

} // namespace awb::ui
