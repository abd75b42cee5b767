// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/TraitConditions.h"

#include "segments/RuleValidator.h"

#include <cmath>
#include <limits>

namespace awb::segments {

namespace {

using traits::kNoDate;

double number(const Value &v)
{
    return std::get<double>(v);
}

const std::string &text(const Value &v)
{
    return std::get<std::string>(v);
}

Bitset numbers(const std::vector<double> &x, const TraitCondition &c)
{
    const std::size_t n = x.size();
    const double a = c.values.empty() ? 0.0 : number(c.values[0]);
    const double b = c.values.size() > 1 ? number(c.values[1]) : 0.0;
    // NaN (not set) fails every comparison; != and is_not_set test it explicitly.
    switch (c.op) {
    case Op::Eq:
        return Bitset::fromPredicate(n, [&](std::size_t r) { return x[r] == a; });
    case Op::Ne:
        return Bitset::fromPredicate(n, [&](std::size_t r) { return x[r] != a && !std::isnan(x[r]); });
    case Op::Lt:
        return Bitset::fromPredicate(n, [&](std::size_t r) { return x[r] < a; });
    case Op::Le:
        return Bitset::fromPredicate(n, [&](std::size_t r) { return x[r] <= a; });
    case Op::Gt:
        return Bitset::fromPredicate(n, [&](std::size_t r) { return x[r] > a; });
    case Op::Ge:
        return Bitset::fromPredicate(n, [&](std::size_t r) { return x[r] >= a; });
    case Op::Between:
        return Bitset::fromPredicate(n, [&](std::size_t r) { return x[r] >= a && x[r] <= b; });
    case Op::IsSet:
        return Bitset::fromPredicate(n, [&](std::size_t r) { return !std::isnan(x[r]); });
    case Op::IsNotSet:
        return Bitset::fromPredicate(n, [&](std::size_t r) { return std::isnan(x[r]); });
    default:
        return Bitset(n);
    }
}

// Dates: [lo, hi) in ms; a not-set date (kNoDate, the smallest int64) is never inside.
Bitset dateWindow(const std::vector<std::int64_t> &d, std::int64_t lo, std::int64_t hi)
{
    return Bitset::fromPredicate(d.size(),
                                 [&](std::size_t r) { return d[r] != kNoDate && d[r] >= lo && d[r] < hi; });
}

std::int64_t daysBefore(std::int64_t nowMs, const Value &days)
{
    return nowMs - std::llround(number(days) * static_cast<double>(traits::kDayMs));
}

} // namespace

std::int64_t moreThanDaysAgoEnd(std::int64_t nowMs, double days)
{
    // Whole days, as the "days since" traits count them: floor((now - t) / day) > N <=> t <= now - (floor(N)
    // + 1) days, so "last purchase more than N days ago" and "days since last purchase more than N" are the
    // same people.
    return nowMs - std::llround((std::floor(days) + 1) * static_cast<double>(traits::kDayMs)) + 1;
}

namespace {

Bitset dates(const std::vector<std::int64_t> &d, const TraitCondition &c, std::int64_t nowMs)
{
    if (c.op == Op::IsNotSet) {
        return Bitset::fromPredicate(d.size(), [&](std::size_t r) { return d[r] == kNoDate; });
    }
    const std::optional<std::pair<std::int64_t, std::int64_t>> bounds = dateBounds(c, nowMs);
    return bounds ? dateWindow(d, bounds->first, bounds->second) : Bitset(d.size());
}

} // namespace

std::optional<std::pair<std::int64_t, std::int64_t>> dateBounds(const TraitCondition &c, std::int64_t nowMs)
{
    constexpr std::int64_t kMin = kNoDate + 1;
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    switch (c.op) {
    case Op::Before:
        return std::pair{kMin, dateRange(text(c.values[0]))->first};
    case Op::After:
        return std::pair{dateRange(text(c.values[0]))->second, kMax};
    case Op::Between:
        return std::pair{dateRange(text(c.values[0]))->first, dateRange(text(c.values[1]))->second};
    case Op::WithinLastDays:
        return std::pair{daysBefore(nowMs, c.values[0]), kMax};
    case Op::MoreThanDaysAgo:
        return std::pair{kMin, moreThanDaysAgoEnd(nowMs, number(c.values[0]))};
    case Op::IsSet:
        return std::pair{kMin, kMax};
    default:
        return std::nullopt;
    }
}

namespace {

bool textMatches(const std::string &value, const TraitCondition &c)
{
    switch (c.op) {
    case Op::Is:
        return value == text(c.values[0]);
    case Op::IsNot:
        return value != text(c.values[0]);
    case Op::Contains:
        return asciiLower(value).find(asciiLower(text(c.values[0]))) != std::string::npos;
    case Op::StartsWith:
        return asciiLower(value).rfind(asciiLower(text(c.values[0])), 0) == 0;
    case Op::In:
        for (const Value &v : c.values) {
            if (value == text(v)) {
                return true;
            }
        }
        return false;
    case Op::IsSet:
        return true;
    default:
        return false;
    }
}

// The condition is decided once per dictionary entry, then rows look their code up.
Bitset texts(const traits::TraitColumn &column, const TraitCondition &c)
{
    const std::vector<std::int32_t> &codes = column.codes;
    if (c.op == Op::IsNotSet) {
        return Bitset::fromPredicate(codes.size(),
                                     [&](std::size_t r) { return codes[r] == traits::kNoText; });
    }
    std::vector<std::uint8_t> match(column.dictionary.size());
    for (std::size_t i = 0; i < match.size(); ++i) {
        match[i] = textMatches(column.dictionary[i], c) ? 1 : 0;
    }
    return Bitset::fromPredicate(codes.size(), [&](std::size_t r) {
        return codes[r] != traits::kNoText && match[static_cast<std::size_t>(codes[r])] != 0;
    });
}

// Booleans: code 1 = true, 0 = false, kNoText = not set (neither true nor false).
Bitset booleans(const std::vector<std::int32_t> &codes, Op op)
{
    const std::int32_t wanted = op == Op::IsTrue ? 1 : op == Op::IsFalse ? 0 : traits::kNoText;
    switch (op) {
    case Op::IsTrue:
    case Op::IsFalse:
    case Op::IsNotSet:
        return Bitset::fromPredicate(codes.size(), [&](std::size_t r) { return codes[r] == wanted; });
    case Op::IsSet:
        return Bitset::fromPredicate(codes.size(),
                                     [&](std::size_t r) { return codes[r] != traits::kNoText; });
    default:
        return Bitset(codes.size());
    }
}

} // namespace

std::string asciiLower(std::string s)
{
    for (char &ch : s) {
        if (ch >= 'A' && ch <= 'Z') {
            ch = static_cast<char>(ch - 'A' + 'a');
        }
    }
    return s;
}

Bitset evaluateTraitCondition(const traits::TraitColumn &column, const TraitCondition &condition,
                              std::int64_t nowMs)
{
    switch (column.info.kind) {
    case traits::TraitKind::Number:
        return numbers(column.numbers, condition);
    case traits::TraitKind::Date:
        return dates(column.dates, condition, nowMs);
    case traits::TraitKind::Text:
        return texts(column, condition);
    case traits::TraitKind::Boolean:
        return booleans(column.codes, condition.op);
    }
    return {};
}

} // namespace awb::segments
