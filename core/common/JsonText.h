// SPDX-License-Identifier: GPL-3.0-or-later
// Writing JSON text by hand where a document object would cost an allocation per value: the sample generator,
// the CSV importer's properties, the exporters' id columns, the warehouse's flattened rows.
#pragma once

#include <string>
#include <string_view>

namespace awb {

/// Appends s as a JSON string literal. s must be UTF-8 (passed through unchanged); quotes, backslashes and
/// control characters are escaped (RFC 8259 section 7: \n, \r and \t by name, the others as \u00XX).
inline void appendJsonString(std::string &out, std::string_view s)
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

} // namespace awb
