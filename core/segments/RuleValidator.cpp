// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/RuleValidator.h"

#include "ingest/Timestamp.h"
#include "traits/ProfileAttributes.h"

#include <algorithm>
#include <initializer_list>

namespace awb::segments {

namespace {

using traits::TraitKind;

std::string opList(std::initializer_list<Op> ops)
{
    std::string s;
    for (const Op op : ops) {
        s += (s.empty() ? "" : ", ") + std::string(opName(op));
    }
    return s;
}

const std::initializer_list<Op> kNumberOps = {Op::Eq, Op::Ne,      Op::Lt,    Op::Le,      Op::Gt,
                                              Op::Ge, Op::Between, Op::IsSet, Op::IsNotSet};
const std::initializer_list<Op> kTextOps = {Op::Is, Op::IsNot, Op::Contains, Op::StartsWith,
                                            Op::In, Op::IsSet, Op::IsNotSet};
const std::initializer_list<Op> kDateOps = {Op::Before,          Op::After, Op::Between, Op::WithinLastDays,
                                            Op::MoreThanDaysAgo, Op::IsSet, Op::IsNotSet};
const std::initializer_list<Op> kBooleanOps = {Op::IsTrue, Op::IsFalse, Op::IsSet, Op::IsNotSet};
const std::initializer_list<Op> kPropertyOps = {
    Op::Eq, Op::Ne,    Op::Lt,       Op::Le,         Op::Gt, Op::Ge,    Op::Between,
    Op::Is, Op::IsNot, Op::Contains, Op::StartsWith, Op::In, Op::IsSet, Op::IsNotSet};

bool contains(std::initializer_list<Op> ops, Op op)
{
    return std::find(ops.begin(), ops.end(), op) != ops.end();
}

const char *kindName(TraitKind kind)
{
    switch (kind) {
    case TraitKind::Number:
        return "number";
    case TraitKind::Date:
        return "date";
    case TraitKind::Text:
        return "text";
    case TraitKind::Boolean:
        return "boolean";
    }
    return "";
}

std::initializer_list<Op> opsOf(TraitKind kind)
{
    switch (kind) {
    case TraitKind::Number:
        return kNumberOps;
    case TraitKind::Date:
        return kDateOps;
    case TraitKind::Text:
        return kTextOps;
    case TraitKind::Boolean:
        return kBooleanOps;
    }
    return {};
}

// "unknown profile attribute 'x' (attributes: city, plan)", naming the ones the workspace has.
std::string unknownAttribute(const std::string &id, const std::vector<traits::TraitInfo> &known)
{
    std::string list;
    for (const traits::TraitInfo &t : known) {
        if (const auto key = traits::attributeKey(t.id)) {
            list += (list.empty() ? "" : ", ") + *key;
        }
    }
    return "unknown profile attribute '" + *traits::attributeKey(id) + "'" +
           (list.empty()
                ? std::string(" (no profile has attributes: import profiles with awb import --profiles)")
                : " (attributes: " + list + ")");
}

bool isNumber(const Value &v)
{
    return std::holds_alternative<double>(v);
}

class Validator
{
public:
    explicit Validator(const ValidationContext &context) : m_ctx(context) {}

    std::string node(const Node &n, const std::string &path) const;

private:
    std::string trait(const TraitCondition &c, const std::string &path) const;
    std::string event(const EventCondition &c, const std::string &path) const;
    std::string filter(const PropertyFilter &f, const std::string &path) const;
    std::string membership(const MembershipCondition &c, const std::string &path) const;

    const ValidationContext &m_ctx;
};

// The number of values op takes; -1 = one or more.
int arity(Op op)
{
    switch (op) {
    case Op::IsSet:
    case Op::IsNotSet:
    case Op::IsTrue:
    case Op::IsFalse:
        return 0;
    case Op::Between:
        return 2;
    case Op::In:
        return -1;
    default:
        return 1;
    }
}

std::string checkArity(Op op, const std::vector<Value> &values, const std::string &path)
{
    const int n = arity(op);
    if (n == -1 && values.empty()) {
        return path + ".value: '" + opName(op) + "' needs at least one value";
    }
    if (n >= 0 && static_cast<int>(values.size()) != n) {
        return path + ".value: '" + opName(op) + "' takes " +
               (n == 0   ? std::string("no value")
                : n == 1 ? std::string("one value")
                         : "two values [from, to]");
    }
    return {};
}

std::string Validator::node(const Node &n, const std::string &path) const
{
    switch (n.type) {
    case Node::Type::Group:
        for (std::size_t i = 0; i < n.children.size(); ++i) {
            if (std::string e = node(n.children[i], path + ".conditions[" + std::to_string(i) + "]");
                !e.empty()) {
                return e;
            }
        }
        return {};
    case Node::Type::Trait:
        return trait(n.trait, path);
    case Node::Type::Event:
        return event(n.event, path);
    case Node::Type::Membership:
        return membership(n.membership, path);
    }
    return {};
}

std::string Validator::trait(const TraitCondition &c, const std::string &path) const
{
    const auto info = std::find_if(m_ctx.traits.begin(), m_ctx.traits.end(),
                                   [&](const traits::TraitInfo &t) { return t.id == c.trait; });
    if (info == m_ctx.traits.end() && traits::attributeKey(c.trait)) {
        return path + ".trait: " + unknownAttribute(c.trait, m_ctx.traits);
    }
    if (info == m_ctx.traits.end()) {
        return path + ".trait: unknown trait '" + c.trait + "'" +
               (isPerValueTrait(c.trait) ? " (per-value traits need a built catalog)" : "");
    }
    if (isPerValueTrait(c.trait)) {
        if (std::find(m_ctx.catalogColumns.begin(), m_ctx.catalogColumns.end(), c.column) ==
            m_ctx.catalogColumns.end()) {
            std::string known;
            for (const std::string &col : m_ctx.catalogColumns) {
                known += (known.empty() ? "" : ", ") + col;
            }
            return path + ".column: the catalog has no column '" + c.column + "' (columns: " + known + ")";
        }
        if (c.columnValue.empty()) {
            return path + ".columnValue: missing (the " + c.column + " value the trait is about)";
        }
        if (m_ctx.hasValue && !m_ctx.hasValue(c.column, c.columnValue)) {
            return path + ".columnValue: catalog column " + c.column + " has no value '" + c.columnValue +
                   "'";
        }
    } else if (!c.column.empty() || !c.columnValue.empty()) {
        return path + ".column: trait '" + c.trait + "' takes no catalog column";
    }
    return traitConditionError(c, *info, path);
}

} // namespace

std::string traitConditionError(const TraitCondition &c, const traits::TraitInfo &info,
                                const std::string &path)
{
    const std::initializer_list<Op> ops = opsOf(info.kind);
    if (!contains(ops, c.op)) {
        return path + ".op: '" + opName(c.op) + "' does not apply to " + kindName(info.kind) + " trait '" +
               c.trait + "' (" + opList(ops) + ")";
    }
    const TraitKind kind = info.kind;
    if (std::string e = checkArity(c.op, c.values, path); !e.empty()) {
        return e;
    }
    for (std::size_t i = 0; i < c.values.size(); ++i) {
        const std::string p = path + ".value" + (c.values.size() > 1 ? "[" + std::to_string(i) + "]" : "");
        const Value &v = c.values[i];
        const bool days = c.op == Op::WithinLastDays || c.op == Op::MoreThanDaysAgo;
        if ((kind == TraitKind::Number || days) && !isNumber(v)) {
            return p + ": expected a number";
        }
        if (days && !(std::get<double>(v) >= 0 && std::get<double>(v) <= kMaxRuleDays)) {
            return p + ": expected a number of days from 0 to " + std::to_string(kMaxRuleDays);
        }
        if (kind == TraitKind::Text && isNumber(v)) {
            return p + ": expected a text";
        }
        if (kind == TraitKind::Date && !days && (isNumber(v) || !dateRange(std::get<std::string>(v)))) {
            return p + ": expected a date (2026-10-01) or an ISO 8601 time";
        }
    }
    if (c.op == Op::Between && kind == TraitKind::Number &&
        std::get<double>(c.values[0]) > std::get<double>(c.values[1])) {
        return path + ".value: between needs from <= to";
    }
    if (c.op == Op::Between && kind == TraitKind::Date &&
        dateRange(std::get<std::string>(c.values[0]))->first >=
            dateRange(std::get<std::string>(c.values[1]))->second) {
        return path + ".value: between needs from <= to";
    }
    return {};
}

namespace {

std::string Validator::filter(const PropertyFilter &f, const std::string &path) const
{
    std::string key = f.property.rfind("products[].", 0) == 0 ? f.property.substr(11) : f.property;
    if (key.empty() || key.find_first_of("\"\\") != std::string::npos || key.front() == '.' ||
        key.back() == '.') {
        return path + ".property: expected a property key such as category, address.city or products[].brand";
    }
    if (!contains(kPropertyOps, f.op)) {
        return path + ".op: '" + opName(f.op) + "' does not apply to event properties (" +
               opList(kPropertyOps) + ")";
    }
    if (std::string e = checkArity(f.op, f.values, path); !e.empty()) {
        return e;
    }
    const bool numeric =
        f.op == Op::Lt || f.op == Op::Le || f.op == Op::Gt || f.op == Op::Ge || f.op == Op::Between;
    const bool textual = f.op == Op::Contains || f.op == Op::StartsWith;
    for (const Value &v : f.values) {
        if ((numeric && !isNumber(v)) || (textual && isNumber(v))) {
            return path + ".value: '" + opName(f.op) + "' needs " + (numeric ? "a number" : "a text");
        }
    }
    return {};
}

std::string Validator::event(const EventCondition &c, const std::string &path) const
{
    if (c.event.empty()) {
        return path + ".event: missing event name";
    }
    for (std::size_t i = 0; i < c.where.size(); ++i) {
        if (std::string e = filter(c.where[i], path + ".where[" + std::to_string(i) + "]"); !e.empty()) {
            return e;
        }
    }
    if (c.countOp != CountOp::Never && c.times < 0) {
        return path + ".times: expected a count >= 0";
    }
    if (c.withinLastDays &&
        (*c.withinLastDays < 1 || *c.withinLastDays > kMaxRuleDays || !c.from.empty() || !c.to.empty())) {
        return path + ".withinLastDays: expected days from 1 to " + std::to_string(kMaxRuleDays) +
               ", and no from / to with it";
    }
    if (c.from.empty() != c.to.empty()) {
        return path + (c.from.empty() ? ".from" : ".to") + ": a date window needs both from and to";
    }
    if (!c.from.empty()) {
        const auto from = dateRange(c.from);
        const auto to = dateRange(c.to);
        if (!from || !to) {
            return path + (from ? ".to" : ".from") + ": expected a date (2026-10-01) or an ISO 8601 time";
        }
        if (from->first >= to->second) {
            return path + ".from: the window must start before it ends";
        }
    }
    return {};
}

std::string Validator::membership(const MembershipCondition &c, const std::string &path) const
{
    if (c.name.empty()) {
        return path + ".name: missing";
    }
    const std::optional<std::vector<std::string>> &known = c.kind == MembershipKind::Segment ? m_ctx.segments
                                                           : c.kind == MembershipKind::Audience
                                                               ? m_ctx.audiences
                                                               : m_ctx.exportedAudiences;
    if (known && std::find(known->begin(), known->end(), c.name) == known->end()) {
        const char *what = c.kind == MembershipKind::Segment    ? "no saved segment"
                           : c.kind == MembershipKind::Audience ? "no audience"
                                                                : "no exported audience";
        return path + ".name: " + what + " named '" + c.name + "'";
    }
    return {};
}

} // namespace

std::optional<std::pair<std::int64_t, std::int64_t>> dateRange(const std::string &text)
{
    const auto start = ingest::parseTimestamp(text);
    if (!start || text.size() < 10 || text[4] != '-') {
        return std::nullopt; // unix times are not dates a rule would hold
    }
    const bool wholeDay = text.size() == 10;
    return std::make_pair(*start, *start + (wholeDay ? traits::kDayMs : 1));
}

bool isPerValueTrait(const std::string &id)
{
    return id == "value_purchases" || id == "value_spend" || id == "value_last_purchase";
}

Result<void> validateRule(const Rule &rule, const ValidationContext &context)
{
    if (rule.root.type != Node::Type::Group) {
        return fail(Error::Code::InvalidInput, "rule: the top of a rule must be a group (all, any or none)");
    }
    if (std::string e = Validator(context).node(rule.root, "rule"); !e.empty()) {
        return fail(Error::Code::InvalidInput, e);
    }
    return {};
}

} // namespace awb::segments
