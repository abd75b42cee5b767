// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/PageWidgets.h"

#include "models/StringTableModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>

namespace awb::ui {

namespace {
constexpr int kMaxColumnWidth = 260;
}

void setUpPreviewTable(QTableView *view, StringTableModel *model)
{
    view->setModel(model);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view->setWordWrap(false);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
}

void fitPreviewColumns(QTableView *view)
{
    view->resizeColumnsToContents();
    for (int c = 0; c < view->model()->columnCount(); ++c) {
        view->setColumnWidth(c, qMin(view->columnWidth(c), kMaxColumnWidth));
    }
}

QStringList toQStringList(const std::vector<std::string> &cells)
{
    QStringList list;
    list.reserve(static_cast<qsizetype>(cells.size()));
    for (const std::string &cell : cells) {
        list << QString::fromStdString(cell);
    }
    return list;
}

void setUpErrorLabel(QLabel *label, const QString &objectName)
{
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    label->hide();
}

} // namespace awb::ui
