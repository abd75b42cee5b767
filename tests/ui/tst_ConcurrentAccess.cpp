// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI's code paths (WorkspaceController, its browsing service and info job, segment counts, an import
// job) and the awb CLI on one workspace at once: one side imports a large file while the other keeps
// reading. No read fails, no "database is locked" reaches the user, the workspace passes
// PRAGMA integrity_check and holds every imported event afterwards.
#include "jobs/JobRunner.h"
#include "jobs/Progress.h"
#include "main/WorkspaceController.h"
#include "segments/RuleJson.h"
#include "services/AudienceService.h"
#include "services/DataBrowserService.h"
#include "services/ImportService.h"
#include "services/SegmentService.h"
#include "store/Database.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/wait.h>
#include <unistd.h>

#include "../cli/CliRun.h"
#include "TestUtil.h"

using namespace awb;

namespace {

// The import file is ten times the base store: several seconds of import on the reference machine.
constexpr int kBaseProfiles = 400;
constexpr int kImportProfiles = 4000;

std::int64_t eventsIn(const QString &ws)
{
    const test::Run run = test::awbRun({QStringLiteral("info"), ws, QStringLiteral("--json")});
    return QJsonDocument::fromJson(run.out.toUtf8()).object().value(QStringLiteral("events")).toInteger(-1);
}

/// An audience left "computing" by a process of this host that died: listing audiences removes it, a write
/// that must not make the listing wait while another process imports.
void addAbandonedAudience(const std::string &ws)
{
    const pid_t child = ::fork();
    if (child == 0) {
        ::_exit(0);
    }
    ::waitpid(child, nullptr, 0);
    auto db = store::Database::open(ws, store::Database::OpenMode::OpenExisting);
    QVERIFY(db);
    (*db)
        ->prepare("INSERT INTO audiences (name, target_column, target_value, horizon_ms, size_rule, status, "
                  "created_at, owner) VALUES ('Killed', 'Category', 'Beauty', 1, '5%', 'computing', 1, ?)")
        .bind(1, QSysInfo::machineHostName().toStdString() + ":" + std::to_string(child))
        .run();
}

bool hasAudience(const std::string &ws, const std::string &name)
{
    const auto listed = services::AudienceService(ws).list();
    return listed &&
           std::any_of(listed->begin(), listed->end(), [&](const auto &a) { return a.name == name; });
}

/// What the user would have seen: an error message of a read, or a CLI run that failed.
void note(QStringList &problems, const QString &what, const QString &message)
{
    if (problems.size() < 20) {
        problems << what + QStringLiteral(": ") + message;
    }
}

// A rule with a trait and an event condition: a count reads the trait tables' events and queries events.
const char *kRule = R"({"version":1,"rule":{"type":"any","conditions":[
    {"type":"trait","trait":"total_spend","op":">=","value":100},
    {"type":"event","event":"Product Viewed","count":"at_least","times":2}]}})";

} // namespace

class TestConcurrentAccess : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_base = m_dir.filePath(QStringLiteral("base.awb"));
        m_jsonl = m_dir.filePath(QStringLiteral("more.jsonl"));
        QCOMPARE(test::awbRun({QStringLiteral("generate"), QStringLiteral("--out"), m_base,
                               QStringLiteral("--profiles"), QString::number(kBaseProfiles)})
                     .exitCode,
                 0);
        QCOMPARE(test::awbRun({QStringLiteral("generate"), QStringLiteral("--jsonl"), m_jsonl,
                               QStringLiteral("--profiles"), QString::number(kImportProfiles),
                               QStringLiteral("--seed"), QStringLiteral("7")})
                     .exitCode,
                 0);
        m_baseEvents = eventsIn(m_base);
        QVERIFY(m_baseEvents > 0);
    }

    void init()
    {
        m_ws = m_dir.filePath(QStringLiteral("w%1.awb").arg(++m_runs));
        QVERIFY(QFile::copy(m_base, m_ws));
    }

    // `awb import` writes while the GUI's services read in a loop.
    void cliImportsWhileGuiReads()
    {
        addAbandonedAudience(m_ws.toStdString());
        ui::WorkspaceController controller;
        QVERIFY(controller.open(m_ws));
        QProcess import;
        import.start(QStringLiteral(AWB_CLI_PATH), {QStringLiteral("import"), m_ws, m_jsonl});
        QVERIFY(import.waitForStarted());
        QStringList problems;
        int roundsDuringImport = 0;
        while (import.state() != QProcess::NotRunning) {
            readLikeTheGui(controller, problems);
            roundsDuringImport += import.state() != QProcess::NotRunning ? 1 : 0;
        }
        const QString err = QString::fromUtf8(import.readAllStandardError());
        QVERIFY2(import.exitStatus() == QProcess::NormalExit && import.exitCode() == 0, qPrintable(err));
        QVERIFY2(!err.contains(QLatin1String("locked")), qPrintable(err));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QVERIFY2(roundsDuringImport >= 2, "the import ended before the reads overlapped it");
        qInfo("%d rounds of GUI reads during the import", roundsDuringImport);

        readLikeTheGui(controller, problems); // sees the import once committed
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QVERIFY(controller.info().has_value());
        const std::int64_t seen = controller.info()->events;
        QVERIFY(seen > m_baseEvents);
        controller.close();
        QCOMPARE(test::integrityCheck(m_ws.toStdString()), std::string("ok"));
        QCOMPARE(eventsIn(m_ws), seen);
        QVERIFY(!hasAudience(m_ws.toStdString(), "Killed")); // removed once nobody held the write lock
    }

    // The GUI's import job writes while `awb info` and `awb segment count` run in a loop.
    void guiImportsWhileCliReads()
    {
        ui::JobRunner runner;
        QSignalSpy finished(&runner, &ui::JobRunner::finished);
        QSignalSpy failed(&runner, &ui::JobRunner::failed);
        services::ImportSpec spec;
        spec.files = {m_jsonl.toStdString()};
        const std::string ws = m_ws.toStdString();
        QVERIFY(runner.start(QStringLiteral("Importing"), [spec, ws](ProgressSink &progress) {
            return services::ImportService(ws).run(spec, progress);
        }));
        QStringList problems;
        int roundsDuringImport = 0;
        const QStringList reads[] = {
            {QStringLiteral("info"), m_ws},
            {QStringLiteral("segment"), QStringLiteral("count"), m_ws, QStringLiteral("--template"),
             QStringLiteral("lapsed-vips")},
        };
        while (finished.isEmpty() && failed.isEmpty()) {
            for (const QStringList &args : reads) {
                const test::Run run = test::awbRun(args);
                if (run.exitCode != 0 || run.err.contains(QLatin1String("locked"))) {
                    note(problems, QStringLiteral("awb ") + args.first(), run.err);
                }
            }
            roundsDuringImport += runner.isRunning() ? 1 : 0;
            // Delivers the runner's queued finished() / failed() once the job is done.
            finished.wait(1);
        }
        QVERIFY2(failed.isEmpty(),
                 failed.isEmpty() ? "" : failed.first().first().value<Error>().message.c_str());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QVERIFY2(roundsDuringImport >= 2, "the import ended before the reads overlapped it");
        qInfo("%d rounds of CLI reads during the import", roundsDuringImport);
        const auto &report = runner.result<ingest::ImportReport>();
        QVERIFY(report.imported > 0);
        QCOMPARE(test::integrityCheck(ws), std::string("ok"));
        QCOMPARE(eventsIn(m_ws), m_baseEvents + report.imported);
    }

private:
    // One round of what the GUI reads: the status-bar counts (a background job), the event and profile
    // tables and a profile page (the browsing connection), and a segment count (its own connections).
    void readLikeTheGui(ui::WorkspaceController &controller, QStringList &problems)
    {
        QSignalSpy updated(&controller, &ui::WorkspaceController::infoUpdated);
        QSignalSpy failed(&controller, &ui::WorkspaceController::failed);
        controller.refreshInfo();
        if (!QTest::qWaitFor([&] { return !updated.isEmpty() || !failed.isEmpty(); }, 30000)) {
            note(problems, QStringLiteral("info"), QStringLiteral("no answer in 30 s"));
        }
        if (!failed.isEmpty()) {
            note(problems, QStringLiteral("info"),
                 QString::fromStdString(failed.first().first().value<Error>().message));
        }
        services::DataBrowserService &browser = *controller.browser();
        const auto check = [&](const char *what, const auto &result) {
            if (!result) {
                note(problems, QLatin1String(what), QString::fromStdString(result.error().message));
            }
        };
        check("event count", browser.countEvents({}));
        check("event page", browser.events({}, 0, 200));
        check("profile count", browser.countProfiles({}));
        const auto profiles = browser.profiles({}, 0, 200);
        check("profile page", profiles);
        if (profiles && !profiles->empty()) {
            check("profile", browser.profile(profiles->back().id));
        }
        check("event names", browser.eventNames());
        QElapsedTimer timer;
        timer.start();
        check("audiences", services::AudienceService(m_ws.toStdString()).list());
        if (timer.elapsed() > 2000) { // the Audiences area lists on the UI thread
            note(problems, QStringLiteral("audiences"),
                 QStringLiteral("listing took %1 ms").arg(timer.elapsed()));
        }
        const auto rule = segments::ruleFromJson(kRule);
        QVERIFY(rule);
        check("segment count",
              services::SegmentService(m_ws.toStdString()).count(*rule, {}, ProgressSink::null()));
    }

    QTemporaryDir m_dir;
    QString m_base;
    QString m_jsonl;
    QString m_ws;
    std::int64_t m_baseEvents = 0;
    int m_runs = 0;
};

QTEST_MAIN(TestConcurrentAccess)
#include "tst_ConcurrentAccess.moc"
