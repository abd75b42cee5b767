// SPDX-License-Identifier: GPL-3.0-or-later
#include "audiences/AudienceListModel.h"

#include "charts/ChartPalette.h"
#include "models/DisplayFormat.h"
#include "services/ScoringService.h"

#include <QBrush>

namespace awb::ui {

AudienceListModel::AudienceListModel(QObject *parent) : QAbstractTableModel(parent) {}

void AudienceListModel::setAudiences(std::vector<audience::AudienceInfo> audiences)
{
    beginResetModel();
    m_audiences = std::move(audiences);
    endResetModel();
}

QStringList AudienceListModel::names() const
{
    QStringList out;
    for (const audience::AudienceInfo &a : m_audiences) {
        out << QString::fromStdString(a.name);
    }
    return out;
}

int AudienceListModel::rowOf(const QString &name) const
{
    for (std::size_t i = 0; i < m_audiences.size(); ++i) {
        if (QString::fromStdString(m_audiences[i].name) == name) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

int AudienceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_audiences.size());
}

int AudienceListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AudienceListModel::targetText(const audience::AudienceInfo &a)
{
    const QString target = a.target.productId.empty()
                               ? QStringLiteral("%1 = %2").arg(QString::fromStdString(a.target.column),
                                                               QString::fromStdString(a.target.value))
                               : tr("product %1").arg(QString::fromStdString(a.target.productId));
    return tr("%1, within %2")
        .arg(target, format::plural(a.horizonMs / services::kDayMs, tr("%1 day"), tr("%1 days")));
}

QVariant AudienceListModel::display(const audience::AudienceInfo &a, int column) const
{
    switch (column) {
    case NameColumn:
        return QString::fromStdString(a.name);
    case TargetColumn:
        return targetText(a);
    case SizeColumn:
        if (a.status != audience::AudienceStatus::Live) {
            return QString::fromStdString(a.sizeRule.toString());
        }
        return a.reachableByEmail < 0
                   ? tr("%1 (%2)").arg(format::count(a.size), QString::fromStdString(a.sizeRule.toString()))
                   : tr("%1 (%2), %3 by e-mail")
                         .arg(format::count(a.size), QString::fromStdString(a.sizeRule.toString()),
                              format::count(a.reachableByEmail));
    case QualityColumn:
        if (a.qualityLabel.empty() || a.qualityLabel == numeric::kInsufficientData) {
            return QString::fromStdString(a.qualityLabel); // an AUC of a handful of engagers says nothing
        }
        return tr("%1 · AUC %2").arg(QString::fromStdString(a.qualityLabel)).arg(a.auc, 0, 'f', 2);
    case StatusColumn:
        return QString::fromStdString(a.statusText());
    case CreatedColumn:
        return format::timestamp(a.createdAtMs);
    default:
        return {};
    }
}

QVariant AudienceListModel::sortValue(const audience::AudienceInfo &a, int column) const
{
    switch (column) {
    case SizeColumn:
        return QVariant::fromValue<qint64>(a.size);
    case QualityColumn:
        return a.auc;
    case CreatedColumn:
        return QVariant::fromValue<qint64>(a.createdAtMs);
    default:
        return display(a, column);
    }
}

QVariant AudienceListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const audience::AudienceInfo &a = m_audiences[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(a, index.column());
    case SortRole:
        return sortValue(a, index.column());
    case NameRole:
        return QString::fromStdString(a.name);
    case Qt::ToolTipRole:
        return a.description.empty() ? QVariant() : QString::fromStdString(a.description);
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn && a.status == audience::AudienceStatus::Computing) {
            return QBrush(palette::warning());
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == SizeColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default:
        return {};
    }
}

QVariant AudienceListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TargetColumn:
        return tr("Target");
    case SizeColumn:
        return tr("Size");
    case QualityColumn:
        return tr("Model quality");
    case StatusColumn:
        return tr("Status");
    case CreatedColumn:
        return tr("Created");
    default:
        return {};
    }
}

} // namespace awb::ui
