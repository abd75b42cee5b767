// SPDX-License-Identifier: GPL-3.0-or-later
// The Segments area: the saved segments of the workspace (with how many people match each now) and the
// builder. From the list: new, from a template, open, rename, duplicate, delete and export.
// Freezing a segment to a static snapshot is not offered: SegmentService has no snapshot of a segment.
#pragma once

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace awb::ui {

class JobRunner;
class LiveEvaluation;
class SegmentBuilder;
class SegmentListModel;

class SegmentsArea : public QWidget
{
    Q_OBJECT
public:
    enum class Page
    {
        List,
        Builder,
    };

    explicit SegmentsArea(QWidget *parent = nullptr);
    ~SegmentsArea() override;

    /// The workspace whose segments to show (empty = none).
    void setWorkspace(const QString &path);
    /// The workspace's events or catalog changed: the traits are computed again when needed.
    void invalidateTraits();
    /// Re-reads the saved segments (and counts them once the traits are loaded).
    void reload();

    void newSegment();
    /// A new segment built from a template (once the traits are ready).
    void newFromTemplate(const QString &name);
    bool openSegment(const QString &name);
    bool renameSegment(const QString &from, const QString &to);
    /// Saves a copy named "NAME copy" (or "NAME copy 2" …); returns its name, empty on failure.
    QString duplicateSegment(const QString &name);
    bool removeSegment(const QString &name);
    /// Asks before deleting (a non-blocking message box).
    void confirmRemove(const QString &name);
    void showList();
    Page page() const;

    SegmentListModel *listModel() const { return m_list; }
    QTableView *listView() const { return m_view; }
    SegmentBuilder *builder() const { return m_builder; }
    LiveEvaluation &live() const { return *m_live; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *createListPage();
    /// The title and the buttons above the list.
    QHBoxLayout *createListActions(QWidget *page);
    QString currentName() const;
    /// Makes the segment with that name the current row (else the top one).
    void select(const QString &name);
    void askRename(const QString &name);
    void exportSaved(const QString &name);
    void updateEmptyState();

    QString m_path;
    LiveEvaluation *m_live;
    QStackedWidget *m_stack;
    SegmentListModel *m_list;
    QSortFilterProxyModel *m_sorted;
    QTableView *m_view;
    QLabel *m_empty;
    QPushButton *m_new;
    SegmentBuilder *m_builder;
    std::vector<QToolButton *> m_rowButtons;
};

} // namespace awb::ui
