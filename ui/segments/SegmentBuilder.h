// SPDX-License-Identifier: GPL-3.0-or-later
// Building a segment: the rule editor on the left, the live count, preview, RFM grid and overlap on the
// right. Every edit restarts a short debounce, then the rule is counted off the UI thread over traits
// computed once per workspace. Templates build a ready rule (asking for a category or brand when they
// need one); the segment is saved under a name, and its matching profiles can be exported to CSV. A static
// (frozen) segment opens read-only under a banner: its frozen members are counted, previewed and exported.
#pragma once

#include "services/SegmentService.h"

#include <QTimer>
#include <QWidget>

#include <functional>
#include <map>
#include <optional>
#include <string>

class QLabel;
class QLineEdit;
class QSplitter;

namespace awb::ui {

class JobRunner;
class LiveEvaluation;
class RuleEditor;
class SegmentInsights;
class SegmentToolbar;
class StaticSegmentBanner;
class StatusLine;
struct EvaluationResult;

class SegmentBuilder : public QWidget
{
    Q_OBJECT
public:
    explicit SegmentBuilder(LiveEvaluation &live, QWidget *parent = nullptr);
    ~SegmentBuilder() override;

    /// Starts over with a new, empty segment of the live evaluation's workspace.
    void newSegment();
    /// Edits a saved segment (shows a static one read-only); false (with the error shown) when it cannot
    /// be read.
    bool openSegment(const QString &name);
    /// Whether a static segment is shown.
    bool isStatic() const { return m_static.has_value(); }
    /// A static segment's origin rule as a new, unsaved rule segment.
    void editAsNewSegment();
    /// The rule whose matches are shown and exported (a static segment: its frozen members).
    segments::Rule evaluatedRule() const;
    /// Names of the saved segments (names taken, overlap choices).
    void setSegments(const QStringList &names);

    /// Replaces the rule with a template's, as one undo step; false with the reason shown. Before the
    /// traits are loaded the template is applied once they are.
    bool applyTemplate(const QString &name, const std::map<std::string, std::string> &params = {});
    /// Applies a template, asking first (a non-blocking dialog) when it needs a category or brand; before
    /// the traits are loaded, once they are. A template never changes a saved segment: over one (or over
    /// unsaved changes, once they are saved or discarded) it starts a new segment named after the template.
    void chooseTemplate(const QString &name);

    void setName(const QString &name);
    QString name() const;
    /// The saved segment being edited (empty for a new one).
    const QString &editedSegment() const { return m_editing; }
    /// Saves the rule under the name (renaming the edited segment when the name changed), checked against
    /// the workspace: a taken name is refused; when the segment was saved or deleted elsewhere since it was
    /// opened, asks (non-blocking) whether to overwrite it or save this rule as a new segment. Returns
    /// whether it saved at once; andThen runs once it saved (now, or after that question).
    bool save(std::function<void()> andThen = {});
    /// Exports the profiles matching the current rule in the background (exported / failed).
    bool exportCsv(const services::SegmentExportRequest &request);
    /// Asks where and how to export (a non-blocking dialog), then exports.
    void startExport();
    /// Asks the area to freeze the saved segment (freezeRequested); false with the reason shown when it
    /// is not saved yet.
    bool requestFreeze();

    /// Whether the rule, the name or the note changed since it was opened or saved.
    bool hasUnsavedChanges() const;
    /// Runs proceed once nothing unsaved would be lost: at once without unsaved changes, else after asking
    /// Save / Discard / Cancel (a window-modal, non-blocking message box): after saving, or after
    /// discarding the changes; never after Cancel or a save that did not happen.
    void askToSaveThen(std::function<void()> proceed);
    /// Drops the unsaved changes: the opened segment as it was opened, or a new empty segment.
    void discardChanges();
    /// Back to the list, asking first when there are unsaved changes.
    void leave();
    /// The saved segments as the workspace holds them now: the opened segment follows a change made
    /// elsewhere when it has no unsaved changes, else the builder says that Save will ask.
    void followSavedSegments(const std::vector<segments::SavedSegment> &saved);

    RuleEditor *editor() const { return m_editor; }
    SegmentInsights *insights() const { return m_insights; }
    JobRunner &exportJob() const { return *m_export; }
    /// The count shown for the current rule; nullopt while it is being counted or when the rule is invalid.
    std::optional<services::SegmentCount> count() const;
    QString statusText() const;

signals:
    /// A count for the current rule is shown.
    void countShown();
    void saved(const QString &name);
    void exported(const QString &report);
    void backRequested();
    /// Freeze the saved segment name; unsaved: the rule has edits that are not saved.
    void freezeRequested(const QString &name, bool unsaved);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void connectLive();
    void onRuleChanged();
    void requestEvaluation();
    void onEvaluated(const EvaluationResult &result);
    void onLoaded();
    void addRfmCell(int recency, int frequency);
    void setStatus(const QString &text, bool error = false);
    /// The template's rule on a new segment named after it (the template's label, made unique).
    void startFromTemplate(const QString &name);
    void pickTemplate(const QString &name);
    bool store(bool overwrite, std::function<void()> andThen);
    void askOverwrite(const Error &conflict, std::function<void()> andThen);
    QString freeName(const QString &base) const;

    /// Shows segment (a static one read-only, under the banner) or a rule segment.
    void showStatic(const std::optional<segments::SavedSegment> &segment);

    LiveEvaluation &m_live;
    QString m_editing;
    /// The saved segment as it was opened or last saved here (its version is checked when saving).
    std::optional<segments::SavedSegment> m_opened;
    std::optional<segments::SavedSegment> m_static;
    QStringList m_segments;
    /// A template chosen before the traits were loaded: applied (or asked for) once they are.
    struct PendingTemplate
    {
        QString name;
        std::map<std::string, std::string> params;
        bool ask = false;
    };
    std::optional<PendingTemplate> m_pendingTemplate;
    std::optional<services::SegmentCount> m_count;
    std::uint64_t m_generation = 0;
    QTimer m_debounce;
    RuleEditor *m_editor;
    SegmentInsights *m_insights;
    JobRunner *m_export;
    QSplitter *m_split;
    SegmentToolbar *m_bar;
    QLineEdit *m_name;
    QLineEdit *m_note;
    StatusLine *m_status;
    StaticSegmentBanner *m_banner;
};

} // namespace awb::ui
