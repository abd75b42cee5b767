// SPDX-License-Identifier: GPL-3.0-or-later
// The catalog wizard's event picker: the workspace's event names with counts, checkable, at most 10.
#pragma once

#include "catalog/CatalogPreview.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace awb::ui {

class EventChoiceModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        EventColumn, ///< checkable
        CountColumn,
        ProductsColumn,
        ColumnCount
    };
    enum Role
    {
        NameRole = Qt::UserRole + 1, ///< the event name (QString)
        SortRole,                    ///< raw value for sorting (count as qint64)
        HasProductsRole,             ///< bool
    };

    explicit EventChoiceModel(QObject *parent = nullptr);

    /// Replaces the rows (in the given order) and checks the named events; unknown checked names are
    /// appended as rows with no count (an edited catalog whose event is no longer in the data).
    void setEvents(std::vector<catalog::EventSummary> events, const QStringList &checked);
    /// Checks or unchecks an event; false when unknown, or when checking it would pass the limit.
    bool setChecked(const QString &name, bool checked);
    /// Checked event names, in row order.
    QStringList checkedNames() const;
    int checkedCount() const;
    const catalog::EventSummary &event(int row) const { return m_events[static_cast<std::size_t>(row)]; }
    int rowOf(const QString &name) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void checkedChanged();
    /// An event could not be checked because the limit (catalog::kMaxEvents) was reached.
    void limitReached(const QString &name);

private:
    QVariant displayValue(const catalog::EventSummary &event, int column) const;

    std::vector<catalog::EventSummary> m_events;
    std::vector<bool> m_checked;
};

} // namespace awb::ui
