// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/SegmentListModel.h"

#include "models/DisplayFormat.h"

namespace awb::ui {

SegmentListModel::SegmentListModel(QObject *parent) : QAbstractTableModel(parent) {}

void SegmentListModel::setSegments(std::vector<segments::SavedSegment> segments)
{
    beginResetModel();
    m_segments = std::move(segments);
    endResetModel();
}

void SegmentListModel::setCounts(const QHash<QString, qint64> &counts)
{
    m_counts = counts;
    if (!m_segments.empty()) {
        emit dataChanged(index(0, PeopleColumn), index(rowCount() - 1, PeopleColumn));
    }
}

QStringList SegmentListModel::names() const
{
    QStringList out;
    for (const segments::SavedSegment &s : m_segments) {
        out << QString::fromStdString(s.name);
    }
    return out;
}

int SegmentListModel::rowOf(const QString &name) const
{
    for (std::size_t i = 0; i < m_segments.size(); ++i) {
        if (QString::fromStdString(m_segments[i].name) == name) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

int SegmentListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_segments.size());
}

int SegmentListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SegmentListModel::display(const segments::SavedSegment &s, int column) const
{
    switch (column) {
    case NameColumn:
        return QString::fromStdString(s.name);
    case PeopleColumn: {
        const auto it = m_counts.constFind(QString::fromStdString(s.name));
        if (it == m_counts.constEnd()) {
            return QStringLiteral("…");
        }
        return it.value() < 0 ? tr("error") : format::count(it.value());
    }
    case DescriptionColumn:
        return QString::fromStdString(s.description);
    case UpdatedColumn:
        return format::timestamp(s.updatedAtMs);
    default:
        return {};
    }
}

QVariant SegmentListModel::sortValue(const segments::SavedSegment &s, int column) const
{
    switch (column) {
    case PeopleColumn:
        return m_counts.value(QString::fromStdString(s.name), -1);
    case UpdatedColumn:
        return static_cast<qint64>(s.updatedAtMs);
    default:
        return display(s, column).toString().toLower();
    }
}

QVariant SegmentListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) {
        return {};
    }
    const segments::SavedSegment &s = m_segments[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(s, index.column());
    case Qt::ToolTipRole:
        return index.column() == PeopleColumn ? tr("People matching the rule now") : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == PeopleColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case SortRole:
        return sortValue(s, index.column());
    case NameRole:
        return QString::fromStdString(s.name);
    default:
        return {};
    }
}

QVariant SegmentListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Segment");
    case PeopleColumn:
        return tr("People");
    case DescriptionColumn:
        return tr("Description");
    case UpdatedColumn:
        return tr("Updated");
    default:
        return {};
    }
}

} // namespace awb::ui
