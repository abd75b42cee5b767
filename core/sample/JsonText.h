// SPDX-License-Identifier: GPL-3.0-or-later
// Small hand-written JSON appenders for the sample generator's hot path (no allocation per value).
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace awb::sample::json {

/// Appends s as a JSON string literal. s must be UTF-8 (passed through unchanged); quotes, backslashes and
/// control characters are escaped (RFC 8259 section 7).
inline void appendString(std::string &out, std::string_view s)
{
    static constexpr char kHex[] = "0123456789abcdef";
    out.push_back('"');
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') {
            continue;
        }
        out.append(s.data() + start, i - start);
        start = i + 1;
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\t':
            out.append("\\t");
            break;
        case '\r':
            out.append("\\r");
            break;
        default:
            out.append("\\u00");
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0xf]);
        }
    }
    out.append(s.data() + start, s.size() - start);
    out.push_back('"');
}

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
