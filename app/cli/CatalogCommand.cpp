// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "cli/WarehouseCli.h"
#include "services/CatalogService.h"
#include "warehouse/PgConnection.h"

#include <QRegularExpression>

#include <cstdio>

namespace awb::cli {

namespace {

// "NAME[=WEIGHT]" -> event with the default weight for its name when none is given.
bool parseEvent(const QString &text, const QString &productProperty, catalog::CatalogEvent &out)
{
    const qsizetype eq = text.lastIndexOf(QLatin1Char('='));
    out.name = (eq < 0 ? text : text.left(eq)).trimmed().toStdString();
    out.productProperty = productProperty.toStdString();
    out.weight = catalog::defaultWeight(out.name);
    if (eq >= 0) {
        bool ok = false;
        out.weight = text.mid(eq + 1).toDouble(&ok);
        if (!ok) {
            return false;
        }
    }
    return !out.name.empty();
}

// One ",on=EVENT:PROPERTY" option of a column: the last ':' ends the event name.
bool parseOverride(const QString &text, catalog::ColumnOverride &out)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) {
        return false;
    }
    out.event = text.left(colon).trimmed().toStdString();
    out.property = text.mid(colon + 1).trimmed().toStdString();
    return !out.event.empty() && !out.property.empty();
}

// "NAME=PROPERTY[,split=SEP][,on=EVENT:PROPERTY ...]". An option runs to the next ",split=" or ",on=", so
// a separator may be a comma.
bool parseColumn(const QString &text, catalog::CatalogColumn &out)
{
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    if (eq <= 0) {
        return false;
    }
    out.name = text.left(eq).trimmed().toStdString();
    static const QRegularExpression option(QStringLiteral(",(split|on)="));
    const QString rest = text.mid(eq + 1);
    auto it = option.globalMatch(rest);
    QRegularExpressionMatch match = it.hasNext() ? it.next() : QRegularExpressionMatch();
    out.property = rest.left(match.hasMatch() ? match.capturedStart() : rest.size()).trimmed().toStdString();
    while (match.hasMatch()) {
        const QRegularExpressionMatch next = it.hasNext() ? it.next() : QRegularExpressionMatch();
        const qsizetype end = next.hasMatch() ? next.capturedStart() : rest.size();
        const QString value = rest.mid(match.capturedEnd(), end - match.capturedEnd());
        if (match.captured(1) == QLatin1String("split")) {
            out.split = value.toStdString();
        } else if (catalog::ColumnOverride o; parseOverride(value, o)) {
            out.overrides.push_back(std::move(o));
        } else {
            return false;
        }
        match = next;
    }
    return !out.property.empty();
}

// " (split on '|'); on Order Completed: product_brand" for a column's options, empty without any.
std::string columnOptions(const catalog::CatalogColumn &c)
{
    std::string s = c.split.empty() ? "" : " (split on '" + c.split + "')";
    for (const catalog::ColumnOverride &o : c.overrides) {
        s += "; on " + o.event + ": " + o.property;
    }
    return s;
}

int show(services::CatalogService &service)
{
    const auto def = service.definition();
    if (!def) {
        return printError(def.error());
    }
    if (!*def) {
        printOut("no catalog defined\n");
        return kExitOk;
    }
    std::string s = "events:\n";
    for (const auto &e : (*def)->events) {
        s += "  " + e.name + "  product id: " + e.productProperty +
             "  weight: " + QString::number(e.weight).toStdString() + "\n";
    }
    s += "columns:\n";
    for (const auto &c : (*def)->columns) {
        s += "  " + c.name + " = " + c.property + columnOptions(c) + "\n";
        const auto values = service.values(c.name, 5);
        if (values) {
            for (const auto &v : *values) {
                s += "      " + v.value + ": " + std::to_string(v.products) + " products, " +
                     std::to_string(v.interactions) + " interactions\n";
            }
        }
    }
    const auto build = service.lastBuild();
    if (build && *build) {
        s += "last build: " + std::to_string((*build)->items) + " items, " +
             std::to_string((*build)->interactions) + " interactions, " + std::to_string((*build)->profiles) +
             " profiles, " + std::to_string((*build)->skipped) + " product rows without an id\n";
    } else {
        s += "not built yet (awb catalog WORKSPACE --build)\n";
    }
    printOut(s);
    return kExitOk;
}

} // namespace

int runCatalog(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Define, build and show the recommendation catalog."));
    parser.addPositionalArgument(
        QStringLiteral("workspace"),
        QStringLiteral("The .awb workspace file, or a warehouse (postgresql://...)."));
    parser.addOption({QStringLiteral("event"),
                      QStringLiteral("Interaction event NAME[=WEIGHT] (repeat, at most 10)."),
                      QStringLiteral("NAME")});
    parser.addOption(
        {QStringLiteral("product-id"),
         QStringLiteral("Property holding the product id (product_id, sku, products[].product_id)."),
         QStringLiteral("PROPERTY"), QStringLiteral("product_id")});
    parser.addOption(
        {QStringLiteral("column"),
         QStringLiteral("Model column NAME=PROPERTY[,split=SEP][,on=EVENT:PROPERTY ...] (repeat): "
                        "reads PROPERTY, or on EVENT the property given for it."),
         QStringLiteral("SPEC")});
    parser.addOption(
        {QStringLiteral("build"), QStringLiteral("Build the catalog from the workspace's events.")});
    parser.addOption(
        {QStringLiteral("show"), QStringLiteral("Print the definition, top values and last build.")});
    int exitCode = kExitOk;
    if (!parseArgs(parser, QStringLiteral("catalog"), args, exitCode)) {
        return exitCode;
    }
    if (parser.positionalArguments().size() != 1) {
        std::fputs("awb catalog: expected one workspace file\n", stderr);
        return kExitUsage;
    }
    const std::string target = parser.positionalArguments().first().toStdString();
    std::optional<catalog::CatalogDefinition> defined;
    if (parser.isSet(QStringLiteral("event"))) {
        catalog::CatalogDefinition &def = defined.emplace();
        for (const QString &e : parser.values(QStringLiteral("event"))) {
            catalog::CatalogEvent event;
            if (!parseEvent(e, parser.value(QStringLiteral("product-id")), event)) {
                std::fprintf(stderr, "awb catalog: bad --event '%s' (expected NAME[=WEIGHT])\n",
                             qPrintable(e));
                return kExitUsage;
            }
            def.events.push_back(event);
        }
        for (const QString &c : parser.values(QStringLiteral("column"))) {
            catalog::CatalogColumn column;
            if (!parseColumn(c, column)) {
                std::fprintf(stderr,
                             "awb catalog: bad --column '%s' (expected "
                             "NAME=PROPERTY[,split=SEP][,on=EVENT:PROPERTY ...])\n",
                             qPrintable(c));
                return kExitUsage;
            }
            def.columns.push_back(column);
        }
    }
    if (warehouse::isWarehouseUri(target)) {
        if (parser.isSet(QStringLiteral("build"))) {
            std::fputs("awb catalog: a warehouse's catalog is read when an audience is created; there is "
                       "nothing to build\n",
                       stderr);
            return kExitUsage;
        }
        return warehouseCatalog(target, defined);
    }
    services::CatalogService service(target);
    if (defined) {
        if (auto saved = service.save(*defined); !saved) {
            return printError(saved.error());
        }
    }
    if (parser.isSet(QStringLiteral("build"))) {
        TerminalProgress progress;
        const auto built = service.build(progress);
        if (!built) {
            return printError(built.error());
        }
        printOut("built: " + std::to_string(built->items) + " items, " + std::to_string(built->interactions) +
                 " interactions from " + std::to_string(built->profiles) + " profiles\n");
    }
    if (parser.isSet(QStringLiteral("show")) ||
        !(parser.isSet(QStringLiteral("event")) || parser.isSet(QStringLiteral("build")))) {
        return show(service);
    }
    return kExitOk;
}

} // namespace awb::cli
