// SPDX-License-Identifier: GPL-3.0-or-later
// Builds the members of a JSON object ("k":v,"k2":v2) from CSV values: escaping, numbers, lists.
#pragma once

#include "common/JsonText.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

namespace awb::ingest::csvjson {

/// Whether s is a number in JSON's own grammar without leading zeros ("12", "-0.5", "1e3"; not "007",
/// ".5", "1.", "NaN"), short enough to survive a double. Such CSV values are stored as JSON numbers.
inline bool isJsonNumber(std::string_view s)
{
    if (s.empty() || s.size() > 20) {
        return false;
    }
    std::size_t i = s[0] == '-' ? 1 : 0;
    auto digits = [&] {
        const std::size_t start = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            ++i;
        }
        return i - start;
    };
    const std::size_t intStart = i;
    const std::size_t intDigits = digits();
    if (intDigits == 0 || (intDigits > 1 && s[intStart] == '0')) {
        return false;
    }
    if (i < s.size() && s[i] == '.') {
        ++i;
        if (digits() == 0) {
            return false;
        }
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
            ++i;
        }
        if (digits() == 0) {
            return false;
        }
    }
    if (i != s.size()) {
        return false;
    }
    // In range for the readers too: simdjson refuses an integer beyond 64 bits and a number beyond a double
    // ("92233720368547758071", "1e999"), so those stay strings, digits intact.
    const char *end = s.data() + s.size();
    if (s.find_first_of(".eE") == std::string_view::npos) {
        std::int64_t integer = 0;
        return std::from_chars(s.data(), end, integer).ec == std::errc();
    }
    double number = 0;
    const auto parsed = std::from_chars(s.data(), end, number);
    return parsed.ec == std::errc() && std::isfinite(number);
}

/// Appends a finite double in its shortest round-trip form (money sums are rounded to 1e-6 first).
inline void appendNumber(std::string &out, double value)
{
    if (!std::isfinite(value)) {
        out += "null";
        return;
    }
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, res.ptr);
}

inline double roundMoney(double value)
{
    return std::round(value * 1e6) / 1e6;
}

/// Members of one JSON object under construction. Keys must be unique (callers resolve clashes up front).
class Members
{
public:
    void clear() { m_text.clear(); }
    bool empty() const { return m_text.empty(); }
    const std::string &text() const { return m_text; }
    std::string object() const { return "{" + m_text + "}"; }

    void addString(std::string_view key, std::string_view value)
    {
        this->key(key);
        appendJsonString(m_text, value);
    }
    void addNumber(std::string_view key, double value)
    {
        this->key(key);
        appendNumber(m_text, value);
    }
    void addBool(std::string_view key, bool value)
    {
        this->key(key);
        m_text += value ? "true" : "false";
    }
    /// A number when value looks like one, else a string.
    void addAuto(std::string_view key, std::string_view value)
    {
        this->key(key);
        if (isJsonNumber(value)) {
            m_text += value;
        } else {
            appendJsonString(m_text, value);
        }
    }
    /// Appends already-rendered members ("k":v,...).
    void addMembers(std::string_view members)
    {
        if (members.empty()) {
            return;
        }
        if (!m_text.empty()) {
            m_text += ',';
        }
        m_text += members;
    }

private:
    void key(std::string_view key)
    {
        if (!m_text.empty()) {
            m_text += ',';
        }
        appendJsonString(m_text, key);
        m_text += ':';
    }
    std::string m_text;
};

} // namespace awb::ingest::csvjson
