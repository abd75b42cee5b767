// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "services/ImportService.h"

#include <atomic>
#include <csignal>
#include <cstdio>

namespace awb::cli {

namespace {
std::atomic<CancelableProgress *> g_progress{nullptr};

extern "C" void cancelOnSignal(int)
{
    if (CancelableProgress *p = g_progress.load()) {
        p->cancel();
    }
}
} // namespace

int runImport(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Import event files into a workspace (created when missing) and print the report.\n"
                       "Files may be .gz or .xz compressed. Ctrl-C cancels and leaves the workspace as it was."));
    parser.addPositionalArgument(QStringLiteral("workspace"), QStringLiteral("The .awb workspace file."));
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("Event files."), QStringLiteral("FILE..."));
    parser.addOption({QStringLiteral("format"), QStringLiteral("auto (default), jsonl or csv."),
                      QStringLiteral("FORMAT"), QStringLiteral("auto")});
    int exitCode = kExitOk;
    if (!parseArgs(parser, QStringLiteral("import"), args, exitCode)) {
        return exitCode;
    }
    const QStringList pos = parser.positionalArguments();
    if (pos.size() < 2) {
        std::fputs("awb import: expected a workspace and at least one file\n", stderr);
        return kExitUsage;
    }
    services::ImportSpec spec;
    const QString format = parser.value(QStringLiteral("format"));
    if (format == QLatin1String("jsonl")) {
        spec.format = services::ImportFormat::JsonLines;
    } else if (format == QLatin1String("csv")) {
        spec.format = services::ImportFormat::Csv;
    } else if (format != QLatin1String("auto")) {
        std::fprintf(stderr, "awb import: unknown format '%s' (auto, jsonl, csv)\n", qPrintable(format));
        return kExitUsage;
    }
    for (qsizetype i = 1; i < pos.size(); ++i) {
        spec.files.push_back(pos[i].toStdString());
    }

    TerminalProgress progress;
    g_progress = &progress;
    std::signal(SIGINT, cancelOnSignal);
    std::signal(SIGTERM, cancelOnSignal);
    services::ImportService service(pos.first().toStdString());
    const auto report = service.run(spec, progress);
    g_progress = nullptr;
    if (!report) {
        if (report.error().isCancelled()) {
            std::fputs("awb import: cancelled; the workspace is unchanged\n", stderr);
            return kExitFailure;
        }
        return printError(report.error());
    }
    printOut(report->summary());
    return kExitOk;
}

} // namespace awb::cli
