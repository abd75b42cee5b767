// SPDX-License-Identifier: GPL-3.0-or-later
// A segment rule compiled to one portable SELECT over awb.traits and the source's event tables (warehouse
// mode): trait conditions filter the narrow traits table; an event condition is a grouped semi-join on the
// person (at_least, exactly N > 0) or an anti-join (never, at_most, exactly 0), so people without events
// count; all / any / none are AND / OR / NOT. Membership of an audience of the warehouse is a semi-join on
// awb.audience_memberships (its control group too, as locally); of a saved segment, that segment's own rule
// compiled in place (as the local engine evaluates it again). Every leaf is NULL-free, so NOT never drops a
// person whose trait is not set. Values are bound parameters only. Semantics are those of the local engine
// (segments/Rule.h), including SQLite's ordering of numbers before text when a property filter compares the
// other kind.
#pragma once

#include "common/Result.h"
#include "segments/Rule.h"
#include "warehouse/PgConnection.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace awb::warehouse {

struct SourceTables;

struct CompiledRule
{
    std::string where; ///< a condition on the row "t" of awb.traits
    std::vector<PgParam> params;
    std::string byteOrder; ///< SourceTables::byteOrder

    /// SELECT count(*) of the people who match.
    std::string countSql() const;
    /// The person keys of the people who match, in order.
    std::string membersSql() const;
};

/// InvalidInput naming the part for what warehouse mode does not compute yet (a trait outside
/// warehouseTraitIds(), a products[] filter, membership of exported audiences), or a saved segment missing or
/// referring to itself. The rule must be validated. eventTables: awb.event_sources as read from the warehouse
/// (event name -> its tables); savedSegments: the rules saved in awb.segments, by name.
Result<CompiledRule> compileRule(const segments::Rule &rule, const SourceTables &source,
                                 const std::vector<std::pair<std::string, std::string>> &eventTables,
                                 std::int64_t nowMs,
                                 const std::map<std::string, segments::Rule> &savedSegments = {});

/// awb.event_sources, read once per count. Throws PgError.
std::vector<std::pair<std::string, std::string>> readEventSources(PgConnection &pg);

/// The rules of the segments saved in the warehouse from the source schema (awb.segments), by name; none
/// before the first save. A stored rule that does not parse is left out. Throws PgError.
std::map<std::string, segments::Rule> readSavedSegments(PgConnection &pg, const std::string &schema);

/// The names of the audiences created from the source schema (awb.audiences), none before the first.
std::vector<std::string> readAudienceNames(PgConnection &pg, const std::string &schema);

} // namespace awb::warehouse
