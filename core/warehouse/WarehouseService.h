// SPDX-License-Identifier: GPL-3.0-or-later
// What `awb` does against a warehouse (warehouse mode, issue 16), for the command line and the tests: write a
// workspace's events in Segment's layout, refresh the traits, count a rule's members. Each call opens its own
// connection; errors come back as Result (Database, naming the statement). A cancelled progress stops the
// running statement on the server (Cancelled; what was being written is rolled back).
#pragma once

#include "common/Result.h"
#include "jobs/Progress.h"
#include "segments/Rule.h"
#include "warehouse/SegmentLayoutWriter.h"
#include "warehouse/WarehouseTraits.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace awb::warehouse {

struct WarehouseSummary
{
    std::string schema;
    std::int64_t people = 0;
    std::int64_t nowMs = 0;
    std::vector<std::string> events; ///< event names rules may count, by name
    std::map<std::string, double>
        largest; ///< each number trait's largest absolute value (0 when none is set)
};

/// Connects, checks the source schema holds Segment's layout and computes the traits when they never were (as
/// of just after the latest event); what a window opened on the warehouse shows and offers.
Result<WarehouseSummary> openWarehouse(const std::string &uri, ProgressSink &progress = ProgressSink::null());

/// Writes the workspace's events into the first schema of the URI's search_path.
Result<LayoutCounts> publishWorkspace(const std::string &workspacePath, const std::string &uri);

/// What the warehouse reads from the source schema: the stored mapping, defaults where none is stored.
Result<SourceMapping> sourceMapping(const std::string &uri);
/// Stores what the warehouse reads from the source schema (the order and refund events, the order value's
/// columns, the identity columns, the profile table); InvalidInput naming a column or table the schema does
/// not have. The next count or refresh joins the people and computes the traits with it.
Result<void> setSourceMapping(const std::string &uri, const SourceMapping &mapping);

/// Rebuilds the people and traits as of asOfMs (default: just after the latest event).
Result<WarehouseTraitsInfo> refreshTraits(const std::string &uri, std::optional<std::int64_t> asOfMs,
                                          ProgressSink &progress = ProgressSink::null());

struct WarehouseCount
{
    std::int64_t matching = 0;
    std::int64_t people = 0;
    std::int64_t nowMs = 0;
    std::vector<std::string> members; ///< person keys in order, when asked for
};

/// The people a validated rule selects, as of asOfMs; the traits are refreshed first when they were computed
/// for another time or never.
Result<WarehouseCount> countRule(const std::string &uri, const segments::Rule &rule,
                                 std::optional<std::int64_t> asOfMs, bool withMembers,
                                 ProgressSink &progress = ProgressSink::null());

struct SavedMembership
{
    std::int64_t members = 0;
    std::int64_t entered = 0; ///< not members of the previous snapshot
    std::int64_t exited = 0;  ///< members of the previous snapshot, not of this one
    std::int64_t nowMs = 0;
};

/// Saves a validated rule as segment name in the warehouse and writes its members there with INSERT ...
/// SELECT (no person key leaves the warehouse): awb.segments(name, rule_json, as_of_ms, saved_at_ms),
/// awb.segment_members(segment_name, person_key) replaced in one transaction, and the difference with the
/// previous snapshot appended to awb.segment_membership_log(segment_name, person_key, at_ms, event_type
/// 'enter' | 'exit'), computed in the warehouse with EXCEPT.
Result<SavedMembership> saveSegment(const std::string &uri, const std::string &name,
                                    const segments::Rule &rule, std::optional<std::int64_t> asOfMs,
                                    ProgressSink &progress = ProgressSink::null());

} // namespace awb::warehouse
