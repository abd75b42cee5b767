// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/Rule.h"

#include <array>
#include <utility>

namespace awb::segments {

namespace {

template <typename E, std::size_t N>
const char *nameOf(const std::array<std::pair<E, const char *>, N> &names, E value)
{
    for (const auto &[e, name] : names) {
        if (e == value) {
            return name;
        }
    }
    return "";
}

template <typename E, std::size_t N>
std::optional<E> fromName(const std::array<std::pair<E, const char *>, N> &names, const std::string &name)
{
    for (const auto &[e, n] : names) {
        if (name == n) {
            return e;
        }
    }
    return std::nullopt;
}

constexpr std::array<std::pair<Op, const char *>, 20> kOps = {{
    {Op::Eq, "="},
    {Op::Ne, "!="},
    {Op::Lt, "<"},
    {Op::Le, "<="},
    {Op::Gt, ">"},
    {Op::Ge, ">="},
    {Op::Between, "between"},
    {Op::Is, "is"},
    {Op::IsNot, "is_not"},
    {Op::Contains, "contains"},
    {Op::StartsWith, "starts_with"},
    {Op::In, "in"},
    {Op::IsSet, "is_set"},
    {Op::IsNotSet, "is_not_set"},
    {Op::Before, "before"},
    {Op::After, "after"},
    {Op::WithinLastDays, "within_last_days"},
    {Op::MoreThanDaysAgo, "more_than_days_ago"},
    {Op::IsTrue, "is_true"},
    {Op::IsFalse, "is_false"},
}};

constexpr std::array<std::pair<GroupMode, const char *>, 3> kModes = {{
    {GroupMode::All, "all"},
    {GroupMode::Any, "any"},
    {GroupMode::None, "none"},
}};

constexpr std::array<std::pair<CountOp, const char *>, 4> kCounts = {{
    {CountOp::AtLeast, "at_least"},
    {CountOp::AtMost, "at_most"},
    {CountOp::Exactly, "exactly"},
    {CountOp::Never, "never"},
}};

constexpr std::array<std::pair<MembershipKind, const char *>, 3> kKinds = {{
    {MembershipKind::Segment, "segment"},
    {MembershipKind::Audience, "audience"},
    {MembershipKind::Exported, "exported"},
}};

} // namespace

Node Node::group(GroupMode mode, std::vector<Node> children)
{
    Node n;
    n.type = Type::Group;
    n.mode = mode;
    n.children = std::move(children);
    return n;
}

Node Node::traitCondition(TraitCondition c)
{
    Node n;
    n.type = Type::Trait;
    n.trait = std::move(c);
    return n;
}

Node Node::eventCondition(EventCondition c)
{
    Node n;
    n.type = Type::Event;
    n.event = std::move(c);
    return n;
}

Node Node::membershipCondition(MembershipCondition c)
{
    Node n;
    n.type = Type::Membership;
    n.membership = std::move(c);
    return n;
}

const char *opName(Op op)
{
    return nameOf(kOps, op);
}

std::optional<Op> opFromName(const std::string &name)
{
    return fromName(kOps, name);
}

const char *groupModeName(GroupMode mode)
{
    return nameOf(kModes, mode);
}

std::optional<GroupMode> groupModeFromName(const std::string &name)
{
    return fromName(kModes, name);
}

const char *countOpName(CountOp op)
{
    return nameOf(kCounts, op);
}

std::optional<CountOp> countOpFromName(const std::string &name)
{
    return fromName(kCounts, name);
}

const char *membershipKindName(MembershipKind kind)
{
    return nameOf(kKinds, kind);
}

std::optional<MembershipKind> membershipKindFromName(const std::string &name)
{
    return fromName(kKinds, name);
}

} // namespace awb::segments
