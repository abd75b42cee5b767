// SPDX-License-Identifier: GPL-3.0-or-later
// awb traits: computed traits, one profile's traits, and the fitted customer-base models.
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "cli/WarehouseCli.h"
#include "ingest/Timestamp.h"
#include "services/TraitService.h"
#include "warehouse/PgConnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace awb::cli {

namespace {

const char *kindName(traits::TraitKind kind)
{
    switch (kind) {
    case traits::TraitKind::Number:
        return "number";
    case traits::TraitKind::Date:
        return "date";
    case traits::TraitKind::Text:
        return "text";
    case traits::TraitKind::Boolean:
        return "boolean";
    }
    return "";
}

std::size_t setCount(const traits::TraitTable &table, const std::string &id)
{
    const traits::TraitColumn *c = table.column(id);
    std::size_t n = 0;
    for (std::size_t r = 0; c != nullptr && r < table.size(); ++r) {
        n += c->isSet(r) ? 1 : 0;
    }
    return n;
}

std::string traitList(const traits::TraitTable &table, bool json)
{
    if (json) {
        QJsonArray list;
        for (const traits::TraitInfo &t : table.infos()) {
            list.append(
                QJsonObject{{QStringLiteral("id"), QString::fromStdString(t.id)},
                            {QStringLiteral("label"), QString::fromStdString(t.label)},
                            {QStringLiteral("group"), QString::fromStdString(t.group)},
                            {QStringLiteral("kind"), QLatin1String(kindName(t.kind))},
                            {QStringLiteral("description"), QString::fromStdString(t.description)},
                            {QStringLiteral("profiles_set"), static_cast<qint64>(setCount(table, t.id))}});
        }
        const QJsonObject o{
            {QStringLiteral("now"), QString::fromStdString(ingest::formatTimestamp(table.nowMs))},
            {QStringLiteral("profiles"), static_cast<qint64>(table.size())},
            {QStringLiteral("traits"), list}};
        return QJsonDocument(o).toJson(QJsonDocument::Indented).toStdString();
    }
    std::string s =
        std::to_string(table.size()) + " profiles as of " + ingest::formatTimestamp(table.nowMs) + "\n";
    for (const traits::TraitInfo &t : table.infos()) {
        std::string id = t.id;
        id.resize(std::max<std::size_t>(id.size(), 28), ' ');
        s += "  " + id + " " + kindName(t.kind) + "\t" + t.group + "\t" + t.label + "\n";
    }
    return s;
}

std::string modelsText(const traits::ModelSummary &m)
{
    if (!m.fitted) {
        return m.note + "\n";
    }
    char buf[512];
    std::snprintf(
        buf, sizeof buf,
        "BG/NBD (%s, %lld of %lld purchasers): r = %.4f, alpha = %.4f, a = %.4f, b = %.4f, "
        "log-likelihood %.2f%s\n"
        "Gamma-Gamma (%lld repeat customers): p = %.4f, q = %.4f, v = %.4f, log-likelihood %.2f%s\n",
        m.timeUnitDays == 7 ? "weeks" : "days", static_cast<long long>(m.customers),
        static_cast<long long>(m.purchasers), m.r, m.alpha, m.a, m.b, m.bgNbdLogLikelihood,
        m.bgNbdConverged ? "" : " (not converged)", static_cast<long long>(m.repeatCustomers), m.p, m.q, m.v,
        m.gammaGammaLogLikelihood, m.gammaGammaConverged ? "" : " (not converged)");
    return buf;
}

std::string profileText(const services::ProfileTraits &p)
{
    std::string s = "profile " + std::to_string(p.profileId) + " (" + p.key + ") as of " +
                    ingest::formatTimestamp(p.nowMs) + "\n";
    for (const services::TraitValue &t : p.traits) {
        std::string id = t.info.id;
        id.resize(std::max<std::size_t>(id.size(), 28), ' ');
        s += "  " + id + " " + (t.value.empty() ? std::string("-") : t.value) + "\n";
    }
    for (const services::ValuePurchases &v : p.catalog) {
        s += "  " + v.column + " = " + v.value + ": " + std::to_string(v.purchases) + " orders, spend " +
             std::to_string(v.spend) + ", last " + v.lastPurchase + "\n";
    }
    for (const std::string &a : p.audiences) {
        s += "  in audience " + a + "\n";
    }
    for (const std::string &a : p.exportedIn) {
        s += "  exported in " + a + "\n";
    }
    return s;
}

bool readRequest(const QCommandLineParser &parser, services::TraitRequest &request)
{
    if (parser.isSet(QStringLiteral("as-of"))) {
        const auto t = ingest::parseTimestamp(parser.value(QStringLiteral("as-of")).toStdString());
        if (!t) {
            std::fprintf(stderr, "awb traits: bad --as-of '%s' (expected a date such as 2011-10-01)\n",
                         qPrintable(parser.value(QStringLiteral("as-of"))));
            return false;
        }
        request.asOfMs = *t;
    }
    const QString unit = parser.value(QStringLiteral("time-unit"));
    if (unit != QLatin1String("days") && unit != QLatin1String("weeks")) {
        std::fprintf(stderr, "awb traits: bad --time-unit '%s' (days or weeks)\n", qPrintable(unit));
        return false;
    }
    request.timeUnitDays = unit == QLatin1String("weeks") ? 7 : 1;
    return true;
}

} // namespace

int runTraits(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Compute every profile's traits. Without --profile or --model-params, list the traits."));
    parser.addPositionalArgument(
        QStringLiteral("workspace"),
        QStringLiteral("The .awb workspace file, or a warehouse (postgresql://...)."));
    parser.addOption({QStringLiteral("as-of"),
                      QStringLiteral("Pretend now is DATE (later events are unseen)."),
                      QStringLiteral("DATE")});
    parser.addOption({QStringLiteral("profile"),
                      QStringLiteral("Print the traits of the profile with this user "
                                     "id (or anonymous id)."),
                      QStringLiteral("USER_ID")});
    parser.addOption({QStringLiteral("model-params"),
                      QStringLiteral("Print the fitted BG/NBD and Gamma-Gamma parameters.")});
    parser.addOption({QStringLiteral("time-unit"),
                      QStringLiteral("BG/NBD time unit: days (default) or weeks."), QStringLiteral("UNIT"),
                      QStringLiteral("days")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print JSON instead of text.")});
    parser.addOption({QStringLiteral("order-event"),
                      QStringLiteral("Warehouse: the event of an order (stored for the source; default Order "
                                     "Completed)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("refund-event"),
                      QStringLiteral("Warehouse: the event of a refund (default Order Refunded)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("order-value"),
                      QStringLiteral("Warehouse: the order's value, the first set of these columns (default "
                                     "revenue,total)."),
                      QStringLiteral("COLUMN[,COLUMN]")});
    parser.addOption({QStringLiteral("user-id-column"),
                      QStringLiteral("Warehouse: the event tables' user id column (default user_id)."),
                      QStringLiteral("COLUMN")});
    parser.addOption(
        {QStringLiteral("anonymous-id-column"),
         QStringLiteral("Warehouse: the event tables' anonymous id column (default anonymous_id; "
                        "empty: none)."),
         QStringLiteral("COLUMN")});
    parser.addOption(
        {QStringLiteral("profile-table"),
         QStringLiteral("Warehouse: the table of one row per user id whose columns are exported as "
                        "attributes (default users; empty: none)."),
         QStringLiteral("TABLE")});
    parser.addOption({QStringLiteral("profile-key"),
                      QStringLiteral("Warehouse: the profile table's user id column (default id)."),
                      QStringLiteral("COLUMN")});
    int exitCode = kExitOk;
    if (!parseArgs(parser, QStringLiteral("traits"), args, exitCode)) {
        return exitCode;
    }
    services::TraitRequest request;
    if (parser.positionalArguments().size() != 1 ||
        (parser.isSet(QStringLiteral("profile")) && parser.isSet(QStringLiteral("model-params")))) {
        std::fputs("awb traits: expected WORKSPACE [--profile USER_ID | --model-params] [--as-of DATE]\n",
                   stderr);
        return kExitUsage;
    }
    if (!readRequest(parser, request)) {
        return kExitUsage;
    }
    const bool json = parser.isSet(QStringLiteral("json"));
    const std::string target = parser.positionalArguments().first().toStdString();
    if (warehouse::isWarehouseUri(target)) {
        if (parser.isSet(QStringLiteral("profile")) || parser.isSet(QStringLiteral("model-params"))) {
            std::fputs("awb traits: --profile and --model-params read a workspace file, not a warehouse\n",
                       stderr);
            return kExitUsage;
        }
        return warehouseTraits(parser, target, request.asOfMs, json);
    }
    if (setsSourceMapping(parser)) {
        std::fputs("awb traits: the source mapping options (--order-event ... --profile-key) name what a "
                   "warehouse reads; a workspace file's imports are mapped when imported\n",
                   stderr);
        return kExitUsage;
    }
    services::TraitService service(parser.positionalArguments().first().toStdString());
    TerminalProgress progress;
    if (parser.isSet(QStringLiteral("profile"))) {
        const auto p =
            service.profile(parser.value(QStringLiteral("profile")).toStdString(), request, progress);
        if (!p) {
            return printError(p.error());
        }
        printOut(json ? p->toJson() : profileText(*p));
        return kExitOk;
    }
    const auto table = service.load(request, progress);
    if (!table) {
        return printError(table.error());
    }
    if (parser.isSet(QStringLiteral("model-params"))) {
        printOut(json ? services::TraitService::modelsToJson((*table)->models, (*table)->nowMs)
                      : modelsText((*table)->models));
        return kExitOk;
    }
    printOut(traitList(**table, json));
    return kExitOk;
}

} // namespace awb::cli
