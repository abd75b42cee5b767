// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/EventQuery.h"

#include "segments/RuleValidator.h"
#include "store/Database.h"

#include <algorithm>
#include <limits>
#include <variant>

namespace awb::segments {

namespace {

constexpr const char *kProductsPrefix = "products[].";

// Collects the values to bind, in the order of the ? they were written for.
struct Params
{
    std::vector<std::variant<double, std::string, std::int64_t>> values;

    std::string add(const Value &v)
    {
        if (const double *d = std::get_if<double>(&v)) {
            values.emplace_back(*d);
        } else {
            values.emplace_back(std::get<std::string>(v));
        }
        return "?" + std::to_string(values.size());
    }
    std::string add(std::int64_t v)
    {
        values.emplace_back(v);
        return "?" + std::to_string(values.size());
    }
};

// The SQL predicate of one filter on expression x (a json_extract of the path bound first).
std::string predicate(const PropertyFilter &f, const std::string &x, Params &p)
{
    switch (f.op) {
    case Op::Eq:
    case Op::Is:
        return x + " = " + p.add(f.values[0]);
    case Op::Ne:
    case Op::IsNot:
        return x + " != " + p.add(f.values[0]);
    case Op::Lt:
        return x + " < " + p.add(f.values[0]);
    case Op::Le:
        return x + " <= " + p.add(f.values[0]);
    case Op::Gt:
        return x + " > " + p.add(f.values[0]);
    case Op::Ge:
        return x + " >= " + p.add(f.values[0]);
    case Op::Between:
        return x + " BETWEEN " + p.add(f.values[0]) + " AND " + p.add(f.values[1]);
    case Op::Contains:
        return "instr(lower(" + x + "), lower(" + p.add(f.values[0]) + ")) > 0";
    case Op::StartsWith:
        return "substr(lower(" + x + "), 1, length(" + p.add(f.values[0]) + ")) = lower(" +
               p.add(f.values[0]) + ")";
    case Op::In: {
        std::string list;
        for (const Value &v : f.values) {
            list += (list.empty() ? "" : ", ") + p.add(v);
        }
        return x + " IN (" + list + ")";
    }
    case Op::IsSet:
        return x + " IS NOT NULL";
    case Op::IsNotSet:
        return x + " IS NULL";
    default:
        return "0";
    }
}

std::string filterSql(const PropertyFilter &f, Params &p)
{
    const bool product = f.property.rfind(kProductsPrefix, 0) == 0;
    const std::string key =
        product ? f.property.substr(std::char_traits<char>::length(kProductsPrefix)) : f.property;
    if (!product) {
        return predicate(f, "json_extract(e.properties, " + p.add(Value(jsonPath(key))) + ")", p);
    }
    return "EXISTS (SELECT 1 FROM event_products ep WHERE ep.event_id = e.id AND " +
           predicate(f, "json_extract(ep.properties, " + p.add(Value(jsonPath(key))) + ")", p) + ")";
}

bool passes(CountOp op, std::int64_t count, std::int64_t times)
{
    switch (op) {
    case CountOp::AtLeast:
        return count >= times;
    case CountOp::AtMost:
        return count <= times;
    case CountOp::Exactly:
        return count == times;
    case CountOp::Never:
        return count == 0;
    }
    return false;
}

} // namespace

std::pair<std::int64_t, std::int64_t> eventWindow(const EventCondition &c, std::int64_t nowMs)
{
    std::int64_t lo = std::numeric_limits<std::int64_t>::min();
    std::int64_t hi = nowMs;
    if (c.withinLastDays) {
        lo = nowMs - *c.withinLastDays * traits::kDayMs;
    } else if (!c.from.empty()) {
        lo = dateRange(c.from)->first;
        hi = std::min(hi, dateRange(c.to)->second);
    }
    return {lo, hi};
}

std::string jsonPath(const std::string &key)
{
    std::string path = "$";
    std::size_t start = 0;
    while (start <= key.size()) {
        const std::size_t dot = std::min(key.find('.', start), key.size());
        path += ".\"" + key.substr(start, dot - start) + "\"";
        start = dot + 1;
    }
    return path;
}

Bitset evaluateEventCondition(store::Database &db, const traits::TraitTable &table, const EventCondition &c)
{
    Params p;
    const auto [lo, hi] = eventWindow(c, table.nowMs);
    std::string sql = "SELECT e.profile_id, count(*) FROM events e WHERE e.name_id = "
                      "(SELECT id FROM event_names WHERE name = " +
                      p.add(Value(c.event)) + ") AND e.ts >= " + p.add(lo) + " AND e.ts < " + p.add(hi);
    for (const PropertyFilter &f : c.where) {
        sql += " AND " + filterSql(f, p);
    }
    sql += " GROUP BY e.profile_id";
    auto st = db.prepare(sql);
    for (std::size_t i = 0; i < p.values.size(); ++i) {
        const int index = static_cast<int>(i + 1);
        std::visit([&](const auto &v) { st.bind(index, v); }, p.values[i]);
    }
    std::vector<std::int64_t> counts(table.size(), 0);
    while (st.step()) {
        if (const auto row = table.rowOf(st.int64(0))) {
            counts[*row] = st.int64(1);
        }
    }
    return Bitset::fromPredicate(table.size(),
                                 [&](std::size_t r) { return passes(c.countOp, counts[r], c.times); });
}

} // namespace awb::segments
