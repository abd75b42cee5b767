// SPDX-License-Identifier: GPL-3.0-or-later
#include "warehouse/WarehouseCatalog.h"

#include "common/JsonText.h"
#include "common/Text.h"
#include "ingest/SegmentJson.h"
#include "warehouse/PgConnection.h"
#include "warehouse/SnakeCase.h"
#include "warehouse/WarehouseTime.h"
#include "warehouse/WarehouseTraits.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <unordered_map>

namespace awb::warehouse {

namespace {

constexpr int kFetchRows = 20000;

const char *const kSchemaSql =
    "CREATE SCHEMA IF NOT EXISTS awb; "
    "CREATE TABLE IF NOT EXISTS awb.catalog_events (source_schema text NOT NULL, position integer NOT NULL, "
    "name text NOT NULL, product_property text NOT NULL, weight double precision NOT NULL); "
    "CREATE TABLE IF NOT EXISTS awb.catalog_columns (source_schema text NOT NULL, position integer NOT NULL, "
    "name text NOT NULL, property text NOT NULL, split text NOT NULL); "
    "CREATE TABLE IF NOT EXISTS awb.catalog_column_overrides (source_schema text NOT NULL, column_name text "
    "NOT NULL, event text NOT NULL, property text NOT NULL)";

// A property path as the warehouse flattens it into a column: "a.b" -> a_b, each part snake_cased.
std::string flatColumn(const std::string &path)
{
    std::string out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t dot = path.find('.', start);
        const std::string part = snakeCase(std::string_view(path).substr(start, dot - start));
        out += (out.empty() || part.empty() ? "" : "_") + part;
        if (dot == std::string::npos) {
            return out;
        }
        start = dot + 1;
    }
}

bool isNumeric(const std::string &type)
{
    return type == "double precision" || type == "numeric" || type == "integer" || type == "bigint" ||
           type == "real" || type == "smallint";
}

// What one catalog event's table gives: its rows' products and the property columns the rule reads.
struct TableRead
{
    catalog::EventRule single;  ///< the rule over a row's flattened properties (keys as flat column names)
    catalog::EventRule element; ///< the rule over an element of products[]
    bool hasProducts = false;
    std::vector<std::string> columns; ///< flat property columns selected after the fixed ones
    std::vector<bool> numeric;
    std::string sql;
};

TableRead tableRead(const SourceTables &source, const std::string &table, const catalog::EventRule &rule)
{
    TableRead read;
    read.element = rule;
    read.single = rule;
    read.single.key = rule.key == "product_id" ? rule.key : flatColumn(rule.key);
    for (std::string &k : read.single.columnKeys) {
        k = flatColumn(k);
    }
    read.hasProducts = !source.typeOf(table, "products").empty();
    std::vector<std::string> wanted = read.single.columnKeys;
    wanted.push_back(read.single.key);
    std::string select = "SELECT " + personOf("e") +
                         ", e.ts, e.products, e.product_id, e.sku, e.price, "
                         "e.quantity";
    std::string inner =
        "SELECT " + source.nodeOf(table, "e") + " AS node, " + msOf("e.\"timestamp\"") + " AS ts";
    for (const char *fixed : {"products", "product_id", "sku", "price", "quantity"}) {
        inner += ", " +
                 (source.typeOf(table, fixed).empty() ? std::string("CAST(NULL AS text)")
                                                      : "CAST(e." + sqlName(fixed) + " AS text)") +
                 " AS " + fixed;
    }
    for (const std::string &c : wanted) {
        if (c.empty() || c == "product_id" || source.typeOf(table, c).empty() ||
            std::find(read.columns.begin(), read.columns.end(), c) != read.columns.end()) {
            continue;
        }
        read.columns.push_back(c);
        read.numeric.push_back(isNumeric(source.typeOf(table, c)));
        const std::string alias = "c" + std::to_string(read.columns.size());
        inner += ", CAST(e." + sqlName(c) + " AS text) AS " + alias;
        select += ", e." + alias;
    }
    read.sql = select + " FROM (" + inner + " FROM " + source.qualified(table) + " e WHERE " +
               source.identified(table, "e") + ") e" + personJoin("e");
    return read;
}

// The WHERE clause keeping the people of range ($1, $2 bound by rangeParams), for a part expression.
std::string rangeWhere(const std::string &prefix, const PersonRange &range)
{
    std::string sql;
    if (!range.from.empty()) {
        sql += " WHERE " + prefix + " >= $1";
    }
    if (!range.to.empty()) {
        sql += std::string(sql.empty() ? " WHERE " : " AND ") + prefix +
               (range.from.empty() ? " < $1" : " < $2");
    }
    return sql;
}

std::vector<PgParam> rangeParams(const PersonRange &range)
{
    std::vector<PgParam> params;
    for (const std::string *bound : {&range.from, &range.to}) {
        if (!bound->empty()) {
            params.emplace_back(*bound);
        }
    }
    return params;
}

struct Pulled
{
    std::vector<std::int32_t> profile;
    std::vector<std::int32_t> item;
    std::vector<std::int64_t> ts;
    std::vector<float> weight;
    std::vector<float> value;

    void add(std::int32_t p, std::int32_t i, std::int64_t t, double w, double v)
    {
        profile.push_back(p);
        item.push_back(i);
        ts.push_back(t);
        weight.push_back(static_cast<float>(w));
        value.push_back(static_cast<float>(v));
    }
};

// Reads the rows of one catalog event's table through a cursor into pass and pulled.
void readTable(PgConnection &pg, const TableRead &read,
               const std::unordered_map<std::string, std::int32_t> &people, catalog::ItemPass &pass,
               Pulled &pulled, ProgressSink &progress, std::int64_t &done, const PersonRange &range)
{
    pg.exec("DECLARE awb_rows NO SCROLL CURSOR FOR " + read.sql + rangeWhere(partOf(personOf("e")), range),
            rangeParams(range));
    simdjson::dom::parser parser;
    std::string flat;
    std::string ownId;
    for (;;) {
        const PgResult rows = pg.exec("FETCH " + std::to_string(kFetchRows) + " FROM awb_rows");
        for (int r = 0; r < rows.rows(); ++r) {
            const auto person = people.find(std::string(rows.text(r, 0)));
            if (person == people.end()) {
                continue;
            }
            const std::int64_t ts = rows.int64(r, 1);
            const auto add = [&](const catalog::EventRule &rule, std::string_view id,
                                 std::string_view properties, std::optional<double> price,
                                 std::optional<double> quantity) {
                const std::int32_t item = pass.add(rule, ts, id, properties, price);
                if (item >= 0) {
                    pulled.add(person->second, item, ts, rule.weight,
                               price && quantity ? *price * *quantity : 0.0);
                }
            };
            if (!rows.isNull(r, 2)) {
                // products[]: each element that is an object with an id is one product row.
                simdjson::dom::element document;
                simdjson::dom::array products;
                const std::string_view text = rows.text(r, 2);
                if (parser.parse(text.data(), text.size()).get(document) != simdjson::SUCCESS ||
                    document.get_array().get(products) != simdjson::SUCCESS) {
                    continue;
                }
                for (const simdjson::dom::element element : products) {
                    simdjson::dom::object object;
                    if (element.get_object().get(object) != simdjson::SUCCESS) {
                        continue;
                    }
                    ownId.clear();
                    for (const char *key : {"product_id", "sku", "id"}) {
                        simdjson::dom::element v;
                        if (object.at_key(key).get(v) == simdjson::SUCCESS && !v.is_null() &&
                            ingest::segment::readId(v, ownId) && !ownId.empty()) {
                            break;
                        }
                        ownId.clear();
                    }
                    if (ownId.empty()) {
                        continue;
                    }
                    const auto number = [&](const char *key) -> std::optional<double> {
                        simdjson::dom::element v;
                        return object.at_key(key).get(v) == simdjson::SUCCESS ? ingest::segment::readNumber(v)
                                                                              : std::nullopt;
                    };
                    add(read.element, ownId, simdjson::minify(element), number("price"), number("quantity"));
                }
                continue;
            }
            // A single product: the row's product_id, else sku, and its flattened properties.
            const std::string_view id = !rows.isNull(r, 3) && !rows.text(r, 3).empty() ? rows.text(r, 3)
                                        : !rows.isNull(r, 4)                           ? rows.text(r, 4)
                                                                                       : std::string_view();
            if (id.empty()) {
                continue;
            }
            flat = "{";
            for (std::size_t c = 0; c < read.columns.size(); ++c) {
                const int column = 7 + static_cast<int>(c);
                if (rows.isNull(r, column)) {
                    continue;
                }
                flat += flat.size() > 1 ? "," : "";
                appendJsonString(flat, read.columns[c]);
                flat += ':';
                const std::string_view value = rows.text(r, column);
                if (read.numeric[c] && parseNumber(value)) {
                    flat += value;
                } else {
                    appendJsonString(flat, value);
                }
            }
            flat += '}';
            add(read.single, id, flat, rows.isNull(r, 5) ? std::nullopt : parseNumber(rows.text(r, 5)),
                rows.isNull(r, 6) ? std::nullopt : parseNumber(rows.text(r, 6)));
        }
        done += rows.rows();
        progress.setValue(done);
        if (rows.rows() < kFetchRows) {
            break;
        }
    }
    pg.execScript("CLOSE awb_rows");
}

} // namespace

catalog::CatalogDefinition readCatalogDefinition(PgConnection &pg, const std::string &schema)
{
    const PgResult exists =
        pg.exec("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'awb' AND "
                "table_name = 'catalog_events'");
    if (exists.int64(0, 0) == 0) {
        return catalog::segmentSpecCatalog();
    }
    catalog::CatalogDefinition def;
    const PgResult events = pg.exec("SELECT name, product_property, weight FROM awb.catalog_events WHERE "
                                    "source_schema = $1 ORDER BY position",
                                    {schema});
    if (events.rows() == 0) {
        return catalog::segmentSpecCatalog();
    }
    for (int r = 0; r < events.rows(); ++r) {
        def.events.push_back(
            {std::string(events.text(r, 0)), std::string(events.text(r, 1)), events.real(r, 2)});
    }
    const PgResult columns = pg.exec(
        "SELECT name, property, split FROM awb.catalog_columns WHERE source_schema = $1 ORDER BY position",
        {schema});
    for (int r = 0; r < columns.rows(); ++r) {
        def.columns.push_back({std::string(columns.text(r, 0)), std::string(columns.text(r, 1)),
                               std::string(columns.text(r, 2))});
    }
    const PgResult overrides =
        pg.exec("SELECT column_name, event, property FROM awb.catalog_column_overrides "
                "WHERE source_schema = $1 ORDER BY column_name, event",
                {schema});
    for (int r = 0; r < overrides.rows(); ++r) {
        for (catalog::CatalogColumn &c : def.columns) {
            if (c.name == overrides.text(r, 0)) {
                c.overrides.push_back({std::string(overrides.text(r, 1)), std::string(overrides.text(r, 2))});
            }
        }
    }
    return def;
}

void writeCatalogDefinition(PgConnection &pg, const std::string &schema,
                            const catalog::CatalogDefinition &def)
{
    pg.execScript("BEGIN");
    pg.execScript(kSchemaSql);
    for (const char *table : {"awb.catalog_events", "awb.catalog_columns", "awb.catalog_column_overrides"}) {
        pg.exec(std::string("DELETE FROM ") + table + " WHERE source_schema = $1", {schema});
    }
    for (std::size_t i = 0; i < def.events.size(); ++i) {
        const catalog::CatalogEvent &e = def.events[i];
        char weight[32];
        std::snprintf(weight, sizeof weight, "%.17g", e.weight);
        pg.exec("INSERT INTO awb.catalog_events VALUES ($1, CAST($2 AS integer), $3, $4, CAST($5 AS double "
                "precision))",
                {schema, std::to_string(i), e.name, e.productProperty, std::string(weight)});
    }
    for (std::size_t i = 0; i < def.columns.size(); ++i) {
        const catalog::CatalogColumn &c = def.columns[i];
        pg.exec("INSERT INTO awb.catalog_columns VALUES ($1, CAST($2 AS integer), $3, $4, $5)",
                {schema, std::to_string(i), c.name, c.property, c.split});
        for (const catalog::ColumnOverride &o : c.overrides) {
            pg.exec("INSERT INTO awb.catalog_column_overrides VALUES ($1, $2, $3, $4)",
                    {schema, c.name, o.event, o.property});
        }
    }
    pg.execScript("COMMIT");
}

PersonRange PersonRange::part(int i, int n)
{
    const auto bound = [n](int k) -> std::string {
        if (k <= 0 || k >= n) {
            return {};
        }
        char hex[8];
        std::snprintf(hex, sizeof hex, "%04x", static_cast<unsigned>((65536LL * k) / n));
        return hex;
    };
    return {bound(i), bound(i + 1)};
}

PersonRange PersonRange::share(double share)
{
    const auto end = static_cast<long long>(std::ceil(std::clamp(share, 0.0, 1.0) * 65536.0));
    if (end >= 65536) {
        return {};
    }
    char hex[8];
    std::snprintf(hex, sizeof hex, "%04x", static_cast<unsigned>(std::max(1LL, end)));
    return {{}, hex};
}

std::int64_t catalogEventRows(PgConnection &pg, const SourceTables &source,
                              const catalog::CatalogDefinition &definition)
{
    std::int64_t rows = 0;
    for (const catalog::CatalogEvent &event : definition.events) {
        const std::string table = snakeCase(event.name);
        if (source.has(table)) {
            rows += pg.exec("SELECT count(*) FROM " + source.qualified(table)).int64(0, 0);
        }
    }
    return rows;
}

PulledCatalog pullInteractions(PgConnection &pg, const SourceTables &source,
                               const catalog::CatalogDefinition &definition, ProgressSink &progress,
                               const PersonRange &range)
{
    PulledCatalog out;
    out.definition = definition;
    model::LoadedInteractions &data = out.input.data;
    progress.setStage("Reading people");
    std::unordered_map<std::string, std::int32_t> people;
    {
        const PgResult rows =
            pg.exec("SELECT p.person, p.first_seen FROM awb.people p" + rangeWhere("p.part", range),
                    rangeParams(range));
        data.log.profileCount = rows.rows();
        for (int r = 0; r < rows.rows(); ++r) {
            std::string label(rows.text(r, 0));
            people.emplace(label, r);
            data.profileIds.push_back(r);
            data.log.firstSeen.push_back(rows.isNull(r, 1) ? INT64_MAX : rows.int64(r, 1));
            data.log.identified.push_back(label.starts_with('0') ? 1 : 0);
            out.input.labels.push_back(std::move(label));
        }
    }
    progress.setStage("Reading interactions");
    catalog::ItemPass pass(out.definition);
    Pulled pulled;
    std::int64_t done = 0;
    pg.execScript("BEGIN");
    for (const catalog::CatalogEvent &event : out.definition.events) {
        const std::string table = snakeCase(event.name);
        if (source.has(table)) {
            readTable(pg, tableRead(source, table, catalog::eventRule(out.definition, event)), people, pass,
                      pulled, progress, done, range);
        }
    }
    pg.execScript("COMMIT");
    // In time order, as the workspace's log is (ties are ordered by the scorer's canonical numbering).
    std::vector<std::size_t> order(pulled.ts.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return pulled.ts[a] < pulled.ts[b]; });
    numeric::InteractionLog &log = data.log;
    for (const std::size_t k : order) {
        log.profile.push_back(pulled.profile[k]);
        log.item.push_back(pulled.item[k]);
        log.ts.push_back(pulled.ts[k]);
        log.weight.push_back(pulled.weight[k]);
        log.value.push_back(pulled.value[k]);
    }
    out.items = pass.items();
    log.itemCount = static_cast<std::int32_t>(out.items.size());
    for (const catalog::CatalogItem &item : out.items) {
        out.input.productIds.push_back(item.productId);
    }
    return out;
}

Result<std::vector<std::int32_t>> resolveTarget(const PulledCatalog &catalog, const model::Target &target)
{
    std::vector<std::int32_t> items;
    if (!target.productId.empty()) {
        for (std::size_t i = 0; i < catalog.items.size(); ++i) {
            if (catalog.items[i].productId == target.productId) {
                items.push_back(static_cast<std::int32_t>(i));
                return items;
            }
        }
        return fail(model::unknownTargetProduct(target, "the warehouse's catalog"));
    }
    const auto &columns = catalog.definition.columns;
    const auto column = std::find_if(columns.begin(), columns.end(), [&](const catalog::CatalogColumn &c) {
        return c.name == target.column;
    });
    if (column == columns.end()) {
        std::vector<std::string> known;
        for (const catalog::CatalogColumn &c : columns) {
            known.push_back(c.name);
        }
        return fail(model::unknownTargetColumn(target, known));
    }
    const auto c = static_cast<std::size_t>(column - columns.begin());
    std::map<std::string, std::int64_t> interactions; // per value of the column, for the message
    for (std::size_t i = 0; i < catalog.items.size(); ++i) {
        const std::vector<std::string> &values = catalog.items[i].columns[c].values;
        if (std::find(values.begin(), values.end(), target.value) != values.end()) {
            items.push_back(static_cast<std::int32_t>(i));
        }
        for (const std::string &v : values) {
            interactions[v] += catalog.items[i].interactions;
        }
    }
    if (items.empty()) {
        std::vector<std::pair<std::string, std::int64_t>> common(interactions.begin(), interactions.end());
        std::stable_sort(common.begin(), common.end(),
                         [](const auto &a, const auto &b) { return a.second > b.second; });
        std::vector<std::string> examples;
        for (std::size_t k = 0; k < common.size() && k < 5; ++k) {
            examples.push_back(common[k].first);
        }
        return fail(model::unknownTargetValue(target, examples, "the warehouse's catalog"));
    }
    return items;
}

} // namespace awb::warehouse
