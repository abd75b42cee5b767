// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the awb executable (AWB_CLI_PATH, set by tests/cli/CMakeLists.txt) and collects its output.
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace awb::test {

struct Run
{
    int exitCode = -1; ///< -1 when the process crashed or timed out
    QString out;
    QString err;
};

inline Run awbRun(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(AWB_CLI_PATH), args);
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace awb::test
