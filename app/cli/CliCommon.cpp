// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CliCommon.h"

#include <cstdio>
#include <unistd.h>

namespace awb::cli {

const char *const kUsage = "usage: awb <command> [options]\n"
                           "\n"
                           "commands:\n"
                           "  audience   create, list, show, duplicate and remove recommendation audiences\n"
                           "  catalog    define, build and show the recommendation catalog\n"
                           "  evaluate   measure propensity scores against what happened after a date\n"
                           "  export     write an audience as CSV for an e-mail or ad tool\n"
                           "  generate   write a generated sample store (workspace or JSON lines)\n"
                           "  import     import event files into a workspace and print the report\n"
                           "  import-history  list a workspace's import runs (files, mapping, counts)\n"
                           "  import-remove   remove an import run and the events it stored\n"
                           "  info       print the counts of a workspace (--json for JSON)\n"
                           "  score      score every profile's propensity to engage with a target\n"
                           "  segment    count, save, list and export rule-based segments; templates\n"
                           "  suppress   import a suppression list (unsubscribed, bounced); list it\n"
                           "  traits     computed traits, one profile's traits, fitted BG/NBD parameters\n"
                           "\n"
                           "awb <command> --help describes a command; awb --version prints the version.\n";

bool parseArgs(QCommandLineParser &parser, const QString &command, const QStringList &args, int &exitCode)
{
    parser.addHelpOption();
    QStringList full = args;
    full.prepend(QStringLiteral("awb ") + command);
    if (!parser.parse(full)) {
        std::fprintf(stderr, "awb %s: %s\n", qPrintable(command), qPrintable(parser.errorText()));
        exitCode = kExitUsage;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        exitCode = kExitOk;
        return false;
    }
    return true;
}

bool parseHorizon(const QString &text, std::int64_t &ms)
{
    QString t = text.trimmed();
    if (t.endsWith(QLatin1Char('d'))) {
        t.chop(1);
    }
    bool ok = false;
    const int days = t.toInt(&ok);
    ms = static_cast<std::int64_t>(days) * 86400000;
    return ok && days > 0 && days <= 3650;
}

bool parseTarget(const QCommandLineParser &parser, model::Target &target)
{
    if (parser.isSet(QStringLiteral("product"))) {
        target.productId = parser.value(QStringLiteral("product")).toStdString();
        return !target.productId.empty();
    }
    target = model::Target::parse(parser.value(QStringLiteral("target")).toStdString());
    return !target.column.empty() && !target.value.empty();
}

int usageError(const char *command, const char *usage, const std::string &message)
{
    std::fprintf(stderr, "awb %s: %s\n%s", command, message.c_str(), usage);
    return kExitUsage;
}

int printError(const Error &error)
{
    std::fprintf(stderr, "awb: %s\n", error.message.c_str());
    if (!error.detail.empty()) {
        std::fprintf(stderr, "  (%s)\n", error.detail.c_str());
    }
    return error.code == Error::Code::InvalidInput ? kExitUsage : kExitFailure;
}

void printWarning(const std::string &message)
{
    std::fprintf(stderr, "awb: warning: %s\n", message.c_str());
}

void printOut(const std::string &text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

std::vector<std::string> splitColumns(const QString &text)
{
    std::vector<std::string> out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString column = part.trimmed();
        if (!column.isEmpty()) {
            out.push_back(column.toStdString());
        }
    }
    return out;
}

TerminalProgress::TerminalProgress() : m_enabled(isatty(STDERR_FILENO) != 0) {}

TerminalProgress::~TerminalProgress()
{
    if (m_enabled) {
        std::fputs("\r\033[K", stderr);
    }
}

void TerminalProgress::setValue(std::int64_t done)
{
    CancelableProgress::setValue(done);
    if (!m_enabled) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - m_last < std::chrono::milliseconds(200)) {
        return;
    }
    m_last = now;
    const std::int64_t all = total();
    if (all > 0) {
        std::fprintf(stderr, "\r\033[K%s %3d%%", m_stage.c_str(), static_cast<int>(100.0 * done / all));
    } else {
        std::fprintf(stderr, "\r\033[K%s", m_stage.c_str());
    }
}

void TerminalProgress::setStage(const std::string &stage)
{
    m_stage = stage;
}

} // namespace awb::cli
