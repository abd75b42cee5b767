// SPDX-License-Identifier: GPL-3.0-or-later
// Parsing of event timestamps into UTC milliseconds since the Unix epoch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace awb::ingest {

/// Accepts ISO 8601 dates and date-times with or without fractions and zone (Z, +hh:mm, +hhmm, +hh),
/// "YYYY-MM-DD HH:MM[:SS]", a plain date, and Unix times as integers or decimals (seconds below 1e11,
/// milliseconds from 1e11 on). Times without a zone are taken as UTC. Returns nullopt when the text is
/// not a valid time (including impossible dates such as 2021-02-30).
std::optional<std::int64_t> parseTimestamp(std::string_view text);

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil).
std::int64_t daysFromCivil(int year, unsigned month, unsigned day);

/// Formats UTC milliseconds as ISO 8601 "YYYY-MM-DDTHH:MM:SS.mmmZ".
std::string formatTimestamp(std::int64_t ms);

} // namespace awb::ingest

// --- Explicit formats, for CSV columns (added for the CSV importer) ---------------------------------------
namespace awb::ingest {

/// Parses text with a small strftime-like format. Directives: %Y (4-digit year), %y (2 digits, 69-99 ->
/// 19xx), %m %d %e %H %I %M %S (1 or 2 digits), %b / %B (English month name or abbreviation), %p (AM / PM),
/// %f (1-9 fraction digits), %z (Z, +hh, +hhmm, +hh:mm), %s (Unix seconds), %T (= %H:%M:%S), %% (a '%').
/// A space in the format matches one or more spaces or tabs; other characters match themselves; leading
/// and trailing spaces of text are ignored. Times without %z / %s are taken as UTC. Returns nullopt for
/// text that does not match or an impossible date or time.
std::optional<std::int64_t> parseTimestamp(std::string_view text, std::string_view format);

/// Whether times parsed with format fix their instant by themselves (%z or %s), so no time zone applies.
bool timestampFormatHasZone(std::string_view format);

/// Whether a time accepted by parseTimestamp(text) names its zone or offset, or is a Unix time.
bool timestampHasZone(std::string_view text);

/// Empty when format is usable by parseTimestamp(text, format), else a message naming the problem.
std::string checkTimestampFormat(std::string_view format);

} // namespace awb::ingest
