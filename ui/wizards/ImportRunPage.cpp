// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/ImportRunPage.h"

#include "jobs/JobRunner.h"
#include "jobs/ProgressBarSteps.h"
#include "services/ImportService.h"
#include "wizards/ImportWizardState.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <QWizard>
#include <algorithm>

namespace awb::ui {

ImportRunPage::ImportRunPage(ImportWizardState &state, QWidget *parent)
    : QWizardPage(parent), m_state(state), m_runner(new JobRunner(this)), m_status(new QLabel(this)),
      m_bar(new QProgressBar(this)), m_cancel(new QPushButton(tr("Cancel import"), this))
{
    setObjectName(QStringLiteral("importRunPage"));
    setTitle(tr("Importing"));
    setSubTitle(tr("The import runs in one transaction: if you cancel it, the workspace stays as it was."));
    m_status->setObjectName(QStringLiteral("importRunStatusLabel"));
    m_status->setWordWrap(true);
    m_bar->setObjectName(QStringLiteral("importProgressBar"));
    m_bar->setRange(0, kProgressBarSteps);
    m_cancel->setObjectName(QStringLiteral("importCancelButton"));

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_bar);
    layout->addLayout(buttons);
    layout->addStretch(1);

    connect(m_cancel, &QPushButton::clicked, this, &ImportRunPage::cancel);
    connect(m_runner, &JobRunner::progressChanged, this, &ImportRunPage::onProgress);
    connect(m_runner, &JobRunner::finished, this, &ImportRunPage::onFinished);
    connect(m_runner, &JobRunner::cancelled, this,
            [this] { onStopped(tr("Import cancelled. The workspace was not changed."), false); });
    connect(m_runner, &JobRunner::failed, this, [this](const Error &e) {
        onStopped(tr("The import failed: %1").arg(QString::fromStdString(e.message)), true);
    });
}

ImportRunPage::~ImportRunPage() = default;

void ImportRunPage::initializePage()
{
    m_done = false;
    m_state.report.reset();
    m_bar->setValue(0);
    m_status->setStyleSheet({});
    m_status->setText(tr("Starting…"));
    m_cancel->setEnabled(true);
    const services::ImportSpec spec = m_state.spec();
    const std::string workspace = m_state.workspacePath.toStdString();
    m_runner->start(tr("Importing"), [spec, workspace](ProgressSink &progress) {
        services::ImportService service(workspace);
        return service.run(spec, progress);
    });
}

void ImportRunPage::cleanupPage()
{
    cancel();
}

bool ImportRunPage::isComplete() const
{
    return m_done;
}

bool ImportRunPage::isRunning() const
{
    return m_runner->isRunning();
}

void ImportRunPage::cancel()
{
    if (m_runner->isRunning()) {
        m_runner->cancel();
        m_cancel->setEnabled(false);
        m_status->setText(tr("Cancelling…"));
    }
}

void ImportRunPage::onProgress(qint64 done, qint64 total, const QString &stage)
{
    if (!m_runner->isCancelRequested()) {
        m_status->setText(stage);
    }
    showJobProgress(m_bar, done, total);
}

void ImportRunPage::onFinished()
{
    m_state.report = m_runner->result<ingest::ImportReport>();
    m_done = true;
    m_bar->setRange(0, kProgressBarSteps);
    m_bar->setValue(kProgressBarSteps);
    m_cancel->setEnabled(false);
    m_status->setText(tr("Import complete."));
    emit completeChanged();
    emit importSucceeded();
    // Straight on to the report: there is nothing to decide on this page once the import is done.
    if (wizard() && wizard()->currentPage() == this) {
        wizard()->next();
    }
}

void ImportRunPage::onStopped(const QString &message, bool isError)
{
    m_bar->setRange(0, kProgressBarSteps);
    m_bar->setValue(0);
    m_cancel->setEnabled(false);
    m_status->setStyleSheet(isError ? QStringLiteral("color: #b00020;") : QString());
    m_status->setText(message + QLatin1Char(' ') + tr("Go back to change the files or the mapping."));
    emit importStopped();
}

} // namespace awb::ui
