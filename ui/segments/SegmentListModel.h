// SPDX-License-Identifier: GPL-3.0-or-later
// The saved segments of a workspace as a table: name, people (a rule segment's now, once counted; a static
// segment's frozen members), kind (rule, or static with its frozen date), description, updated.
#pragma once

#include "segments/SegmentRepository.h"

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

namespace awb::ui {

class SegmentListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        PeopleColumn,
        KindColumn,
        DescriptionColumn,
        UpdatedColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1, ///< raw value for sorting
        NameRole,                    ///< the segment's name (QString), any column
        StaticRole,                  ///< whether it is a static (frozen) segment (bool), any column
    };

    explicit SegmentListModel(QObject *parent = nullptr);

    void setSegments(std::vector<segments::SavedSegment> segments);
    /// People per rule segment name, as counted over the current traits (-1 = could not be counted); static
    /// segments show their frozen member count instead.
    void setCounts(const QHash<QString, qint64> &counts);
    const std::vector<segments::SavedSegment> &segments() const { return m_segments; }
    QStringList names() const;
    /// Row of the segment with that name, -1 when absent.
    int rowOf(const QString &name) const;
    /// The segment with that name, nullptr when absent.
    const segments::SavedSegment *find(const QString &name) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const segments::SavedSegment &s, int column) const;
    QVariant sortValue(const segments::SavedSegment &s, int column) const;
    QVariant toolTip(const segments::SavedSegment &s, int column) const;

    std::vector<segments::SavedSegment> m_segments;
    QHash<QString, qint64> m_counts;
};

} // namespace awb::ui
