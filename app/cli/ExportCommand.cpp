// SPDX-License-Identifier: GPL-3.0-or-later
// awb export: write an audience as CSV in the layout of an e-mail or ad tool.
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "services/ExportService.h"

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
    s += "or any trait path (plan, address.state).";
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
    services::ExportRequest request;
    request.audience = parser.value(opt("audience")).toStdString();
    request.preset = parser.value(opt("preset")).toStdString();
    request.outFile = parser.value(opt("out")).toStdString();
    request.columns = splitColumns(parser.value(opt("columns")));
    request.defaultCountry = parser.value(opt("default-country")).toStdString();
    TerminalProgress progress;
    const auto report = services::ExportService(parser.positionalArguments().first().toStdString())
                            .exportAudience(request, progress);
    if (!report) {
        return printError(report.error());
    }
    printOut(report->toText());
    return kExitOk;
}

} // namespace awb::cli
