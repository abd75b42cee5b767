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
