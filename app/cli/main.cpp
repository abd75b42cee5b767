// SPDX-License-Identifier: GPL-3.0-or-later
// awb: every engine feature without a display.
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "common/Libraries.h"
#include "warehouse/PgConnection.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("awb"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AWB_VERSION));
    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        std::fputs(awb::cli::kUsage, args.isEmpty() ? stderr : stdout);
        return args.isEmpty() ? awb::cli::kExitUsage : awb::cli::kExitOk;
    }
    if (args.first() == QLatin1String("--version")) {
        std::printf("awb %s\nlibraries: %s\n", AWB_VERSION, awb::libraryVersionsText().c_str());
        return awb::cli::kExitOk;
    }
    const QString command = args.takeFirst();
    // Warehouse mode covers traits, segments, the catalog, audiences, exports and the sample store so far;
    // other commands say so by name rather than taking the URI for a missing file.
    const bool warehouseCommand = command == QLatin1String("traits") || command == QLatin1String("segment") ||
                                  command == QLatin1String("generate") ||
                                  command == QLatin1String("catalog") ||
                                  command == QLatin1String("audience") || command == QLatin1String("export");
    for (const QString &a : args) {
        if (!warehouseCommand && awb::warehouse::isWarehouseUri(a.toStdString())) {
            std::fprintf(stderr,
                         "awb %s: does not run against a warehouse yet (warehouse mode: awb traits, awb "
                         "segment count|save|export, awb catalog, awb audience create|list|show|remove, awb "
                         "export, awb generate --warehouse)\n",
                         qPrintable(command));
            return awb::cli::kExitUsage;
        }
    }
    if (command == QLatin1String("import")) {
        return awb::cli::runImport(args);
    }
    if (command == QLatin1String("import-history")) {
        return awb::cli::runImportHistory(args);
    }
    if (command == QLatin1String("import-remove")) {
        return awb::cli::runImportRemove(args);
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
    if (command == QLatin1String("audience")) {
        return awb::cli::runAudience(args);
    }
    if (command == QLatin1String("export")) {
        return awb::cli::runExport(args);
    }
    if (command == QLatin1String("traits")) {
        return awb::cli::runTraits(args);
    }
    if (command == QLatin1String("segment")) {
        return awb::cli::runSegment(args);
    }
    if (command == QLatin1String("suppress")) {
        return awb::cli::runSuppress(args);
    }
    std::fprintf(stderr, "awb: unknown command '%s'\n\n%s", qPrintable(command), awb::cli::kUsage);
    return awb::cli::kExitUsage;
}
