// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/EventTableModel.h"

#include "models/DisplayFormat.h"

namespace awb::ui {

using services::EventSort;

EventTableModel::EventTableModel(QObject *parent) : PagedTableModel(parent) {}

void EventTableModel::setFilter(const services::BrowseFilter &filter)
{
    m_query.filter = filter;
    refresh();
}

void EventTableModel::setProfileId(std::int64_t profileId)
{
    m_query.profileId = profileId;
    refresh();
}

void EventTableModel::setPageSize(int rows)
{
    m_cache.setBlockSize(rows);
    refresh();
}

bool EventTableModel::isSortable(int column)
{
    return column == TimeColumn || column == NameColumn || column == ProfileColumn;
}

void EventTableModel::sort(int column, Qt::SortOrder order)
{
    if (!isSortable(column)) {
        return;
    }
    m_query.sort = column == NameColumn      ? EventSort::Name
                   : column == ProfileColumn ? EventSort::Profile
                                             : EventSort::Time;
    m_query.order =
        order == Qt::AscendingOrder ? services::SortOrder::Ascending : services::SortOrder::Descending;
    refresh();
}

Result<std::int64_t> EventTableModel::countRows()
{
    return service()->countEvents(m_query);
}

int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const services::EventRow *EventTableModel::rowAt(int row) const
{
    if (!service() || row < 0 || row >= rowCount()) {
        return nullptr;
    }
    Error error;
    bool failed = false;
    const auto *event = m_cache.row(
        row,
        [this](std::int64_t offset, std::int64_t limit) { return service()->events(m_query, offset, limit); },
        error, failed);
    if (failed) {
        reportError(error);
    }
    return event;
}

QVariant EventTableModel::displayValue(const services::EventRow &event, int column) const
{
    switch (column) {
    case TimeColumn:
        return format::timestamp(event.timestampMs);
    case NameColumn:
        return QString::fromStdString(event.name);
    case UserIdColumn:
        return QString::fromStdString(event.userId);
    case AnonymousIdColumn:
        return QString::fromStdString(event.anonymousId);
    case ProfileColumn:
        return QVariant::fromValue<qint64>(event.profileId);
    case PropertiesColumn:
        return format::compactJson(event.propertiesJson);
    default:
        return {};
    }
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const services::EventRow *event = rowAt(index.row());
    if (!event) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(*event, index.column());
    case Qt::ToolTipRole:
        return index.column() == PropertiesColumn ? format::indentedJson(event->propertiesJson) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == ProfileColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case IdRole:
        return QVariant::fromValue<qint64>(event->id);
    case ProfileIdRole:
        return QVariant::fromValue<qint64>(event->profileId);
    case TimestampRole:
        return QVariant::fromValue<qint64>(event->timestampMs);
    default:
        return {};
    }
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case TimeColumn:
        return tr("Time (UTC)");
    case NameColumn:
        return tr("Event");
    case UserIdColumn:
        return tr("User ID");
    case AnonymousIdColumn:
        return tr("Anonymous ID");
    case ProfileColumn:
        return tr("Profile");
    case PropertiesColumn:
        return tr("Properties");
    default:
        return {};
    }
}

} // namespace awb::ui
