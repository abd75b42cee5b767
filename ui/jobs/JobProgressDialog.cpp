// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/JobProgressDialog.h"

#include "jobs/JobRunner.h"
#include "jobs/ProgressBarSteps.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace awb::ui {

JobProgressDialog::JobProgressDialog(JobRunner &runner, QWidget *parent)
    : QDialog(parent), m_runner(runner), m_stage(new QLabel(this)), m_bar(new QProgressBar(this)),
      m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("jobProgressDialog"));
    setWindowTitle(runner.title());
    setWindowModality(Qt::WindowModal);
    setAttribute(Qt::WA_DeleteOnClose);
    setMinimumWidth(420);
    m_stage->setObjectName(QStringLiteral("jobStageLabel"));
    m_stage->setText(runner.title());
    m_bar->setObjectName(QStringLiteral("jobProgressBar"));
    m_bar->setRange(0, 0);
    m_cancel->setObjectName(QStringLiteral("jobCancelButton"));

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_stage);
    layout->addWidget(m_bar);
    layout->addWidget(buttons);

    connect(m_cancel, &QPushButton::clicked, this, &JobProgressDialog::reject);
    connect(&runner, &JobRunner::progressChanged, this, &JobProgressDialog::setProgress);
    for (auto signal : {&JobRunner::finished, &JobRunner::cancelled}) {
        connect(&runner, signal, this, &QDialog::accept);
    }
    connect(&runner, &JobRunner::failed, this, &QDialog::accept);
}

JobProgressDialog *JobProgressDialog::follow(JobRunner &runner, QWidget *parent)
{
    auto *dialog = new JobProgressDialog(runner, parent);
    dialog->open();
    return dialog;
}

void JobProgressDialog::reject()
{
    // Escape and Cancel only ask the job to stop; the dialog closes when the job reports cancelled().
    m_runner.cancel();
    m_cancel->setEnabled(false);
    m_stage->setText(tr("Cancelling…"));
}

void JobProgressDialog::setProgress(qint64 done, qint64 total, const QString &stage)
{
    if (!m_runner.isCancelRequested()) {
        m_stage->setText(stage);
    }
    showJobProgress(m_bar, done, total);
}

} // namespace awb::ui
