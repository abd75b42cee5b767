// SPDX-License-Identifier: GPL-3.0-or-later
// The import wizard: files, CSV mapping (for CSV files), the import as a background job, its report.
#pragma once

#include "wizards/ImportWizardState.h"

#include <QWizard>

namespace awb::settings {
class Settings;
}

namespace awb::ui {

class ImportFilesPage;
class ImportJoinPage;
class ImportMappingPage;
class ImportSummaryPage;
class ImportReportPage;
class ImportRunPage;

class ImportWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId
    {
        FilesPageId,
        JoinPageId,
        MappingPageId,
        SummaryPageId,
        RunPageId,
        ReportPageId,
    };

    ImportWizard(const QString &workspacePath, settings::Settings &settings, QWidget *parent = nullptr);
    ~ImportWizard() override;

    ImportWizardState &state() { return m_state; }
    ImportFilesPage *filesPage() const { return m_files; }
    ImportJoinPage *joinPage() const { return m_join; }
    ImportMappingPage *mappingPage() const { return m_mapping; }
    ImportSummaryPage *summaryPage() const { return m_summary; }
    ImportRunPage *runPage() const { return m_run; }
    ImportReportPage *reportPage() const { return m_report; }

    /// Closing while the import runs cancels it first; the wizard closes once it has rolled back.
    void reject() override;

signals:
    /// An import committed (the data tables and counts should refresh).
    void importSucceeded();

private:
    ImportWizardState m_state;
    ImportFilesPage *m_files;
    ImportJoinPage *m_join;
    ImportMappingPage *m_mapping;
    ImportSummaryPage *m_summary;
    ImportRunPage *m_run;
    ImportReportPage *m_report;
    bool m_closeWhenStopped = false;
};

} // namespace awb::ui
