// SPDX-License-Identifier: GPL-3.0-or-later
#include "audiences/AudienceMembersModel.h"

#include "charts/ChartPalette.h"
#include "models/DisplayFormat.h"
#include "services/AudienceService.h"

#include <algorithm>
#include <climits>

namespace awb::ui {

AudienceMembersModel::AudienceMembersModel(QObject *parent) : QAbstractTableModel(parent), m_cache(200, 32) {}

void AudienceMembersModel::setAudience(const QString &workspacePath, const QString &name, qint64 size)
{
    beginResetModel();
    m_path = workspacePath;
    m_name = name;
    m_size = name.isEmpty() ? 0 : size;
    m_cache.clear();
    m_error.reset();
    endResetModel();
}

void AudienceMembersModel::sort(int column, Qt::SortOrder order)
{
    if (!isSortable(column)) {
        return;
    }
    // Rank 1 is the highest likelihood: ascending rank and descending likelihood are the same order.
    const bool worstFirst = (column == RankColumn) == (order == Qt::DescendingOrder);
    if (worstFirst == m_worstFirst) {
        return;
    }
    beginResetModel();
    m_worstFirst = worstFirst;
    m_cache.clear();
    endResetModel();
}

Result<std::vector<audience::AudienceMember>> AudienceMembersModel::fetch(std::int64_t offset,
                                                                          std::int64_t limit) const
{
    services::AudienceService service(m_path.toStdString());
    if (!m_worstFirst) {
        return service.members(m_name.toStdString(), offset, limit);
    }
    // Rows offset .. offset + limit - 1 counted from the worst are ranks m_size - offset down to ...
    const std::int64_t last = m_size - offset; // highest rank in the block
    const std::int64_t first = std::max<std::int64_t>(1, last - limit + 1);
    auto members = service.members(m_name.toStdString(), first - 1, last - first + 1);
    if (members) {
        std::reverse(members->begin(), members->end());
    }
    return members;
}

const audience::AudienceMember *AudienceMembersModel::memberAt(int row) const
{
    if (row < 0 || row >= rowCount()) {
        return nullptr;
    }
    Error error;
    bool failed = false;
    const auto *member = m_cache.row(
        row, [this](std::int64_t offset, std::int64_t limit) { return fetch(offset, limit); }, error, failed);
    if (failed && !m_error) {
        m_error = error;
        emit const_cast<AudienceMembersModel *>(this)->readFailed(error);
    }
    return member;
}

int AudienceMembersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(std::min<qint64>(m_size, INT_MAX));
}

int AudienceMembersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AudienceMembersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()) {
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        return index.column() <= ScoreColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    }
    if (role == Qt::ForegroundRole || role == Qt::ToolTipRole) {
        // Control group members are listed with the others (ranks stay whole) but shown muted.
        const audience::AudienceMember *m = memberAt(index.row());
        if (!m || !m->control) {
            return {};
        }
        return role == Qt::ForegroundRole ? QVariant(palette::mutedText())
                                          : QVariant(tr("Control group: held out, never exported"));
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    const audience::AudienceMember *m = memberAt(index.row());
    if (!m) {
        return {};
    }
    switch (index.column()) {
    case RankColumn:
        return QVariant::fromValue<qint64>(m->rank);
    case ScoreColumn:
        return format::percent(m->score);
    case KeyColumn:
        return QString::fromStdString(m->key);
    case EmailColumn:
        return QString::fromStdString(m->email);
    case FirstNameColumn:
        return QString::fromStdString(m->firstName);
    case LastNameColumn:
        return QString::fromStdString(m->lastName);
    case CountryColumn:
        return QString::fromStdString(m->country);
    default:
        return {};
    }
}

QVariant AudienceMembersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case RankColumn:
        return tr("Rank");
    case ScoreColumn:
        return tr("Likelihood");
    case KeyColumn:
        return tr("User");
    case EmailColumn:
        return tr("E-mail");
    case FirstNameColumn:
        return tr("First name");
    case LastNameColumn:
        return tr("Last name");
    case CountryColumn:
        return tr("Country");
    default:
        return {};
    }
}

} // namespace awb::ui
