// SPDX-License-Identifier: GPL-3.0-or-later
// Creating a recommendation audience: pick the target (TargetPicker), score every profile in the
// background, choose the size against the live propensity chart and histogram with its read-outs, then
// name it, pick destinations and create the snapshot (another background job).
#pragma once

#include "audience/AudienceQuality.h"
#include "audience/AudienceTypes.h"
#include "catalog/CatalogValuesModel.h"
#include "segments/SegmentRepository.h"
#include "services/AudienceDraft.h"

#include <QElapsedTimer>
#include <QWidget>

#include <memory>
#include <vector>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace awb::ui {

class JobRunner;
class PropensityChart;
class ScoreHistogram;
class SizePicker;
class TargetPicker;

class AudienceBuilder : public QWidget
{
    Q_OBJECT
public:
    enum class Readout
    {
        Size,
        AverageLikelihood,
        Lift,
        ExpectedEngagers,
        Quality,
    };

    explicit AudienceBuilder(QWidget *parent = nullptr);
    ~AudienceBuilder() override;

    /// The workspace to score and create in; forgets scores of another workspace (a running job is
    /// cancelled).
    void setWorkspace(const QString &path);
    void setCatalog(std::vector<ColumnValues> columns);
    /// Names of the saved audiences (population choices, and names already taken).
    void setAudiences(const QStringList &names);
    /// Saved segments the population can be restricted to or exclude.
    void setSegments(const std::vector<segments::SavedSegment> &segments);
    /// Starts over: no scores, empty name (the target choice stays).
    void reset();

    /// Shows a scored draft (what a finished Score job does): chart, histogram, size range, read-outs.
    void showDraft(std::shared_ptr<const services::AudienceDraft> draft);
    /// Scores the picker's target in the background; false while a job runs or the choice is incomplete.
    bool score();
    /// Creates the audience from the current scores and size, then writes the chosen destinations; false
    /// (with the reason shown) when something is missing. With too few engagers in the backtest for a
    /// quality, or a destination that would get no row, the first call only shows the warning and the
    /// button says "Create anyway"; the second creates (and writes no empty file).
    bool create();
    void cancel();

    void setName(const QString &name);
    void setDescription(const QString &description);
    /// Checks the destination presets (ids of exports::presetList()) and the folder their files go to.
    void setDestinations(const QStringList &presets, const QString &folder);

    TargetPicker *targetPicker() const { return m_target; }
    SizePicker *sizePicker() const { return m_size; }
    PropensityChart *chart() const { return m_chart; }
    ScoreHistogram *histogram() const { return m_histogram; }
    JobRunner &job() const { return *m_job; }
    /// The current draft, or nullptr before scoring.
    const services::AudienceDraft *scored() const { return m_scored.get(); }
    QString readoutText(Readout readout) const;
    QString statusText() const;
    bool isSizeNoteVisible() const;
    /// The warning shown before creating an audience whose quality cannot be measured, or empty.
    QString qualityWarning() const;
    /// The warning shown before creating when a checked destination would get no row (nobody at the chosen
    /// size has what it needs or may be contacted), or empty.
    QString destinationWarning() const;

signals:
    void scoresShown();
    /// The audience was stored (destinations written or reported).
    void created(const QString &name);
    void backRequested();

private:
    QWidget *createSizeSection();
    QWidget *createReadouts();
    QWidget *createNameSection();
    void connectJob();
    void onJobFinished();
    void onStopped(const QString &message, bool isError);
    void setRunning(bool running);
    void onSizeChanged(qint64 size);
    void invalidateScores();
    QString validateName() const;

    QString m_path;
    QStringList m_audiences;
    std::shared_ptr<const services::AudienceDraft> m_scored;
    QString m_warned; ///< the warnings shown by the last click on Create (the next one with the same creates)
    JobRunner *m_job;
    bool m_creating = false;
    QElapsedTimer m_clock;
    TargetPicker *m_target;
    SizePicker *m_size;
    PropensityChart *m_chart;
    ScoreHistogram *m_histogram;
    std::vector<QLabel *> m_readouts;
    QLabel *m_sizeNote;
    QLabel *m_qualityNote;
    QLabel *m_status;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
    QLineEdit *m_name;
    QLabel *m_nameError;
    QLineEdit *m_description;
    QListWidget *m_destinations;
    QCheckBox *m_includeAll;
    QDoubleSpinBox *m_control;
    QLineEdit *m_folder;
    QPushButton *m_create;
    QWidget *m_results;
};

} // namespace awb::ui
