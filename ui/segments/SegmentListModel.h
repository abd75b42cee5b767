// SPDX-License-Identifier: GPL-3.0-or-later
// The saved segments of a workspace as a table: name, people (a rule segment's now, once counted; a static
// segment's frozen members), kind (rule or static), the rule in plain language (segments/RuleSummary.h: cut
// to the column, the whole text as tooltip; a static segment's says what it was frozen from and when), the
// user's note, updated.
#pragma once

#include "segments/RuleSummary.h"
#include "segments/SegmentRepository.h"
#include "services/SegmentService.h"

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
        RuleColumn,
        NoteColumn,
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
    void setCounts(const QHash<QString, services::SegmentCount> &counts);
    const std::vector<segments::SavedSegment> &segments() const { return m_segments; }
    QStringList names() const;
    /// Row of the segment with that name, -1 when absent.
    int rowOf(const QString &name) const;
    /// The segment with that name, nullptr when absent.
    const segments::SavedSegment *find(const QString &name) const;
    /// Whether some segment has a note (else the note column says nothing).
    bool hasNotes() const;
    /// About how many characters the rule column shows: its rules are cut to fit (the tooltip has them all).
    void setSummaryLength(int chars);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const segments::SavedSegment &s, int column) const;
    QVariant sortValue(const segments::SavedSegment &s, int column) const;
    QVariant toolTip(const segments::SavedSegment &s, int column) const;
    void summarize();
    /// The summary of s, one of m_segments.
    const segments::RuleSummary &summaryOf(const segments::SavedSegment &s) const;

    std::vector<segments::SavedSegment> m_segments;
    std::vector<segments::RuleSummary> m_summaries; ///< per segment, in their order
    int m_summaryLength = static_cast<int>(segments::kBriefSummaryChars);
    QHash<QString, services::SegmentCount> m_counts;
};

} // namespace awb::ui
