// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/CatalogWizard.h"

#include "jobs/JobRunner.h"
#include "services/CatalogService.h"
#include "wizards/CatalogColumnsPage.h"
#include "wizards/CatalogEventsPage.h"
#include "wizards/CatalogProductIdPage.h"
#include "wizards/CatalogSummaryPage.h"
#include "wizards/CatalogWeightsPage.h"

#include <QAbstractButton>

namespace awb::ui {

CatalogWizard::CatalogWizard(const QString &workspacePath, std::optional<catalog::CatalogDefinition> existing,
                             QWidget *parent)
    : QWizard(parent), m_events(new CatalogEventsPage(m_state, this)),
      m_productIds(new CatalogProductIdPage(m_state, this)), m_columns(new CatalogColumnsPage(m_state, this)),
      m_weights(new CatalogWeightsPage(m_state, this)), m_summary(new CatalogSummaryPage(m_state, this)),
      m_build(new JobRunner(this))
{
    m_state.workspacePath = workspacePath;
    if (existing) {
        m_state.definition = std::move(*existing);
    }
    setObjectName(QStringLiteral("catalogWizard"));
    setWindowTitle(existing ? tr("Edit the recommendation catalog") : tr("New recommendation catalog"));
    setWizardStyle(QWizard::ModernStyle);
    setPage(EventsPageId, m_events);
    setPage(ProductIdPageId, m_productIds);
    setPage(ColumnsPageId, m_columns);
    setPage(WeightsPageId, m_weights);
    setPage(SummaryPageId, m_summary);
    setStartId(EventsPageId);
    setButtonText(QWizard::FinishButton, tr("Save and build"));
    resize(1000, 680);
    button(QWizard::NextButton)->setObjectName(QStringLiteral("catalogNextButton"));
    button(QWizard::BackButton)->setObjectName(QStringLiteral("catalogBackButton"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("catalogFinishButton"));
    button(QWizard::CancelButton)->setObjectName(QStringLiteral("catalogCloseButton"));

    connect(m_build, &JobRunner::progressChanged, m_summary, &CatalogSummaryPage::showProgress);
    connect(m_build, &JobRunner::finished, this, &CatalogWizard::onBuilt);
    connect(m_build, &JobRunner::cancelled, this, [this] {
        onBuildStopped(tr("Build cancelled. The catalog is saved; the previous build (if any) is kept. "
                          "Press Save and build to build it again."),
                       false);
    });
    connect(m_build, &JobRunner::failed, this, [this](const Error &e) {
        onBuildStopped(tr("The build failed: %1").arg(QString::fromStdString(e.message)), true);
    });
    connect(m_summary, &CatalogSummaryPage::cancelRequested, m_build, &JobRunner::cancel);
    // Going back after a build means changing the definition: the next Finish saves and builds again.
    connect(this, &QWizard::currentIdChanged, this, [this](int id) {
        if (id != SummaryPageId && m_state.built) {
            m_state.built.reset();
            setButtonText(QWizard::FinishButton, tr("Save and build"));
            setOption(QWizard::NoCancelButton, false);
        }
    });
}

CatalogWizard::~CatalogWizard() = default;

void CatalogWizard::accept()
{
    if (m_build->isRunning()) {
        return;
    }
    if (m_state.built) {
        QWizard::accept();
        return;
    }
    const std::string path = m_state.workspacePath.toStdString();
    if (const auto saved = services::CatalogService(path).save(m_state.definition); !saved) {
        m_summary->showStopped(
            tr("The catalog could not be saved: %1").arg(QString::fromStdString(saved.error().message)),
            true);
        return;
    }
    emit catalogSaved();
    m_summary->showBuilding();
    button(QWizard::BackButton)->setEnabled(false);
    m_build->start(tr("Building the catalog"),
                   [path](ProgressSink &progress) { return services::CatalogService(path).build(progress); });
}

void CatalogWizard::reject()
{
    if (m_build->isRunning()) {
        m_closeWhenStopped = true;
        m_build->cancel();
        return;
    }
    QWizard::reject();
}

void CatalogWizard::onBuilt()
{
    m_state.built = m_build->result<catalog::CatalogBuildInfo>();
    m_summary->showBuilt(*m_state.built);
    setButtonText(QWizard::FinishButton, tr("Close"));
    setOption(QWizard::NoCancelButton, true); // nothing left to cancel: Close is the way out
    emit catalogBuilt();
    if (m_closeWhenStopped) {
        m_closeWhenStopped = false;
        QWizard::reject();
    }
}

void CatalogWizard::onBuildStopped(const QString &message, bool isError)
{
    m_summary->showStopped(message, isError);
    if (m_closeWhenStopped) {
        m_closeWhenStopped = false;
        QWizard::reject();
    }
}

} // namespace awb::ui
