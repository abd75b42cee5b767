// SPDX-License-Identifier: GPL-3.0-or-later
// Event conditions, counted in the store: one query per condition, every value bound as a parameter and
// the SQL text built only from fixed fragments (internal to segments).
#pragma once

#include "segments/Bitset.h"
#include "segments/Rule.h"
#include "traits/TraitTable.h"

#include <utility>

namespace awb::store {
class Database;
}

namespace awb::segments {

/// The rows of table whose profiles performed the event as the condition says (validated condition;
/// semantics in Rule.h), counting events before table.nowMs. Throws StoreError.
Bitset evaluateEventCondition(store::Database &db, const traits::TraitTable &table,
                              const EventCondition &condition);

/// The times [first, second) (UTC ms) whose events a condition counts: its window, and never from now on.
std::pair<std::int64_t, std::int64_t> eventWindow(const EventCondition &condition, std::int64_t nowMs);

/// The SQLite JSON path of a property key: "address.city" -> $."address"."city" (keys never hold quotes:
/// the validator refuses them).
std::string jsonPath(const std::string &key);

} // namespace awb::segments
