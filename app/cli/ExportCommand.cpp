// SPDX-License-Identifier: GPL-3.0-or-later
// awb export: write an audience as CSV in the layout of an e-mail or ad tool.
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "cli/RecommendationOptions.h"
#include "cli/WarehouseCli.h"
#include "services/ExportService.h"
#include "warehouse/PgConnection.h"

#include <cstdio>

namespace awb::cli {

namespace {

QString description()
{
    std::string s = "Export an audience's members, best first, as CSV (UTF-8, RFC 4180, neutralised against "
                    "formula injection; the file appears complete or not at all).\n\npresets:\n";
    for (const exports::PresetInfo &p : services::ExportService::presets()) {
        std::string id = p.id;
        id.resize(15, ' ');
        s += "  " + id + p.description + "\n";
    }
    s += "\ngeneric columns: ";
    for (const std::string &c : exports::genericColumnNames()) {
        s += c + ", ";
    }
    s +=
        "or any trait path (plan, address.state).\n\n"
        "consent: e-mail presets (mailchimp, klaviyo, braze, generic with an email column) leave out people "
        "on the suppression list and people who refused e-mail consent; ad presets (meta, google, "
        "google-hashed) leave out people on the suppression list; segment leaves out nobody. Unknown consent "
        "is written and counted. --include-unsubscribed writes them all. Exits 1 when 0 rows were written.";
    return QString::fromStdString(s);
}

} // namespace

int runExport(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(description());
    parser.addPositionalArgument(opt("workspace"), opt("The .awb workspace file."));
    parser.addOption({opt("audience"), opt("Audience name."), opt("NAME")});
    parser.addOption({opt("preset"), opt("Export preset (see above)."), opt("PRESET")});
    parser.addOption({opt("out"), opt("CSV file to write."), opt("FILE")});
    parser.addOption({opt("columns"), opt("Columns of the generic preset."), opt("a,b,c")});
    parser.addOption({opt("default-country"),
                      opt("Country whose calling code completes national phone numbers of profiles without "
                          "a country (e.g. US)."),
                      opt("CC")});
    parser.addOption({opt("include-unsubscribed"),
                      opt("Also write people on the suppression list (awb suppress) and people who refused "
                          "e-mail consent, whom e-mail presets (and, for the suppression list, ad presets) "
                          "leave out otherwise. Recorded in the export history.")});
    addRecommendationOptions(parser);
    int exitCode = kExitOk;
    if (!parseArgs(parser, opt("export"), args, exitCode)) {
        return exitCode;
    }
    if (parser.positionalArguments().size() != 1 || !parser.isSet(opt("audience")) ||
        !parser.isSet(opt("preset")) || !parser.isSet(opt("out"))) {
        std::fputs(
            "awb export: expected WORKSPACE --audience NAME --preset PRESET --out FILE [--columns a,b,c]\n",
            stderr);
        return kExitUsage;
    }
    const std::string target = parser.positionalArguments().first().toStdString();
    if (warehouse::isWarehouseUri(target)) {
        warehouse::WarehouseExportRequest w;
        w.audience = parser.value(opt("audience")).toStdString();
        w.preset = parser.value(opt("preset")).toStdString();
        w.outFile = parser.value(opt("out")).toStdString();
        if (parser.isSet(opt("columns"))) {
            w.columns = splitColumns(parser.value(opt("columns")));
        }
        w.defaultCountry = parser.value(opt("default-country")).toStdString();
        return warehouseExport(target, w);
    }
    services::ExportRequest request;
    request.audience = parser.value(opt("audience")).toStdString();
    request.preset = parser.value(opt("preset")).toStdString();
    request.outFile = parser.value(opt("out")).toStdString();
    request.columns = splitColumns(parser.value(opt("columns")));
    request.defaultCountry = parser.value(opt("default-country")).toStdString();
    request.includeWithoutConsent = parser.isSet(opt("include-unsubscribed"));
    if (!parseRecommendationOptions(parser, "export", request.recommendations, exitCode)) {
        return exitCode;
    }
    TerminalProgress progress;
    const auto report = services::ExportService(target).exportAudience(request, progress);
    if (!report) {
        return printError(report.error());
    }
    printOut(report->toText());
    if (report->written == 0) {
        std::fputs("awb export: warning: 0 rows written (the file holds the header only)\n", stderr);
        return kExitFailure;
    }
    return kExitOk;
}

} // namespace awb::cli
