// SPDX-License-Identifier: GPL-3.0-or-later
// One trait condition over one column of the trait table, as a bitset of rows (internal to segments).
#pragma once

#include "segments/Bitset.h"
#include "segments/Rule.h"
#include "traits/TraitTable.h"

#include <optional>
#include <utility>

namespace awb::segments {

/// The rows of column that pass condition (op and values already validated for the column's kind),
/// relative dates measured from nowMs. Semantics: see Rule.h.
Bitset evaluateTraitCondition(const traits::TraitColumn &column, const TraitCondition &condition,
                              std::int64_t nowMs);

/// The end (exclusive, UTC ms) of "more than days ago": a time before it is at least floor(days) + 1 whole
/// days before nowMs, so the condition selects the profiles whose whole days since that time exceed days.
std::int64_t moreThanDaysAgoEnd(std::int64_t nowMs, double days);

/// The times [first, second) (UTC ms) a date condition selects (validated condition), for every op but
/// is_not_set (nullopt). A date not set never falls inside.
std::optional<std::pair<std::int64_t, std::int64_t>> dateBounds(const TraitCondition &condition, std::int64_t nowMs);

/// s with ASCII letters in lower case (contains / starts_with compare this way).
std::string asciiLower(std::string s);

} // namespace awb::segments
