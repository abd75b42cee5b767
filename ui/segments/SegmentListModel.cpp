// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/SegmentListModel.h"

#include "charts/ChartPalette.h"
#include "models/DisplayFormat.h"

#include <algorithm>
#include <limits>

namespace awb::ui {

namespace {
constexpr int kMinCutChars = 40;
} // namespace

SegmentListModel::SegmentListModel(QObject *parent) : QAbstractTableModel(parent) {}

void SegmentListModel::setSegments(std::vector<segments::SavedSegment> segments)
{
    beginResetModel();
    m_segments = std::move(segments);
    summarize();
    endResetModel();
}

void SegmentListModel::setSummaryLength(int chars)
{
    if (chars == m_summaryLength) {
        return;
    }
    m_summaryLength = chars;
    summarize();
    if (!m_segments.empty()) {
        emit dataChanged(index(0, RuleColumn), index(rowCount() - 1, RuleColumn));
    }
}

void SegmentListModel::summarize()
{
    // Too narrow to cut by conditions ("Visitor type is New … …"): the view elides the whole text once.
    const std::size_t chars = m_summaryLength < kMinCutChars ? std::numeric_limits<std::size_t>::max()
                                                             : static_cast<std::size_t>(m_summaryLength);
    m_summaries.clear();
    for (const segments::SavedSegment &s : m_segments) {
        m_summaries.push_back(segments::summarizeSegment(s, chars));
    }
}

void SegmentListModel::setCounts(const QHash<QString, services::SegmentCount> &counts)
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

const segments::SavedSegment *SegmentListModel::find(const QString &name) const
{
    const int row = rowOf(name);
    return row < 0 ? nullptr : &m_segments[static_cast<std::size_t>(row)];
}

bool SegmentListModel::hasNotes() const
{
    return std::any_of(m_segments.begin(), m_segments.end(),
                       [](const segments::SavedSegment &s) { return !s.description.empty(); });
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
        if (s.isStatic()) {
            return format::count(s.memberCount - s.controlSize); // the control group is not contacted
        }
        const auto it = m_counts.constFind(QString::fromStdString(s.name));
        if (it == m_counts.constEnd()) {
            return QStringLiteral("…");
        }
        if (it->matching < 0) {
            return tr("error");
        }
        return tr("%1, %2 by e-mail").arg(format::count(it->matching), format::count(it->reachableByEmail));
    }
    case KindColumn:
        // The rule column says when a static segment was frozen.
        return s.isStatic() ? tr("Static") : tr("Rule");
    case RuleColumn:
        return QString::fromStdString(summaryOf(s).brief);
    case NoteColumn:
        return QString::fromStdString(s.description);
    case UpdatedColumn:
        return format::timestamp(s.updatedAtMs);
    default:
        return {};
    }
}

const segments::RuleSummary &SegmentListModel::summaryOf(const segments::SavedSegment &s) const
{
    // The summaries are kept in the segments' order.
    return m_summaries[static_cast<std::size_t>(&s - m_segments.data())];
}

QVariant SegmentListModel::toolTip(const segments::SavedSegment &s, int column) const
{
    if (column == KindColumn || (column == PeopleColumn && s.isStatic())) {
        return s.isStatic() ? tr("A static snapshot of \"%1\": %2 people frozen on %3 (traits as of %4). Its "
                                 "members never change.")
                                  .arg(QString::fromStdString(s.frozenFrom), format::count(s.memberCount),
                                       format::timestamp(s.createdAtMs), format::timestamp(s.asOfMs)) +
                                  (s.controlSize > 0 ? tr(" %1 of them are held out as a control group, never "
                                                          "exported.")
                                                           .arg(format::count(s.controlSize))
                                                     : QString())
                            : tr("Evaluated from its rule whenever it is used");
    }
    switch (column) {
    case PeopleColumn: {
        const auto it = m_counts.constFind(QString::fromStdString(s.name));
        if (it == m_counts.constEnd() || it->matching < 0) {
            return tr("People matching the rule now");
        }
        return tr("%1 matching the rule now: %2 identified, %3 reachable by e-mail (an address, not suppressed, "
                  "consent not refused)")
            .arg(format::plural(it->matching, tr("%1 person"), tr("%1 people")), format::count(it->identified),
                 format::count(it->reachableByEmail));
    }
    case RuleColumn:
        return QString::fromStdString(summaryOf(s).full);
    case NoteColumn:
        return s.description.empty() ? QVariant() : QString::fromStdString(s.description);
    default:
        return {};
    }
}

QVariant SegmentListModel::sortValue(const segments::SavedSegment &s, int column) const
{
    switch (column) {
    case PeopleColumn:
        if (s.isStatic()) {
            return qint64(s.memberCount - s.controlSize);
        }
        return m_counts.contains(QString::fromStdString(s.name))
                   ? qint64(m_counts.value(QString::fromStdString(s.name)).matching)
                   : qint64(-1);
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
        return toolTip(s, index.column());
    case Qt::ForegroundRole:
        return index.column() == KindColumn && s.isStatic() ? QVariant(palette::series(5)) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == PeopleColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case SortRole:
        return sortValue(s, index.column());
    case NameRole:
        return QString::fromStdString(s.name);
    case StaticRole:
        return s.isStatic();
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
    case KindColumn:
        return tr("Kind");
    case RuleColumn:
        return tr("Rule");
    case NoteColumn:
        return tr("Note");
    case UpdatedColumn:
        return tr("Updated");
    default:
        return {};
    }
}

} // namespace awb::ui
