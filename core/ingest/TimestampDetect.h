// SPDX-License-Identifier: GPL-3.0-or-later
// Which time format a column's values are written in, detected from sample values: the built-in reader
// (ISO 8601, "YYYY-MM-DD HH:MM:SS ±hhmm", Unix seconds / milliseconds) or one of the explicit formats of
// knownTimestampFormats(). Month-first and day-first dates whose days are all 12 or less are ambiguous.
#pragma once

#include "common/Result.h"

#include <string>
#include <vector>

namespace awb::ingest {

struct CsvMapping;

struct TimestampDetection
{
    enum class Outcome
    {
        Detected,  ///< format reads every sample
        Ambiguous, ///< candidates each read every sample (month first / day first); the user must choose
        Unknown,   ///< no known format reads every sample (or there was no sample)
    };
    Outcome outcome = Outcome::Unknown;
    std::string format;                  ///< Detected: the format ("" = the built-in reader)
    std::vector<std::string> candidates; ///< Ambiguous: the formats to choose from, month first first
    std::string example;                 ///< a sample value: Ambiguous, one fitting both; Unknown, one unread
    std::size_t samples = 0;             ///< non-empty values looked at
};

/// The explicit formats detection tries (parseTimestamp(text, format) syntax), besides the built-in reader.
const std::vector<std::string> &knownTimestampFormats();

/// Detects the format of samples (blank values are ignored). The first format, in the order of
/// knownTimestampFormats (with "%Y%m%d" before the built-in reader, whose Unix seconds would read such
/// dates as 1970), that reads every sample wins, except that when both a month-first and a day-first
/// format read them all the result is Ambiguous with both.
TimestampDetection detectTimestampFormat(const std::vector<std::string> &samples);

/// Reads up to maxRows values of mapping.timestampColumn from factFile (or, for a "lookup.column"
/// reference, from that lookup's file; relative = next to factFile) and detects their format. Errors name
/// the file or the column it lacks.
Result<TimestampDetection> detectCsvTimestampFormat(const std::string &factFile, const CsvMapping &mapping,
                                                    std::size_t maxRows = 1000);

/// "month first" / "day first" / "" for a format, to label ambiguous candidates.
std::string timestampFormatOrder(const std::string &format);

} // namespace awb::ingest
