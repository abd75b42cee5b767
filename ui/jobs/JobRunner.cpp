// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/JobRunner.h"

#include <QMutex>
#include <QMutexLocker>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <exception>

namespace awb::ui {

namespace {
// 20 progress updates per second at most, whatever rate the job reports at.
constexpr int kProgressIntervalMs = 50;
} // namespace

/// Written by the worker thread, read by the UI thread's timer: atomics plus a mutex for the stage text.
class JobRunner::Sink final : public ProgressSink
{
public:
    void setRange(std::int64_t total) override { m_total.store(total, std::memory_order_relaxed); }
    void setValue(std::int64_t done) override { m_done.store(done, std::memory_order_relaxed); }
    void setStage(const std::string &stage) override
    {
        QMutexLocker lock(&m_mutex);
        m_stage = QString::fromStdString(stage);
    }
    bool isCancelled() const override { return m_cancelled.load(std::memory_order_relaxed); }

    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    qint64 done() const { return m_done.load(std::memory_order_relaxed); }
    qint64 total() const { return m_total.load(std::memory_order_relaxed); }
    QString stage() const
    {
        QMutexLocker lock(&m_mutex);
        return m_stage;
    }

private:
    std::atomic<std::int64_t> m_total{0};
    std::atomic<std::int64_t> m_done{0};
    std::atomic_bool m_cancelled{false};
    mutable QMutex m_mutex;
    QString m_stage;
};

JobRunner::JobRunner(QObject *parent) : QObject(parent)
{
    m_progressTimer.setInterval(kProgressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, [this] { emitProgress(false); });
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &JobRunner::onJobDone);
}

JobRunner::~JobRunner()
{
    if (m_running) {
        m_sink->cancel();
        m_watcher.waitForFinished();
    }
}

bool JobRunner::startErased(const QString &title, std::function<Outcome(ProgressSink &)> job)
{
    if (m_running) {
        return false;
    }
    m_running = true;
    m_title = title;
    m_result.reset();
    m_lastDone = m_lastTotal = -1;
    m_lastStage = title;
    m_sink = std::make_shared<Sink>();
    m_sink->setStage(title.toStdString());
    // The worker keeps its own reference to the sink, so a late progress call never touches freed memory.
    std::shared_ptr<Sink> sink = m_sink;
    m_watcher.setFuture(QtConcurrent::run(QThreadPool::globalInstance(), [sink, job = std::move(job)] {
        try {
            return job(*sink);
        } catch (const std::exception &e) {
            // Core converts its exceptions at the service boundary; this is the last line of defence so
            // that nothing crosses the thread boundary unconverted.
            return Outcome{Error{Error::Code::Internal, std::string("Unexpected error: ") + e.what(), {}},
                           {}};
        }
    }));
    m_progressTimer.start();
    emit started(title);
    emitProgress(true);
    return true;
}

void JobRunner::cancel()
{
    if (m_running) {
        m_sink->cancel();
    }
}

bool JobRunner::isCancelRequested() const
{
    return m_running && m_sink->isCancelled();
}

void JobRunner::emitProgress(bool force)
{
    if (!m_sink) {
        return;
    }
    const qint64 done = m_sink->done();
    const qint64 total = m_sink->total();
    const QString stage = m_sink->stage();
    if (!force && done == m_lastDone && total == m_lastTotal && stage == m_lastStage) {
        return;
    }
    m_lastDone = done;
    m_lastTotal = total;
    m_lastStage = stage;
    emit progressChanged(done, total, stage);
}

void JobRunner::onJobDone()
{
    m_progressTimer.stop();
    emitProgress(false);
    Outcome outcome = m_watcher.result();
    m_running = false;
    if (!outcome.error) {
        m_result = std::move(outcome.value);
        emit finished();
    } else if (outcome.error->isCancelled()) {
        emit cancelled();
    } else {
        emit failed(*outcome.error);
    }
}

} // namespace awb::ui
