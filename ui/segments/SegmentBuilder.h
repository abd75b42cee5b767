// SPDX-License-Identifier: GPL-3.0-or-later
// Building a segment: the rule editor on the left, the live count, preview, RFM grid and overlap on the
// right. Every edit restarts a short debounce, then the rule is counted off the UI thread over traits
// computed once per workspace. Templates build a ready rule (asking for a category or brand when they
// need one); the segment is saved under a name, and its matching profiles can be exported to CSV.
#pragma once

#include "services/SegmentService.h"

#include <QTimer>
#include <QWidget>

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
struct EvaluationResult;

class SegmentBuilder : public QWidget
{
    Q_OBJECT
public:
    explicit SegmentBuilder(LiveEvaluation &live, QWidget *parent = nullptr);
    ~SegmentBuilder() override;

    /// Starts over with a new, empty segment of the live evaluation's workspace.
    void newSegment();
    /// Edits a saved segment; false (with the error shown) when it cannot be read.
    bool openSegment(const QString &name);
    /// Names of the saved segments (names taken, overlap choices).
    void setSegments(const QStringList &names);

    /// Replaces the rule with a template's, as one undo step; false with the reason shown. Before the
    /// traits are loaded the template is applied once they are.
    bool applyTemplate(const QString &name, const std::map<std::string, std::string> &params = {});
    /// Applies a template, asking first (a non-blocking dialog) when it needs a category or brand; before
    /// the traits are loaded, once they are.
    void chooseTemplate(const QString &name);

    void setName(const QString &name);
    QString name() const;
    /// The saved segment being edited (empty for a new one).
    const QString &editedSegment() const { return m_editing; }
    /// Saves the rule under the name (renaming the edited segment when the name changed); false with the
    /// reason shown.
    bool save();
    /// Exports the profiles matching the current rule in the background (exported / failed).
    bool exportCsv(const services::SegmentExportRequest &request);
    /// Asks where and how to export (a non-blocking dialog), then exports.
    void startExport();

    /// Whether the rule changed since it was opened or saved.
    bool hasUnsavedChanges() const;
    /// Back to the list, asking first (a non-blocking message box) when there are unsaved changes.
    void leave();

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

    LiveEvaluation &m_live;
    QString m_editing;
    QString m_description;
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
    QLabel *m_status;
};

} // namespace awb::ui
