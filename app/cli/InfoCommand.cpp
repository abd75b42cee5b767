// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "services/WorkspaceService.h"

namespace awb::cli {

int runInfo(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the counts of a workspace."));
    parser.addPositionalArgument(QStringLiteral("workspace"), QStringLiteral("The .awb workspace file."));
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print JSON instead of text.")});
    int exitCode = kExitOk;
    if (!parseArgs(parser, QStringLiteral("info"), args, exitCode)) {
        return exitCode;
    }
    if (parser.positionalArguments().size() != 1) {
        std::fputs("awb info: expected one workspace file\n", stderr);
        return kExitUsage;
    }
    const auto info = services::WorkspaceService::info(parser.positionalArguments().first().toStdString());
    if (!info) {
        return printError(info.error());
    }
    printOut(parser.isSet(QStringLiteral("json")) ? info->toJson() : info->toText());
    return kExitOk;
}

} // namespace awb::cli
