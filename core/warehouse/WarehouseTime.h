// SPDX-License-Identifier: GPL-3.0-or-later
// Times cross to the warehouse as ISO 8601 text in UTC with milliseconds, and come back as milliseconds since
// the epoch computed by the warehouse (kMsOf), so both engines compare the same integers.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace awb::warehouse {

/// "2026-10-01 12:00:00.123+00" for a time in ms since the epoch (any int64 PostgreSQL's timestamptz
/// accepts).
inline std::string isoTime(std::int64_t ms)
{
    using namespace std::chrono;
    const sys_time<milliseconds> t{milliseconds(ms)};
    const sys_days day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss<milliseconds> clock{t - day};
    char text[48];
    std::snprintf(
        text, sizeof text, "%04d-%02u-%02u %02lld:%02lld:%02lld.%03lld+00", static_cast<int>(ymd.year()),
        static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
        static_cast<long long>(clock.hours().count()), static_cast<long long>(clock.minutes().count()),
        static_cast<long long>(clock.seconds().count()), static_cast<long long>(clock.subseconds().count()));
    return text;
}

/// SQL for the ms since the epoch of a timestamptz expression (exact: extract returns numeric).
inline std::string msOf(const std::string &timestamp)
{
    return "CAST(floor(extract(epoch FROM " + timestamp + ") * 1000) AS bigint)";
}

} // namespace awb::warehouse
