// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "ingest/CsvPresets.h"
#include "ingest/Timestamp.h"
#include "ingest/TimestampDetect.h"
#include "services/ImportService.h"

#include <algorithm>
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

QString presetHelp()
{
    QString text =
        QStringLiteral("\nCSV presets (--preset NAME; without --preset or --mapping, a CSV file whose "
                       "header matches one is read with it):");
    for (const std::string &name : ingest::csvPresetNames()) {
        text += QStringLiteral("\n  ") + QString::fromStdString(name) + QStringLiteral(": ") +
                QString::fromStdString(ingest::csvPresetDescription(name));
    }
    return text;
}

// With replace, adds every earlier run of spec's files to spec.replaceRuns; without, says which files were
// read before through a different mapping (importing them again adds to what those runs stored). Returns
// false with exitCode set when the history cannot be read.
bool applyEarlierImports(const services::ImportService &service, bool replace, services::ImportSpec &spec,
                         int &exitCode)
{
    const auto earlier = service.earlierImports(spec);
    if (!earlier) {
        exitCode = printError(earlier.error());
        return false;
    }
    for (const services::EarlierImport &e : *earlier) {
        if (replace) {
            spec.replaceRuns.push_back(e.run.id);
        } else if (e.otherMapping) {
            std::fprintf(stderr,
                         "awb import: %s was imported before with a different mapping (import run %lld, %lld "
                         "events still in the workspace); add --replace to import it instead of that run\n",
                         e.file.c_str(), static_cast<long long>(e.run.id),
                         static_cast<long long>(e.run.eventsNow));
        }
    }
    return true;
}

// Applies --preset / --mapping to spec. Returns false with exitCode set on a bad value.
bool applyCsvMapping(const QCommandLineParser &parser, services::ImportSpec &spec, int &exitCode)
{
    const bool hasPreset = parser.isSet(QStringLiteral("preset"));
    const bool hasMapping = parser.isSet(QStringLiteral("mapping"));
    exitCode = kExitUsage;
    if (hasPreset && hasMapping) {
        std::fputs("awb import: give either --preset or --mapping, not both\n", stderr);
        return false;
    }
    if (hasPreset) {
        const std::string name = parser.value(QStringLiteral("preset")).toStdString();
        const auto preset = ingest::csvPreset(name);
        if (!preset) {
            std::fprintf(stderr, "awb import: unknown preset '%s'%s\n", name.c_str(),
                         qPrintable(presetHelp()));
            return false;
        }
        spec.mapping = *preset;
    } else if (hasMapping) {
        auto mapping = ingest::loadCsvMapping(parser.value(QStringLiteral("mapping")).toStdString());
        if (!mapping) {
            std::fprintf(stderr, "awb import: %s\n", mapping.error().message.c_str());
            return false;
        }
        spec.mapping = std::move(*mapping);
    }
    for (const QString &given : parser.values(QStringLiteral("lookup"))) {
        const qsizetype eq = given.indexOf(QLatin1Char('='));
        const std::string name = given.left(eq).toStdString();
        auto it = std::find_if(spec.mapping.lookups.begin(), spec.mapping.lookups.end(),
                               [&](const ingest::CsvLookup &l) { return l.name == name; });
        if (eq <= 0 || it == spec.mapping.lookups.end()) {
            std::fprintf(stderr, "awb import: --lookup %s: expected NAME=FILE with a lookup of the mapping\n",
                         qPrintable(given));
            return false;
        }
        it->file = given.mid(eq + 1).toStdString();
    }
    if ((hasPreset || hasMapping) && spec.format == services::ImportFormat::Auto) {
        spec.format = services::ImportFormat::Csv;
    }
    exitCode = kExitOk;
    return true;
}

bool importsCsv(const services::ImportSpec &spec)
{
    return !spec.files.empty() &&
           (spec.format == services::ImportFormat::Csv ||
            (spec.format == services::ImportFormat::Auto &&
             services::ImportService::detectFormat(spec.files.front()) == services::ImportFormat::Csv));
}

// Without --preset or --mapping, a CSV file in a known layout (a Shopify orders export...) is read with its
// preset, and the user is told so.
void applyDetectedPreset(services::ImportSpec &spec)
{
    if (!importsCsv(spec)) {
        return;
    }
    const std::string name = ingest::detectCsvPreset(spec.files.front());
    if (const auto preset = ingest::csvPreset(name)) {
        spec.mapping = *preset;
        std::fprintf(stderr,
                     "awb import: %s has the layout of the '%s' preset; reading it with --preset %s\n",
                     spec.files.front().c_str(), name.c_str(), name.c_str());
    }
}
// --timestamp-format, or the format detected from the first CSV file when the mapping leaves it empty.
// Returns false with exitCode set when the format is bad or the times could be month or day first.
bool applyTimestampFormat(const QCommandLineParser &parser, services::ImportSpec &spec, int &exitCode)
{
    exitCode = kExitUsage;
    if (parser.isSet(QStringLiteral("timestamp-format"))) {
        const std::string format = parser.value(QStringLiteral("timestamp-format")).toStdString();
        if (const std::string bad = ingest::checkTimestampFormat(format); !bad.empty()) {
            std::fprintf(stderr, "awb import: --timestamp-format: %s\n", bad.c_str());
            return false;
        }
        spec.mapping.timestampFormat = format == "auto" ? std::string() : format;
    } else if (importsCsv(spec) && spec.mapping.timestampFormat.empty() &&
               !spec.mapping.timestampColumn.empty()) {
        // A file that cannot be sampled is left to the import, which reports it.
        const auto detected = ingest::detectCsvTimestampFormat(spec.files.front(), spec.mapping);
        using Outcome = ingest::TimestampDetection::Outcome;
        if (detected && detected->outcome == Outcome::Ambiguous) {
            std::string choices;
            for (const std::string &c : detected->candidates) {
                choices += (choices.empty() ? "" : " or ") + std::string("--timestamp-format \"") + c +
                           "\" (" + ingest::timestampFormatOrder(c) + ")";
            }
            std::fprintf(stderr,
                         "awb import: the times in column \"%s\" (e.g. \"%s\") can be read month first or "
                         "day first; give %s\n",
                         spec.mapping.timestampColumn.c_str(), detected->example.c_str(), choices.c_str());
            return false;
        }
        if (detected && detected->outcome == Outcome::Detected && !detected->format.empty()) {
            spec.mapping.timestampFormat = detected->format;
            std::fprintf(stderr, "awb import: the times in column \"%s\" are read as \"%s\"\n",
                         spec.mapping.timestampColumn.c_str(), detected->format.c_str());
        }
    }
    exitCode = kExitOk;
    return true;
}
} // namespace

int runImport(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral(
            "Import event files into a workspace (created when missing) and print the report.\n"
            "Files may be .gz or .xz compressed. Ctrl-C cancels and leaves the workspace as it was.") +
        presetHelp());
    parser.addPositionalArgument(QStringLiteral("workspace"), QStringLiteral("The .awb workspace file."));
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("Event files."),
                                 QStringLiteral("FILE..."));
    parser.addOption({QStringLiteral("format"), QStringLiteral("auto (default), jsonl or csv."),
                      QStringLiteral("FORMAT"), QStringLiteral("auto")});
    parser.addOption({QStringLiteral("preset"),
                      QStringLiteral("Read CSV files with a built-in mapping (see below)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("mapping"),
                      QStringLiteral("Read CSV files with the column mapping in this JSON file (its factFile "
                                     "is imported when no FILE is given)."),
                      QStringLiteral("FILE.json")});
    parser.addOption(
        {QStringLiteral("lookup"),
         QStringLiteral("Read the mapping's lookup NAME from FILE instead of the file it names."),
         QStringLiteral("NAME=FILE")});
    parser.addOption(
        {QStringLiteral("timestamp-format"),
         QStringLiteral("How the CSV times are written, e.g. \"%m/%d/%Y %H:%M\" (\"auto\": ISO 8601 "
                        "or Unix times). Default: the mapping's, else detected from the first "
                        "rows."),
         QStringLiteral("FORMAT")});
    parser.addOption({QStringLiteral("profiles"),
                      QStringLiteral("Import profile attributes from this CSV file, one row per person, "
                                     "joined on user id."),
                      QStringLiteral("FILE.csv")});
    parser.addOption({QStringLiteral("profile-key"),
                      QStringLiteral("The user id column of --profiles files (default: a column named like "
                                     "user id, customer id or external id)."),
                      QStringLiteral("COLUMN")});
    parser.addOption(
        {QStringLiteral("replace"),
         QStringLiteral("Replace the earlier imports of these files: their events are removed in "
                        "the same transaction (re-importing with a corrected mapping).")});
    int exitCode = kExitOk;
    if (!parseArgs(parser, QStringLiteral("import"), args, exitCode)) {
        return exitCode;
    }
    const QStringList pos = parser.positionalArguments();
    if (pos.isEmpty()) {
        std::fputs("awb import: expected a workspace\n", stderr);
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
    if (!applyCsvMapping(parser, spec, exitCode)) {
        return exitCode;
    }
    for (qsizetype i = 1; i < pos.size(); ++i) {
        spec.files.push_back(pos[i].toStdString());
    }
    if (spec.files.empty() && !spec.mapping.factFile.empty()) {
        spec.files.push_back(spec.mapping.factFile);
    }
    if (!parser.isSet(QStringLiteral("preset")) && !parser.isSet(QStringLiteral("mapping"))) {
        applyDetectedPreset(spec);
    }
    if (!applyTimestampFormat(parser, spec, exitCode)) {
        return exitCode;
    }
    for (const QString &path : parser.values(QStringLiteral("profiles"))) {
        spec.profileFiles.push_back(path.toStdString());
    }
    spec.profileKeyColumn = parser.value(QStringLiteral("profile-key")).toStdString();
    if (spec.files.empty() && spec.profileFiles.empty()) {
        std::fputs("awb import: expected files to import (or a mapping naming its factFile, or --profiles)\n",
                   stderr);
        return kExitUsage;
    }

    services::ImportService service(pos.first().toStdString());
    if (!applyEarlierImports(service, parser.isSet(QStringLiteral("replace")), spec, exitCode)) {
        return exitCode;
    }

    TerminalProgress progress;
    g_progress = &progress;
    std::signal(SIGINT, cancelOnSignal);
    std::signal(SIGTERM, cancelOnSignal);
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
    if (report->importedNothingButRejected()) {
        std::fprintf(stderr, "awb import: nothing was imported and %lld rows were rejected\n",
                     static_cast<long long>(report->rejected));
        return kExitFailure;
    }
    return kExitOk;
}

} // namespace awb::cli
