// SPDX-License-Identifier: GPL-3.0-or-later
// Reads a suppression list from CSV: a Mailchimp unsubscribed or cleaned export, an ESP's bounce list, or a
// hand-made file with an e-mail and/or a user id column and an optional reason column.
#pragma once

#include "common/Result.h"
#include "store/SuppressionRepository.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace awb {
class ProgressSink;
}

namespace awb::ingest {

struct SuppressionFile
{
    std::vector<store::Suppression> entries; ///< in file order (source set, addedAtMs left 0)
    std::int64_t rows = 0;                   ///< data rows read (blank lines not counted)
    std::int64_t badRows = 0;
    std::vector<std::string> badRowMessages; ///< the first ones: "FILE:LINE: why"
    std::string emailColumn;                 ///< header of the e-mail column, empty = none
    std::string userIdColumn;                ///< likewise
    std::string reasonFrom; ///< where the reasons come from ("column 'reason'", "--reason", ...)
};

/// Reads path (comma, semicolon or tab separated, chosen from the header line; .gz / .xz accepted).
/// Columns: the e-mail one is recognised as store::ProfileField::Email ("Email Address", "email",
/// "E-mail"), the user id one by store::userIdColumnRank; at least one must exist, else InvalidInput naming
/// FILE:1. Reasons, per row: the "reason" / "status" / "type" column when the file has one (an empty cell
/// takes reason), else reason, else guessed from a Mailchimp header (UNSUB_TIME: unsubscribed, CLEAN_TIME:
/// bounced), else Other. Bad rows (malformed CSV, an e-mail that is not an address, an unknown reason,
/// neither key) are counted and described with FILE:LINE; the keys of a row that are valid are kept.
/// Cancellable (Error::Code::Cancelled); progress in bytes.
Result<SuppressionFile> readSuppressionCsv(const std::string &path,
                                           std::optional<store::SuppressionReason> reason,
                                           ProgressSink &progress);

} // namespace awb::ingest
