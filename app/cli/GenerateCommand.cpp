// SPDX-License-Identifier: GPL-3.0-or-later
// `awb generate`: the sample store as a workspace or as Segment JSON lines.
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "cli/WarehouseCli.h"
#include "sample/CampaignPlay.h"
#include "sample/SampleGenerator.h"
#include "services/CatalogService.h"
#include "services/WorkspaceService.h"

#include <QTemporaryDir>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>

namespace awb::cli {

namespace {
std::atomic<CancelableProgress *> g_progress{nullptr};

extern "C" void cancelGenerateOnSignal(int)
{
    if (CancelableProgress *p = g_progress.load()) {
        p->cancel();
    }
}

// Reads a positive integer option; prints a usage error and returns false when it is not one.
bool positiveOption(const QCommandLineParser &parser, const QString &name, std::int64_t &out)
{
    bool ok = false;
    const qlonglong value = parser.value(name).toLongLong(&ok);
    if (!ok || value < 1) {
        std::fprintf(stderr, "awb generate: --%s must be a positive integer\n", qPrintable(name));
        return false;
    }
    out = value;
    return true;
}

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "Generate the deterministic sample store: customers with latent tastes browsing and buying from a\n"
        "brand and category hierarchy, with coupons, refunds, lapsing VIPs, new visitors and anonymous\n"
        "visitors who later log in. Same options, same output. At 180 days a profile has about 34 events\n"
        "on average (use --events to ask for a total instead). Ctrl-C cancels and leaves nothing behind."));
    parser.addOption({QStringLiteral("out"),
                      QStringLiteral("Write a workspace (created when missing), with the planted truth."),
                      QStringLiteral("WORKSPACE.awb")});
    parser.addOption({QStringLiteral("jsonl"), QStringLiteral("Write Segment-spec JSON lines instead."),
                      QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("warehouse"),
         QStringLiteral("Also write the store into this PostgreSQL warehouse in Segment's layout "
                        "(tracks, one table per event, identifies, pages, users), in the first "
                        "schema of the URI's search_path. Without --out, the workspace is "
                        "temporary."),
         QStringLiteral("postgresql://...")});
    parser.addOption({QStringLiteral("profiles"), QStringLiteral("Number of customers (default 2000)."),
                      QStringLiteral("N"), QStringLiteral("2000")});
    parser.addOption({QStringLiteral("events"),
                      QStringLiteral("Pick the number of customers that gives about N events."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("days"), QStringLiteral("Days of history (default 180)."),
                      QStringLiteral("D"), QStringLiteral("180")});
    parser.addOption(
        {QStringLiteral("with-catalog"),
         QStringLiteral("Also define and build the sample's recommendation catalog (workspace only).")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Random seed (default 42)."),
                      QStringLiteral("S"), QStringLiteral("42")});
    parser.addOption(
        {QStringLiteral("play-campaign"),
         QStringLiteral("Instead of generating: play the campaign of this audience of the workspace "
                        "--out (members order a target product with their predicted likelihood, "
                        "plus --uplift unless held out), then rebuild its catalog."),
         QStringLiteral("AUDIENCE")});
    parser.addOption({QStringLiteral("uplift"),
                      QStringLiteral("--play-campaign: the planted uplift, e.g. 5% (default 5%)."),
                      QStringLiteral("PERCENT"), QStringLiteral("5%")});
    parser.addOption({QStringLiteral("end-date"),
                      QStringLiteral("Last day of the history, YYYY-MM-DD (default 2026-10-31)."),
                      QStringLiteral("DATE"), QStringLiteral("2026-10-31")});
}

// Fills spec from the parsed options; returns false (after printing why) on a usage error.
bool readSpec(const QCommandLineParser &parser, sample::SampleSpec &spec)
{
    std::int64_t days = 0;
    if (!positiveOption(parser, QStringLiteral("profiles"), spec.profiles) ||
        !positiveOption(parser, QStringLiteral("days"), days)) {
        return false;
    }
    spec.days = static_cast<int>(std::min<std::int64_t>(days, 1'000'000));
    bool ok = false;
    spec.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok) {
        std::fputs("awb generate: --seed must be a non-negative integer\n", stderr);
        return false;
    }
    spec.endDate = parser.value(QStringLiteral("end-date")).toStdString();
    if (parser.isSet(QStringLiteral("events"))) {
        std::int64_t events = 0;
        if (!positiveOption(parser, QStringLiteral("events"), events)) {
            return false;
        }
        spec.profiles = sample::profilesForEvents(events, spec);
    }
    return true;
}

// awb generate --out WS --play-campaign NAME [--uplift 5%] [--seed S]
int playCampaign(const QCommandLineParser &parser)
{
    sample::CampaignPlay play;
    play.audience = parser.value(QStringLiteral("play-campaign")).toStdString();
    QString uplift = parser.value(QStringLiteral("uplift")).trimmed();
    bool ok = uplift.endsWith(QLatin1Char('%'));
    play.uplift = uplift.chopped(ok ? 1 : 0).toDouble(&ok) / 100.0;
    if (!ok || play.uplift < 0 || play.uplift > 1) {
        std::fputs("awb generate: --uplift must be a percentage from 0% to 100%, e.g. 5%\n", stderr);
        return kExitUsage;
    }
    play.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok) {
        std::fputs("awb generate: --seed must be a non-negative integer\n", stderr);
        return kExitUsage;
    }
    const std::string workspace = parser.value(QStringLiteral("out")).toStdString();
    TerminalProgress progress;
    const auto played = sample::playCampaign(workspace, play, progress);
    if (!played) {
        return printError(played.error());
    }
    const auto built = services::CatalogService(workspace).build(progress);
    if (!built) {
        return printError(built.error());
    }
    printOut("played the campaign of '" + play.audience + "': " + std::to_string(played->exportedOrders) +
             " orders from " + std::to_string(played->exported) + " exported members, " +
             std::to_string(played->controlOrders) + " from " + std::to_string(played->control) +
             " held out; catalog rebuilt\n");
    return kExitOk;
}

} // namespace

int runGenerate(const QStringList &args)
{
    QCommandLineParser parser;
    addOptions(parser);
    int exitCode = kExitOk;
    if (!parseArgs(parser, QStringLiteral("generate"), args, exitCode)) {
        return exitCode;
    }
    const bool toWarehouse = parser.isSet(QStringLiteral("warehouse"));
    // Without --out, the workspace the warehouse is written from lives in a temporary folder.
    QTemporaryDir scratch;
    const bool temporary =
        toWarehouse && !parser.isSet(QStringLiteral("out")) && !parser.isSet(QStringLiteral("jsonl"));
    if (temporary) {
        parser.parse(QStringList{QStringLiteral("awb generate")} + args +
                     QStringList{QStringLiteral("--out"), scratch.filePath(QStringLiteral("sample.awb"))});
    }
    const bool toWorkspace = parser.isSet(QStringLiteral("out"));
    if (toWarehouse && parser.isSet(QStringLiteral("jsonl"))) {
        std::fputs("awb generate: --warehouse writes a workspace's events; it does not go with --jsonl\n",
                   stderr);
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("play-campaign"))) {
        if (!toWorkspace || parser.isSet(QStringLiteral("jsonl"))) {
            std::fputs("awb generate: --play-campaign needs --out WORKSPACE.awb\n", stderr);
            return kExitUsage;
        }
        return playCampaign(parser);
    }
    if (toWorkspace == parser.isSet(QStringLiteral("jsonl")) || !parser.positionalArguments().isEmpty()) {
        std::fputs("awb generate: give exactly one of --out WORKSPACE.awb or --jsonl FILE (see --help)\n",
                   stderr);
        return kExitUsage;
    }
    sample::SampleSpec spec;
    if (!readSpec(parser, spec)) {
        return kExitUsage;
    }
    const std::string target =
        parser.value(toWorkspace ? QStringLiteral("out") : QStringLiteral("jsonl")).toStdString();

    TerminalProgress progress;
    g_progress = &progress;
    std::signal(SIGINT, cancelGenerateOnSignal);
    std::signal(SIGTERM, cancelGenerateOnSignal);
    const auto started = std::chrono::steady_clock::now();
    const bool withCatalog = parser.isSet(QStringLiteral("with-catalog"));
    const auto summary = !toWorkspace  ? sample::generateJsonLines(target, spec, progress)
                         : withCatalog ? services::WorkspaceService::createSample(target, spec, progress)
                                       : sample::generateWorkspace(target, spec, progress);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    g_progress = nullptr;
    if (!summary) {
        if (summary.error().isCancelled()) {
            std::fputs("awb generate: cancelled; nothing was written (an existing workspace is unchanged)\n",
                       stderr);
            return kExitFailure;
        }
        return printError(summary.error());
    }
    char line[512];
    std::snprintf(line, sizeof line,
                  "Generated %lld profiles, %lld events into %s in %.2f s (%.0f events/s)\n",
                  static_cast<long long>(summary->profiles), static_cast<long long>(summary->events),
                  temporary ? "a temporary workspace" : target.c_str(), seconds,
                  seconds > 0 ? summary->events / seconds : 0.0);
    printOut(line);
    if (toWarehouse) {
        return warehousePublish(target, parser.value(QStringLiteral("warehouse")).toStdString());
    }
    return kExitOk;
}

} // namespace awb::cli
