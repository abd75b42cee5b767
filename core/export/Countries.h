// SPDX-License-Identifier: GPL-3.0-or-later
// Country codes, names and calling codes, and US state names, for the export normaliser.
#pragma once

#include <string>
#include <string_view>

namespace awb::exports {

/// ISO 3166-1 alpha-2 code (lower case) of a country written as a code or a common English or native name
/// ("GB", "gbr", "United Kingdom", "uk", "Deutschland"); key must already be lower case with single spaces
/// and no dots. Any other two-letter code is taken as it is; unknown names give "".
std::string countryCode(std::string_view key);

/// The international calling code of a country ("44" for "gb"), or "" when not in the table.
std::string_view callingCode(std::string_view alpha2);

/// Two-letter code (lower case) of a US state or territory given by its full name in lower case without
/// spaces ("newyork" -> "ny"), or "" when it is not one.
std::string_view usStateCode(std::string_view lettersOnly);

} // namespace awb::exports
