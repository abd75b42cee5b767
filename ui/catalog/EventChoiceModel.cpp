// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/EventChoiceModel.h"

#include "catalog/CatalogDefinition.h"
#include "charts/ChartPalette.h"
#include "models/DisplayFormat.h"

#include <algorithm>

namespace awb::ui {

EventChoiceModel::EventChoiceModel(QObject *parent) : QAbstractTableModel(parent) {}

void EventChoiceModel::setEvents(std::vector<catalog::EventSummary> events, const QStringList &checked)
{
    beginResetModel();
    m_events = std::move(events);
    for (const QString &name : checked) {
        const std::string n = name.toStdString();
        const bool known = std::any_of(m_events.begin(), m_events.end(),
                                       [&](const catalog::EventSummary &e) { return e.name == n; });
        if (!known) {
            m_events.push_back({n, 0, false});
        }
    }
    m_checked.assign(m_events.size(), false);
    int count = 0;
    for (std::size_t i = 0; i < m_events.size(); ++i) {
        if (checked.contains(QString::fromStdString(m_events[i].name)) &&
            count < static_cast<int>(catalog::kMaxEvents)) {
            m_checked[i] = true;
            ++count;
        }
    }
    endResetModel();
    emit checkedChanged();
}

bool EventChoiceModel::setChecked(const QString &name, bool checked)
{
    const int row = rowOf(name);
    return row >= 0 &&
           setData(index(row, EventColumn), checked ? Qt::Checked : Qt::Unchecked, Qt::CheckStateRole);
}

QStringList EventChoiceModel::checkedNames() const
{
    QStringList names;
    for (std::size_t i = 0; i < m_events.size(); ++i) {
        if (m_checked[i]) {
            names << QString::fromStdString(m_events[i].name);
        }
    }
    return names;
}

int EventChoiceModel::checkedCount() const
{
    return static_cast<int>(std::count(m_checked.begin(), m_checked.end(), true));
}

int EventChoiceModel::rowOf(const QString &name) const
{
    const std::string n = name.toStdString();
    for (std::size_t i = 0; i < m_events.size(); ++i) {
        if (m_events[i].name == n) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

int EventChoiceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_events.size());
}

int EventChoiceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventChoiceModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const auto row = static_cast<std::size_t>(index.row());
    const catalog::EventSummary &event = m_events[row];
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(event, index.column());
    case Qt::CheckStateRole:
        return index.column() == EventColumn ? QVariant(m_checked[row] ? Qt::Checked : Qt::Unchecked)
                                             : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == CountColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ForegroundRole:
        return event.hasProducts ? QVariant() : QVariant(palette::mutedText());
    case Qt::ToolTipRole:
        return event.hasProducts
                   ? QVariant()
                   : QVariant(tr("Its latest events carry no product: it would add no interactions."));
    case NameRole:
        return QString::fromStdString(event.name);
    case SortRole:
        return index.column() == CountColumn ? QVariant(qint64(event.events))
                                             : QVariant(QString::fromStdString(event.name));
    case HasProductsRole:
        return event.hasProducts;
    default:
        return {};
    }
}

QVariant EventChoiceModel::displayValue(const catalog::EventSummary &event, int column) const
{
    switch (column) {
    case EventColumn:
        return QString::fromStdString(event.name);
    case CountColumn:
        return format::count(event.events);
    case ProductsColumn:
        return event.hasProducts ? tr("Yes") : tr("No product data");
    default:
        return {};
    }
}

bool EventChoiceModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        role != Qt::CheckStateRole || index.column() != EventColumn) {
        return false;
    }
    const auto row = static_cast<std::size_t>(index.row());
    const bool checked = value.value<Qt::CheckState>() == Qt::Checked;
    if (checked == m_checked[row]) {
        return true;
    }
    if (checked && checkedCount() >= static_cast<int>(catalog::kMaxEvents)) {
        emit limitReached(QString::fromStdString(m_events[row].name));
        return false;
    }
    m_checked[row] = checked;
    emit dataChanged(index, index, {Qt::CheckStateRole});
    emit checkedChanged();
    return true;
}

Qt::ItemFlags EventChoiceModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return Qt::NoItemFlags;
    }
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    return index.column() == EventColumn ? f | Qt::ItemIsUserCheckable : f;
}

QVariant EventChoiceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole) {
        return QVariant((section == CountColumn ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case EventColumn:
        return tr("Event");
    case CountColumn:
        return tr("Events");
    case ProductsColumn:
        return tr("Products");
    default:
        return {};
    }
}

} // namespace awb::ui
