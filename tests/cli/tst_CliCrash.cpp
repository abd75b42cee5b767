// SPDX-License-Identifier: GPL-3.0-or-later
// Crash safety: awb killed with SIGKILL in the middle of a large import or a catalog build leaves the
// workspace openable, intact and exactly as it was, and the step succeeds when run again.
#include "store/Database.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>

#include "CliRun.h"
#include "TestUtil.h"

using namespace awb;

namespace {

// A base store with a built catalog, and a JSON-lines file of new events several times its size.
constexpr int kBaseProfiles = 600;
constexpr int kImportProfiles = 3000;

struct Step
{
    QStringList args;      ///< awb arguments, with WS standing for the workspace
    qint64 fullMs = 0;     ///< how long the step took uninterrupted (calibration)
    std::int64_t rows = 0; ///< what it produced uninterrupted (events or catalog interactions)
    const char *runs = ""; ///< counts the step's completed runs (one more once it has committed)
};

QStringList withWorkspace(const QStringList &args, const QString &ws)
{
    QStringList out = args;
    out.replaceInStrings(QStringLiteral("WS"), ws);
    return out;
}

} // namespace

class TestCliCrash : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_base = m_dir.filePath(QStringLiteral("base.awb"));
        const QString jsonl = m_dir.filePath(QStringLiteral("more.jsonl"));
        QCOMPARE(test::awbRun({QStringLiteral("generate"), QStringLiteral("--out"), m_base,
                               QStringLiteral("--profiles"), QString::number(kBaseProfiles)})
                     .exitCode,
                 0);
        QCOMPARE(test::awbRun({QStringLiteral("catalog"), m_base, QStringLiteral("--event"),
                               QStringLiteral("Order Completed"), QStringLiteral("--event"),
                               QStringLiteral("Product Viewed=1"), QStringLiteral("--column"),
                               QStringLiteral("Brand=brand"), QStringLiteral("--build")})
                     .exitCode,
                 0);
        QCOMPARE(test::awbRun({QStringLiteral("generate"), QStringLiteral("--jsonl"), jsonl,
                               QStringLiteral("--profiles"), QString::number(kImportProfiles),
                               QStringLiteral("--seed"), QStringLiteral("7")})
                     .exitCode,
                 0);
        m_import.args = {QStringLiteral("import"), QStringLiteral("WS"), jsonl};
        m_build.args = {QStringLiteral("catalog"), QStringLiteral("WS"), QStringLiteral("--build")};
        m_import.runs = "SELECT count(*) FROM import_runs";
        m_build.runs = "SELECT count(*) FROM catalog_builds";

        // Calibration: each step uninterrupted, timed; the imported store is the catalog build's start.
        m_imported = m_dir.filePath(QStringLiteral("imported.awb"));
        QVERIFY(QFile::copy(m_base, m_imported));
        QVERIFY(calibrate(m_import, m_imported, "SELECT count(*) FROM events"));
        const QString built = copyOf(m_imported, QStringLiteral("built.awb"));
        QVERIFY(calibrate(m_build, built, "SELECT count(*) FROM catalog_interactions"));
        qInfo("uninterrupted: import %lld ms (%lld events), catalog build %lld ms (%lld interactions)",
              m_import.fullMs, static_cast<long long>(m_import.rows), m_build.fullMs,
              static_cast<long long>(m_build.rows));
    }

    void killedStepLeavesTheWorkspaceAsItWas_data()
    {
        QTest::addColumn<QString>("step");
        QTest::addColumn<double>("at");
        QTest::newRow("import, early") << QStringLiteral("import") << 0.3;
        QTest::newRow("import, late") << QStringLiteral("import") << 0.75;
        // The build is shorter than the import: kill it at three points, reading and writing.
        QTest::newRow("catalog build, early") << QStringLiteral("build") << 0.3;
        QTest::newRow("catalog build, middle") << QStringLiteral("build") << 0.55;
        QTest::newRow("catalog build, late") << QStringLiteral("build") << 0.8;
    }

    void killedStepLeavesTheWorkspaceAsItWas()
    {
        QFETCH(QString, step);
        QFETCH(double, at);
        const bool import = step == QLatin1String("import");
        const Step &s = import ? m_import : m_build;
        const char *count =
            import ? "SELECT count(*) FROM events" : "SELECT count(*) FROM catalog_interactions";
        // A fresh copy per attempt: an attempt that committed before the kill (the machine got faster than
        // during calibration) changed it, and is retried with half the delay.
        QString ws;
        std::string before;
        std::int64_t rowsBefore = 0;
        bool killed = false;
        auto delay = static_cast<qint64>(at * static_cast<double>(s.fullMs));
        for (int attempt = 0; attempt < 3 && !killed; ++attempt, delay /= 2) {
            ws = copyOf(import ? m_base : m_imported, QStringLiteral("%1-%2.awb").arg(step).arg(at));
            before = test::workspaceFingerprint(ws.toStdString());
            rowsBefore = test::queryInt(ws.toStdString(), count);
            const std::int64_t runsBefore = test::queryInt(ws.toStdString(), s.runs);
            killed = killAfter(withWorkspace(s.args, ws), delay);
            // Killed after its commit (e.g. while exiting, which takes long under sanitizers): the step
            // completed, nothing was interrupted.
            if (test::queryInt(ws.toStdString(), s.runs) != runsBefore) {
                qInfo("attempt %d: awb committed before the kill at %lld ms; trying earlier", attempt + 1,
                      static_cast<long long>(delay));
                killed = false;
            }
        }
        QVERIFY2(killed, "awb finished every time before it could be killed");

        QCOMPARE(test::integrityCheck(ws.toStdString()), std::string("ok"));
        QCOMPARE(test::workspaceFingerprint(ws.toStdString()), before);
        QCOMPARE(test::queryInt(ws.toStdString(), count), rowsBefore);
        const test::Run again = test::awbRun(withWorkspace(s.args, ws));
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QCOMPARE(test::queryInt(ws.toStdString(), count), s.rows);
        QCOMPARE(test::integrityCheck(ws.toStdString()), std::string("ok"));
    }

private:
    QString copyOf(const QString &from, const QString &name)
    {
        const QString to = m_dir.filePath(name);
        // A previous attempt's write-ahead log must not be replayed onto the fresh copy.
        for (const char *suffix : {"", "-wal", "-shm"}) {
            QFile::remove(to + QLatin1String(suffix));
        }
        return QFile::copy(from, to) ? to : QString();
    }

    bool calibrate(Step &step, const QString &ws, const char *countSql)
    {
        QElapsedTimer timer;
        timer.start();
        const test::Run run = test::awbRun(withWorkspace(step.args, ws));
        step.fullMs = timer.elapsed();
        step.rows = test::queryInt(ws.toStdString(), countSql);
        if (run.exitCode != 0) {
            qWarning("%s", qPrintable(run.err));
        }
        return run.exitCode == 0;
    }

    // Starts awb and SIGKILLs it after ms; false when it had finished by then.
    static bool killAfter(const QStringList &args, qint64 ms)
    {
        QProcess p;
        p.start(QStringLiteral(AWB_CLI_PATH), args);
        if (!p.waitForStarted(10000) || p.waitForFinished(static_cast<int>(std::max<qint64>(ms, 50)))) {
            return false;
        }
        ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
        p.waitForFinished(10000);
        return p.exitStatus() == QProcess::CrashExit;
    }

    QTemporaryDir m_dir;
    QString m_base;
    QString m_imported;
    Step m_import;
    Step m_build;
};

QTEST_GUILESS_MAIN(TestCliCrash)
#include "tst_CliCrash.moc"
