// SPDX-License-Identifier: GPL-3.0-or-later
// awb: every engine feature without a display.
#include "cli/CliCommon.h"
#include "cli/Commands.h"

#include <QCoreApplication>

#include <cstdio>

namespace {
constexpr const char *kUsage = "usage: awb <command> [options]\n"
                               "\n"
                               "commands:\n"
                               "  catalog    define, build and show the recommendation catalog\n"
                               "  evaluate   measure propensity scores against what happened after a date\n"
                               "  generate   write a generated sample store (workspace or JSON lines)\n"
                               "  import     import event files into a workspace and print the report\n"
                               "  info       print the counts of a workspace (--json for JSON)\n"
                               "  score      score every profile's propensity to engage with a target\n"
                               "\n"
                               "awb <command> --help describes a command; awb --version prints the version.\n";
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("awb"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AWB_VERSION));
    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        std::fputs(kUsage, args.isEmpty() ? stderr : stdout);
        return args.isEmpty() ? awb::cli::kExitUsage : awb::cli::kExitOk;
    }
    if (args.first() == QLatin1String("--version")) {
        std::printf("awb %s\n", AWB_VERSION);
        return awb::cli::kExitOk;
    }
    const QString command = args.takeFirst();
    if (command == QLatin1String("import")) {
        return awb::cli::runImport(args);
    }
    if (command == QLatin1String("info")) {
        return awb::cli::runInfo(args);
    }
    if (command == QLatin1String("catalog")) {
        return awb::cli::runCatalog(args);
    }
    if (command == QLatin1String("score")) {
        return awb::cli::runScore(args);
    }
    if (command == QLatin1String("evaluate")) {
        return awb::cli::runEvaluate(args);
    }
    if (command == QLatin1String("generate")) {
        return awb::cli::runGenerate(args);
    }
    std::fprintf(stderr, "awb: unknown command '%s'\n\n%s", qPrintable(command), kUsage);
    return awb::cli::kExitUsage;
}
