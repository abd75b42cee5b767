// SPDX-License-Identifier: GPL-3.0-or-later
#include "warehouse/RuleSql.h"

#include "segments/EventQuery.h"
#include "segments/RuleJson.h"
#include "segments/TraitConditions.h"
#include "traits/TraitInfos.h"
#include "warehouse/SnakeCase.h"
#include "warehouse/WarehouseSession.h"
#include "warehouse/WarehouseTime.h"
#include "warehouse/WarehouseTraits.h"

#include <algorithm>
#include <charconv>

namespace awb::warehouse {

namespace {

using segments::CountOp;
using segments::GroupMode;
using segments::MembershipKind;
using segments::Node;
using segments::Op;
using segments::Value;

std::string numberText(double v)
{
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
    return std::string(buffer, end);
}

class Compiler
{
public:
    Compiler(const SourceTables &source, const std::vector<std::pair<std::string, std::string>> &events,
             std::int64_t nowMs, const std::map<std::string, segments::Rule> &savedSegments)
        : m_source(source), m_events(events), m_now(nowMs), m_saved(savedSegments)
    {}

    std::vector<PgParam> params;
    std::string error;

    std::string node(const Node &n, const std::string &path)
    {
        switch (n.type) {
        case Node::Type::Group:
            return group(n, path);
        case Node::Type::Trait:
            return trait(n.trait, path);
        case Node::Type::Event:
            return event(n.event, path);
        case Node::Type::Membership:
            return membership(n.membership, path);
        }
        return "FALSE";
    }

private:
    void fail(const std::string &path, const std::string &message)
    {
        if (error.empty()) {
            error = path + ": " + message;
        }
    }

    std::string bind(const std::string &value, const char *type)
    {
        params.emplace_back(value);
        return "CAST($" + std::to_string(params.size()) + " AS " + type + ")";
    }
    std::string bindNumber(double v) { return bind(numberText(v), "double precision"); }
    std::string bindTime(std::int64_t ms) { return bind(std::to_string(ms), "bigint"); }
    std::string bindText(const std::string &v) { return bind(v, "text"); }

    std::string membership(const segments::MembershipCondition &c, const std::string &path)
    {
        std::string in;
        if (c.kind == MembershipKind::Audience) {
            in =
                "t.person_key IN (SELECT m.person_id FROM awb.audience_memberships m JOIN awb.audiences a ON "
                "a.audience_id = m.audience_id WHERE a.name = " +
                bindText(c.name) + " AND a.source_schema = " + bindText(m_source.schema) + ")";
        } else if (c.kind == MembershipKind::Segment) {
            const auto saved = m_saved.find(c.name);
            if (saved == m_saved.end()) {
                fail(path + ".name", "no saved segment named '" + c.name + "'");
                return "FALSE";
            }
            if (std::find(m_segmentStack.begin(), m_segmentStack.end(), c.name) != m_segmentStack.end()) {
                fail(path + ".name", "segment '" + c.name + "' refers to itself");
                return "FALSE";
            }
            m_segmentStack.push_back(c.name);
            in = "(" + node(saved->second.root, "segment '" + c.name + "' rule") + ")";
            m_segmentStack.pop_back();
        } else {
            fail(path, "membership of exported audiences is not computed in warehouse mode yet");
            return "FALSE";
        }
        return c.in ? in : "NOT " + in;
    }

    std::string group(const Node &n, const std::string &path)
    {
        std::vector<std::string> parts;
        for (std::size_t i = 0; i < n.children.size(); ++i) {
            parts.push_back(node(n.children[i], path + "/" + std::to_string(i + 1)));
        }
        const auto join = [&](const char *op) {
            std::string out;
            for (const std::string &p : parts) {
                out += (out.empty() ? "(" : std::string(" ") + op + " ") + p;
            }
            return out + ")";
        };
        switch (n.mode) {
        case GroupMode::All:
            return parts.empty() ? "TRUE" : join("AND");
        case GroupMode::Any:
            return parts.empty() ? "FALSE" : join("OR");
        case GroupMode::None:
            return parts.empty() ? "TRUE" : "NOT " + join("OR");
        }
        return "FALSE";
    }

    std::string trait(const segments::TraitCondition &c, const std::string &path)
    {
        const auto &ids = warehouseTraitIds();
        if (std::find(ids.begin(), ids.end(), c.trait) == ids.end()) {
            fail(path, "trait " + c.trait + " is not computed in warehouse mode yet");
            return "FALSE";
        }
        const std::string x = "t." + sqlName(c.trait);
        if (c.op == Op::IsNotSet) {
            return "(" + x + " IS NULL)";
        }
        const std::string set = "(" + x + " IS NOT NULL AND ";
        switch (traits::findTraitInfo(c.trait)->kind) {
        case traits::TraitKind::Date: {
            const auto bounds = segments::dateBounds(c, m_now);
            return bounds ? set + x + " >= " + bindTime(bounds->first) + " AND " + x + " < " +
                                bindTime(bounds->second) + ")"
                          : "FALSE";
        }
        case traits::TraitKind::Number:
            return set + numberPredicate(c.op, x, c.values) + ")";
        default:
            return set + textPredicate(c.op, x, c.values) + ")";
        }
    }

    std::string numberPredicate(Op op, const std::string &x, const std::vector<Value> &v)
    {
        const auto n = [&](std::size_t i) { return bindNumber(std::get<double>(v[i])); };
        switch (op) {
        case Op::Eq:
            return x + " = " + n(0);
        case Op::Ne:
            return x + " <> " + n(0);
        case Op::Lt:
            return x + " < " + n(0);
        case Op::Le:
            return x + " <= " + n(0);
        case Op::Gt:
            return x + " > " + n(0);
        case Op::Ge:
            return x + " >= " + n(0);
        case Op::Between:
            return x + " >= " + n(0) + " AND " + x + " <= " + n(1);
        case Op::IsSet:
            return "TRUE";
        default:
            return "FALSE";
        }
    }

    // Text in PostgreSQL's C collation (initdb --no-locale), byte order like SQLite's BINARY; lower() folds
    // ASCII only there, as the local engine does.
    std::string textPredicate(Op op, const std::string &x, const std::vector<Value> &v)
    {
        const auto s = [&](std::size_t i) { return bindText(std::get<std::string>(v[i])); };
        switch (op) {
        case Op::Is:
        case Op::Eq:
            return x + " = " + s(0);
        case Op::IsNot:
        case Op::Ne:
            return x + " <> " + s(0);
        case Op::Lt:
            return x + " < " + s(0);
        case Op::Le:
            return x + " <= " + s(0);
        case Op::Gt:
            return x + " > " + s(0);
        case Op::Ge:
            return x + " >= " + s(0);
        case Op::Between:
            return x + " >= " + s(0) + " AND " + x + " <= " + s(1);
        case Op::Contains:
            return "strpos(lower(" + x + "), lower(" + s(0) + ")) > 0";
        case Op::StartsWith:
            return "strpos(lower(" + x + "), lower(" + s(0) + ")) = 1";
        case Op::In: {
            std::string list;
            for (std::size_t i = 0; i < v.size(); ++i) {
                list += (i ? ", " : "") + s(i);
            }
            return x + " IN (" + list + ")";
        }
        case Op::IsSet:
            return "TRUE";
        default:
            return "FALSE";
        }
    }

    // A property filter on one event table. Columns hold numbers, booleans (read as 1 / 0, as SQLite's
    // json_extract does) or text; comparing a number with text follows SQLite: every number sorts before
    // every text.
    std::string filter(const segments::PropertyFilter &f, const std::string &table, const std::string &path)
    {
        if (f.property.starts_with("products[].")) {
            fail(path, "filters on products[] are not computed in warehouse mode yet");
            return "FALSE";
        }
        const std::string column = snakeCase(f.property);
        const std::string type = m_source.typeOf(table, column);
        if (f.op == Op::IsNotSet) {
            return type.empty() ? "TRUE" : "e." + sqlName(column) + " IS NULL";
        }
        if (type.empty()) {
            return "FALSE";
        }
        const bool numeric = type != "text" && type != "character varying";
        const std::string x = type == "boolean" ? "CASE WHEN e." + sqlName(column) + " THEN 1.0 ELSE 0.0 END"
                                                : "e." + sqlName(column);
        const std::string set = "e." + sqlName(column) + " IS NOT NULL AND ";
        if (f.op == Op::IsSet) {
            return "e." + sqlName(column) + " IS NOT NULL";
        }
        if (f.op == Op::Contains || f.op == Op::StartsWith) {
            if (numeric) {
                fail(path, "contains / starts with on the number property " + f.property +
                               " is not computed in warehouse mode");
                return "FALSE";
            }
            return set + textPredicate(f.op, x, f.values);
        }
        if (f.op == Op::In) {
            std::vector<Value> same;
            for (const Value &v : f.values) {
                if (std::holds_alternative<double>(v) == numeric) {
                    same.push_back(v);
                }
            }
            if (same.empty()) {
                return "FALSE";
            }
            if (numeric) {
                std::string list;
                for (const Value &v : same) {
                    list += (list.empty() ? "" : ", ") + bindNumber(std::get<double>(v));
                }
                return set + x + " IN (" + list + ")";
            }
            return set + textPredicate(Op::In, x, same);
        }
        const bool valueIsNumber = std::holds_alternative<double>(f.values[0]);
        if (valueIsNumber != numeric) {
            // SQLite: a number is less than any text.
            const bool columnSmaller = numeric;
            switch (f.op) {
            case Op::Eq:
            case Op::Is:
            case Op::Between:
                return "FALSE";
            case Op::Ne:
            case Op::IsNot:
                return set + "TRUE";
            case Op::Lt:
            case Op::Le:
                return columnSmaller ? set + "TRUE" : "FALSE";
            case Op::Gt:
            case Op::Ge:
                return columnSmaller ? "FALSE" : set + "TRUE";
            default:
                return "FALSE";
            }
        }
        const Op op = f.op == Op::Is ? Op::Eq : f.op == Op::IsNot ? Op::Ne : f.op;
        return set + (numeric ? numberPredicate(op, x, f.values) : textPredicate(op, x, f.values));
    }

    std::string event(const segments::EventCondition &c, const std::string &path)
    {
        if (c.countOp == CountOp::AtLeast && c.times <= 0) {
            return "TRUE"; // everyone did it at least 0 times
        }
        const auto [lo, hi] = segments::eventWindow(c, m_now);
        std::string branches;
        for (const auto &[name, table] : m_events) {
            if (name != c.event) {
                continue;
            }
            std::string where = "w.ts >= " + bindTime(lo) + " AND w.ts < " + bindTime(hi);
            std::string filters;
            for (std::size_t i = 0; i < c.where.size(); ++i) {
                filters +=
                    " AND (" + filter(c.where[i], table, path + "/where " + std::to_string(i + 1)) + ")";
            }
            branches += std::string(branches.empty() ? "" : " UNION ALL ") + "SELECT " + personOf("w") +
                        " AS person FROM (SELECT " + msOf("e.\"timestamp\"") + " AS ts, " +
                        m_source.nodeOf(table, "e") + " AS node FROM " + m_source.qualified(table) +
                        " e WHERE " + m_source.identified(table, "e") + filters + ") w" + personJoin("w") +
                        " WHERE " + where;
        }
        if (branches.empty()) {
            // No table holds this event: nobody did it.
            const bool zeroPasses = c.countOp == CountOp::Never || c.countOp == CountOp::AtMost ||
                                    (c.countOp == CountOp::Exactly && c.times == 0);
            return zeroPasses ? "TRUE" : "FALSE";
        }
        const std::string counted =
            "SELECT person FROM (" + branches + ") x GROUP BY person HAVING count(*) ";
        switch (c.countOp) {
        case CountOp::AtLeast:
            return "t.person_key IN (" + counted + ">= " + bindTime(c.times) + ")";
        case CountOp::AtMost:
            return "t.person_key NOT IN (" + counted + "> " + bindTime(c.times) + ")";
        case CountOp::Exactly:
            return c.times == 0 ? "t.person_key NOT IN (" + counted + ">= 1)"
                                : "t.person_key IN (" + counted + "= " + bindTime(c.times) + ")";
        case CountOp::Never:
            return "t.person_key NOT IN (" + counted + ">= 1)";
        }
        return "FALSE";
    }

    const SourceTables &m_source;
    const std::vector<std::pair<std::string, std::string>> &m_events;
    std::int64_t m_now;
    const std::map<std::string, segments::Rule> &m_saved;
    std::vector<std::string> m_segmentStack;
};

} // namespace

std::string CompiledRule::countSql() const
{
    return "SELECT count(*) FROM awb.traits t WHERE " + where;
}

std::string CompiledRule::membersSql() const
{
    return "SELECT t.person_key FROM awb.traits t WHERE " + where + " ORDER BY t.person_key" + byteOrder;
}

Result<CompiledRule> compileRule(const segments::Rule &rule, const SourceTables &source,
                                 const std::vector<std::pair<std::string, std::string>> &eventTables,
                                 std::int64_t nowMs,
                                 const std::map<std::string, segments::Rule> &savedSegments)
{
    Compiler compiler(source, eventTables, nowMs, savedSegments);
    CompiledRule out;
    out.where = compiler.node(rule.root, "rule");
    if (!compiler.error.empty()) {
        return fail(Error::Code::InvalidInput, compiler.error);
    }
    out.params = std::move(compiler.params);
    out.byteOrder = source.byteOrder;
    return out;
}

std::vector<std::pair<std::string, std::string>> readEventSources(PgConnection &pg)
{
    const PgResult r = pg.exec("SELECT event_name, table_name FROM awb.event_sources ORDER BY 1, 2");
    std::vector<std::pair<std::string, std::string>> out;
    for (int i = 0; i < r.rows(); ++i) {
        out.emplace_back(std::string(r.text(i, 0)), std::string(r.text(i, 1)));
    }
    return out;
}

namespace {

bool hasAwbTable(PgConnection &pg, const char *table)
{
    return pg.exec("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'awb' AND table_name "
                   "= $1",
                   {std::string(table)})
               .int64(0, 0) > 0;
}

} // namespace

std::map<std::string, segments::Rule> readSavedSegments(PgConnection &pg, const std::string &schema)
{
    std::map<std::string, segments::Rule> out;
    if (!detail::savedSegmentsReady(pg, schema)) {
        return out;
    }
    const PgResult r = pg.exec("SELECT name, rule_json FROM awb.segments WHERE source_schema = $1", {schema});
    for (int i = 0; i < r.rows(); ++i) {
        if (auto rule = segments::ruleFromJson(std::string(r.text(i, 1)))) {
            out.emplace(std::string(r.text(i, 0)), std::move(*rule));
        }
    }
    return out;
}

std::vector<std::string> readAudienceNames(PgConnection &pg, const std::string &schema)
{
    std::vector<std::string> out;
    if (hasAwbTable(pg, "audiences")) {
        const PgResult r =
            pg.exec("SELECT name FROM awb.audiences WHERE source_schema = $1 ORDER BY name", {schema});
        for (int i = 0; i < r.rows(); ++i) {
            out.emplace_back(r.text(i, 0));
        }
    }
    return out;
}

} // namespace awb::warehouse
