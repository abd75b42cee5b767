// SPDX-License-Identifier: GPL-3.0-or-later
// awb import-history and awb import-remove: the import runs of a workspace, and taking one back.
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "ingest/Timestamp.h"
#include "services/ImportService.h"

#include <QFileInfo>

#include <cstdio>

namespace awb::cli {

namespace {

std::string fileNames(const std::vector<std::string> &paths)
{
    std::string out;
    for (const std::string &p : paths) {
        out += (out.empty() ? "" : ", ") + QFileInfo(QString::fromStdString(p)).fileName().toStdString();
    }
    return out;
}

std::string historyText(const std::vector<store::ImportRun> &runs)
{
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, "%-5s %-19s %-10s %9s %9s %9s %9s %9s  %-16s %s\n", "run",
                  "started (UTC)", "status", "events", "read", "imported", "dupl.", "rejected", "mapping",
                  "files");
    out += line;
    for (const store::ImportRun &r : runs) {
        std::string started = ingest::formatTimestamp(r.startedAt).substr(0, 19);
        started[10] = ' ';
        std::snprintf(
            line, sizeof line, "%-5lld %-19s %-10s %9lld %9lld %9lld %9lld %9lld  %-16s ",
            static_cast<long long>(r.id), started.c_str(), r.status.c_str(),
            static_cast<long long>(r.eventsNow), static_cast<long long>(r.rowsRead),
            static_cast<long long>(r.imported), static_cast<long long>(r.duplicates),
            static_cast<long long>(r.rejected),
            services::importRunMappingLabel(r).empty() ? "-" : services::importRunMappingLabel(r).c_str());
        out += line + fileNames(r.sources) + "\n";
    }
    return out;
}

} // namespace

int runImportHistory(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("List the import runs of a workspace, newest first: when, what they read (files and "
                       "mapping or preset) and what they stored (\"events\" = still in the workspace)."));
    parser.addPositionalArgument(QStringLiteral("workspace"), QStringLiteral("The .awb workspace file."));
    int exitCode = kExitOk;
    if (!parseArgs(parser, QStringLiteral("import-history"), args, exitCode)) {
        return exitCode;
    }
    if (parser.positionalArguments().size() != 1) {
        std::fputs("awb import-history: expected one workspace file\n", stderr);
        return kExitUsage;
    }
    const auto runs = services::ImportService(parser.positionalArguments().first().toStdString()).history();
    if (!runs) {
        return printError(runs.error());
    }
    printOut(runs->empty() ? std::string("no import runs\n") : historyText(*runs));
    return kExitOk;
}

int runImportRemove(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Remove an import run (see awb import-history): its events and their products, and the "
        "profiles left with no event, attribute or e-mail. Traits and segments follow; rebuild "
        "the catalog afterwards."));
    parser.addPositionalArgument(QStringLiteral("workspace"), QStringLiteral("The .awb workspace file."));
    parser.addPositionalArgument(QStringLiteral("run"), QStringLiteral("The run number."));
    int exitCode = kExitOk;
    if (!parseArgs(parser, QStringLiteral("import-remove"), args, exitCode)) {
        return exitCode;
    }
    const QStringList pos = parser.positionalArguments();
    bool ok = false;
    const qlonglong run = pos.size() == 2 ? pos[1].toLongLong(&ok) : 0;
    if (!ok || run <= 0) {
        std::fputs("awb import-remove: expected a workspace file and a run number (see awb import-history)\n",
                   stderr);
        return kExitUsage;
    }
    const auto removed =
        services::ImportService(pos.first().toStdString()).removeRun(run, ProgressSink::null());
    if (!removed) {
        return printError(removed.error());
    }
    std::printf("removed import run %lld: events %lld, profiles %lld\n", run,
                static_cast<long long>(removed->events), static_cast<long long>(removed->profiles));
    return kExitOk;
}

} // namespace awb::cli
