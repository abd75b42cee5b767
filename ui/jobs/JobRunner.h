// SPDX-License-Identifier: GPL-3.0-or-later
// Runs one long core function off the UI thread, with throttled progress and cancellation.
#pragma once

#include "common/Result.h"
#include "jobs/Progress.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QTimer>

#include <any>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

namespace awb::ui {

/// Runs a callable `Result<T>(ProgressSink &)` with QtConcurrent::run, one job at a time. Signals are
/// emitted on the thread that owns the runner (the UI thread): progressChanged at most 20 times a
/// second, then exactly one of finished / failed / cancelled. Cancellation is a result, not an error.
/// Destroying a running runner cancels the job and waits for it: objects the job references must outlive
/// the runner.
class JobRunner : public QObject
{
    Q_OBJECT
public:
    explicit JobRunner(QObject *parent = nullptr);
    ~JobRunner() override;

    /// Starts fn on the global thread pool. Returns false (and does nothing) while another job runs.
    template <typename Fn> bool start(const QString &title, Fn fn)
    {
        using R = std::invoke_result_t<Fn &, ProgressSink &>;
        return startErased(title, [fn = std::move(fn)](ProgressSink &progress) mutable {
            R result = fn(progress);
            Outcome outcome;
            if (!result) {
                outcome.error = result.error();
            } else if constexpr (!std::is_same_v<R, Result<void>>) {
                outcome.value = std::move(result).value();
            }
            return outcome;
        });
    }

    /// The value of the last successful job; T must be the T of its Result<T>.
    template <typename T> const T &result() const { return std::any_cast<const T &>(m_result); }

    bool isRunning() const { return m_running; }
    const QString &title() const { return m_title; }
    /// Asks the running job to stop; it ends with cancelled() (or finished() if it was already done).
    void cancel();
    bool isCancelRequested() const;

signals:
    void started(const QString &title);
    /// done and total are in the job's units (total 0 = unknown); stage describes the current step.
    void progressChanged(qint64 done, qint64 total, const QString &stage);
    void finished();
    void failed(const awb::Error &error);
    void cancelled();

private:
    struct Outcome
    {
        std::optional<Error> error;
        std::any value;
    };
    class Sink;

    bool startErased(const QString &title, std::function<Outcome(ProgressSink &)> job);
    void emitProgress(bool force);
    void onJobDone();

    std::shared_ptr<Sink> m_sink;
    QFutureWatcher<Outcome> m_watcher;
    QTimer m_progressTimer;
    std::any m_result;
    QString m_title;
    bool m_running = false;
    qint64 m_lastDone = -1;
    qint64 m_lastTotal = -1;
    QString m_lastStage;
};

} // namespace awb::ui
