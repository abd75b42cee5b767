// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/ImportWizard.h"

#include "wizards/ImportFilesPage.h"
#include "wizards/ImportJoinPage.h"
#include "wizards/ImportMappingPage.h"
#include "wizards/ImportReportPage.h"
#include "wizards/ImportRunPage.h"
#include "wizards/ImportSummaryPage.h"

#include <QAbstractButton>

namespace awb::ui {

ImportWizard::ImportWizard(const QString &workspacePath, settings::Settings &settings, QWidget *parent)
    : QWizard(parent), m_files(new ImportFilesPage(m_state, settings, this)),
      m_join(new ImportJoinPage(m_state, this)), m_mapping(new ImportMappingPage(m_state, settings, this)),
      m_summary(new ImportSummaryPage(m_state, this)), m_run(new ImportRunPage(m_state, this)),
      m_report(new ImportReportPage(m_state, this))
{
    m_state.workspacePath = workspacePath;
    setObjectName(QStringLiteral("importWizard"));
    setWindowTitle(tr("Import events"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setPage(FilesPageId, m_files);
    setPage(JoinPageId, m_join);
    setPage(MappingPageId, m_mapping);
    setPage(SummaryPageId, m_summary);
    setPage(RunPageId, m_run);
    setPage(ReportPageId, m_report);
    setStartId(FilesPageId);
    resize(1000, 680);
    button(QWizard::NextButton)->setObjectName(QStringLiteral("importNextButton"));
    button(QWizard::CommitButton)->setObjectName(QStringLiteral("importCommitButton"));
    button(QWizard::BackButton)->setObjectName(QStringLiteral("importBackButton"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("importFinishButton"));
    button(QWizard::CancelButton)->setObjectName(QStringLiteral("importCloseButton"));

    connect(m_run, &ImportRunPage::importSucceeded, this, &ImportWizard::importSucceeded);
    auto closeIfAsked = [this] {
        if (m_closeWhenStopped) {
            m_closeWhenStopped = false;
            QWizard::reject();
        }
    };
    connect(m_run, &ImportRunPage::importSucceeded, this, closeIfAsked);
    connect(m_run, &ImportRunPage::importStopped, this, closeIfAsked);
}

ImportWizard::~ImportWizard() = default;

void ImportWizard::reject()
{
    if (m_run->isRunning()) {
        m_closeWhenStopped = true;
        m_run->cancel();
        return;
    }
    QWizard::reject();
}

} // namespace awb::ui
