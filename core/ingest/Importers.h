// SPDX-License-Identifier: GPL-3.0-or-later
// The per-format importers ImportService dispatches to. Each streams one file through an EventWriter.
#pragma once

#include "common/Result.h"

#include <cstdint>
#include <string>

namespace awb {
class ProgressSink;
}

namespace awb::ingest {

class EventWriter;
class InputFile;
struct CsvMapping;
struct ImportReport;

/// State shared by the importers of one run.
struct ImportContext
{
    EventWriter &writer;
    ImportReport &report;
    ProgressSink &progress;
    std::int64_t progressBase = 0; ///< bytes of earlier files, added to this file's position

    /// Counts the n-th row read from file; every few thousand rows reports the position read so far.
    /// False when the user cancelled.
    bool rowRead(std::int64_t n, const InputFile &file);
};

/// Segment-spec JSON lines: one call per line (track / identify / page / screen) or {"batch":[...]} lines.
/// Bad lines are rejected into ctx.report with their line number and the import goes on. Returns
/// Error::Code::Cancelled when ctx.progress is cancelled, or an error for a problem with the whole file.
Result<void> importJsonLines(InputFile &file, ImportContext &ctx);

/// A CSV event log read through a column mapping. A mapped column missing from the header is an error for
/// the whole file; bad rows are rejected with their line number.
Result<void> importCsv(InputFile &file, const CsvMapping &mapping, ImportContext &ctx);

/// A profiles CSV: one row per person, joined on the user id column keyColumn (empty: the header that
/// reads most like a user id). Recognised headers (store/ProfileFields.h) set the profile's fields, other
/// columns custom attributes; empty cells change nothing. A profile is created for an unknown user id.
/// Rows without a user id or with an unreadable consent value are rejected with their line number.
Result<void> importProfilesCsv(InputFile &file, const std::string &keyColumn, ImportContext &ctx);

} // namespace awb::ingest
