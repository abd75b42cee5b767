// SPDX-License-Identifier: GPL-3.0-or-later
// A segment rule: a tree of groups (all of / any of / none of), nested to any depth, of conditions on
// computed traits (profile attributes and reachability included), on events and on membership of other
// segments and audiences.
//
// Semantics (exact; RuleEvaluator and the tests' naive evaluation agree on them):
//  - A trait condition never matches a profile whose trait is not set, except "is_not_set".
//  - Numbers: = != < <= > >= compare the value; between [a, b] is inclusive.
//  - Text: is / is_not compare exactly; in matches any listed value; contains and starts_with ignore ASCII
//    case.
//  - Booleans: is_true / is_false; a profile without the value is neither.
//  - Dates: a value is a date ("2026-10-01", the whole UTC day) or a time (ISO 8601, one millisecond): before
//    D = earlier than its start, after D = from the end of it on, between D1 and D2 = from the start of D1 to
//    the end of D2; within_last_days N = from now - N days on (less than N whole days ago);
//    more_than_days_ago N = more than N whole days ago (floor((now - t) / 1 day) > N, the way days_since_*
//    traits count), so "last purchase more than 45 days ago" and "days since last purchase more than 45"
//    select the same people.
//  - Profile attributes (trait ids "attribute:KEY": city, region, birthday, a custom "plan", ...) are trait
//    columns like any other, typed from the stored values when the traits are loaded (traits/
//    ProfileAttributes.h): number when every value reads as a number, boolean when every value is true /
//    false / yes / no, date when every value is a date or an ISO 8601 time, else text (names, phone, city,
//    region, country, postal code and gender are always text). A profile without the attribute never
//    matches a comparison, only is_not_set (and, as for every trait, != and is_not need a value).
//    They are columns of the trait table rather than a second evaluation path, so counts, previews, JSON,
//    summaries and the editor treat them as traits.
//  - Reachable by PRESET (trait ids "reachable:PRESET", Yes / No): has what that export preset requires of
//    a row (exports::ExportPreset::requirement: an e-mail address, an e-mail address or a phone number, a
//    user id, a user or anonymous id) and, for presets that require an e-mail address (e-mail tools), e-mail
//    consent not refused. Whether the address is well formed is checked when the file is written.
//  - Events: events before now named EVENT, whose properties pass every "where" filter, counted per
//    profile within the window (last N days, or between dates as above); at_least / at_most / exactly N
//    times, never = 0 times. A property "products[].key" looks at the event's products (one of them must
//    pass). Property filters never match an event without the property, except "is_not_set".
//  - Membership: in / not in a saved segment (a rule segment evaluated with its own rule; a static segment
//    is its frozen members), an audience snapshot, or an audience that was exported (campaign history).
//  - An empty "all" or "none" group matches everyone, an empty "any" group nobody.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace awb::segments {

/// The JSON format version written (and the newest one read).
inline constexpr int kRuleVersion = 1;

enum class GroupMode
{
    All,
    Any,
    None,
};

enum class Op
{
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Between,
    Is,
    IsNot,
    Contains,
    StartsWith,
    In,
    IsSet,
    IsNotSet,
    Before,
    After,
    WithinLastDays,
    MoreThanDaysAgo,
    IsTrue,
    IsFalse,
};

/// A number or a text (dates are texts).
using Value = std::variant<double, std::string>;

struct TraitCondition
{
    std::string trait;       ///< trait id ("total_spend", "top_value:Category", "value_spend")
    std::string column;      ///< per-value traits: the catalog column
    std::string columnValue; ///< per-value traits: the value
    Op op = Op::Eq;
    std::vector<Value> values; ///< one; two for between; one or more for in; none for is_set / is_not_set
};

struct PropertyFilter
{
    std::string property; ///< event property key ("category", "address.city") or "products[].key"
    Op op = Op::Is;
    std::vector<Value> values;
};

enum class CountOp
{
    AtLeast,
    AtMost,
    Exactly,
    Never,
};

struct EventCondition
{
    std::string event;
    std::vector<PropertyFilter> where;
    CountOp countOp = CountOp::AtLeast;
    std::int64_t times = 1;                     ///< ignored for never
    std::optional<std::int64_t> withinLastDays; ///< or the between-dates window below, or neither
    std::string from;                           ///< date or time, inclusive (empty = no window)
    std::string to;                             ///< date or time, inclusive
};

enum class MembershipKind
{
    Segment,
    Audience,
    Exported, ///< members of an audience that was exported
};

struct MembershipCondition
{
    MembershipKind kind = MembershipKind::Segment;
    bool in = true;
    std::string name;
};

struct Node
{
    enum class Type
    {
        Group,
        Trait,
        Event,
        Membership,
    };
    Type type = Type::Group;
    GroupMode mode = GroupMode::All; ///< Group
    std::vector<Node> children;      ///< Group
    TraitCondition trait;
    EventCondition event;
    MembershipCondition membership;

    static Node group(GroupMode mode, std::vector<Node> children = {});
    static Node traitCondition(TraitCondition c);
    static Node eventCondition(EventCondition c);
    static Node membershipCondition(MembershipCondition c);
};

struct Rule
{
    Node root; ///< always a group
};

const char *opName(Op op);
std::optional<Op> opFromName(const std::string &name);
const char *groupModeName(GroupMode mode);
std::optional<GroupMode> groupModeFromName(const std::string &name);
const char *countOpName(CountOp op);
std::optional<CountOp> countOpFromName(const std::string &name);
const char *membershipKindName(MembershipKind kind);
std::optional<MembershipKind> membershipKindFromName(const std::string &name);

} // namespace awb::segments
