// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/QualityTableModel.h"

#include "charts/ChartPalette.h"
#include "models/DisplayFormat.h"

#include <QFont>

namespace awb::ui {

QualityTableModel::QualityTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void QualityTableModel::setQualities(std::vector<numeric::Quality> qualities)
{
    beginResetModel();
    m_rows = std::move(qualities);
    endResetModel();
}

void QualityTableModel::clear()
{
    setQualities({});
}

QString QualityTableModel::displayName(const std::string &name)
{
    QString text = QString::fromStdString(name);
    if (!text.isEmpty()) {
        text[0] = text[0].toUpper();
    }
    return text;
}

int QualityTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int QualityTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QualityTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const numeric::Quality &q = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(q, index.column());
    case ValueRole:
        return rawValue(q, index.column());
    case Qt::DecorationRole:
        // The swatch ties the row to its curve in the gain chart.
        return index.column() == ScoreColumn ? QVariant(palette::series(index.row())) : QVariant();
    case Qt::FontRole:
        if (index.row() == 0) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == ScoreColumn || index.column() == LabelColumn
                   ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                   : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        return index.column() == LabelColumn
                   ? QVariant(tr("%1 among %2 in the backtest window")
                                  .arg(format::plural(static_cast<std::int64_t>(q.positives),
                                                      tr("%1 engager"), tr("%1 engagers")),
                                       format::plural(static_cast<std::int64_t>(q.rows), tr("%1 profile"),
                                                      tr("%1 profiles"))))
                   : QVariant();
    default:
        return {};
    }
}

QVariant QualityTableModel::rawValue(const numeric::Quality &q, int column) const
{
    switch (column) {
    case ScoreColumn:
        return QString::fromStdString(q.name);
    case AucColumn:
        return q.auc;
    case AveragePrecisionColumn:
        return q.averagePrecision;
    case Lift1Column:
        return q.at(0.01).lift;
    case Lift5Column:
        return q.at(0.05).lift;
    case Lift20Column:
        return q.at(0.20).lift;
    case Gain20Column:
        return q.at(0.20).gain;
    case BrierColumn:
        return q.brier;
    case EceColumn:
        return q.ece;
    case LabelColumn:
        return QString::fromStdString(q.label);
    default:
        return {};
    }
}

QVariant QualityTableModel::displayValue(const numeric::Quality &q, int column) const
{
    switch (column) {
    case ScoreColumn:
        return displayName(q.name);
    case LabelColumn:
        return QString::fromStdString(q.label);
    case Lift1Column:
    case Lift5Column:
    case Lift20Column:
        return QStringLiteral("%1×").arg(rawValue(q, column).toDouble(), 0, 'f', 2);
    case Gain20Column:
        return QStringLiteral("%1%").arg(100.0 * q.at(0.20).gain, 0, 'f', 1);
    case BrierColumn:
    case EceColumn:
        return QString::number(rawValue(q, column).toDouble(), 'f', 4);
    default:
        return QString::number(rawValue(q, column).toDouble(), 'f', 3);
    }
}

QVariant QualityTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole) {
        return QVariant((section != ScoreColumn && section != LabelColumn ? Qt::AlignRight : Qt::AlignLeft) |
                        Qt::AlignVCenter);
    }
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole)) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    struct Header
    {
        QString title;
        QString tip;
    };
    const Header headers[] = {
        {tr("Score"), tr("The model, and the single-signal baselines it must beat")},
        {tr("AUC"), tr("Chance that an engager ranks above a non-engager (0.5 = random, 1 = perfect)")},
        {tr("AP"), tr("Average precision over the ranking")},
        {tr("Lift@1%"), tr("Engagement rate in the top 1 % over the overall rate")},
        {tr("Lift@5%"), tr("Engagement rate in the top 5 % over the overall rate")},
        {tr("Lift@20%"), tr("Engagement rate in the top 20 % over the overall rate")},
        {tr("Gain@20%"), tr("Share of all engagers found in the top 20 %")},
        {tr("Brier"), tr("Mean squared error of the probabilities (lower is better)")},
        {tr("ECE"), tr("Expected calibration error: how far probabilities are from observed rates")},
        {tr("Quality"), tr("Poor / Fair / Good / Excellent from AUC and lift@5%")},
    };
    if (section < 0 || section >= ColumnCount) {
        return {};
    }
    return role == Qt::DisplayRole ? headers[section].title : headers[section].tip;
}

} // namespace awb::ui
