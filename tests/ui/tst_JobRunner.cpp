// SPDX-License-Identifier: GPL-3.0-or-later
// JobRunner: results, failures and cancellation arrive on the UI thread; progress is throttled.
#include "jobs/JobRunner.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <stdexcept>

using namespace awb;
using awb::ui::JobRunner;

namespace {
// Spins until cancelled, with a bound so that a broken cancel flag fails the test instead of hanging it.
Result<int> runUntilCancelled(ProgressSink &progress, std::atomic_bool *sawCancel = nullptr)
{
    QElapsedTimer timer;
    timer.start();
    while (!progress.isCancelled()) {
        if (timer.elapsed() > 10'000) {
            return 0;
        }
        QThread::usleep(200);
    }
    if (sawCancel) {
        *sawCancel = true;
    }
    return fail(Error::cancelled());
}
} // namespace

class TestJobRunner : public QObject
{
    Q_OBJECT

private slots:
    void deliversTheResultOnTheUiThread()
    {
        JobRunner runner;
        QSignalSpy finished(&runner, &JobRunner::finished);
        Qt::HANDLE workerThread = nullptr;
        QVERIFY(runner.start(QStringLiteral("answer"), [&workerThread](ProgressSink &) -> Result<int> {
            workerThread = QThread::currentThreadId();
            return 42;
        }));
        QVERIFY(runner.isRunning());
        QVERIFY(finished.wait(5000));
        QCOMPARE(runner.result<int>(), 42);
        QVERIFY(!runner.isRunning());
        QVERIFY(workerThread != QThread::currentThreadId());
    }

    void reportsFailureWithTheCoreError()
    {
        JobRunner runner;
        QSignalSpy finished(&runner, &JobRunner::finished);
        QSignalSpy failed(&runner, &JobRunner::failed);
        QSignalSpy cancelled(&runner, &JobRunner::cancelled);
        runner.start(QStringLiteral("bad"), [](ProgressSink &) -> Result<void> {
            return fail(Error::Code::InvalidInput, "line 3: bad date");
        });
        QVERIFY(failed.wait(5000));
        const auto error = failed.at(0).at(0).value<Error>();
        QCOMPARE(error.code, Error::Code::InvalidInput);
        QCOMPARE(error.message, std::string("line 3: bad date"));
        QCOMPARE(finished.count(), 0);
        QCOMPARE(cancelled.count(), 0);
    }

    void cancellationIsAResultNotAFailure()
    {
        JobRunner runner;
        QSignalSpy failed(&runner, &JobRunner::failed);
        QSignalSpy cancelled(&runner, &JobRunner::cancelled);
        runner.start(QStringLiteral("long"), [](ProgressSink &p) { return runUntilCancelled(p); });
        QVERIFY(!runner.isCancelRequested());
        runner.cancel();
        QVERIFY(runner.isCancelRequested());
        QVERIFY(cancelled.wait(5000));
        QCOMPARE(failed.count(), 0);
    }

    void refusesASecondJobWhileRunning()
    {
        JobRunner runner;
        QSignalSpy cancelled(&runner, &JobRunner::cancelled);
        QVERIFY(runner.start(QStringLiteral("first"), [](ProgressSink &p) { return runUntilCancelled(p); }));
        QVERIFY(!runner.start(QStringLiteral("second"), [](ProgressSink &) -> Result<int> { return 1; }));
        QCOMPARE(runner.title(), QStringLiteral("first"));
        runner.cancel();
        QVERIFY(cancelled.wait(5000));
        QVERIFY(runner.start(QStringLiteral("third"), [](ProgressSink &) -> Result<int> { return 3; }));
        QSignalSpy finished(&runner, &JobRunner::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(runner.result<int>(), 3);
    }

    void progressIsThrottledToTwentyPerSecond()
    {
        JobRunner runner;
        QSignalSpy progress(&runner, &JobRunner::progressChanged);
        QSignalSpy finished(&runner, &JobRunner::finished);
        QElapsedTimer elapsed;
        elapsed.start();
        // About 400 ms of a job reporting progress as fast as it can.
        runner.start(QStringLiteral("busy"), [](ProgressSink &p) -> Result<std::int64_t> {
            QElapsedTimer t;
            t.start();
            std::int64_t n = 0;
            p.setRange(1'000'000'000);
            while (t.elapsed() < 400) {
                p.setValue(++n);
                p.setStage(n % 2 ? "odd" : "even");
            }
            return n;
        });
        QVERIFY(finished.wait(5000));
        const qint64 ms = elapsed.elapsed();
        QVERIFY2(runner.result<std::int64_t>() > 1000, "the job reported progress many times");
        // One update when it starts, at most one per 50 ms while it runs, and one final.
        QVERIFY2(progress.count() <= ms / 50 + 2,
                 qPrintable(QStringLiteral("%1 updates in %2 ms").arg(progress.count()).arg(ms)));
        QVERIFY(progress.count() >= 2);
        const QList<QVariant> last = progress.last();
        QCOMPARE(last.at(0).toLongLong(), runner.result<std::int64_t>());
        QCOMPARE(last.at(1).toLongLong(), 1'000'000'000);
    }

    void exceptionsBecomeErrors()
    {
        JobRunner runner;
        QSignalSpy failed(&runner, &JobRunner::failed);
        runner.start(QStringLiteral("throws"),
                     [](ProgressSink &) -> Result<int> { throw std::runtime_error("disk on fire"); });
        QVERIFY(failed.wait(5000));
        const auto error = failed.at(0).at(0).value<Error>();
        QCOMPARE(error.code, Error::Code::Internal);
        QVERIFY(error.message.find("disk on fire") != std::string::npos);
    }

    void destroyingARunningRunnerCancelsAndWaits()
    {
        std::atomic_bool sawCancel{false};
        auto runner = std::make_unique<JobRunner>();
        runner->start(QStringLiteral("long"),
                      [&sawCancel](ProgressSink &p) { return runUntilCancelled(p, &sawCancel); });
        runner.reset();
        QVERIFY(sawCancel.load());
    }
};

QTEST_MAIN(TestJobRunner)
#include "tst_JobRunner.moc"
