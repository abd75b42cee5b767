// SPDX-License-Identifier: GPL-3.0-or-later
// One function per `awb` sub-command. Each takes the arguments after the command name and returns the
// process exit code (0 ok, 1 failure, 2 usage error).
#pragma once

#include <QStringList>

namespace awb::cli {

int runImport(const QStringList &args);
int runImportHistory(const QStringList &args);
int runImportRemove(const QStringList &args);
int runInfo(const QStringList &args);
int runGenerate(const QStringList &args);
int runCatalog(const QStringList &args);
int runScore(const QStringList &args);
int runEvaluate(const QStringList &args);
int runAudience(const QStringList &args);
int runExport(const QStringList &args);
int runTraits(const QStringList &args);
int runSegment(const QStringList &args);
int runSuppress(const QStringList &args);

} // namespace awb::cli
