// SPDX-License-Identifier: GPL-3.0-or-later
// Checks a rule against the traits, catalog columns and saved names of a workspace; messages name the bad
// part ("rule.conditions[2].op: ...").
#pragma once

#include "common/Result.h"
#include "segments/Rule.h"
#include "traits/TraitTable.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace awb::segments {

/// Longest window of a rule, in days (about 270 years): longer ones are refused, which keeps "now minus N
/// days" far from the limits of the millisecond times it is computed in.
inline constexpr std::int64_t kMaxRuleDays = 100'000;

struct ValidationContext
{
    std::vector<traits::TraitInfo> traits; ///< traits::availableTraits(catalog columns) or table.infos()
    std::vector<std::string> catalogColumns;
    /// Whether a catalog column has a value (per-value traits); empty = not checked.
    std::function<bool(const std::string &column, const std::string &value)> hasValue;
    /// Known names for membership conditions; nullopt = not checked.
    std::optional<std::vector<std::string>> segments;
    std::optional<std::vector<std::string>> audiences;
    std::optional<std::vector<std::string>> exportedAudiences;
};

/// InvalidInput naming the first bad part: an unknown trait (or profile attribute) or catalog column, an
/// operator that does not apply to the trait's kind, a missing or extra value, a value of the wrong type (a
/// date that does not parse, a text for a number), an empty event name, a bad count or window, an unknown
/// membership name.
Result<void> validateRule(const Rule &rule, const ValidationContext &context);

/// The first problem of a trait condition on a trait of that kind (an operator that does not apply, a
/// missing or extra value, a value of the wrong type), naming path; empty when there is none.
std::string traitConditionError(const TraitCondition &c, const traits::TraitInfo &info,
                                const std::string &path);

/// Start and end (exclusive) in UTC ms of a rule date value: a date "YYYY-MM-DD" covers its whole day, a
/// time one millisecond. nullopt when the text is neither.
std::optional<std::pair<std::int64_t, std::int64_t>> dateRange(const std::string &text);

/// Whether a trait id takes a catalog column and value ("value_purchases", "value_spend",
/// "value_last_purchase").
bool isPerValueTrait(const std::string &id);

} // namespace awb::segments
