// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/RuleJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace awb::segments {

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

QJsonValue valueToJson(const Value &v)
{
    if (const double *d = std::get_if<double>(&v)) {
        return *d;
    }
    return q(std::get<std::string>(v));
}

void putValues(QJsonObject &o, Op op, const std::vector<Value> &values)
{
    if (op == Op::Between || op == Op::In || values.size() > 1) {
        QJsonArray a;
        for (const Value &v : values) {
            a.append(valueToJson(v));
        }
        o.insert(QStringLiteral("value"), a);
    } else if (values.size() == 1) {
        o.insert(QStringLiteral("value"), valueToJson(values.front()));
    }
}

QJsonObject eventToJson(const EventCondition &e)
{
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("event")},
                  {QStringLiteral("event"), q(e.event)},
                  {QStringLiteral("count"), QLatin1String(countOpName(e.countOp))}};
    if (e.countOp != CountOp::Never) {
        o.insert(QStringLiteral("times"), static_cast<qint64>(e.times));
    }
    if (!e.where.empty()) {
        QJsonArray where;
        for (const PropertyFilter &f : e.where) {
            QJsonObject w{{QStringLiteral("property"), q(f.property)},
                          {QStringLiteral("op"), QLatin1String(opName(f.op))}};
            putValues(w, f.op, f.values);
            where.append(w);
        }
        o.insert(QStringLiteral("where"), where);
    }
    if (e.withinLastDays) {
        o.insert(QStringLiteral("withinLastDays"), static_cast<qint64>(*e.withinLastDays));
    }
    if (!e.from.empty() || !e.to.empty()) {
        o.insert(QStringLiteral("from"), q(e.from));
        o.insert(QStringLiteral("to"), q(e.to));
    }
    return o;
}

QJsonObject nodeToJson(const Node &n)
{
    switch (n.type) {
    case Node::Type::Group: {
        QJsonArray children;
        for (const Node &c : n.children) {
            children.append(nodeToJson(c));
        }
        return {{QStringLiteral("type"), QLatin1String(groupModeName(n.mode))},
                {QStringLiteral("conditions"), children}};
    }
    case Node::Type::Trait: {
        QJsonObject o{{QStringLiteral("type"), QStringLiteral("trait")},
                      {QStringLiteral("trait"), q(n.trait.trait)},
                      {QStringLiteral("op"), QLatin1String(opName(n.trait.op))}};
        if (!n.trait.column.empty() || !n.trait.columnValue.empty()) {
            o.insert(QStringLiteral("column"), q(n.trait.column));
            o.insert(QStringLiteral("columnValue"), q(n.trait.columnValue));
        }
        putValues(o, n.trait.op, n.trait.values);
        return o;
    }
    case Node::Type::Event:
        return eventToJson(n.event);
    case Node::Type::Membership:
        return {{QStringLiteral("type"), QStringLiteral("membership")},
                {QStringLiteral("kind"), QLatin1String(membershipKindName(n.membership.kind))},
                {QStringLiteral("in"), n.membership.in},
                {QStringLiteral("name"), q(n.membership.name)}};
    }
    return {};
}

// --- Reading ---------------------------------------------------------------------------------------------

using Object = simdjson::dom::object;
using Element = simdjson::dom::element;

struct Reader
{
    std::string error; ///< first error, "path: message"

    bool bad(const std::string &path, const std::string &message)
    {
        if (error.empty()) {
            error = path + ": " + message;
        }
        return false;
    }

    bool onlyKeys(const Object &o, const std::string &path, std::initializer_list<std::string_view> keys)
    {
        for (const auto field : o) {
            if (std::find(keys.begin(), keys.end(), field.key) == keys.end()) {
                return bad(path + "." + std::string(field.key), "unknown key");
            }
        }
        return true;
    }

    bool text(const Object &o, const std::string &path, const char *key, std::string &out,
              bool required = true)
    {
        Element e;
        if (o[key].get(e) != simdjson::SUCCESS) {
            return required ? bad(path + "." + key, "missing") : true;
        }
        std::string_view s;
        if (e.get_string().get(s) != simdjson::SUCCESS) {
            return bad(path + "." + key, "expected a string");
        }
        out.assign(s);
        return true;
    }

    bool integer(const Object &o, const std::string &path, const char *key, std::optional<std::int64_t> &out)
    {
        Element e;
        if (o[key].get(e) != simdjson::SUCCESS) {
            return true;
        }
        double d = 0;
        std::int64_t i = 0;
        if (e.get_int64().get(i) == simdjson::SUCCESS) {
            out = i;
        } else if (e.get_double().get(d) == simdjson::SUCCESS && d == std::trunc(d) && d >= -0x1p63 &&
                   d < 0x1p63) { // checked before the cast: converting 1e300 to an integer is undefined
            out = static_cast<std::int64_t>(d);
        } else {
            return bad(path + "." + key, "expected a whole number");
        }
        return true;
    }

    bool scalar(const Element &e, const std::string &path, std::vector<Value> &out)
    {
        double d = 0;
        std::string_view s;
        // get_double() converts integers too.
        if (e.get_double().get(d) == simdjson::SUCCESS) {
            out.emplace_back(d);
        } else if (e.get_string().get(s) == simdjson::SUCCESS) {
            out.emplace_back(std::string(s));
        } else {
            return bad(path, "expected a number or a string");
        }
        return true;
    }

    bool values(const Object &o, const std::string &path, std::vector<Value> &out)
    {
        Element e;
        if (o["value"].get(e) != simdjson::SUCCESS) {
            return true;
        }
        simdjson::dom::array a;
        if (e.get_array().get(a) != simdjson::SUCCESS) {
            return scalar(e, path + ".value", out);
        }
        std::size_t i = 0;
        for (const Element item : a) {
            if (!scalar(item, path + ".value[" + std::to_string(i++) + "]", out)) {
                return false;
            }
        }
        return true;
    }

    bool op(const Object &o, const std::string &path, Op &out)
    {
        std::string name;
        if (!text(o, path, "op", name)) {
            return false;
        }
        const auto parsed = opFromName(name);
        if (!parsed) {
            return bad(path + ".op", "unknown operator '" + name + "'");
        }
        out = *parsed;
        return true;
    }

    bool node(const Element &e, const std::string &path, Node &out);
    bool group(const Object &o, const std::string &path, GroupMode mode, Node &out);
    bool trait(const Object &o, const std::string &path, Node &out);
    bool event(const Object &o, const std::string &path, Node &out);
    bool filters(const Object &o, const std::string &path, std::vector<PropertyFilter> &out);
    bool membership(const Object &o, const std::string &path, Node &out);
};

bool Reader::node(const Element &e, const std::string &path, Node &out)
{
    Object o;
    if (e.get_object().get(o) != simdjson::SUCCESS) {
        return bad(path, "expected an object");
    }
    std::string type;
    if (!text(o, path, "type", type)) {
        return false;
    }
    if (const auto mode = groupModeFromName(type)) {
        return group(o, path, *mode, out);
    }
    if (type == "trait") {
        return trait(o, path, out);
    }
    if (type == "event") {
        return event(o, path, out);
    }
    if (type == "membership") {
        return membership(o, path, out);
    }
    return bad(path + ".type", "unknown type '" + type + "' (all, any, none, trait, event, membership)");
}

bool Reader::group(const Object &o, const std::string &path, GroupMode mode, Node &out)
{
    out = Node::group(mode);
    if (!onlyKeys(o, path, {"type", "conditions"})) {
        return false;
    }
    Element e;
    if (o["conditions"].get(e) != simdjson::SUCCESS) {
        return true;
    }
    simdjson::dom::array a;
    if (e.get_array().get(a) != simdjson::SUCCESS) {
        return bad(path + ".conditions", "expected an array");
    }
    std::size_t i = 0;
    for (const Element child : a) {
        Node n;
        if (!node(child, path + ".conditions[" + std::to_string(i++) + "]", n)) {
            return false;
        }
        out.children.push_back(std::move(n));
    }
    return true;
}

bool Reader::trait(const Object &o, const std::string &path, Node &out)
{
    TraitCondition c;
    const bool ok = onlyKeys(o, path, {"type", "trait", "column", "columnValue", "op", "value"}) &&
                    text(o, path, "trait", c.trait) && text(o, path, "column", c.column, false) &&
                    text(o, path, "columnValue", c.columnValue, false) && op(o, path, c.op) &&
                    values(o, path, c.values);
    out = Node::traitCondition(std::move(c));
    return ok;
}

bool Reader::filters(const Object &o, const std::string &path, std::vector<PropertyFilter> &out)
{
    Element e;
    if (o["where"].get(e) != simdjson::SUCCESS) {
        return true;
    }
    simdjson::dom::array a;
    if (e.get_array().get(a) != simdjson::SUCCESS) {
        return bad(path + ".where", "expected an array");
    }
    std::size_t i = 0;
    for (const Element item : a) {
        const std::string p = path + ".where[" + std::to_string(i++) + "]";
        Object f;
        if (item.get_object().get(f) != simdjson::SUCCESS) {
            return bad(p, "expected an object");
        }
        PropertyFilter filter;
        if (!onlyKeys(f, p, {"property", "op", "value"}) || !text(f, p, "property", filter.property) ||
            !op(f, p, filter.op) || !values(f, p, filter.values)) {
            return false;
        }
        out.push_back(std::move(filter));
    }
    return true;
}

bool Reader::event(const Object &o, const std::string &path, Node &out)
{
    EventCondition c;
    std::string count = "at_least";
    std::optional<std::int64_t> times;
    const bool ok =
        onlyKeys(o, path, {"type", "event", "where", "count", "times", "withinLastDays", "from", "to"}) &&
        text(o, path, "event", c.event) && filters(o, path, c.where) &&
        text(o, path, "count", count, false) && integer(o, path, "times", times) &&
        integer(o, path, "withinLastDays", c.withinLastDays) && text(o, path, "from", c.from, false) &&
        text(o, path, "to", c.to, false);
    if (!ok) {
        return false;
    }
    const auto countOp = countOpFromName(count);
    if (!countOp) {
        return bad(path + ".count", "unknown count '" + count + "' (at_least, at_most, exactly, never)");
    }
    c.countOp = *countOp;
    c.times = times.value_or(c.countOp == CountOp::Never ? 0 : 1);
    out = Node::eventCondition(std::move(c));
    return true;
}

bool Reader::membership(const Object &o, const std::string &path, Node &out)
{
    MembershipCondition c;
    std::string kind;
    if (!onlyKeys(o, path, {"type", "kind", "in", "name"}) || !text(o, path, "kind", kind) ||
        !text(o, path, "name", c.name)) {
        return false;
    }
    const auto k = membershipKindFromName(kind);
    if (!k) {
        return bad(path + ".kind", "unknown kind '" + kind + "' (segment, audience, exported)");
    }
    c.kind = *k;
    Element in;
    if (o["in"].get(in) == simdjson::SUCCESS && in.get_bool().get(c.in) != simdjson::SUCCESS) {
        return bad(path + ".in", "expected true or false");
    }
    out = Node::membershipCondition(std::move(c));
    return true;
}

} // namespace

std::string ruleToJson(const Rule &rule, bool indented)
{
    const QJsonObject o{{QStringLiteral("version"), kRuleVersion},
                        {QStringLiteral("rule"), nodeToJson(rule.root)}};
    return QJsonDocument(o).toJson(indented ? QJsonDocument::Indented : QJsonDocument::Compact).toStdString();
}

Result<Rule> ruleFromJson(std::string_view json)
{
    simdjson::dom::parser parser;
    Object top;
    if (const auto err = parser.parse(json.data(), json.size()).get_object().get(top);
        err != simdjson::SUCCESS) {
        return fail(Error::Code::InvalidInput,
                    std::string("rule: not a JSON object (") + simdjson::error_message(err) + ")");
    }
    Reader reader;
    std::optional<std::int64_t> version;
    if (!reader.onlyKeys(top, "", {"version", "rule"}) || !reader.integer(top, "", "version", version)) {
        return fail(Error::Code::InvalidInput, reader.error.substr(reader.error.front() == '.' ? 1 : 0));
    }
    if (!version) {
        return fail(Error::Code::InvalidInput, "version: missing");
    }
    if (*version > kRuleVersion || *version < 1) {
        return fail(Error::Code::InvalidInput,
                    "version: " + std::to_string(*version) +
                        " is not supported (this version reads rules up to version " +
                        std::to_string(kRuleVersion) + ")");
    }
    Element root;
    if (top["rule"].get(root) != simdjson::SUCCESS) {
        return fail(Error::Code::InvalidInput, "rule: missing");
    }
    Rule rule;
    if (!reader.node(root, "rule", rule.root)) {
        return fail(Error::Code::InvalidInput, reader.error);
    }
    if (rule.root.type != Node::Type::Group) {
        return fail(Error::Code::InvalidInput, "rule.type: the rule must be a group (all, any or none)");
    }
    return rule;
}

} // namespace awb::segments
