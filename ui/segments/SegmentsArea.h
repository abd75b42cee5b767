// SPDX-License-Identifier: GPL-3.0-or-later
// The Segments area: the saved segments of the workspace (how many people match each rule now; static ones
// with their frozen members and date) and the builder. From the list: new, from a template, open, rename,
// duplicate, freeze into a static segment, delete and export.
#pragma once

#include <QWidget>

#include <functional>

class QVBoxLayout;
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
class SegmentFreezer;
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

    /// Runs proceed once the builder holds nothing unsaved (asking Save / Discard / Cancel when it does,
    /// with the builder in sight).
    void whenNothingUnsaved(std::function<void()> proceed);

    void newSegment();
    /// A new segment built from a template (once the traits are ready).
    void newFromTemplate(const QString &name);
    /// Opens a saved segment in the builder; with unsaved changes there, asks first and opens it once they
    /// are saved or discarded (returning false meanwhile).
    bool openSegment(const QString &name);
    bool renameSegment(const QString &from, const QString &to);
    /// Saves a copy named "NAME copy" (or "NAME copy 2" …); returns its name, empty on failure. The copy of
    /// a static segment is a rule segment with the rule it was frozen from.
    QString duplicateSegment(const QString &name);
    /// Asks for a name (default "NAME (frozen YYYY-MM-DD)"), then freezes the segment into a static one and
    /// opens it (SegmentFreezer::frozen).
    void askFreeze(const QString &name, bool unsaved = false);
    SegmentFreezer &freezer() const { return *m_freezer; }
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
    /// The title with the buttons that create, and the buttons acting on the chosen segment, above the list.
    QVBoxLayout *createListActions(QWidget *page);
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
    SegmentFreezer *m_freezer;
    QToolButton *m_freezeButton = nullptr;
    std::vector<QToolButton *> m_rowButtons;
};

} // namespace awb::ui
