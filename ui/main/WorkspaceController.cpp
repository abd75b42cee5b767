// SPDX-License-Identifier: GPL-3.0-or-later
#include "main/WorkspaceController.h"

#include "jobs/JobRunner.h"
#include "sample/SampleGenerator.h"
#include "services/DataBrowserService.h"
#include "services/WorkspaceService.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace awb::ui {

WorkspaceController::WorkspaceController(QObject *parent)
    : QObject(parent), m_infoJob(new JobRunner(this)), m_sampleJob(new JobRunner(this))
{
    connect(m_infoJob, &JobRunner::finished, this, &WorkspaceController::onInfoFinished);
    connect(m_infoJob, &JobRunner::failed, this, [this](const Error &e) {
        emit failed(e);
        if (std::exchange(m_infoPending, false)) {
            refreshInfo();
        }
    });
    connect(m_sampleJob, &JobRunner::finished, this, [this] {
        if (const Result<void> opened = open(m_samplePath); !opened) {
            emit failed(opened.error());
        }
    });
    connect(m_sampleJob, &JobRunner::failed, this, &WorkspaceController::failed);
}

// The job runners are children: destroying them waits for their jobs, which only hold copies of paths.
WorkspaceController::~WorkspaceController() = default;

Result<void> WorkspaceController::open(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const Result<void> checked = services::WorkspaceService::check(absolute.toStdString());
    if (!checked) {
        return fail(checked.error());
    }
    auto browser = services::DataBrowserService::open(absolute.toStdString());
    if (!browser) {
        return fail(browser.error());
    }
    // The new connection replaces the old one only after it opened: a failed open leaves things as they were.
    m_browser = std::move(browser).value();
    m_path = absolute;
    m_info.reset();
    emit opened(m_path);
    refreshInfo();
    return {};
}

Result<void> WorkspaceController::create(const QString &path)
{
    if (QFileInfo::exists(path)) {
        return fail(Error::Code::InvalidInput,
                    path.toStdString() + " already exists; choose a new file name for a new workspace.");
    }
    const Result<void> created = services::WorkspaceService::create(path.toStdString());
    if (!created) {
        return fail(created.error());
    }
    return open(path);
}

void WorkspaceController::close()
{
    if (!m_browser) {
        return;
    }
    emit closed();
    m_browser.reset();
    m_path.clear();
    m_info.reset();
}

void WorkspaceController::refreshInfo()
{
    if (!m_browser) {
        return;
    }
    if (m_infoJob->isRunning()) {
        m_infoPending = true;
        return;
    }
    const std::string path = m_path.toStdString();
    m_infoJob->start(tr("Counting"),
                     [path](ProgressSink &) { return services::WorkspaceService::info(path); });
}

void WorkspaceController::onInfoFinished()
{
    if (std::exchange(m_infoPending, false)) {
        refreshInfo();
        return;
    }
    m_info = m_infoJob->result<services::WorkspaceInfo>();
    emit infoUpdated();
}

JobRunner *WorkspaceController::generateSample(const QString &path, const sample::SampleSpec &spec)
{
    if (m_sampleJob->isRunning()) {
        return nullptr;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (absolute == m_path) {
        close();
    }
    QDir().mkpath(QFileInfo(absolute).absolutePath());
    for (const char *suffix : {"", "-wal", "-shm"}) {
        QFile::remove(absolute + QLatin1String(suffix));
    }
    m_samplePath = absolute;
    const std::string target = absolute.toStdString();
    m_sampleJob->start(tr("Generating the sample store"), [target, spec](ProgressSink &progress) {
        return services::WorkspaceService::createSample(target, spec, progress);
    });
    return m_sampleJob;
}

} // namespace awb::ui
