// SPDX-License-Identifier: GPL-3.0-or-later
#include "main/SuppressionImport.h"

#include "jobs/JobProgressDialog.h"
#include "jobs/JobRunner.h"
#include "main/ShowError.h"
#include "services/SuppressionService.h"

#include <QAction>
#include <QFileDialog>
#include <QMessageBox>
#include <QWidget>

namespace awb::ui {

SuppressionImport::SuppressionImport(QWidget *window)
    : QObject(window), m_window(window), m_action(new QAction(tr("Import s&uppression list…"), this)),
      m_job(new JobRunner(this))
{
    m_action->setObjectName(QStringLiteral("importSuppressionAction"));
    m_action->setToolTip(tr("Import people who must not be e-mailed (unsubscribed, bounced, complained): "
                            "exports leave them out"));
    m_action->setEnabled(false);
    connect(m_action, &QAction::triggered, this, &SuppressionImport::chooseFile);
    connect(m_job, &JobRunner::failed, this, [this](const Error &e) { showError(m_window, e); });
    connect(m_job, &JobRunner::finished, this, [this] {
        const QString text =
            QString::fromStdString(m_job->result<services::SuppressionImportReport>().toText());
        auto *box = new QMessageBox(QMessageBox::Information, tr("Suppression list imported"), text,
                                    QMessageBox::Ok, m_window);
        box->setObjectName(QStringLiteral("suppressionReportBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setWindowModality(Qt::WindowModal);
        box->open();
        emit imported(text);
    });
}

void SuppressionImport::setWorkspace(const QString &path)
{
    m_path = path;
    m_action->setEnabled(!path.isEmpty());
}

void SuppressionImport::chooseFile()
{
    const QString file = QFileDialog::getOpenFileName(m_window, tr("Import suppression list"), QString(),
                                                      tr("CSV lists (*.csv *.csv.gz *.txt);;All files (*)"));
    if (!file.isEmpty()) {
        start(file);
    }
}

bool SuppressionImport::start(const QString &file)
{
    if (m_path.isEmpty()) {
        return false;
    }
    const std::string path = m_path.toStdString();
    const std::string list = file.toStdString();
    const bool started = m_job->start(tr("Importing suppression list"), [path, list](ProgressSink &progress) {
        return services::SuppressionService(path).importCsv(list, {}, progress);
    });
    if (started) {
        JobProgressDialog::follow(*m_job, m_window);
    }
    return started;
}

} // namespace awb::ui
