// SPDX-License-Identifier: GPL-3.0-or-later
// The stable, versioned JSON form of a rule. Example:
//
//   {"version": 1,
//    "rule": {"type": "all", "conditions": [
//      {"type": "trait", "trait": "total_spend", "op": ">=", "value": 2000},
//      {"type": "trait", "trait": "last_purchase", "op": "more_than_days_ago", "value": 45},
//      {"type": "trait", "trait": "value_purchases", "column": "Category", "columnValue": "Skincare",
//       "op": "between", "value": [2, 10]},
//      {"type": "event", "event": "Product Viewed", "where": [{"property": "category", "op": "is",
//       "value": "Skincare"}], "count": "at_least", "times": 3, "withinLastDays": 30},
//      {"type": "event", "event": "Order Completed", "count": "never", "from": "2026-01-01", "to":
//      "2026-01-31"},
//      {"type": "membership", "kind": "audience", "in": false, "name": "Beauty 5%"},
//      {"type": "none", "conditions": [ ... ]}]}}
//
// Groups are "all", "any" or "none"; ops and kinds are the names of Rule.h (opName ...). "value" is a
// scalar, or an array for between (two) and in (one or more); absent for is_set / is_not_set. Writing sorts
// keys, so equal rules give byte-identical JSON. Reading rejects unknown keys and wrong types with a
// message naming the part ("rule.conditions[2].op: ...").
#pragma once

#include "common/Result.h"
#include "segments/Rule.h"

#include <string>
#include <string_view>

namespace awb::segments {

std::string ruleToJson(const Rule &rule, bool indented = false);
/// InvalidInput naming the bad part; a version newer than kRuleVersion is refused.
Result<Rule> ruleFromJson(std::string_view json);

} // namespace awb::segments
