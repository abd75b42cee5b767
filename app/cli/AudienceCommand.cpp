// SPDX-License-Identifier: GPL-3.0-or-later
// awb audience: create, list, show, duplicate and remove recommendation audiences (snapshots).
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "cli/WarehouseCli.h"
#include "common/Text.h"
#include "ingest/Timestamp.h"
#include "numeric/Quality.h"
#include "services/AudienceResults.h"
#include "services/AudienceService.h"
#include "warehouse/PgConnection.h"
#include "warehouse/WarehouseAudienceStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <tuple>

namespace awb::cli {

namespace {

constexpr const char *kSubUsage =
    "usage: awb audience create WORKSPACE|URI --name N (--target COLUMN=VALUE | --product ID) --size "
    "5%|COUNT\n"
    "                           [--horizon 30d] [--as-of DATE] [--description TEXT]\n"
    "                           [--control 10%|0 [--control-seed N]]\n"
    "                           [--only-in AUDIENCE|SEGMENT] [--exclude AUDIENCE|SEGMENT] [--everyone]\n"
    "                           [--export PRESET --out FILE [--columns a,b,c] [--default-country CC]]\n"
    "                           [--memory COUNT] [--sample PERCENT] [--parts N]   (against a warehouse)\n"
    "       awb audience list WORKSPACE|URI [--json]\n"
    "       awb audience show WORKSPACE|URI --name N [--members COUNT]\n"
    "       awb audience duplicate WORKSPACE --name N --new-name M --size 5%|COUNT\n"
    "       awb audience remove WORKSPACE|URI --name N\n"
    "       awb audience results WORKSPACE --name N [--event EVENT] [--since DATE]\n";

void addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(opt("workspace"), opt("The .awb workspace file."));
    parser.addOption({opt("name"), opt("Audience name (unique)."), opt("NAME")});
    parser.addOption({opt("new-name"), opt("duplicate: the new audience's name."), opt("NAME")});
    parser.addOption({opt("description"), opt("A description."), opt("TEXT")});
    parser.addOption({opt("target"), opt("A catalog column value, COLUMN=VALUE."), opt("COLUMN=VALUE")});
    parser.addOption({opt("product"), opt("One product id."), opt("ID")});
    parser.addOption({opt("size"), opt("Top 5% of scored profiles, or an exact count."), opt("5%|COUNT")});
    parser.addOption(
        {opt("horizon"), opt("Prediction window, e.g. 30d (default)."), opt("DAYS"), opt("30d")});
    parser.addOption({opt("as-of"), opt("Score as if now were DATE."), opt("DATE")});
    parser.addOption(
        {opt("control"),
         opt("Hold out this share of the members as a control group, drawn per score decile, stored "
             "and never exported (default 10%; 0 for none)."),
         opt("PERCENT")});
    parser.addOption({opt("control-seed"),
                      opt("Seed of the control group draw (default: a new one, recorded)."), opt("N")});
    parser.addOption({opt("only-in"), opt("Only members of this audience (or else saved segment) may enter."),
                      opt("NAME")});
    parser.addOption({opt("exclude"), opt("Members of this audience (or else saved segment) may not enter."),
                      opt("NAME")});
    parser.addOption({opt("everyone"), opt("Guests and anonymous visitors may enter too (default: identified "
                                           "people, those with a user id).")});
    parser.addOption(
        {opt("memory"),
         opt("Against a warehouse: interactions held in memory at once (default 40000000); with more, the "
             "model trains on a sample of the people and everyone is scored in parts."),
         opt("COUNT")});
    parser.addOption(
        {opt("sample"), opt("Against a warehouse: train on this share of the people."), opt("PERCENT")});
    parser.addOption(
        {opt("parts"), opt("Against a warehouse: score the people in this many parts."), opt("N")});
    parser.addOption({opt("export"), opt("Export preset to write after creation."), opt("PRESET")});
    parser.addOption({opt("out"), opt("File for --export."), opt("FILE")});
    parser.addOption({opt("columns"), opt("Columns of the generic preset."), opt("a,b,c")});
    parser.addOption({opt("default-country"), opt("Country completing national phone numbers."), opt("CC")});
    parser.addOption({opt("members"), opt("show: print the first COUNT members."), opt("COUNT"), opt("10")});
    parser.addOption({opt("json"), opt("list: print JSON.")});
    parser.addOption(
        {opt("event"),
         opt("results: a member converted by doing this event (default: engaging with the target)."),
         opt("EVENT")});
    parser.addOption({opt("since"), opt("results: start of the window (default: the audience's as-of date)."),
                      opt("DATE")});
}

// Same forms as awb score accepts.

int usageError(const std::string &message)
{
    return cli::usageError("audience", kSubUsage, message);
}

std::string summary(const audience::AudienceInfo &a)
{
    std::string s =
        "audience '" + a.name + "': " + a.statusText() + " (" + a.sizeRule.toString() + " of " +
        std::to_string(a.eligible) + " scored" +
        (a.reachableByEmail < 0 ? std::string()
                                : ", " + std::to_string(a.reachableByEmail) + " reachable by e-mail") +
        "), target " + a.target.describe() + ", horizon " + std::to_string(a.horizonMs / services::kDayMs) +
        " days, as of " + ingest::formatTimestamp(a.asOfMs);
    if (a.control.share > 0) {
        s += ", control group " + a.control.shareText() + " (" + std::to_string(a.controlSize) +
             " held out, not exported; seed " + std::to_string(a.control.seed) + ")";
    }
    if (a.qualityLabel == numeric::kInsufficientData) {
        s += ", quality " + a.qualityLabel + " (too few engagers to measure)";
    } else if (!a.qualityLabel.empty()) {
        char auc[16];
        std::snprintf(auc, sizeof auc, "%.3f", a.auc);
        s += ", quality " + a.qualityLabel + " (AUC " + auc + ")";
    }
    return s + "\n";
}

std::string exportOutcome(const services::AudienceCreated &created)
{
    std::string s;
    for (const services::ExportReport &report : created.exports) {
        s += report.toText();
    }
    for (const Error &e : created.exportErrors) {
        s += "export failed: " + e.message + "\n";
    }
    return s;
}

// What the scores say before the audience is stored: reach, backtest population, and whether the quality
// means anything.
std::string draftSummary(const services::AudienceDraft &draft, std::int64_t size)
{
    std::string s = "scored " + withThousands(draft.curve().eligible()) + " profiles (" +
                    draft.request().population.describe() + "); top " + withThousands(size) + ": " +
                    withThousands(draft.reachableByEmail(size)) + " reachable by e-mail; " +
                    draft.backtestPopulation() + "\n";
    if (!draft.scores().note.empty()) {
        s += "note: " + draft.scores().note + "\n";
    }
    return s;
}

int create(const QCommandLineParser &parser, const std::string &workspace)
{
    services::DraftRequest request;
    services::DraftCreate what;
    what.name = parser.value(opt("name")).toStdString();
    what.description = parser.value(opt("description")).toStdString();
    if (!parseTarget(parser, request.target)) {
        return usageError("give --target COLUMN=VALUE or --product ID");
    }
    if (!parseHorizon(parser.value(opt("horizon")), request.horizonMs)) {
        return usageError("bad --horizon (expected days, e.g. 30d)");
    }
    if (parser.isSet(opt("as-of"))) {
        request.asOfMs = ingest::parseTimestamp(parser.value(opt("as-of")).toStdString());
        if (!request.asOfMs) {
            return usageError("bad --as-of (expected a date such as 2026-10-01)");
        }
    }
    auto size = audience::SizeRule::parse(parser.value(opt("size")).toStdString());
    if (!size) {
        return printError(size.error());
    }
    what.size = *size;
    what.controlShare = audience::kDefaultControlShare;
    if (parser.isSet(opt("control")) &&
        !audience::parseControlShare(parser.value(opt("control")).toStdString(), what.controlShare)) {
        return usageError("bad --control (expected a share of the members from 0% to 50%, e.g. 10%, or 0)");
    }
    if (parser.isSet(opt("control-seed"))) {
        bool ok = false;
        what.controlSeed = parser.value(opt("control-seed")).toULongLong(&ok);
        if (!ok || *what.controlSeed >= (std::uint64_t{1} << 53)) {
            return usageError("bad --control-seed (expected a whole number below 2^53)");
        }
    }
    if (warehouse::isWarehouseUri(workspace)) {
        if (parser.isSet(opt("export"))) {
            return usageError("--export writes from a workspace file; against a warehouse, export with awb "
                              "export URI --audience NAME");
        }
        warehouse::WarehouseAudienceRequest w;
        w.name = what.name;
        w.target = request.target;
        w.size = what.size;
        w.horizonMs = request.horizonMs;
        w.asOfMs = request.asOfMs;
        w.everyone = parser.isSet(opt("everyone"));
        w.onlyIn = parser.value(opt("only-in")).toStdString();
        w.excluding = parser.value(opt("exclude")).toStdString();
        w.controlShare = what.controlShare;
        w.controlSeed = what.controlSeed;
        bool ok = true;
        if (parser.isSet(opt("memory"))) {
            w.memoryInteractions = parser.value(opt("memory")).toLongLong(&ok);
            if (!ok || w.memoryInteractions < 1000) {
                return usageError("bad --memory (expected a number of interactions, at least 1000)");
            }
        }
        if (parser.isSet(opt("sample"))) {
            QString share = parser.value(opt("sample")).trimmed();
            share.chop(share.endsWith(QLatin1Char('%')) ? 1 : 0);
            const double percent = share.toDouble(&ok);
            if (!ok || percent <= 0 || percent > 100) {
                return usageError("bad --sample (expected a share of the people, e.g. 25%)");
            }
            w.sampleShare = percent / 100.0;
        }
        if (parser.isSet(opt("parts"))) {
            w.parts = parser.value(opt("parts")).toInt(&ok);
            if (!ok || *w.parts < 1 || *w.parts > 65536) {
                return usageError("bad --parts (expected 1 to 65536)");
            }
        }
        return warehouseAudienceCreate(workspace, w);
    }
    audience::Population &population = request.population;
    population.everyone = parser.isSet(opt("everyone"));
    // A name is an audience's if one has it, else a saved segment's (rule or static).
    for (const auto &[option, name, source] :
         {std::tuple{"only-in", &population.onlyIn, &population.onlyInSource},
          std::tuple{"exclude", &population.excluding, &population.excludingSource}}) {
        *name = parser.value(opt(option)).toStdString();
        if (name->empty()) {
            continue;
        }
        const auto resolved = services::AudienceService(workspace).resolvePopulationName(*name);
        if (!resolved) {
            return printError(resolved.error());
        }
        *source = *resolved;
    }
    if (parser.isSet(opt("export")) || parser.isSet(opt("out"))) {
        what.destinations.push_back(
            {what.name, parser.value(opt("export")).toStdString(), parser.value(opt("out")).toStdString(),
             splitColumns(parser.value(opt("columns"))), parser.value(opt("default-country")).toStdString()});
    }
    if (auto ok = services::AudienceDraft::check(workspace, what); !ok) {
        return printError(ok.error());
    }
    TerminalProgress progress;
    const auto draft = services::AudienceDraft::score(workspace, request, progress);
    if (!draft) {
        return printError(draft.error());
    }
    printOut(draftSummary(*draft, what.size.resolve(draft->curve().eligible())));
    if (draft->insufficientData()) {
        printWarning("too few people engaged with " + draft->scores().target +
                     " in the backtest for a quality, lift or gain to mean anything (Insufficient data); "
                     "the audience is ranked by " +
                     (draft->scores().fallback ? draft->scores().fallbackInput + " alone" : "the model") +
                     ".");
    }
    const auto created = draft->create(workspace, what, progress);
    if (!created) {
        return printError(created.error());
    }
    printOut(summary(created->audience) + exportOutcome(*created));
    return created->exportErrors.empty() ? kExitOk : printError(created->exportErrors.front());
}

int list(const QCommandLineParser &parser, const std::string &workspace)
{
    const auto all = warehouse::isWarehouseUri(workspace) ? warehouse::listAudiences(workspace)
                                                          : services::AudienceService(workspace).list();
    if (!all) {
        return printError(all.error());
    }
    if (!parser.isSet(opt("json"))) {
        std::string s;
        for (const audience::AudienceInfo &a : *all) {
            s += summary(a);
        }
        printOut(s.empty() ? std::string("no audiences\n") : s);
        return kExitOk;
    }
    QJsonArray out;
    for (const audience::AudienceInfo &a : *all) {
        out.append(QJsonObject{
            {opt("name"), QString::fromStdString(a.name)},
            {opt("target"), QString::fromStdString(a.target.describe())},
            {opt("sizeRule"), QString::fromStdString(a.sizeRule.toString())},
            {opt("size"), static_cast<double>(a.size)},
            {opt("eligible"), static_cast<double>(a.eligible)},
            {opt("status"), a.status == audience::AudienceStatus::Live ? opt("live") : opt("computing")},
            {opt("quality"), QString::fromStdString(a.qualityLabel)},
            {opt("auc"), a.auc},
            {opt("controlShare"), a.control.share},
            {opt("controlSize"), static_cast<double>(a.controlSize)},
            {opt("controlSeed"), QString::number(a.control.seed)},
            {opt("created"), QString::fromStdString(ingest::formatTimestamp(a.createdAtMs))}});
    }
    printOut(QJsonDocument(out).toJson().toStdString());
    return kExitOk;
}

int show(const QCommandLineParser &parser, const std::string &workspace)
{
    const std::string name = parser.value(opt("name")).toStdString();
    const bool remote = warehouse::isWarehouseUri(workspace);
    const auto info =
        remote ? warehouse::audienceInfo(workspace, name) : services::AudienceService(workspace).get(name);
    if (!info) {
        return printError(info.error());
    }
    const std::int64_t limit = parser.value(opt("members")).toLongLong();
    const auto members = remote ? warehouse::audienceMembers(workspace, name, 0, limit)
                                : services::AudienceService(workspace).members(name, 0, limit);
    if (!members) {
        return printError(members.error());
    }
    std::string s = summary(*info) + "rank,user,score,control\n";
    for (const audience::AudienceMember &m : *members) {
        s += std::to_string(m.rank) + "," + m.key + "," + std::to_string(m.score) + "," +
             (m.control ? "1" : "0") + "\n";
    }
    printOut(s);
    return kExitOk;
}

int results(const QCommandLineParser &parser, const std::string &workspace)
{
    services::ResultsRequest request;
    request.audience = parser.value(opt("name")).toStdString();
    request.event = parser.value(opt("event")).toStdString();
    if (parser.isSet(opt("since"))) {
        request.sinceMs = ingest::parseTimestamp(parser.value(opt("since")).toStdString());
        if (!request.sinceMs) {
            return usageError("bad --since (expected a date such as 2026-11-01)");
        }
    }
    const auto outcome = services::audienceResults(workspace, request);
    if (!outcome) {
        return printError(outcome.error());
    }
    printOut(outcome->toText());
    return kExitOk;
}

} // namespace

int runAudience(const QStringList &args)
{
    const QString sub = args.value(0);
    const QStringList known = {opt("create"),    opt("list"),   opt("show"),
                               opt("duplicate"), opt("remove"), opt("results")};
    if (sub == opt("--help") || sub == opt("-h")) {
        std::fputs(kSubUsage, stdout);
        return kExitOk;
    }
    if (!known.contains(sub)) {
        return usageError(sub.isEmpty() ? "missing sub-command"
                                        : "unknown sub-command '" + sub.toStdString() + "'");
    }
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromLatin1(kSubUsage));
    addOptions(parser);
    int exitCode = kExitOk;
    if (!parseArgs(parser, opt("audience ") + sub, args.mid(1), exitCode)) {
        return exitCode;
    }
    if (parser.positionalArguments().size() != 1) {
        return usageError("expected exactly one WORKSPACE");
    }
    const std::string workspace = parser.positionalArguments().first().toStdString();
    if (warehouse::isWarehouseUri(workspace) && (sub == opt("duplicate") || sub == opt("results"))) {
        return usageError(
            "audience " + sub.toStdString() +
            " reads a workspace file; against a warehouse, audience create, list, show and remove "
            "run");
    }
    const bool needsName = sub != opt("list");
    if (needsName && parser.value(opt("name")).trimmed().isEmpty()) {
        return usageError("--name is required");
    }
    if (sub == opt("create")) {
        return create(parser, workspace);
    }
    if (sub == opt("list")) {
        return list(parser, workspace);
    }
    if (sub == opt("show")) {
        return show(parser, workspace);
    }
    if (sub == opt("results")) {
        return results(parser, workspace);
    }
    const std::string name = parser.value(opt("name")).toStdString();
    if (sub == opt("remove")) {
        const auto removed = warehouse::isWarehouseUri(workspace)
                                 ? warehouse::removeAudience(workspace, name)
                                 : services::AudienceService(workspace).remove(name);
        return removed ? (printOut("removed audience '" + name + "'\n"), kExitOk)
                       : printError(removed.error());
    }
    auto size = audience::SizeRule::parse(parser.value(opt("size")).toStdString());
    if (!size) {
        return printError(size.error());
    }
    TerminalProgress progress;
    const auto copy = services::AudienceService(workspace).duplicate(
        name, parser.value(opt("new-name")).toStdString(), *size, progress);
    if (!copy) {
        return printError(copy.error());
    }
    printOut(summary(copy->audience));
    return kExitOk;
}

} // namespace awb::cli
