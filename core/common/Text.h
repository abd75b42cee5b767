// SPDX-License-Identifier: GPL-3.0-or-later
// Small text helpers shared by the importers, the catalog reader and the exporters.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace awb {

/// Space, tab, line feed, carriage return, form feed or vertical tab.
constexpr bool isAsciiSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// s without leading and trailing ASCII white space.
constexpr std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && isAsciiSpace(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && isAsciiSpace(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

/// The finite number a whole text holds, white space around it allowed ("12.5", " 3 ", "1e3"; not "12 kg",
/// "", "inf"). How a property's text becomes a number, in the importer and in the warehouse alike.
inline std::optional<double> parseNumber(std::string_view s)
{
    s = trimmed(s);
    double d = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(d)) {
        return std::nullopt;
    }
    return d;
}

/// "[3,17,42]": a list of ids as one bound parameter, read in SQL as IN (SELECT value FROM json_each(?)).
inline std::string jsonArrayOf(const std::vector<std::int32_t> &values)
{
    std::string out = "[";
    for (const std::int32_t v : values) {
        out += (out.size() > 1 ? "," : "") + std::to_string(v);
    }
    return out + "]";
}

/// n in decimal with a comma between groups of three digits ("3,317"), as the reports print counts.
inline std::string withThousands(std::int64_t n)
{
    const auto magnitude = static_cast<unsigned long long>(n);
    std::string digits = std::to_string(n < 0 ? 0ULL - magnitude : magnitude);
    for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3) {
        digits.insert(static_cast<std::size_t>(at), 1, ',');
    }
    return n < 0 ? "-" + digits : digits;
}

} // namespace awb
