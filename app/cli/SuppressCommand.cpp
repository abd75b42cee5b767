// SPDX-License-Identifier: GPL-3.0-or-later
// awb suppress: import a suppression list (unsubscribed, bounced, complained) or show what is listed.
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "services/SuppressionService.h"

#include <cstdio>

namespace awb::cli {

namespace {

constexpr const char *kSuppressUsage =
    "awb suppress WORKSPACE FILE.csv [--reason R] | WORKSPACE --list | WORKSPACE --count\n";

std::string kindText(store::SuppressionKind kind)
{
    return kind == store::SuppressionKind::Email ? "email" : "user_id";
}

int printSummary(services::SuppressionService &service)
{
    const auto summary = service.summary();
    if (!summary) {
        return printError(summary.error());
    }
    std::string s = "suppressed: " + std::to_string(summary->emails) + " e-mail addresses, " +
                    std::to_string(summary->userIds) + " user ids\n";
    for (const auto &[reason, count] : summary->byReason) {
        s += "  " + reason + ": " + std::to_string(count) + "\n";
    }
    printOut(s);
    return kExitOk;
}

int printList(services::SuppressionService &service)
{
    const auto list = service.list();
    if (!list) {
        return printError(list.error());
    }
    std::string s = "kind\tvalue\treason\tsource\n";
    for (const store::Suppression &e : *list) {
        s += kindText(e.kind) + "\t" + e.value + "\t" + std::string(store::suppressionReasonKey(e.reason)) +
             "\t" + e.source + "\n";
    }
    printOut(s);
    return kExitOk;
}

} // namespace

int runSuppress(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(opt(
        "Import a suppression list: people who must not be e-mailed (a Mailchimp unsubscribed or cleaned "
        "export, a bounce or complaint list). The file needs an e-mail column (Email Address, email, ...) "
        "and/or a user id column; a reason column (unsubscribed, bounced, complained, other) is optional. "
        "Importing the same list again adds nothing. Exports leave listed people out (awb export --help)."));
    parser.addPositionalArgument(opt("workspace"), opt("The .awb workspace file."));
    parser.addPositionalArgument(opt("file"), opt("The CSV list to import."), opt("[FILE.csv]"));
    parser.addOption({opt("reason"),
                      opt("Reason of rows without one: unsubscribed, bounced, complained or other."),
                      opt("R")});
    parser.addOption({opt("list"), opt("Print every listed e-mail address and user id.")});
    parser.addOption({opt("count"), opt("Print how many are listed, per reason.")});
    int exitCode = kExitOk;
    if (!parseArgs(parser, opt("suppress"), args, exitCode)) {
        return exitCode;
    }
    const QStringList positional = parser.positionalArguments();
    const bool show = parser.isSet(opt("list")) || parser.isSet(opt("count"));
    if (positional.size() != (show ? 1 : 2)) {
        return usageError("suppress", kSuppressUsage,
                          show ? "--list and --count take no file" : "expected WORKSPACE FILE.csv");
    }
    services::SuppressionService service(positional.first().toStdString());
    if (parser.isSet(opt("list"))) {
        return printList(service);
    }
    if (parser.isSet(opt("count"))) {
        return printSummary(service);
    }
    TerminalProgress progress;
    const auto report = service.importCsv(positional.at(1).toStdString(),
                                          parser.value(opt("reason")).toStdString(), progress);
    if (!report) {
        return printError(report.error());
    }
    printOut(report->toText());
    return kExitOk;
}

} // namespace awb::cli
