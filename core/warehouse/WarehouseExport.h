// SPDX-License-Identifier: GPL-3.0-or-later
// A warehouse segment's or audience's members written as an export preset's CSV (warehouse mode): the members
// saved in awb.segment_members (in person-key order) or awb.audience_memberships (by rank, the control group
// left out) stream out of the warehouse through a cursor, with their user id,
// anonymous ids and the `users` table's columns as attributes (Segment's flattened traits: email, first_name,
// phone, city, ...), and go through the same formatter and writer as a local export (normalising, hashing,
// formula neutralisation, an atomic file replace).
#pragma once

#include "common/Result.h"
#include "export/ExportPresets.h"
#include "jobs/Progress.h"
#include "segments/SegmentExport.h"

#include <string>
#include <vector>

namespace awb::warehouse {

struct WarehouseExportRequest
{
    std::string segment;  ///< a segment saved in the warehouse (awb segment save), or
    std::string audience; ///< an audience created there (awb audience create): its members outside the
                          ///< control group, best first
    std::string preset;   ///< exports::presetList() id
    std::vector<std::string> columns = exports::segmentGenericColumns(); ///< the generic preset's columns
    std::string outFile;
    std::string defaultCountry; ///< completes national phone numbers (empty: they must be international)
};

/// NotFound for a segment never saved or an audience never created; InvalidInput for a bad preset; Io for the
/// file; Database for the warehouse; Cancelled when progress is (the file is left as it was). Local
/// suppression lists do not apply: the warehouse has none yet.
Result<segments::ExportCounts> exportMembers(const std::string &uri, const WarehouseExportRequest &request,
                                             ProgressSink &progress = ProgressSink::null());

} // namespace awb::warehouse
