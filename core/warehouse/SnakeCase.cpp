// SPDX-License-Identifier: GPL-3.0-or-later
#include "warehouse/SnakeCase.h"

namespace awb::warehouse {

namespace {

bool isLower(char c)
{
    return c >= 'a' && c <= 'z';
}
bool isUpper(char c)
{
    return c >= 'A' && c <= 'Z';
}
bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
bool isWordChar(char c)
{
    return isLower(c) || isUpper(c) || isDigit(c);
}

} // namespace

std::string snakeCase(std::string_view name)
{
    std::string out;
    bool separate = false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (static_cast<unsigned char>(c) >= 0x80) {
            continue; // non-ASCII is dropped, not a word break
        }
        if (!isWordChar(c)) {
            separate = !out.empty();
            continue;
        }
        if (isUpper(c) && !out.empty()) {
            const char prev = name[i - 1];
            const bool afterLower = isLower(prev) || isDigit(prev);
            const bool endsAcronym = isUpper(prev) && i + 1 < name.size() && isLower(name[i + 1]);
            separate = separate || afterLower || endsAcronym;
        }
        if (separate) {
            out += '_';
            separate = false;
        }
        out += isUpper(c) ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

std::string sqlName(std::string_view identifier)
{
    std::string out = "\"";
    for (const char c : identifier) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

std::string sqlText(std::string_view constant)
{
    std::string out = "'";
    for (const char c : constant) {
        out += c;
        if (c == '\'') {
            out += '\'';
        }
    }
    return out + "'";
}

} // namespace awb::warehouse
