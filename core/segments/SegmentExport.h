// SPDX-License-Identifier: GPL-3.0-or-later
// Writes a segment's profiles as CSV rows with an export preset (the audience export's formatter).
#pragma once

#include "common/Result.h"
#include "segments/Bitset.h"
#include "traits/TraitTable.h"

#include <string>
#include <vector>

namespace awb {
class ProgressSink;
}
namespace awb::store {
class Database;
}
namespace awb::exports {
class CsvWriter;
class RowFormatter;
class TraitReader;
struct MemberRecord;
} // namespace awb::exports

namespace awb::segments {

struct ExportCounts
{
    std::int64_t members = 0;
    std::int64_t written = 0;
    std::int64_t skipped = 0; ///< lacking the identifier the preset needs, or left out for consent
    std::int64_t leftOut = 0; ///< of skipped: left out by the formatter's consent filter
};

/// Fills member's fields from its attributes, formats it and writes its row when it has what the preset needs
/// and the consent filter lets it through; counts it as written or skipped (members is the caller's to count).
void writeMember(exports::MemberRecord &member, exports::TraitReader &traits, const exports::RowFormatter &formatter,
                 exports::CsvWriter &writer, ExportCounts &counts, std::vector<std::string> &cells);

/// Reads each matching profile (ascending id; rank = position, score 0), formats it and writes the rows
/// that have what the preset needs and that its consent filter (if any) does not leave out. Cancelled when
/// progress is. Throws StoreError.
Result<ExportCounts> writeSegmentMembers(store::Database &db, const traits::TraitTable &table,
                                         const Bitset &rows, const exports::RowFormatter &formatter,
                                         exports::CsvWriter &writer, ProgressSink &progress);

} // namespace awb::segments
