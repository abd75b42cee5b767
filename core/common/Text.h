// SPDX-License-Identifier: GPL-3.0-or-later
// Small text helpers shared by the importers, the catalog reader and the exporters.
#pragma once

#include <string_view>

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

} // namespace awb
