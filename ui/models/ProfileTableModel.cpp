// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ProfileTableModel.h"

#include "models/DisplayFormat.h"

#include <QStringList>

namespace awb::ui {

using services::ProfileSort;

ProfileTableModel::ProfileTableModel(QObject *parent) : PagedTableModel(parent) {}

void ProfileTableModel::setFilter(const services::BrowseFilter &filter)
{
    m_query.filter = filter;
    refresh();
}

void ProfileTableModel::setPageSize(int rows)
{
    m_cache.setBlockSize(rows);
    refresh();
}

bool ProfileTableModel::isSortable(int column)
{
    return column == IdColumn || column == EmailColumn || column == FirstSeenColumn ||
           column == LastSeenColumn;
}

void ProfileTableModel::sort(int column, Qt::SortOrder order)
{
    if (!isSortable(column)) {
        return;
    }
    m_query.sort = column == EmailColumn       ? ProfileSort::Email
                   : column == FirstSeenColumn ? ProfileSort::FirstSeen
                   : column == LastSeenColumn  ? ProfileSort::LastSeen
                                               : ProfileSort::Id;
    m_query.order =
        order == Qt::AscendingOrder ? services::SortOrder::Ascending : services::SortOrder::Descending;
    refresh();
}

Result<std::int64_t> ProfileTableModel::countRows()
{
    return service()->countProfiles(m_query);
}

int ProfileTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const services::ProfileRow *ProfileTableModel::rowAt(int row) const
{
    if (!service() || row < 0 || row >= rowCount()) {
        return nullptr;
    }
    Error error;
    bool failed = false;
    const auto *profile = m_cache.row(
        row,
        [this](std::int64_t offset, std::int64_t limit) {
            return service()->profiles(m_query, offset, limit);
        },
        error, failed);
    if (failed) {
        reportError(error);
    }
    return profile;
}

QVariant ProfileTableModel::displayValue(const services::ProfileRow &profile, int column) const
{
    switch (column) {
    case IdColumn:
        return QVariant::fromValue<qint64>(profile.id);
    case UserIdsColumn: {
        QStringList ids;
        for (const std::string &id : profile.userIds) {
            ids << QString::fromStdString(id);
        }
        return ids.join(QStringLiteral(", "));
    }
    case EmailColumn:
        return QString::fromStdString(profile.email);
    case FirstSeenColumn:
        return format::timestamp(profile.firstSeenMs);
    case LastSeenColumn:
        return format::timestamp(profile.lastSeenMs);
    case EventCountColumn:
        return QVariant::fromValue<qint64>(profile.eventCount);
    default:
        return {};
    }
}

QVariant ProfileTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const services::ProfileRow *profile = rowAt(index.row());
    if (!profile) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(*profile, index.column());
    case Qt::TextAlignmentRole:
        return index.column() == IdColumn || index.column() == EventCountColumn
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    case IdRole:
        return QVariant::fromValue<qint64>(profile->id);
    default:
        return {};
    }
}

QVariant ProfileTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case IdColumn:
        return tr("Profile");
    case UserIdsColumn:
        return tr("User IDs");
    case EmailColumn:
        return tr("Email");
    case FirstSeenColumn:
        return tr("First seen (UTC)");
    case LastSeenColumn:
        return tr("Last seen (UTC)");
    case EventCountColumn:
        return tr("Events");
    default:
        return {};
    }
}

} // namespace awb::ui
