// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/PreviewModel.h"

#include "segments/RuleVocabulary.h"

#include <QLocale>

namespace awb::ui {

PreviewModel::PreviewModel(QObject *parent) : QAbstractTableModel(parent) {}

void PreviewModel::setRows(std::vector<services::PreviewRow> rows, std::vector<std::string> traitIds,
                           const RuleVocabulary *vocabulary)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_columns.clear();
    m_columns.push_back({tr("Profile"), tr("User id, else the first anonymous id"), -1});
    for (const std::string &id : traitIds) {
        const TraitChoice *c = vocabulary ? vocabulary->trait(id) : nullptr;
        m_columns.push_back({c ? QString::fromStdString(c->info.label) : QString::fromStdString(id),
                             c ? QString::fromStdString(c->info.description) : QString(),
                             c ? static_cast<int>(c->info.kind) : static_cast<int>(traits::TraitKind::Text)});
    }
    endResetModel();
}

void PreviewModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int PreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int PreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

QString PreviewModel::displayValue(const std::string &value, int kind) const
{
    const QString text = QString::fromStdString(value);
    if (kind == static_cast<int>(traits::TraitKind::Date)) {
        return text.left(10); // the day is enough to read a list
    }
    if (kind == static_cast<int>(traits::TraitKind::Number) && !text.isEmpty()) {
        bool ok = false;
        const double v = text.toDouble(&ok);
        if (ok) {
            return QLocale().toString(v, 'f', v == static_cast<double>(static_cast<long long>(v)) ? 0 : 2);
        }
    }
    return text;
}

QVariant PreviewModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) {
        return {};
    }
    const services::PreviewRow &row = m_rows[static_cast<std::size_t>(index.row())];
    const auto column = static_cast<std::size_t>(index.column());
    switch (role) {
    case Qt::DisplayRole:
        if (column == 0) {
            return QString::fromStdString(row.key);
        }
        return column - 1 < row.values.size() ? displayValue(row.values[column - 1], m_columns[column].kind)
                                              : QString();
    case Qt::TextAlignmentRole:
        return m_columns[column].kind == static_cast<int>(traits::TraitKind::Number)
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    case ProfileIdRole:
        return static_cast<qint64>(row.profileId);
    default:
        return {};
    }
}

QVariant PreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount()) {
        return {};
    }
    if (role == Qt::DisplayRole) {
        return m_columns[static_cast<std::size_t>(section)].label;
    }
    if (role == Qt::ToolTipRole) {
        return m_columns[static_cast<std::size_t>(section)].toolTip;
    }
    return {};
}

} // namespace awb::ui
