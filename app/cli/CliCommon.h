// SPDX-License-Identifier: GPL-3.0-or-later
// Shared helpers of the awb sub-commands: parsing, printing errors, a terminal progress sink.
#pragma once

#include "common/Error.h"
#include "jobs/Progress.h"
#include "model/InteractionLoader.h"

#include <QCommandLineParser>
#include <QString>

#include <chrono>
#include <string>
#include <vector>

namespace awb::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

/// The top-level usage text of awb (commands and what they do).
extern const char *const kUsage;

/// Parses args (without the command name) for a sub-command. On error or --help prints to stderr /
/// stdout and returns false with exitCode set.
bool parseArgs(QCommandLineParser &parser, const QString &command, const QStringList &args, int &exitCode);

/// "30d" or "30" -> milliseconds; false unless 1..3650 days.
bool parseHorizon(const QString &text, std::int64_t &ms);
/// --product ID or --target COLUMN=VALUE of parser into target; false when neither is usable.
bool parseTarget(const QCommandLineParser &parser, model::Target &target);

/// An option or argument name of a sub-command's parser (Latin-1 literal).
inline QString opt(const char *name)
{
    return QString::fromLatin1(name);
}
/// Prints "awb COMMAND: <message>" and the sub-command's usage to stderr; returns kExitUsage.
int usageError(const char *command, const char *usage, const std::string &message);

/// Prints "awb: <message>" (and the detail) to stderr and returns the exit code for the error.
int printError(const Error &error);
void printOut(const std::string &text);
/// Prints "awb: warning: <message>" to stderr.
void printWarning(const std::string &message);

/// "a, b,c" -> {"a", "b", "c"}; empty parts dropped.
std::vector<std::string> splitColumns(const QString &text);

/// Progress on stderr, at most a few updates per second, only when stderr is a terminal.
class TerminalProgress : public CancelableProgress
{
public:
    TerminalProgress();
    ~TerminalProgress() override;
    void setValue(std::int64_t done) override;
    void setStage(const std::string &stage) override;

private:
    bool m_enabled;
    std::string m_stage;
    std::chrono::steady_clock::time_point m_last;
};

} // namespace awb::cli
