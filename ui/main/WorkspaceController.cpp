// SPDX-License-Identifier: GPL-3.0-or-later
#include "main/WorkspaceController.h"

#include "jobs/JobRunner.h"
#include "sample/SampleGenerator.h"
#include "services/DataBrowserService.h"
#include "services/WorkspaceService.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>

namespace awb::ui {

namespace {
constexpr int kWatchIntervalMs = 1000;

/// One lock file per workspace path, in the temporary folder (the workspace's own folder may be read-only).
QString lockPathFor(const QString &workspace)
{
    const QString canonical = QFileInfo(workspace).canonicalFilePath();
    const QByteArray hash = QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QDir::temp().filePath(QStringLiteral("audience-workbench-%1.lock").arg(QString::fromLatin1(hash)));
}
} // namespace

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
    m_watchTimer.setInterval(kWatchIntervalMs);
    connect(&m_watchTimer, &QTimer::timeout, this, &WorkspaceController::checkForChanges);
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
    auto watch = services::WorkspaceWatch::open(absolute.toStdString());
    if (!watch) {
        return fail(watch.error());
    }
    // The new connections replace the old ones only after they opened: a failed open leaves things as they
    // were.
    m_browser = std::move(browser).value();
    m_watch = std::move(watch).value();
    m_path = absolute;
    m_info.reset();
    lockOpenWorkspace();
    m_watchTimer.start();
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
    m_watchTimer.stop();
    m_watch.reset();
    m_lock.reset();
    m_openElsewhereBy = 0;
    m_browser.reset();
    m_path.clear();
    m_info.reset();
}

void WorkspaceController::lockOpenWorkspace()
{
    m_lock = std::make_unique<QLockFile>(lockPathFor(m_path));
    // Held for as long as the window keeps the workspace open: only a lock whose process is gone is stale.
    m_lock->setStaleLockTime(0);
    m_openElsewhereBy = 0;
    if (m_lock->tryLock(0)) {
        return;
    }
    qint64 pid = 0;
    QString host;
    QString application;
    if (m_lock->error() == QLockFile::LockFailedError && m_lock->getLockInfo(&pid, &host, &application)) {
        m_openElsewhereBy = pid;
    }
    m_lock.reset(); // another window holds it; this one does not take it over
}

void WorkspaceController::checkForChanges()
{
    if (!m_watch) {
        return;
    }
    const Result<services::WorkspaceChanges> changes = m_watch->poll();
    // A failed look is not worth an error box every second: the next tick looks again.
    if (changes && changes->any()) {
        emit changed(*changes);
    }
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
