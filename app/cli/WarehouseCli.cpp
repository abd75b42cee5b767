// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/WarehouseCli.h"

#include "cli/CliCommon.h"
#include "cli/RuleOptions.h"
#include "common/Text.h"
#include "ingest/Timestamp.h"
#include "segments/RuleJson.h"
#include "segments/Templates.h"
#include "traits/TraitTable.h"
#include "warehouse/PgConnection.h"
#include "warehouse/SnakeCase.h"
#include "warehouse/WarehouseExport.h"
#include "warehouse/WarehouseService.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <array>

namespace awb::cli {

namespace {

// --rule FILE.json, or --template NAME with its parameters (templates that read the trait table, such as the
// "top percent" ones, are refused by name: warehouse mode computes the behaviour traits only).
Result<segments::Rule> warehouseRule(const QCommandLineParser &parser)
{
    if (parser.isSet(opt("rule"))) {
        return ruleFromFile(parser.value(opt("rule")));
    }
    if (parser.isSet(opt("template"))) {
        const auto params = templateParams(parser);
        if (!params) {
            return fail(params.error());
        }
        const traits::TraitTable none;
        const std::string name = parser.value(opt("template")).toStdString();
        auto rule = segments::instantiateTemplate(name, *params, none);
        if (!rule) {
            std::string why = rule.error().message;
            why = why.substr(0, why.find(", but")); // the local cause (models not fitted) does not apply here
            return fail(
                Error::Code::InvalidInput,
                "template " + name + " cannot run in warehouse mode yet (" + why +
                    "); these can: lapsed-vips, new-visitors, returning-visitors, loyal-low-spenders");
        }
        return rule;
    }
    return fail(Error::Code::InvalidInput,
                "give --rule FILE.json or --template NAME (saved segments are local)");
}

} // namespace

namespace {

// The mapping's text fields by their option of `awb traits`.
std::array<std::pair<QString, std::string warehouse::SourceMapping::*>, 6> mappingOptions()
{
    using M = warehouse::SourceMapping;
    return {{{QStringLiteral("order-event"), &M::orderEvent},
             {QStringLiteral("refund-event"), &M::refundEvent},
             {QStringLiteral("user-id-column"), &M::userIdColumn},
             {QStringLiteral("anonymous-id-column"), &M::anonymousIdColumn},
             {QStringLiteral("profile-table"), &M::profileTable},
             {QStringLiteral("profile-key"), &M::profileKey}}};
}

std::string mappingText(const warehouse::SourceMapping &m)
{
    return "user id column " + m.userIdColumn + ", anonymous id column " +
           (m.anonymousIdColumn.empty() ? std::string("(none)") : m.anonymousIdColumn) + ", profiles " +
           (m.profileTable.empty() ? std::string("(none)") : m.profileTable + "." + m.profileKey) +
           ", orders '" + m.orderEvent + "' valued by " + m.valueColumnList() + ", refunds '" +
           m.refundEvent + "'";
}

} // namespace

bool setsSourceMapping(const QCommandLineParser &parser)
{
    const auto options = mappingOptions();
    return parser.isSet(QStringLiteral("order-value")) ||
           std::any_of(options.begin(), options.end(),
                       [&](const auto &option) { return parser.isSet(option.first); });
}

int warehouseTraits(const QCommandLineParser &parser, const std::string &uri,
                    std::optional<std::int64_t> asOfMs, bool json)
{
    std::optional<warehouse::SourceMapping> changed;
    if (setsSourceMapping(parser)) {
        auto mapping = warehouse::sourceMapping(uri);
        if (!mapping) {
            return printError(mapping.error());
        }
        for (const auto &[option, field] : mappingOptions()) {
            if (parser.isSet(option)) {
                (*mapping).*field = parser.value(option).trimmed().toStdString();
            }
        }
        const QString value = QStringLiteral("order-value");
        if (parser.isSet(value)) {
            mapping->setValueColumnList(parser.value(value).toStdString());
        }
        if (const auto stored = warehouse::setSourceMapping(uri, *mapping); !stored) {
            return printError(stored.error());
        }
        changed = *mapping;
    }
    const auto info = warehouse::refreshTraits(uri, asOfMs);
    if (!info) {
        return printError(info.error());
    }
    const std::string now = ingest::formatTimestamp(info->nowMs);
    if (json) {
        QJsonObject o{{opt("people"), static_cast<qint64>(info->people)},
                      {opt("events"), static_cast<qint64>(info->events)},
                      {opt("now"), QString::fromStdString(now)}};
        if (changed) {
            o.insert(opt("sourceMapping"), QString::fromStdString(mappingText(*changed)));
        }
        printOut(QJsonDocument(o).toJson(QJsonDocument::Indented).toStdString());
        return kExitOk;
    }
    if (changed) {
        printOut("source mapping stored: " + mappingText(*changed) + "\n");
    }
    printOut("traits of " + std::to_string(info->people) + " people from " + std::to_string(info->events) +
             " events as of " + now + ", computed in " + warehouse::redactedUri(uri) +
             " (table awb.traits)\n");
    return kExitOk;
}

int warehouseSegmentCount(const QCommandLineParser &parser, const std::string &uri,
                          std::optional<std::int64_t> asOfMs)
{
    const auto rule = warehouseRule(parser);
    if (!rule) {
        return printError(rule.error());
    }
    const auto c = warehouse::countRule(uri, *rule, asOfMs, false);
    if (!c) {
        return printError(c.error());
    }
    const double share =
        c->people > 0 ? static_cast<double>(c->matching) / static_cast<double>(c->people) : 0.0;
    if (parser.isSet(opt("json"))) {
        const QJsonObject o{
            {opt("matching"), static_cast<qint64>(c->matching)},
            {opt("profiles"), static_cast<qint64>(c->people)},
            {opt("share"), share},
            {opt("now"), QString::fromStdString(ingest::formatTimestamp(c->nowMs))},
            {opt("rule"),
             QJsonDocument::fromJson(QByteArray::fromStdString(segments::ruleToJson(*rule))).object()}};
        printOut(QJsonDocument(o).toJson(QJsonDocument::Indented).toStdString());
        return kExitOk;
    }
    char percent[32];
    std::snprintf(percent, sizeof percent, "%.2f%%", 100.0 * share);
    printOut(std::to_string(c->matching) + " of " + std::to_string(c->people) + " people (" + percent +
             ") as of " + ingest::formatTimestamp(c->nowMs) + ", counted in the warehouse\n");
    return kExitOk;
}

int warehouseSegmentSave(const QCommandLineParser &parser, const std::string &uri,
                         std::optional<std::int64_t> asOfMs)
{
    const auto rule = warehouseRule(parser);
    if (!rule) {
        return printError(rule.error());
    }
    const std::string name = parser.value(QStringLiteral("name")).trimmed().toStdString();
    const auto saved = warehouse::saveSegment(uri, name, *rule, asOfMs);
    if (!saved) {
        return printError(saved.error());
    }
    printOut("saved segment '" + name + "' in the warehouse: " + std::to_string(saved->members) +
             " members as of " + ingest::formatTimestamp(saved->nowMs) + " (" +
             std::to_string(saved->entered) + " entered, " + std::to_string(saved->exited) +
             " left since the last save; awb.segment_members, "
             "awb.segment_membership_log)\n");
    return kExitOk;
}

int warehouseSegmentExport(const QCommandLineParser &parser, const std::string &uri)
{
    if (!parser.isSet(QStringLiteral("out")) || parser.value(QStringLiteral("name")).trimmed().isEmpty()) {
        std::fputs("awb segment export: against a warehouse, give --name of a segment saved there and --out "
                   "FILE.csv\n",
                   stderr);
        return kExitUsage;
    }
    warehouse::WarehouseExportRequest request;
    request.segment = parser.value(QStringLiteral("name")).trimmed().toStdString();
    request.preset = parser.value(QStringLiteral("preset")).toStdString();
    request.outFile = parser.value(QStringLiteral("out")).toStdString();
    if (parser.isSet(QStringLiteral("columns"))) {
        request.columns.clear();
        for (const QString &c :
             parser.value(QStringLiteral("columns")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            request.columns.push_back(c.trimmed().toStdString());
        }
    }
    const auto written = warehouse::exportMembers(uri, request);
    if (!written) {
        return printError(written.error());
    }
    printOut("exported " + std::to_string(written->written) + " of " + std::to_string(written->members) +
             " members of '" + request.segment + "' to " + request.outFile + " (" +
             std::to_string(written->skipped) + " skipped: without what the preset needs)\n");
    return kExitOk;
}

int warehouseCatalog(const std::string &uri, const std::optional<catalog::CatalogDefinition> &definition)
{
    if (definition) {
        if (const auto stored = warehouse::setCatalogDefinition(uri, *definition); !stored) {
            return printError(stored.error());
        }
    }
    const auto current = warehouse::catalogDefinition(uri);
    if (!current) {
        return printError(current.error());
    }
    std::string s = "catalog of " + warehouse::redactedUri(uri) + (definition ? " (stored)" : "") + "\n";
    for (const catalog::CatalogEvent &e : current->events) {
        char weight[32];
        std::snprintf(weight, sizeof weight, "%g", e.weight);
        s += "  event " + e.name + " (table " + warehouse::snakeCase(e.name) + ", product id " +
             e.productProperty + ", weight " + weight + ")\n";
    }
    for (const catalog::CatalogColumn &c : current->columns) {
        s += "  column " + c.name + " = " + c.property + "\n";
    }
    printOut(s);
    return kExitOk;
}

int warehouseAudienceCreate(const std::string &uri, const warehouse::WarehouseAudienceRequest &request)
{
    TerminalProgress progress;
    const auto created = warehouse::createAudience(uri, request, progress);
    if (!created) {
        return printError(created.error());
    }
    std::string quality;
    if (!created->backtest.empty()) {
        char auc[16];
        std::snprintf(auc, sizeof auc, "%.3f", created->backtest.front().auc);
        quality = ", quality " + created->backtest.front().label + " (AUC " + auc + ")";
    }
    printOut("audience '" + request.name + "' in the warehouse: " + withThousands(created->members) + " of " +
             withThousands(created->scored) + " scored people (" + request.size.toString() + "), target " +
             request.target.describe() + " as of " + ingest::formatTimestamp(created->nowMs) + quality +
             ", control group " + std::to_string(created->controlSize) + " (seed " +
             std::to_string(created->controlSeed) + "); " + std::to_string(created->entered) + " entered, " +
             std::to_string(created->exited) + " left since the last snapshot; " +
             withThousands(created->interactions) + " interactions pulled" +
             (created->sampleShare < 1.0 || created->parts > 1
                  ? " to train on a sample of " + withThousands(created->sampled) +
                        " people, everyone scored in " + std::to_string(created->parts) + " parts"
                  : std::string()) +
             " (awb.audiences, awb.audience_memberships)\n");
    if (!created->note.empty()) {
        printOut("note: " + created->note + "\n");
    }
    return kExitOk;
}

int warehouseExport(const std::string &uri, const warehouse::WarehouseExportRequest &request)
{
    TerminalProgress progress;
    const auto written = warehouse::exportMembers(uri, request, progress);
    if (!written) {
        return printError(written.error());
    }
    printOut("exported " + std::to_string(written->written) + " of " + std::to_string(written->members) +
             " members of audience '" + request.audience + "' (control group left out) to " +
             request.outFile + " (" + std::to_string(written->skipped) +
             " skipped: without what the preset needs)\n");
    return kExitOk;
}

int warehousePublish(const std::string &workspace, const std::string &uri)
{
    const auto written = warehouse::publishWorkspace(workspace, uri);
    if (!written) {
        return printError(written.error());
    }
    printOut("wrote " + std::to_string(written->events) + " events and " + std::to_string(written->users) +
             " users into " + std::to_string(written->tables) + " tables of " + warehouse::redactedUri(uri) +
             " (Segment's warehouse layout)\n");
    return kExitOk;
}

} // namespace awb::cli
