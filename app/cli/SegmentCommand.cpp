// SPDX-License-Identifier: GPL-3.0-or-later
// awb segment: count, save, list, show, remove and export segments, freeze one into a static snapshot;
// list the templates.
#include "audience/ControlGroup.h"
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "cli/RecommendationOptions.h"
#include "cli/RuleOptions.h"
#include "cli/WarehouseCli.h"
#include "ingest/Timestamp.h"
#include "segments/RuleJson.h"
#include "segments/RuleSummary.h"
#include "services/SegmentService.h"
#include "warehouse/PgConnection.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace awb::cli {

namespace {

constexpr const char *kSubUsage =
    "usage: awb segment count WORKSPACE|postgresql://... (--rule FILE.json | --template NAME [--param K=V "
    "...]) [--as-of "
    "DATE]\n"
    "                         [--json]\n"
    "       awb segment save WORKSPACE --name N (--rule FILE.json | --template NAME [--param K=V ...])\n"
    "                        [--description TEXT]\n"
    "       awb segment freeze WORKSPACE NAME [--as NEW_NAME] [--as-of DATE] [--control 10%|0 "
    "[--control-seed N]]\n"
    "                          (a static copy of NAME's members now; default name \"NAME (frozen DATE)\")\n"
    "       awb segment list WORKSPACE [--json]     (each segment's rule in words, and its note)\n"
    "       awb segment show WORKSPACE --name N          (prints the rule JSON; for a static segment\n"
    "                                                    also its members, dates and origin)\n"
    "       awb segment remove WORKSPACE --name N\n"
    "       awb segment export WORKSPACE (--name N | --rule FILE.json | --template NAME [--param K=V ...])\n"
    "                          --out FILE.csv [--preset generic] [--columns a,b,c] [--as-of DATE]\n"
    "       awb segment templates\n";

int usageError(const std::string &message)
{
    return cli::usageError("segment", kSubUsage, message);
}

void addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(opt("workspace"), opt("The .awb workspace file."));
    parser.addOption({opt("rule"), opt("Rule JSON file."), opt("FILE")});
    parser.addOption({opt("template"), opt("Template name (awb segment templates)."), opt("NAME")});
    parser.addOption({opt("param"), opt("Template parameter, repeatable."), opt("K=V")});
    parser.addOption({opt("name"), opt("Saved segment name."), opt("NAME")});
    parser.addOption({opt("description"), opt("Saved segment's note (free text)."), opt("TEXT")});
    parser.addOption({opt("as-of"), opt("Pretend now is DATE (later events are unseen)."), opt("DATE")});
    parser.addOption({opt("out"), opt("CSV file to write."), opt("FILE")});
    parser.addOption({opt("preset"), opt("Export preset (default generic)."), opt("PRESET"), opt("generic")});
    parser.addOption({opt("columns"), opt("Columns of the generic preset."), opt("a,b,c")});
    parser.addOption({opt("json"), opt("Print JSON instead of text.")});
    parser.addOption({opt("as"), opt("freeze: the static segment's name."), opt("NEW_NAME")});
    parser.addOption(
        {opt("control"),
         opt("freeze: hold out this share of the members at random as a control group, stored and "
             "never exported (default 10%; 0 for none)."),
         opt("PERCENT")});
    parser.addOption(
        {opt("control-seed"), opt("freeze: seed of the control group draw (default: a new one)."), opt("N")});
    addRecommendationOptions(parser); // export
}

// The members of a static segment, in one line of text (its summary says where and when it was frozen).
std::string staticMembers(const segments::SavedSegment &seg)
{
    std::string s = "static: " + std::to_string(seg.memberCount) + " people";
    if (seg.controlSize > 0) {
        s += ", control group " + seg.control.shareText() + " (" + std::to_string(seg.controlSize) +
             " held out, not exported; seed " + std::to_string(seg.control.seed) + ")";
    }
    return s;
}

QJsonObject segmentJson(const segments::SavedSegment &seg)
{
    QJsonObject o{
        {opt("name"), QString::fromStdString(seg.name)},
        {opt("description"), QString::fromStdString(seg.description)},
        {opt("summary"), QString::fromStdString(segments::summarizeSegment(seg).full)},
        {opt("kind"), seg.isStatic() ? opt("static") : opt("rule")},
        {opt("created"), QString::fromStdString(ingest::formatTimestamp(seg.createdAtMs))},
        {opt("updated"), QString::fromStdString(ingest::formatTimestamp(seg.updatedAtMs))},
        {opt("definition"), QJsonDocument::fromJson(QByteArray::fromStdString(seg.ruleJson)).object()}};
    if (seg.isStatic()) {
        o.insert(opt("members"), static_cast<qint64>(seg.memberCount));
        o.insert(opt("controlShare"), seg.control.share);
        o.insert(opt("controlSize"), static_cast<qint64>(seg.controlSize));
        o.insert(opt("controlSeed"), QString::number(seg.control.seed));
        o.insert(opt("frozen"), QString::fromStdString(ingest::formatTimestamp(seg.createdAtMs)));
        o.insert(opt("as_of"), QString::fromStdString(ingest::formatTimestamp(seg.asOfMs)));
        o.insert(opt("frozen_from"), QString::fromStdString(seg.frozenFrom));
    }
    return o;
}

// The rule from --rule, --template (instantiated over the loaded traits) or --name (saved).
Result<segments::Rule> ruleOf(const QCommandLineParser &parser, services::SegmentService &service,
                              const services::TraitRequest &request, ProgressSink &progress)
{
    if (parser.isSet(opt("rule"))) {
        return ruleFromFile(parser.value(opt("rule")));
    }
    if (parser.isSet(opt("template"))) {
        const auto params = templateParams(parser);
        if (!params) {
            return fail(params.error());
        }
        auto table = services::TraitService(service.path()).load(request, progress);
        if (!table) {
            return fail(table.error());
        }
        return service.fromTemplate(parser.value(opt("template")).toStdString(), *params, **table);
    }
    if (parser.isSet(opt("name"))) {
        return service.rule(parser.value(opt("name")).toStdString());
    }
    return fail(Error::Code::InvalidInput, "give --rule FILE.json, --template NAME or --name N");
}

int count(const QCommandLineParser &parser, services::SegmentService &service,
          const services::TraitRequest &request)
{
    TerminalProgress progress;
    const auto rule = ruleOf(parser, service, request, progress);
    if (!rule) {
        return printError(rule.error());
    }
    const auto c = service.count(*rule, request, progress);
    if (!c) {
        return printError(c.error());
    }
    if (parser.isSet(opt("json"))) {
        const QJsonObject o{
            {opt("matching"), static_cast<qint64>(c->matching)},
            {opt("profiles"), static_cast<qint64>(c->profiles)},
            {opt("share"), c->share},
            {opt("identified"), static_cast<qint64>(c->identified)},
            {opt("reachable_by_email"), static_cast<qint64>(c->reachableByEmail)},
            {opt("now"), QString::fromStdString(ingest::formatTimestamp(c->nowMs))},
            {opt("rule"),
             QJsonDocument::fromJson(QByteArray::fromStdString(segments::ruleToJson(*rule))).object()}};
        printOut(QJsonDocument(o).toJson(QJsonDocument::Indented).toStdString());
        return kExitOk;
    }
    char share[32];
    std::snprintf(share, sizeof share, "%.2f%%", 100.0 * c->share);
    printOut(std::to_string(c->matching) + " of " + std::to_string(c->profiles) + " profiles (" + share +
             ") as of " + ingest::formatTimestamp(c->nowMs) + "; " + std::to_string(c->identified) +
             " identified, " + std::to_string(c->reachableByEmail) + " reachable by e-mail\n");
    return kExitOk;
}

int save(const QCommandLineParser &parser, services::SegmentService &service,
         const services::TraitRequest &request)
{
    TerminalProgress progress;
    if (parser.isSet(opt("rule")) == parser.isSet(opt("template"))) {
        return usageError("save takes --rule FILE.json or --template NAME");
    }
    const auto rule = ruleOf(parser, service, request, progress);
    if (!rule) {
        return printError(rule.error());
    }
    const std::string name = parser.value(opt("name")).toStdString();
    const auto saved = service.save(name, parser.value(opt("description")).toStdString(), *rule);
    if (!saved) {
        return printError(saved.error());
    }
    printOut("saved segment '" + name + "'\n");
    return kExitOk;
}

int list(const QCommandLineParser &parser, services::SegmentService &service)
{
    const auto all = service.list();
    if (!all) {
        return printError(all.error());
    }
    if (parser.isSet(opt("json"))) {
        QJsonArray a;
        for (const segments::SavedSegment &seg : *all) {
            a.append(segmentJson(seg));
        }
        printOut(QJsonDocument(a).toJson(QJsonDocument::Indented).toStdString());
        return kExitOk;
    }
    std::string s;
    for (const segments::SavedSegment &seg : *all) {
        s += seg.name + "\n  rule: " + segments::summarizeSegment(seg).full + "\n";
        s += seg.isStatic() ? "  " + staticMembers(seg) + "\n" : "";
        s += seg.description.empty() ? "" : "  note: " + seg.description + "\n";
    }
    printOut(s);
    return kExitOk;
}

int exportSegment(const QCommandLineParser &parser, services::SegmentService &service,
                  const services::TraitRequest &request)
{
    if (!parser.isSet(opt("out"))) {
        return usageError("export needs --out FILE.csv");
    }
    TerminalProgress progress;
    const auto rule = ruleOf(parser, service, request, progress);
    if (!rule) {
        return printError(rule.error());
    }
    services::SegmentExportRequest out;
    out.outFile = parser.value(opt("out")).toStdString();
    out.preset = parser.value(opt("preset")).toStdString();
    if (parser.isSet(opt("columns"))) {
        out.columns = splitColumns(parser.value(opt("columns")));
    }
    if (int exitCode = kExitOk;
        !parseRecommendationOptions(parser, "segment export", out.recommendations, exitCode)) {
        return exitCode;
    }
    const auto report = service.exportCsv(*rule, request, out, progress);
    if (!report) {
        return printError(report.error());
    }
    printOut(report->toText());
    return kExitOk;
}

int freeze(const QCommandLineParser &parser, services::SegmentService &service,
           const services::TraitRequest &request)
{
    const QStringList args = parser.positionalArguments();
    const std::string source =
        (args.size() > 1 ? args[1] : parser.value(opt("name"))).trimmed().toStdString();
    if (source.empty()) {
        return usageError("freeze needs the NAME of a saved segment");
    }
    std::string name = parser.value(opt("as")).trimmed().toStdString();
    if (name.empty()) {
        name =
            services::SegmentService::frozenName(source, request.asOfMs, QDateTime::currentMSecsSinceEpoch());
    }
    audience::ControlGroup control{audience::kDefaultControlShare, audience::newControlSeed()};
    if (parser.isSet(opt("control")) &&
        !audience::parseControlShare(parser.value(opt("control")).toStdString(), control.share)) {
        return usageError("bad --control (expected a share of the members from 0% to 50%, e.g. 10%, or 0)");
    }
    if (parser.isSet(opt("control-seed"))) {
        bool ok = false;
        control.seed = parser.value(opt("control-seed")).toULongLong(&ok);
        if (!ok || control.seed >= (std::uint64_t{1} << 53)) {
            return usageError("bad --control-seed (expected a whole number below 2^53)");
        }
    }
    TerminalProgress progress;
    const auto frozen = service.freeze(source, name, request, progress, control);
    if (!frozen) {
        return printError(frozen.error());
    }
    printOut("froze '" + source + "' as static segment '" + frozen->name + "' as of " +
             ingest::formatTimestamp(frozen->asOfMs) + ": " + staticMembers(*frozen) + "\n");
    return kExitOk;
}

int show(services::SegmentService &service, const std::string &name)
{
    const auto seg = service.find(name);
    if (!seg) {
        return printError(seg.error());
    }
    if (seg->isStatic()) {
        printOut(QJsonDocument(segmentJson(*seg)).toJson(QJsonDocument::Indented).toStdString());
        return kExitOk;
    }
    const auto rule = service.rule(name);
    return rule ? (printOut(segments::ruleToJson(*rule, true)), kExitOk) : printError(rule.error());
}

int templates()
{
    std::string s;
    for (const segments::TemplateInfo &t : services::SegmentService::templates()) {
        s += t.name + "  " + t.label + ": " + t.description + "\n";
        for (const segments::TemplateParam &p : t.params) {
            s += "    --param " + p.name + "=" + (p.defaultValue.empty() ? "..." : p.defaultValue) + "  " +
                 p.description + (p.defaultValue.empty() ? " (required)" : "") + "\n";
        }
    }
    printOut(s);
    return kExitOk;
}

} // namespace

int runSegment(const QStringList &args)
{
    const QString sub = args.value(0);
    const QStringList known = {opt("count"),  opt("save"),   opt("list"),      opt("show"),
                               opt("remove"), opt("export"), opt("templates"), opt("freeze")};
    if (sub == opt("--help") || sub == opt("-h")) {
        std::fputs(kSubUsage, stdout);
        return kExitOk;
    }
    if (!known.contains(sub)) {
        return usageError(sub.isEmpty() ? "missing sub-command"
                                        : "unknown sub-command '" + sub.toStdString() + "'");
    }
    if (sub == opt("templates")) {
        return templates();
    }
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromLatin1(kSubUsage));
    addOptions(parser);
    int exitCode = kExitOk;
    if (!parseArgs(parser, opt("segment ") + sub, args.mid(1), exitCode)) {
        return exitCode;
    }
    const qsizetype positionals = parser.positionalArguments().size();
    if (sub == opt("freeze") ? positionals < 1 || positionals > 2 : positionals != 1) {
        return usageError(sub == opt("freeze") ? "expected WORKSPACE NAME"
                                               : "expected exactly one WORKSPACE");
    }
    services::TraitRequest request;
    if (parser.isSet(opt("as-of"))) {
        request.asOfMs = ingest::parseTimestamp(parser.value(opt("as-of")).toStdString());
        if (!request.asOfMs) {
            return usageError("bad --as-of (expected a date such as 2026-10-01)");
        }
    }
    const bool needsName = sub == opt("save") || sub == opt("show") || sub == opt("remove");
    if (needsName && parser.value(opt("name")).trimmed().isEmpty()) {
        return usageError("--name is required");
    }
    const std::string target = parser.positionalArguments().first().toStdString();
    if (warehouse::isWarehouseUri(target)) {
        if (sub == opt("count")) {
            return warehouseSegmentCount(parser, target, request.asOfMs);
        }
        if (sub == opt("save")) {
            return warehouseSegmentSave(parser, target, request.asOfMs);
        }
        if (sub == opt("export")) {
            return warehouseSegmentExport(parser, target);
        }
        return usageError("only 'segment count', 'save' and 'export' run against a warehouse so far; give a "
                          "workspace file");
    }
    services::SegmentService service(target);
    if (sub == opt("count")) {
        return count(parser, service, request);
    }
    if (sub == opt("save")) {
        return save(parser, service, request);
    }
    if (sub == opt("list")) {
        return list(parser, service);
    }
    if (sub == opt("export")) {
        return exportSegment(parser, service, request);
    }
    if (sub == opt("freeze")) {
        return freeze(parser, service, request);
    }
    const std::string name = parser.value(opt("name")).toStdString();
    if (sub == opt("show")) {
        return show(service, name);
    }
    const auto removed = service.remove(name);
    return removed ? (printOut("removed segment '" + name + "'\n"), kExitOk) : printError(removed.error());
}

} // namespace awb::cli
