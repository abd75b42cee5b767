// SPDX-License-Identifier: GPL-3.0-or-later
// One audience snapshot: what it targets, its chart and histogram as frozen at creation, its members with
// their traits, its campaign results, its export history, and Export…, Duplicate with another size… and
// Delete….
#pragma once

#include "audience/AudienceQuality.h"
#include "audience/AudienceTypes.h"
#include "services/ExportService.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace awb::ui {

class AudienceMembersModel;
class AudienceResultsPanel;
class DataTableView;
class ExportDialog;
class JobRunner;
class PropensityChart;
class ScoreHistogram;

class AudienceDetail : public QWidget
{
    Q_OBJECT
public:
    explicit AudienceDetail(QWidget *parent = nullptr);

    void setWorkspace(const QString &path);
    /// Reads and shows the audience; false (with the error shown) when it cannot be read.
    bool showAudience(const QString &name);
    QString audienceName() const { return QString::fromStdString(m_info.name); }
    const audience::AudienceInfo &info() const { return m_info; }
    const audience::AudienceQuality &quality() const { return m_quality; }

    /// Opens the export dialog (window-modal, returns at once); accepting it runs the export.
    ExportDialog *exportAudience();
    /// Runs an export in the background with a progress dialog; false while a job runs. When the request
    /// does not want an empty file and nobody can be written, asks first (ExportDialog::askWriteEmpty).
    bool runExport(const services::ExportRequest &request);
    /// Asks for a new name and size, then duplicates; the dialog is window-modal and returns at once.
    void duplicateDialog();
    /// Creates a new snapshot with the same target and another size (re-scores) in the background.
    bool duplicate(const QString &newName, const audience::SizeRule &size);
    /// Asks for confirmation (window-modal, returns at once), then removes.
    void confirmRemove();
    /// Removes the audience at once; false (error shown) on failure.
    bool removeAudience();

    PropensityChart *chart() const { return m_chart; }
    ScoreHistogram *histogram() const { return m_histogram; }
    AudienceMembersModel *members() const { return m_members; }
    AudienceResultsPanel *results() const { return m_results; }
    JobRunner &job() const { return *m_job; }
    QString exportsText() const;

signals:
    void backRequested();
    void removed(const QString &name);
    /// A duplicate was created under that name.
    void duplicated(const QString &name);
    /// An export finished; report is its summary.
    void exported(const QString &report);

private:
    void showHistory();
    QString summaryHtml() const;

    QString m_path;
    services::ExportRequest m_lastExport; ///< the request of the running (or last) export
    audience::AudienceInfo m_info;
    audience::AudienceQuality m_quality;
    JobRunner *m_job;
    QLabel *m_heading;
    QLabel *m_summary;
    AudienceResultsPanel *m_results;
    PropensityChart *m_chart;
    ScoreHistogram *m_histogram;
    AudienceMembersModel *m_members;
    DataTableView *m_view;
    QLabel *m_history;
    QString m_lastRecommendations; ///< RecommendationOptions::summary of this page's last export, if any
    QPushButton *m_export;
    QPushButton *m_duplicate;
    QPushButton *m_remove;
};

} // namespace awb::ui
