// SPDX-License-Identifier: GPL-3.0-or-later
// Small hand-written JSON appenders for the sample generator's hot path (no allocation per value); strings
// are appended by awb::appendJsonString.
#pragma once

#include "common/JsonText.h"

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace awb::sample::json {

inline void appendInt(std::string &out, std::int64_t v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

/// Appends an amount in cents as a decimal with two digits: 1999 -> 19.99, 5 -> 0.05, -250 -> -2.50.
inline void appendCents(std::string &out, std::int64_t cents)
{
    if (cents < 0) {
        out.push_back('-');
        cents = -cents;
    }
    appendInt(out, cents / 100);
    out.push_back('.');
    out.push_back(static_cast<char>('0' + (cents % 100) / 10));
    out.push_back(static_cast<char>('0' + cents % 10));
}

/// Appends "key": (the key is a trusted ASCII literal, not escaped).
inline void appendKey(std::string &out, std::string_view key)
{
    out.push_back('"');
    out.append(key);
    out.append("\":");
}

} // namespace awb::sample::json
