// SPDX-License-Identifier: GPL-3.0-or-later
// Writes a segment's profiles as CSV rows with an export preset (the audience export's formatter).
#pragma once

#include "common/Result.h"
#include "segments/Bitset.h"
#include "traits/TraitTable.h"

namespace awb {
class ProgressSink;
}
namespace awb::store {
class Database;
}
namespace awb::exports {
class CsvWriter;
class RowFormatter;
} // namespace awb::exports

namespace awb::segments {

struct ExportCounts
{
    std::int64_t members = 0;
    std::int64_t written = 0;
    std::int64_t skipped = 0; ///< lacking the identifier the preset needs, or left out for consent
    std::int64_t leftOut = 0; ///< of skipped: left out by the formatter's consent filter
};

/// Reads each matching profile (ascending id; rank = position, score 0), formats it and writes the rows
/// that have what the preset needs and that its consent filter (if any) does not leave out. Cancelled when
/// progress is. Throws StoreError.
Result<ExportCounts> writeSegmentMembers(store::Database &db, const traits::TraitTable &table,
                                         const Bitset &rows, const exports::RowFormatter &formatter,
                                         exports::CsvWriter &writer, ProgressSink &progress);

} // namespace awb::segments
