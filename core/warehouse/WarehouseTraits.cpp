// SPDX-License-Identifier: GPL-3.0-or-later
#include "warehouse/WarehouseTraits.h"

#include "common/Text.h"
#include "traits/Scores.h"
#include "traits/TraitTable.h"
#include "warehouse/PgConnection.h"
#include "warehouse/SnakeCase.h"
#include "warehouse/WarehouseTime.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace awb::warehouse {

namespace {

struct EventTable
{
    std::string table;
    std::string name; ///< SQL expression of the event name
    int kind;         ///< 0 track, 1 identify, 2 page, 3 screen
};

std::vector<EventTable> eventTables(const SourceTables &s)
{
    std::vector<EventTable> out;
    const EventTable all[] = {{"tracks", "e.event_text", 0},
                              {"identifies", "'Identify'", 1},
                              {"pages", "'Page Viewed'", 2},
                              {"screens", "'Screen Viewed'", 3}};
    for (const EventTable &t : all) {
        if (s.has(t.table)) {
            out.push_back(t);
        }
    }
    return out;
}

// Every event of the source: person node, time (ms), kind and name.
std::string allEventsSql(const SourceTables &s)
{
    std::string sql;
    for (const EventTable &t : eventTables(s)) {
        sql += std::string(sql.empty() ? "" : " UNION ALL ") + "SELECT " + s.nodeOf(t.table, "e") +
               " AS node, " + msOf("e.\"timestamp\"") + " AS ts, " + std::to_string(t.kind) + " AS kind, " +
               t.name + " AS name FROM " + s.qualified(t.table) + " e WHERE " + s.identified(t.table, "e");
    }
    return sql.empty()
               ? "SELECT CAST(NULL AS text) AS node, CAST(0 AS bigint) AS ts, 0 AS kind, CAST(NULL AS "
                 "text) AS name WHERE 1 = 0"
               : sql;
}

// The value of an order or refund row: revenue, else total (the local engine falls back to the products'
// lines, which a warehouse stores as text; not pushed down).
std::string orderValue(const SourceTables &s, const std::string &table)
{
    std::vector<std::string> parts;
    for (const std::string &name : s.mapping.valueColumns) {
        const std::string c = snakeCase(name);
        const std::string type = s.typeOf(table, c);
        if (type == "double precision" || type == "numeric" || type == "integer" || type == "bigint" ||
            type == "real") {
            parts.push_back("CAST(e." + sqlName(c) + " AS double precision)");
        }
    }
    parts.push_back("0");
    if (parts.size() == 1) {
        return "0";
    }
    std::string sql = "coalesce(";
    for (std::size_t i = 0; i < parts.size(); ++i) {
        sql += (i ? ", " : "") + parts[i];
    }
    return sql + ")";
}

std::string ordersSql(const SourceTables &s, const std::string &event, const std::string &aggregates)
{
    const std::string table = snakeCase(event);
    if (!s.has(table)) {
        return "SELECT CAST(NULL AS text) AS person, " + aggregates +
               " FROM (SELECT CAST(0 AS bigint) AS ts, "
               "CAST(0 AS double precision) AS v) e WHERE 1 = 0 GROUP BY 1";
    }
    return "SELECT " + personOf("e") + " AS person, " + aggregates + " FROM (SELECT " + s.nodeOf(table, "e") +
           " AS node, " + msOf("e.\"timestamp\"") + " AS ts, " + orderValue(s, table) + " AS v FROM " +
           s.qualified(table) + " e WHERE " + s.identified(table, "e") + ") e" + personJoin("e") +
           " WHERE e.ts < CAST($1 AS bigint) GROUP BY " + personOf("e");
}

// The local quintile score (traits::quintileScores) of column v over the rows of source where eligible:
// score = run + min over earlier runs of (1 + 5 * smaller / n - run), i.e. each distinct value gets
// min(1 + floor(5 * smaller / n), previous score + 1), ties share a score.
std::string quintileSql(const std::string &v, const std::string &alias)
{
    return "(SELECT person, d + min(a - d) OVER (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT "
           "ROW) "
           "AS score FROM (SELECT person, v, 1 + (5 * (rank() OVER (ORDER BY v) - 1)) / count(*) OVER () AS "
           "a, "
           "dense_rank() OVER (ORDER BY v) - 1 AS d FROM (SELECT person, " +
           v + " AS v FROM buyers) b) q) " + alias;
}

std::string rfmGroupSql()
{
    std::string sql = "CASE";
    for (int r = 1; r <= 5; ++r) {
        for (int f = 1; f <= 5; ++f) {
            sql += " WHEN r.score = " + std::to_string(r) + " AND f.score = " + std::to_string(f) + " THEN " +
                   sqlText(traits::rfmGroup(r, f));
        }
    }
    return sql + " END";
}

void rebuildIdentities(PgConnection &pg, const SourceTables &s)
{
    // Every user id and anonymous id is a node; an event carrying both is an edge between them.
    std::string nodes;
    std::string edges;
    for (const EventTable &t : eventTables(s)) {
        const std::string table = s.qualified(t.table) + " e";
        const std::string user = s.textOf(t.table, s.mapping.userIdColumn, "e");
        const std::string anonymous = s.textOf(t.table, s.mapping.anonymousIdColumn, "e");
        nodes += std::string(nodes.empty() ? "" : " UNION ") + "SELECT '0' || " + user + " AS node FROM " +
                 table + " WHERE " + user + " IS NOT NULL UNION SELECT '1' || " + anonymous + " FROM " +
                 table + " WHERE " + anonymous + " IS NOT NULL";
        edges += std::string(edges.empty() ? "" : " UNION ") + "SELECT '0' || " + user + " AS a, '1' || " +
                 anonymous + " AS b FROM " + table + " WHERE " + user + " IS NOT NULL AND " + anonymous +
                 " IS NOT NULL";
    }
    const std::string none = "SELECT CAST(NULL AS text) AS a, CAST(NULL AS text) AS b WHERE 1 = 0";
    pg.execScript("DROP TABLE IF EXISTS awb.identity_labels; DROP TABLE IF EXISTS awb.identity_edges");
    pg.exec("CREATE TABLE awb.identity_labels AS SELECT node, node AS label FROM (" +
            (nodes.empty() ? std::string("SELECT CAST(NULL AS text) AS node WHERE 1 = 0") : nodes) + ") n");
    pg.exec("CREATE TABLE awb.identity_edges AS " + (edges.empty() ? none : edges));
    // Label propagation: each node takes the smallest label of its neighbours until nothing changes; the
    // label is then the smallest node of its component.
    for (;;) {
        pg.execScript("DROP TABLE IF EXISTS awb_step");
        pg.exec("CREATE TEMP TABLE awb_step AS SELECT x.node, min(l.label" + s.byteOrder +
                ") AS label FROM (SELECT a AS node, b AS "
                "other FROM awb.identity_edges UNION ALL SELECT b, a FROM awb.identity_edges) x JOIN "
                "awb.identity_labels l ON l.node = x.other GROUP BY x.node");
        const PgResult lowered =
            pg.exec("UPDATE awb.identity_labels SET label = s.label FROM awb_step s WHERE "
                    "awb.identity_labels.node = s.node AND s.label < awb.identity_labels.label" +
                    s.byteOrder);
        if (lowered.affectedRows() == 0) {
            break;
        }
    }
    pg.execScript("CREATE INDEX ON awb.identity_labels (node)");
    // Most nodes are their own person; events look up only the others.
    pg.execScript(
        "DROP TABLE IF EXISTS awb.identity_moves; CREATE TABLE awb.identity_moves AS SELECT node, label FROM "
        "awb.identity_labels WHERE label <> node");
}

} // namespace

std::string personOf(const std::string &alias)
{
    return "coalesce(m_" + alias + ".label, " + alias + ".node)";
}

std::string personJoin(const std::string &alias)
{
    return " LEFT JOIN awb.identity_moves m_" + alias + " ON m_" + alias + ".node = " + alias + ".node";
}

std::string partOf(const std::string &person)
{
    return "substr(md5(" + person + "), 1, 4)";
}

std::string personEventsSql(const SourceTables &source)
{
    return "SELECT " + personOf("a") + " AS person, a.ts, a.kind, a.name FROM (" + allEventsSql(source) +
           ") a" + personJoin("a");
}

std::string peopleSql(const SourceTables &source)
{
    return "SELECT e.person, min(e.ts) AS first_seen FROM (" + personEventsSql(source) +
           ") e GROUP BY e.person";
}

std::string SourceTables::typeOf(const std::string &table, const std::string &column) const
{
    const auto t = columns.find(table);
    if (t == columns.end()) {
        return {};
    }
    const auto c = t->second.find(column);
    return c == t->second.end() ? std::string() : c->second;
}

std::string SourceTables::qualified(const std::string &table) const
{
    return sqlName(schema) + "." + sqlName(table);
}

std::string SourceTables::textOf(const std::string &table, const std::string &column,
                                 const std::string &alias) const
{
    const std::string type = column.empty() ? std::string() : typeOf(table, column);
    if (type.empty()) {
        return "CAST(NULL AS text)";
    }
    const std::string ref = alias + "." + sqlName(column);
    return type == "text" || type == "character varying" ? ref : "CAST(" + ref + " AS text)";
}

std::string SourceTables::nodeOf(const std::string &table, const std::string &alias) const
{
    const std::string user = textOf(table, mapping.userIdColumn, alias);
    return "CASE WHEN " + user + " IS NOT NULL THEN '0' || " + user + " ELSE '1' || " +
           textOf(table, mapping.anonymousIdColumn, alias) + " END";
}

std::string SourceTables::identified(const std::string &table, const std::string &alias) const
{
    return "(" + textOf(table, mapping.userIdColumn, alias) + " IS NOT NULL OR " +
           textOf(table, mapping.anonymousIdColumn, alias) + " IS NOT NULL)";
}

SourceTables readSourceTables(PgConnection &pg, const std::string &schema)
{
    SourceTables s;
    s.schema = schema;
    s.byteOrder = pg.exec("SELECT version()").text(0, 0).find("Redshift") == std::string_view::npos
                      ? " COLLATE \"C\""
                      : "";
    const PgResult r =
        pg.exec("SELECT table_name, column_name, data_type FROM information_schema.columns WHERE "
                "table_schema = $1",
                {schema});
    for (int i = 0; i < r.rows(); ++i) {
        s.columns[std::string(r.text(i, 0))][std::string(r.text(i, 1))] = std::string(r.text(i, 2));
    }
    s.mapping = readMapping(pg, schema);
    return s;
}

std::string sourceSchemaOf(PgConnection &pg)
{
    const PgResult r = pg.exec("SELECT current_setting('search_path')");
    std::string first(r.text(0, 0).substr(0, r.text(0, 0).find(',')));
    std::erase_if(first, [](char c) { return c == '"' || std::isspace(static_cast<unsigned char>(c)); });
    return first.empty() || first == "$user" ? "public" : first;
}

const std::vector<std::string> &warehouseTraitIds()
{
    static const std::vector<std::string> ids = {"event_count",
                                                 "sessions",
                                                 "visitor_type",
                                                 "first_seen",
                                                 "last_seen",
                                                 "days_since_first_seen",
                                                 "days_since_last_seen",
                                                 "order_count",
                                                 "total_spend",
                                                 "average_order_value",
                                                 "first_purchase",
                                                 "last_purchase",
                                                 "days_since_last_purchase",
                                                 "refund_count",
                                                 "refund_amount",
                                                 "rfm_recency",
                                                 "rfm_frequency",
                                                 "rfm_monetary",
                                                 "rfm_group"};
    return ids;
}

std::int64_t latestEventMs(PgConnection &pg, const SourceTables &source)
{
    const PgResult r = pg.exec("SELECT coalesce(max(ts), 0) FROM (" + allEventsSql(source) + ") a");
    return r.int64(0, 0);
}

std::string traitsSql(const SourceTables &s)
{
    const std::string day = std::to_string(traits::kDayMs);
    const std::string gap = std::to_string(traits::kSessionGapMs);
    return "CREATE TABLE awb.traits AS WITH ev AS (SELECT person, ts, kind, name FROM awb_person_events), "
           // People first seen before now, and what they did before now.
           "seen AS (SELECT person, sum(CASE WHEN ts < CAST($1 AS bigint) THEN 1 ELSE 0 END) AS event_count, "
           "min(CASE WHEN ts < CAST($1 AS bigint) THEN ts END) AS first_seen, max(CASE WHEN ts < CAST($1 AS "
           "bigint) THEN ts END) AS last_seen FROM ev GROUP BY person HAVING min(ts) < CAST($1 AS bigint)), "
           "visits AS (SELECT person, ts - lag(ts) OVER (PARTITION BY person ORDER BY ts) AS gap FROM ev "
           "WHERE ts < "
           "CAST($1 AS bigint) AND kind <> 1 AND name <> CAST($2 AS text)), "
           "sessions AS (SELECT person, sum(CASE WHEN gap IS NULL OR gap > " +
           gap +
           " THEN 1 ELSE 0 END) AS sessions FROM visits GROUP BY person), "
           "orders AS (" +
           ordersSql(s, s.mapping.orderEvent,
                     "count(*) AS orders, sum(e.v) AS spend, min(e.ts) AS first_purchase, "
                     "max(e.ts) AS last_purchase") +
           "), refunds AS (" +
           ordersSql(s, s.mapping.refundEvent, "count(*) AS refunds, sum(abs(e.v)) AS refunded") +
           "), buyers AS (SELECT person, CAST(last_purchase AS double precision) AS r, CAST(orders AS double "
           "precision) AS f, spend AS m FROM orders), "
           "rfm AS (SELECT r.person, r.score AS rs, f.score AS fs, m.score AS ms, " +
           rfmGroupSql() + " AS grp FROM " + quintileSql("r", "r") + " JOIN " + quintileSql("f", "f") +
           " ON f.person = r.person JOIN " + quintileSql("m", "m") +
           " ON m.person = r.person) "
           "SELECT p.person AS person_key, CAST(p.event_count AS double precision) AS "
           "event_count, "
           "CAST(coalesce(v.sessions, 0) AS double precision) AS sessions, "
           "CASE WHEN coalesce(v.sessions, 0) = 0 THEN NULL WHEN v.sessions = 1 THEN 'New' ELSE 'Returning' "
           "END "
           "AS visitor_type, p.first_seen, p.last_seen, "
           "CAST(floor(CAST(CAST($1 AS bigint) - p.first_seen AS double precision) / " +
           day +
           ") AS double precision) AS days_since_first_seen, "
           "CAST(floor(CAST(CAST($1 AS bigint) - p.last_seen AS double precision) / " +
           day +
           ") AS double precision) AS days_since_last_seen, "
           "CAST(coalesce(o.orders, 0) AS double precision) AS order_count, coalesce(o.spend, 0) AS "
           "total_spend, "
           "o.spend / o.orders AS average_order_value, o.first_purchase, o.last_purchase, "
           "CAST(floor(CAST(CAST($1 AS bigint) - o.last_purchase AS double precision) / " +
           day +
           ") AS double precision) AS days_since_last_purchase, "
           "CAST(coalesce(f.refunds, 0) AS double precision) AS refund_count, coalesce(f.refunded, 0) AS "
           "refund_amount, CAST(rfm.rs AS double precision) AS rfm_recency, CAST(rfm.fs AS double precision) "
           "AS "
           "rfm_frequency, CAST(rfm.ms AS double precision) AS rfm_monetary, rfm.grp AS rfm_group "
           "FROM seen p LEFT JOIN sessions v ON v.person = "
           "p.person "
           "LEFT JOIN orders o ON o.person = p.person LEFT JOIN refunds f ON f.person = p.person "
           "LEFT JOIN rfm ON rfm.person = p.person";
}

WarehouseTraitsInfo refreshWarehouseTraits(PgConnection &pg, const SourceTables &source, std::int64_t nowMs)
{
    WarehouseTraitsInfo info;
    info.nowMs = nowMs;
    pg.execScript("BEGIN");
    try {
        // Sorts of a refresh (sessions, quintiles) fit in memory on PostgreSQL; engines without the setting
        // (Redshift manages memory per queue) keep their own.
        pg.execScript("SAVEPOINT awb_memory");
        try {
            pg.execScript("SET LOCAL work_mem = '256MB'");
            pg.execScript("RELEASE SAVEPOINT awb_memory");
        } catch (const PgError &) {
            pg.execScript("ROLLBACK TO SAVEPOINT awb_memory");
        }
        pg.execScript("CREATE SCHEMA IF NOT EXISTS awb");
        rebuildIdentities(pg, source);
        pg.execScript("DROP TABLE IF EXISTS awb.event_sources");
        pg.execScript("CREATE TABLE awb.event_sources (event_name text NOT NULL, table_name text NOT NULL)");
        if (source.has("tracks")) {
            const PgResult names = pg.exec("SELECT DISTINCT event_text FROM " + source.qualified("tracks") +
                                           " WHERE event_text IS NOT NULL");
            for (int i = 0; i < names.rows(); ++i) {
                const std::string table = snakeCase(names.text(i, 0));
                if (source.has(table)) {
                    pg.exec("INSERT INTO awb.event_sources VALUES ($1, $2)",
                            {std::string(names.text(i, 0)), table});
                }
            }
        }
        for (const auto &[name, table] :
             {std::pair{"Identify", "identifies"}, std::pair{"Page Viewed", "pages"},
              std::pair{"Screen Viewed", "screens"}}) {
            if (source.has(table)) {
                pg.exec("INSERT INTO awb.event_sources VALUES ($1, $2)",
                        {std::string(name), std::string(table)});
            }
        }
        // Every event with its person, read once for the people and for the traits. The people are stored
        // with their part: each part of an audience then reads its own rows.
        pg.execScript("DROP TABLE IF EXISTS awb_person_events");
        pg.exec("CREATE TEMP TABLE awb_person_events AS " + personEventsSql(source));
        pg.execScript("DROP TABLE IF EXISTS awb.people");
        pg.exec("CREATE TABLE awb.people AS SELECT person, min(ts) AS first_seen, " + partOf("person") +
                " AS part FROM awb_person_events GROUP BY person");
        pg.execScript("DROP TABLE IF EXISTS awb.traits");
        pg.exec(traitsSql(source), {std::to_string(nowMs), source.mapping.refundEvent});
        pg.execScript("DROP TABLE awb_person_events");
        pg.execScript("DROP TABLE IF EXISTS awb.traits_info");
        // The latest event the people were joined from: a later one means new ids to join.
        pg.exec("CREATE TABLE awb.traits_info AS SELECT CAST($1 AS bigint) AS now_ms, CAST($2 AS text) AS "
                "source_schema, CAST($3 AS bigint) AS latest_event_ms",
                {std::to_string(nowMs), source.schema, std::to_string(latestEventMs(pg, source))});
        info.people = pg.exec("SELECT count(*) FROM awb.traits").int64(0, 0);
        info.events = pg.exec("SELECT coalesce(sum(event_count), 0) FROM awb.traits").int64(0, 0);
        pg.execScript("COMMIT");
    } catch (...) {
        try {
            pg.setCancelCheck({}); // the rollback itself must run
            pg.execScript("ROLLBACK");
        } catch (...) {
        }
        throw;
    }
    return info;
}

namespace {

// The mapping's text fields by their key in awb.source_definition (the order value's columns are
// "order_value", joined with commas).
template <typename Mapping> auto textFields(Mapping &m)
{
    using Field = std::pair<const char *, decltype(&m.orderEvent)>;
    return std::array<Field, 6>{{{"order_event", &m.orderEvent},
                                 {"refund_event", &m.refundEvent},
                                 {"user_id_column", &m.userIdColumn},
                                 {"anonymous_id_column", &m.anonymousIdColumn},
                                 {"profile_table", &m.profileTable},
                                 {"profile_key", &m.profileKey}}};
}

} // namespace

std::string SourceMapping::valueColumnList() const
{
    std::string out;
    for (const std::string &c : valueColumns) {
        out += (out.empty() ? "" : ",") + c;
    }
    return out;
}

void SourceMapping::setValueColumnList(std::string_view list)
{
    valueColumns.clear();
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        const std::string name(trimmed(list.substr(start, comma - start)));
        if (!name.empty()) {
            valueColumns.push_back(name);
        }
        start = comma + 1;
    }
}

SourceMapping readMapping(PgConnection &pg, const std::string &schema)
{
    SourceMapping m;
    const PgResult exists =
        pg.exec("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'awb' AND "
                "table_name = 'source_definition'");
    if (exists.int64(0, 0) == 0) {
        return m;
    }
    const PgResult r =
        pg.exec("SELECT key, value FROM awb.source_definition WHERE source_schema = $1", {schema});
    for (int i = 0; i < r.rows(); ++i) {
        const std::string key(r.text(i, 0));
        const std::string value(r.text(i, 1));
        for (const auto &[name, field] : textFields(m)) {
            if (key == name) {
                *field = value;
            }
        }
        if (key == "order_value") {
            m.setValueColumnList(value);
        }
    }
    return m;
}

void writeMapping(PgConnection &pg, const std::string &schema, const SourceMapping &mapping)
{
    const std::string values = mapping.valueColumnList();
    pg.execScript("BEGIN");
    try {
        pg.execScript("CREATE SCHEMA IF NOT EXISTS awb; CREATE TABLE IF NOT EXISTS awb.source_definition "
                      "(source_schema text NOT NULL, key text NOT NULL, value text NOT NULL)");
        pg.exec("DELETE FROM awb.source_definition WHERE source_schema = $1", {schema});
        // Traits and people computed with another mapping are out of date.
        pg.execScript("DROP TABLE IF EXISTS awb.traits_info");
        pg.exec("INSERT INTO awb.source_definition VALUES ($1, 'order_value', $2)", {schema, values});
        for (const auto &[key, field] : textFields(mapping)) {
            pg.exec("INSERT INTO awb.source_definition VALUES ($1, $2, $3)", {schema, key, *field});
        }
        pg.execScript("COMMIT");
    } catch (...) {
        pg.setCancelCheck({});
        pg.execScript("ROLLBACK");
        throw;
    }
}

namespace {

bool isWordChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// The statement in upper case with every run of white space as one space, so words are found by plain search.
std::string normalised(const std::string &sql)
{
    std::string out;
    for (const char c : sql) {
        if (std::isspace(static_cast<unsigned char>(c)) != 0) {
            if (!out.empty() && out.back() != ' ') {
                out += ' ';
            }
        } else {
            out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
    }
    return out;
}

// Whether words (upper case, single spaces) stand in text, not as part of a longer name.
bool hasWords(const std::string &text, std::string_view words)
{
    for (std::size_t at = text.find(words); at != std::string::npos; at = text.find(words, at + 1)) {
        const std::size_t end = at + words.size();
        const bool startsClean = at == 0 || !isWordChar(words.front()) || !isWordChar(text[at - 1]);
        const bool endsClean = end == text.size() || !isWordChar(words.back()) || !isWordChar(text[end]);
        if (startsClean && endsClean) {
            return true;
        }
    }
    return false;
}

} // namespace

std::vector<std::string> portabilityProblems(const std::string &sql)
{
    const std::string text = normalised(sql);
    struct Rule
    {
        std::vector<std::string_view> words; ///< any of them breaks the rule
        const char *problem;
    };
    static const Rule rules[] = {
        {{"FILTER (", "FILTER("}, "uses FILTER (Redshift has none; use sum(CASE ...))"},
        {{"LATERAL"}, "uses LATERAL"},
        {{"ARRAY", "ARRAY_AGG", "[]"}, "uses arrays"},
        {{"GENERATE_SERIES"}, "uses generate_series (leader-node only on Redshift)"},
        {{"NTILE"}, "uses ntile (ties differ from the local quintiles)"},
        {{"RANGE BETWEEN"}, "uses a RANGE frame (Redshift has ROWS only)"},
        {{"IS DISTINCT FROM", "IS NOT DISTINCT FROM"}, "uses IS DISTINCT FROM"},
        {{"STRING_AGG"}, "uses STRING_AGG"},
        {{"MERGE INTO"}, "uses MERGE"},
        {{"LIKE", "ILIKE"}, "uses LIKE (case rules differ between engines; use strpos(lower(..)))"},
    };
    std::vector<std::string> out;
    for (const Rule &rule : rules) {
        const bool broken = std::any_of(rule.words.begin(), rule.words.end(), [&](std::string_view w) {
            return w == "[]" ? text.find("[]") != std::string::npos : hasWords(text, w);
        });
        if (broken) {
            out.emplace_back(rule.problem);
        }
    }
    return out;
}

} // namespace awb::warehouse
