// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/RuleSummary.h"

#include "ingest/Timestamp.h"
#include "segments/RuleJson.h"
#include "segments/SegmentRepository.h"
#include "traits/TraitInfos.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace awb::segments {

namespace {

using traits::TraitKind;

/// Room kept for a static segment's rule however long its "Frozen from …" lead is.
constexpr std::size_t kMinRuleChars = 40;

std::string quoted(const std::string &text)
{
    return "“" + text + "”";
}

// Characters, not bytes: labels and names may hold any UTF-8 text.
std::size_t length(const std::string &text)
{
    std::size_t n = 0;
    for (const char c : text) {
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
}

std::string capitalized(std::string text)
{
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') {
        text[0] = static_cast<char>(text[0] - 'a' + 'A');
    }
    return text;
}

// "Total spend" reads "total spend" inside a sentence; "RFM group" keeps its capitals.
std::string inSentence(std::string text)
{
    if (text.size() > 1 && text[0] >= 'A' && text[0] <= 'Z' && text[1] >= 'a' && text[1] <= 'z') {
        text[0] = static_cast<char>(text[0] - 'A' + 'a');
    }
    return text;
}

std::string grouped(std::string digits)
{
    for (std::size_t i = digits.size(); i > 3; i -= 3) {
        digits.insert(i - 3, 1, ',');
    }
    return digits;
}

// As the tables show numbers (English digit groups); to_chars, because printf would follow the C locale
// that QCoreApplication sets from the environment.
std::string number(double v)
{
    if (!std::isfinite(v)) {
        return "?";
    }
    const double a = std::abs(v);
    const int decimals = a == std::floor(a) ? 0 : (a < 1 ? 3 : 2);
    char buf[400]; // the longest fixed form of a double has 309 digits
    const auto r = std::to_chars(buf, buf + sizeof buf, a, std::chars_format::fixed, decimals);
    std::string text(buf, r.ptr);
    if (decimals > 0) {
        text.erase(text.find_last_not_of('0') + 1);
        if (text.back() == '.') {
            text.pop_back();
        }
    }
    const std::size_t dot = text.find('.');
    std::string out = grouped(text.substr(0, dot)) + (dot == std::string::npos ? "" : text.substr(dot));
    return (v < 0 && out != "0" ? "-" : "") + out;
}

std::string valueText(const std::vector<Value> &values, std::size_t i)
{
    if (i >= values.size()) {
        return "?";
    }
    const Value &v = values[i];
    return std::holds_alternative<double>(v) ? number(std::get<double>(v)) : std::get<std::string>(v);
}

// "Champions, Loyal or At risk"
std::string alternatives(const std::vector<Value> &values)
{
    std::string s;
    for (std::size_t i = 0; i < values.size(); ++i) {
        s += (i == 0 ? "" : (i + 1 == values.size() ? " or " : ", ")) + valueText(values, i);
    }
    return s;
}

std::string inTheLast(const std::string &days)
{
    return days == "1" ? "in the last day" : "in the last " + days + " days";
}

std::string timesText(std::int64_t n)
{
    return n == 1 ? "once" : number(static_cast<double>(n)) + " times";
}

// How a trait or a property compares. Property filters put "is" before a comparison ("where revenue is at
// least 150"); traits read as nouns without it ("total spend at least 2,000").
std::string comparison(Op op, const std::vector<Value> &v, TraitKind kind, bool property)
{
    const std::string is = property ? "is " : "";
    const std::string first = valueText(v, 0);
    switch (op) {
    case Op::Eq:
        return (property ? "is " : "exactly ") + first;
    case Op::Ne:
        return (property ? "is not " : "other than ") + first;
    case Op::Lt:
        return is + "less than " + first;
    case Op::Le:
        return is + "at most " + first;
    case Op::Gt:
        return is + "more than " + first;
    case Op::Ge:
        return is + "at least " + first;
    case Op::Between:
        return is + "between " + first + " and " + valueText(v, 1);
    case Op::Is:
        return "is " + first;
    case Op::IsNot:
        return "is not " + first;
    case Op::Contains:
        return "contains " + quoted(first);
    case Op::StartsWith:
        return "starts with " + quoted(first);
    case Op::In:
        return "is " + alternatives(v);
    case Op::IsSet:
        return kind == TraitKind::Date ? "has a date" : "has a value";
    case Op::IsNotSet:
        return kind == TraitKind::Date ? "has no date" : "has no value";
    case Op::Before:
        return "before " + first;
    case Op::After:
        return "after " + first;
    case Op::WithinLastDays:
        return inTheLast(first);
    case Op::MoreThanDaysAgo:
        return "more than " + (first == "1" ? std::string("1 day") : first + " days") + " ago";
    case Op::IsTrue:
        return "is true";
    case Op::IsFalse:
        return "is false";
    }
    return opName(op) + std::string(" ") + first;
}

std::string traitText(const TraitCondition &c)
{
    const auto info = traits::findTraitInfo(c.trait);
    std::string name = info ? inSentence(info->label) : c.trait;
    // Per-value labels end in "a value": "spend on a value" becomes "spend on Category = Skincare".
    if (const std::size_t at = name.rfind("a value"); !c.column.empty() && at != std::string::npos) {
        name.replace(at, 7, c.column + " = " + c.columnValue);
    }
    return name + " " + comparison(c.op, c.values, info ? info->kind : TraitKind::Number, false);
}

std::string propertyName(const std::string &property)
{
    constexpr std::string_view kProducts = "products[].";
    return property.rfind(kProducts, 0) == 0 ? "a product's " + property.substr(kProducts.size()) : property;
}

std::string eventText(const EventCondition &c)
{
    std::string s = (c.countOp == CountOp::Never ? "never performed " : "performed ") + c.event;
    if (c.countOp == CountOp::AtLeast && c.times != 1) {
        s += " at least " + timesText(c.times);
    } else if (c.countOp == CountOp::AtMost) {
        s += " at most " + timesText(c.times);
    } else if (c.countOp == CountOp::Exactly) {
        s += " exactly " + timesText(c.times);
    }
    if (c.withinLastDays) {
        s += " " + inTheLast(number(static_cast<double>(*c.withinLastDays)));
    } else if (!c.from.empty() || !c.to.empty()) {
        s += " between " + c.from + " and " + c.to;
    }
    for (std::size_t i = 0; i < c.where.size(); ++i) {
        const PropertyFilter &f = c.where[i];
        s += (i == 0 ? " where " : " and ") + propertyName(f.property) + " " +
             comparison(f.op, f.values, TraitKind::Text, true);
    }
    return s;
}

std::string membershipText(const MembershipCondition &c)
{
    const char *kind = c.kind == MembershipKind::Segment    ? "segment "
                       : c.kind == MembershipKind::Audience ? "audience "
                                                            : "exported audience ";
    return (c.in ? "in " : "not in ") + std::string(kind) + quoted(c.name);
}

std::string nodeText(const Node &n, bool nested, GroupMode parent);

// A group's conditions as listed: "a and b", "any of: a, b", "none of: a, b".
struct Listing
{
    std::string lead;
    std::string joiner;
    std::vector<std::string> parts;
};

Listing listing(const Node &group)
{
    Listing l{"", " and ", {}};
    if (group.mode != GroupMode::All) {
        l = {group.mode == GroupMode::Any ? "any of: " : "none of: ", ", ", {}};
    }
    for (const Node &child : group.children) {
        l.parts.push_back(nodeText(child, true, group.mode));
    }
    return l;
}

std::string joined(const Listing &l, std::size_t count)
{
    std::string s = l.lead;
    for (std::size_t i = 0; i < count; ++i) {
        s += (i == 0 ? "" : l.joiner) + l.parts[i];
    }
    return s;
}

std::string groupText(const Node &group, bool nested, GroupMode parent)
{
    if (group.children.empty()) {
        return group.mode == GroupMode::Any ? "nobody" : "everyone";
    }
    // One condition of "all" or "any" is that condition, in its parent's place.
    if (group.children.size() == 1 && group.mode != GroupMode::None) {
        return nodeText(group.children.front(), nested, parent);
    }
    const Listing l = listing(group);
    const std::string s = joined(l, l.parts.size());
    // "and" inside "and" reads the same without parentheses.
    const bool bare = !nested || (group.mode == GroupMode::All && parent == GroupMode::All);
    return bare ? s : "(" + s + ")";
}

std::string nodeText(const Node &n, bool nested, GroupMode parent)
{
    switch (n.type) {
    case Node::Type::Group:
        return groupText(n, nested, parent);
    case Node::Type::Trait:
        return traitText(n.trait);
    case Node::Type::Event:
        return eventText(n.event);
    case Node::Type::Membership:
        return membershipText(n.membership);
    }
    return {};
}

std::size_t conditionCount(const Node &n)
{
    if (n.type != Node::Type::Group) {
        return 1;
    }
    std::size_t count = 0;
    for (const Node &child : n.children) {
        count += conditionCount(child);
    }
    return count;
}

std::string moreConditions(const Node &group, std::size_t from)
{
    std::size_t more = 0;
    for (std::size_t i = from; i < group.children.size(); ++i) {
        more += std::max<std::size_t>(1, conditionCount(group.children[i]));
    }
    return " … and " + std::to_string(more) + (more == 1 ? " more condition" : " more conditions");
}

// A nested group too long for a brief summary, by its size: "(any of 2 conditions)".
std::string collapsed(const Node &group)
{
    const std::size_t n = group.children.size();
    const char *mode = group.mode == GroupMode::All   ? "(all of "
                       : group.mode == GroupMode::Any ? "(any of "
                                                      : "(none of ";
    return mode + std::to_string(n) + (n == 1 ? " condition)" : " conditions)");
}

// The top-level conditions that fit, nested groups that do not fit by their size; then how many conditions
// were left out. The first condition is kept however long.
std::string briefText(const Node &root, std::size_t maxChars, const std::string &full)
{
    const Node *g = &root;
    while (g->children.size() == 1 && g->mode != GroupMode::None &&
           g->children.front().type == Node::Type::Group) {
        g = &g->children.front();
    }
    if (length(full) <= maxChars || g->children.size() < 2) {
        return full;
    }
    Listing l = listing(*g);
    const auto fits = [&](std::size_t count) {
        const std::string more = count < l.parts.size() ? moreConditions(*g, count) : "";
        return length(joined(l, count) + more) <= maxChars;
    };
    std::size_t kept = 0;
    for (; kept < l.parts.size(); ++kept) {
        const Node &child = g->children[kept];
        if (!fits(kept + 1) && child.type == Node::Type::Group && child.children.size() > 1) {
            l.parts[kept] = collapsed(child);
        }
        if (kept > 0 && !fits(kept + 1)) {
            break;
        }
    }
    return capitalized(joined(l, kept) + (kept < l.parts.size() ? moreConditions(*g, kept) : ""));
}

std::string day(std::int64_t ms)
{
    return ingest::formatTimestamp(ms).substr(0, 10);
}

} // namespace

RuleSummary summarizeRule(const Rule &rule, std::size_t maxChars)
{
    RuleSummary s;
    s.full = capitalized(nodeText(rule.root, false, GroupMode::All));
    s.brief = rule.root.type == Node::Type::Group ? briefText(rule.root, maxChars, s.full) : s.full;
    return s;
}

RuleSummary summarizeSegment(const SavedSegment &segment, std::size_t maxChars)
{
    const Result<Rule> rule = ruleFromJson(segment.ruleJson);
    if (!segment.isStatic()) {
        if (!rule) {
            const std::string text = "The rule cannot be read: " + rule.error().message;
            return {text, text};
        }
        return summarizeRule(*rule, maxChars);
    }
    // The list shows the day it was frozen (its kind column too); the whole text adds the traits' day.
    const std::string lead = "Frozen" +
                             (segment.frozenFrom.empty() ? "" : " from " + quoted(segment.frozenFrom)) +
                             " on " + day(segment.createdAtMs);
    const bool earlier = segment.asOfMs != 0 && day(segment.asOfMs) != day(segment.createdAtMs);
    const std::string fullLead = lead + (earlier ? " (traits as of " + day(segment.asOfMs) + "): " : ": ");
    if (!rule) {
        const std::string text = fullLead + "its rule cannot be read";
        return {text, text};
    }
    const std::size_t room =
        std::max(kMinRuleChars, maxChars > length(lead) + 2 ? maxChars - length(lead) - 2 : 0);
    const RuleSummary r = summarizeRule(*rule, room);
    return {lead + ": " + inSentence(r.brief), fullLead + inSentence(r.full)};
}

} // namespace awb::segments
