// SPDX-License-Identifier: GPL-3.0-or-later
#include "warehouse/SegmentLayoutWriter.h"

#include "store/Database.h"
#include "warehouse/PgConnection.h"
#include "warehouse/SnakeCase.h"
#include "warehouse/WarehouseTime.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <vector>

namespace awb::warehouse {

namespace {

constexpr int kIdentify = 1;
constexpr int kPage = 2;
constexpr int kScreen = 3;

// Columns every event table has; properties of these names are dropped, as Segment does.
const std::set<std::string> &reservedColumns()
{
    static const std::set<std::string> names = {
        "id",      "anonymous_id",       "user_id", "event", "event_text", "timestamp", "received_at",
        "sent_at", "original_timestamp", "uuid_ts", "name"};
    return names;
}

enum class Kind
{
    None,
    Number,
    Boolean,
    Text,
};

struct Field
{
    std::string column;
    Kind kind;
    std::string value;
};

std::string numberText(double v)
{
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
    return std::string(buffer, end);
}

void flatten(simdjson::dom::element e, const std::string &prefix, std::vector<Field> &out)
{
    using simdjson::dom::element_type;
    switch (e.type()) {
    case element_type::OBJECT: {
        simdjson::dom::object object;
        if (e.get_object().get(object) != simdjson::SUCCESS) {
            break;
        }
        for (const auto field : object) {
            const std::string key = snakeCase(field.key);
            if (!key.empty()) {
                flatten(field.value, prefix.empty() ? key : prefix + "_" + key, out);
            }
        }
        break;
    }
    case element_type::ARRAY:
        out.push_back({prefix, Kind::Text, simdjson::minify(e)});
        break;
    case element_type::STRING:
        out.push_back({prefix, Kind::Text, std::string(e.get_string().value_unsafe())});
        break;
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
        out.push_back({prefix, Kind::Number, numberText(e.get_double().value_unsafe())});
        break;
    case element_type::BOOL:
        out.push_back({prefix, Kind::Boolean, e.get_bool().value_unsafe() ? "true" : "false"});
        break;
    case element_type::NULL_VALUE:
        break;
    }
}

struct Table
{
    std::map<std::string, Kind> columns; ///< property columns and their types
    std::string copy;                    ///< rows waiting for COPY
};

struct Row
{
    std::string table;
    std::string id;
    std::string userId;
    std::string anonymousId;
    std::string name;
    std::int64_t ts = 0;
    bool hasUser = false;
    bool hasAnonymous = false;
    std::vector<Field> fields;
};

const char *sqlType(Kind k)
{
    switch (k) {
    case Kind::Number:
        return "double precision";
    case Kind::Boolean:
        return "boolean";
    default:
        return "text";
    }
}

class Writer
{
public:
    Writer(store::Database &db, PgConnection &pg, std::string schema)
        : m_db(db), m_pg(pg), m_schema(std::move(schema))
    {}

    LayoutCounts run()
    {
        LayoutCounts counts;
        // Pass 1: the tables and their columns (a column mixing kinds is text, its values as written).
        forEachRow([&](const Row &row) {
            for (const std::string &t : tablesOf(row)) {
                Table &table = m_tables[t];
                for (const Field &f : row.fields) {
                    if (t == "tracks") {
                        continue; // tracks holds the common columns only
                    }
                    Kind &k = table.columns[f.column];
                    k = k == Kind::None || k == f.kind ? f.kind : Kind::Text;
                }
            }
        });
        m_pg.execScript("BEGIN");
        m_pg.execScript("CREATE SCHEMA IF NOT EXISTS " + sqlName(m_schema));
        for (const auto &[name, table] : m_tables) {
            std::string ddl = "DROP TABLE IF EXISTS " + qualified(name) + "; CREATE TABLE " +
                              qualified(name) + " (id text NOT NULL, anonymous_id text, user_id text, " +
                              std::string(name == "pages" || name == "screens" ? "name text, " : "") +
                              (name == "identifies" || name == "pages" || name == "screens"
                                   ? ""
                                   : "event text, event_text text, ") +
                              "\"timestamp\" timestamptz NOT NULL, received_at timestamptz NOT NULL";
            for (const auto &[column, kind] : table.columns) {
                ddl += ", " + sqlName(column) + " " + sqlType(kind);
            }
            m_pg.execScript(ddl + ")");
        }
        // Pass 2: the rows, through COPY, a few megabytes at a time per table.
        forEachRow([&](const Row &row) {
            for (const std::string &t : tablesOf(row)) {
                Table &table = m_tables[t];
                appendRow(t, table, row);
                if (table.copy.size() > (8u << 20)) {
                    flush(t, table);
                }
            }
            ++counts.events;
        });
        for (auto &[name, table] : m_tables) {
            flush(name, table);
        }
        counts.users = writeUsers();
        counts.tables = static_cast<int>(m_tables.size()) + 1;
        m_pg.execScript("COMMIT");
        return counts;
    }

private:
    std::string qualified(const std::string &table) const { return sqlName(m_schema) + "." + sqlName(table); }

    std::vector<std::string> tablesOf(const Row &row) const
    {
        if (row.table == "tracks") {
            return {"tracks", snakeCase(row.name)};
        }
        return {row.table};
    }

    template <typename F> void forEachRow(F &&f)
    {
        auto st =
            m_db.prepare("SELECT e.type, n.name, e.ts, e.user_id, e.anonymous_id, coalesce(e.message_id, "
                         "'awb-' || e.id), e.properties FROM events e JOIN event_names n ON n.id = "
                         "e.name_id ORDER BY e.id");
        simdjson::dom::parser parser;
        Row row;
        while (st.step()) {
            const int type = static_cast<int>(st.int64(0));
            row.table = type == kIdentify ? "identifies"
                        : type == kPage   ? "pages"
                        : type == kScreen ? "screens"
                                          : "tracks";
            row.name = st.text(1);
            row.ts = st.int64(2);
            row.hasUser = !st.isNull(3);
            row.userId = row.hasUser ? st.text(3) : std::string();
            row.hasAnonymous = !st.isNull(4);
            row.anonymousId = row.hasAnonymous ? st.text(4) : std::string();
            row.id = st.text(5);
            row.fields.clear();
            const std::string json = st.text(6);
            simdjson::dom::element root;
            if (parser.parse(json).get(root) == simdjson::SUCCESS && root.is_object()) {
                flatten(root, "", row.fields);
            }
            std::erase_if(row.fields, [](const Field &x) {
                return reservedColumns().count(x.column) > 0 || x.column.starts_with("context_");
            });
            f(row);
        }
    }

    void appendRow(const std::string &name, Table &table, const Row &row)
    {
        std::string &out = table.copy;
        const std::string time = isoTime(row.ts);
        copyField(out, row.id);
        out += '\t';
        row.hasAnonymous ? copyField(out, row.anonymousId) : copyNull(out);
        out += '\t';
        row.hasUser ? copyField(out, row.userId) : copyNull(out);
        out += '\t';
        if (name == "pages" || name == "screens") {
            copyField(out, row.name);
            out += '\t';
        } else if (name != "identifies") {
            copyField(out, snakeCase(row.name));
            out += '\t';
            copyField(out, row.name);
            out += '\t';
        }
        out += time + '\t' + time;
        for (const auto &[column, kind] : table.columns) {
            out += '\t';
            const auto it = std::find_if(row.fields.begin(), row.fields.end(),
                                         [&](const Field &x) { return x.column == column; });
            if (name == "tracks" || it == row.fields.end()) {
                copyNull(out);
            } else {
                copyField(out, it->value);
            }
        }
        out += '\n';
    }

    void flush(const std::string &name, Table &table)
    {
        if (table.copy.empty()) {
            return;
        }
        m_pg.copyIn("COPY " + qualified(name) + " FROM STDIN", table.copy);
        table.copy.clear();
    }

    // One row per user id: its profile's e-mail and attributes (identify traits, profile files) as snake_case
    // text columns, the way the connector upserts users from identify calls.
    std::int64_t writeUsers()
    {
        std::vector<std::string> keys;
        std::map<std::string, std::string> columnOf;
        auto distinct = m_db.prepare("SELECT DISTINCT key FROM profile_attributes ORDER BY key");
        while (distinct.step()) {
            const std::string key = distinct.text(0);
            const std::string column = snakeCase(key);
            if (!column.empty() && column != "email" && reservedColumns().count(column) == 0 &&
                std::find(keys.begin(), keys.end(), column) == keys.end()) {
                keys.push_back(column);
            }
            columnOf[key] = column;
        }
        std::string ddl = "DROP TABLE IF EXISTS " + qualified("users") + "; CREATE TABLE " +
                          qualified("users") +
                          " (id text NOT NULL, email text, received_at timestamptz NOT NULL";
        for (const std::string &k : keys) {
            ddl += ", " + sqlName(k) + " text";
        }
        m_pg.execScript(ddl + ")");
        auto st =
            m_db.prepare("SELECT i.value, p.email, coalesce(p.last_seen, 0), p.id FROM identities i JOIN "
                         "profiles p ON p.id = i.profile_id WHERE i.kind = 0 ORDER BY i.value");
        auto attributes = m_db.prepare("SELECT key, value FROM profile_attributes WHERE profile_id = ?1");
        std::string copy;
        std::int64_t n = 0;
        std::map<std::string, std::string> values;
        while (st.step()) {
            values.clear();
            attributes.bind(1, st.int64(3));
            while (attributes.step()) {
                values[columnOf[attributes.text(0)]] = attributes.text(1);
            }
            attributes.reset();
            copyField(copy, st.text(0));
            copy += '\t';
            if (!st.isNull(1)) {
                copyField(copy, st.text(1));
            } else if (const auto e = values.find("email"); e != values.end()) {
                copyField(copy, e->second);
            } else {
                copyNull(copy);
            }
            copy += '\t' + isoTime(st.int64(2));
            for (const std::string &k : keys) {
                copy += '\t';
                const auto v = values.find(k);
                v == values.end() ? copyNull(copy) : copyField(copy, v->second);
            }
            copy += '\n';
            ++n;
        }
        if (!copy.empty()) {
            m_pg.copyIn("COPY " + qualified("users") + " FROM STDIN", copy);
        }
        return n;
    }

    store::Database &m_db;
    PgConnection &m_pg;
    std::string m_schema;
    std::map<std::string, Table> m_tables;
};

} // namespace

LayoutCounts writeSegmentLayout(store::Database &workspace, PgConnection &warehouse,
                                const std::string &schema)
{
    Writer writer(workspace, warehouse, schema);
    try {
        return writer.run();
    } catch (...) {
        try {
            warehouse.execScript("ROLLBACK");
        } catch (...) {
        }
        throw;
    }
}

} // namespace awb::warehouse
