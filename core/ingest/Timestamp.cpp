// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/Timestamp.h"

#include <charconv>
#include <cstdio>

namespace awb::ingest {

namespace {

class Cursor
{
public:
    explicit Cursor(std::string_view s) : m_s(s) {}
    bool atEnd() const { return m_i >= m_s.size(); }
    char peek() const { return atEnd() ? '\0' : m_s[m_i]; }
    bool accept(char c)
    {
        if (peek() == c) {
            ++m_i;
            return true;
        }
        return false;
    }
    // Reads exactly n digits.
    bool digits(int n, int &out)
    {
        out = 0;
        for (int k = 0; k < n; ++k) {
            const char c = peek();
            if (c < '0' || c > '9') {
                return false;
            }
            out = out * 10 + (c - '0');
            ++m_i;
        }
        return true;
    }
    // Reads 1..9 fraction digits, returns milliseconds.
    bool fraction(int &ms)
    {
        int count = 0;
        ms = 0;
        while (peek() >= '0' && peek() <= '9') {
            if (count < 3) {
                ms = ms * 10 + (peek() - '0');
            }
            ++count;
            ++m_i;
        }
        for (int k = count; k < 3; ++k) {
            ms *= 10;
        }
        return count > 0 && count <= 9;
    }

private:
    std::string_view m_s;
    std::size_t m_i = 0;
};

bool isLeap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m)
{
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

std::optional<std::int64_t> parseUnix(std::string_view text)
{
    double value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || value < 0) {
        return std::nullopt;
    }
    // Seconds up to year 5138; anything larger is milliseconds.
    const double ms = value < 1e11 ? value * 1000.0 : value;
    if (ms > 253402300799999.0) { // 9999-12-31T23:59:59.999Z
        return std::nullopt;
    }
    return static_cast<std::int64_t>(ms + 0.5);
}

std::optional<std::int64_t> parseCalendar(std::string_view text)
{
    Cursor c(text);
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
    if (!c.digits(4, y) || !c.accept('-') || !c.digits(2, mo) || !c.accept('-') || !c.digits(2, d)) {
        return std::nullopt;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
        return std::nullopt;
    }
    int offsetMinutes = 0;
    if (!c.atEnd()) {
        if (!c.accept('T') && !c.accept(' ') && !c.accept('t')) {
            return std::nullopt;
        }
        if (!c.digits(2, h) || !c.accept(':') || !c.digits(2, mi)) {
            return std::nullopt;
        }
        if (c.accept(':')) {
            if (!c.digits(2, s)) {
                return std::nullopt;
            }
            if ((c.accept('.') || c.accept(',')) && !c.fraction(ms)) {
                return std::nullopt;
            }
        }
        if (h > 23 || mi > 59 || s > 60) {
            return std::nullopt;
        }
        c.accept(' ');
        if (c.accept('Z') || c.accept('z')) {
        } else if (c.peek() == '+' || c.peek() == '-') {
            const int sign = c.peek() == '-' ? -1 : 1;
            c.accept(c.peek());
            int oh = 0, om = 0;
            if (!c.digits(2, oh)) {
                return std::nullopt;
            }
            if (!c.atEnd()) {
                c.accept(':');
                if (!c.digits(2, om)) {
                    return std::nullopt;
                }
            }
            if (oh > 18 || om > 59) {
                return std::nullopt;
            }
            offsetMinutes = sign * (oh * 60 + om);
        }
        if (!c.atEnd()) {
            return std::nullopt;
        }
    }
    const std::int64_t days = daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
    const std::int64_t seconds = days * 86400 + h * 3600 + mi * 60 + s - offsetMinutes * 60;
    return seconds * 1000 + ms;
}

} // namespace

std::int64_t daysFromCivil(int year, unsigned month, unsigned day)
{
    year -= month <= 2;
    const int era = (year >= 0 ? year : year - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(year - era * 400);
    const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::optional<std::int64_t> parseTimestamp(std::string_view text)
{
    while (!text.empty() && text.front() == ' ') {
        text.remove_prefix(1);
    }
    while (!text.empty() && text.back() == ' ') {
        text.remove_suffix(1);
    }
    if (text.size() < 1 || text.size() > 64) {
        return std::nullopt;
    }
    if (text.size() >= 10 && text[4] == '-') {
        return parseCalendar(text);
    }
    return parseUnix(text);
}

std::string formatTimestamp(std::int64_t ms)
{
    std::int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    const int millis = static_cast<int>(ms - secs * 1000);
    std::int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    const std::int64_t rem = secs - days * 86400;
    // Hinnant's civil_from_days.
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<long long>(y), m, d,
                  static_cast<int>(rem / 3600), static_cast<int>(rem % 3600 / 60), static_cast<int>(rem % 60),
                  millis);
    return buf;
}

} // namespace awb::ingest

// --- Explicit formats, for CSV columns (added for the CSV importer) ---------------------------------------
namespace awb::ingest {

namespace {

struct FormatFields
{
    int year = 1970;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int millis = 0;
    int pm = -1; ///< -1 no %p, 0 AM, 1 PM
    int offsetMinutes = 0;
    bool hasEpoch = false;
    std::int64_t epochSeconds = 0;
};

class FormatScanner
{
public:
    explicit FormatScanner(std::string_view text) : m_t(text) {}
    bool atEnd() const { return m_i >= m_t.size(); }
    char peek() const { return atEnd() ? '\0' : m_t[m_i]; }
    bool isDigit() const { return peek() >= '0' && peek() <= '9'; }
    bool accept(char c)
    {
        if (!atEnd() && m_t[m_i] == c) {
            ++m_i;
            return true;
        }
        return false;
    }
    bool skipBlanks()
    {
        const std::size_t start = m_i;
        while (peek() == ' ' || peek() == '\t') {
            ++m_i;
        }
        return m_i > start;
    }
    // Reads minDigits..maxDigits digits.
    bool number(int minDigits, int maxDigits, int &out)
    {
        out = 0;
        int n = 0;
        while (n < maxDigits && isDigit()) {
            out = out * 10 + (m_t[m_i++] - '0');
            ++n;
        }
        return n >= minDigits;
    }
    bool fraction(int &millis)
    {
        int n = 0;
        millis = 0;
        while (isDigit()) {
            if (n < 3) {
                millis = millis * 10 + (m_t[m_i] - '0');
            }
            ++n;
            ++m_i;
        }
        for (int k = n; k < 3; ++k) {
            millis *= 10;
        }
        return n >= 1 && n <= 9;
    }
    // Case-insensitive match of an ASCII word.
    bool word(std::string_view w)
    {
        if (m_t.size() - m_i < w.size()) {
            return false;
        }
        for (std::size_t k = 0; k < w.size(); ++k) {
            const char c = m_t[m_i + k];
            if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c) != w[k]) {
                return false;
            }
        }
        m_i += w.size();
        return true;
    }

private:
    std::string_view m_t;
    std::size_t m_i = 0;
};

bool scanMonthName(FormatScanner &s, int &month)
{
    static constexpr std::string_view kFull[] = {"january",   "february", "march",    "april",
                                                 "may",       "june",     "july",     "august",
                                                 "september", "october",  "november", "december"};
    for (int m = 0; m < 12; ++m) {
        if (s.word(kFull[m]) || s.word(kFull[m].substr(0, 3))) {
            month = m + 1;
            return true;
        }
    }
    return false;
}

bool scanOffset(FormatScanner &s, int &offsetMinutes)
{
    if (s.accept('Z') || s.accept('z')) {
        offsetMinutes = 0;
        return true;
    }
    const int sign = s.accept('-') ? -1 : (s.accept('+') ? 1 : 0);
    int hours = 0;
    int minutes = 0;
    if (sign == 0 || !s.number(2, 2, hours)) {
        return false;
    }
    s.accept(':');
    if (s.isDigit() && !s.number(2, 2, minutes)) {
        return false;
    }
    if (hours > 18 || minutes > 59) {
        return false;
    }
    offsetMinutes = sign * (hours * 60 + minutes);
    return true;
}

bool scanEpoch(FormatScanner &s, FormatFields &f)
{
    const bool negative = s.accept('-');
    std::int64_t value = 0;
    int digits = 0;
    while (s.isDigit() && digits < 12) {
        value = value * 10 + (s.peek() - '0');
        s.accept(s.peek());
        ++digits;
    }
    f.hasEpoch = digits > 0;
    f.epochSeconds = negative ? -value : value;
    return f.hasEpoch;
}

// Scans one directive (the character after '%'). Returns false on mismatch or an unknown directive.
bool scanDirective(FormatScanner &s, char d, FormatFields &f)
{
    switch (d) {
    case 'Y':
        return s.number(4, 4, f.year);
    case 'y':
        if (!s.number(2, 2, f.year)) {
            return false;
        }
        f.year += f.year < 69 ? 2000 : 1900;
        return true;
    case 'm':
        return s.number(1, 2, f.month);
    case 'e':
        s.skipBlanks();
        [[fallthrough]];
    case 'd':
        return s.number(1, 2, f.day);
    case 'H':
    case 'I':
        return s.number(1, 2, f.hour);
    case 'M':
        return s.number(1, 2, f.minute);
    case 'S':
        return s.number(1, 2, f.second);
    case 'T':
        return s.number(1, 2, f.hour) && s.accept(':') && s.number(1, 2, f.minute) && s.accept(':') &&
               s.number(1, 2, f.second);
    case 'f':
        return s.fraction(f.millis);
    case 'p':
        f.pm = s.word("am") ? 0 : (s.word("pm") ? 1 : -2);
        return f.pm >= 0;
    case 'b':
    case 'B':
        return scanMonthName(s, f.month);
    case 'z':
        return scanOffset(s, f.offsetMinutes);
    case 's':
        return scanEpoch(s, f);
    case '%':
        return s.accept('%');
    default:
        return false;
    }
}

bool fmtIsLeap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

std::optional<std::int64_t> composeFields(FormatFields f)
{
    if (f.hasEpoch) {
        return f.epochSeconds * 1000 + f.millis;
    }
    if (f.pm >= 0) {
        if (f.hour < 1 || f.hour > 12) {
            return std::nullopt;
        }
        f.hour = f.hour % 12 + (f.pm == 1 ? 12 : 0);
    }
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (f.month < 1 || f.month > 12 || f.day < 1 ||
        f.day > (f.month == 2 && fmtIsLeap(f.year) ? 29 : kDays[f.month - 1])) {
        return std::nullopt;
    }
    if (f.hour > 23 || f.minute > 59 || f.second > 60) {
        return std::nullopt;
    }
    const std::int64_t days =
        daysFromCivil(f.year, static_cast<unsigned>(f.month), static_cast<unsigned>(f.day));
    const std::int64_t seconds =
        days * 86400 + f.hour * 3600 + f.minute * 60 + f.second - f.offsetMinutes * 60;
    return seconds * 1000 + f.millis;
}

} // namespace

std::optional<std::int64_t> parseTimestamp(std::string_view text, std::string_view format)
{
    if (format.empty()) {
        return parseTimestamp(text);
    }
    FormatScanner s(text);
    FormatFields fields;
    s.skipBlanks();
    for (std::size_t i = 0; i < format.size(); ++i) {
        const char c = format[i];
        if (c == '%') {
            if (++i == format.size() || !scanDirective(s, format[i], fields)) {
                return std::nullopt;
            }
        } else if (c == ' ') {
            if (!s.skipBlanks()) {
                return std::nullopt;
            }
        } else if (!s.accept(c)) {
            return std::nullopt;
        }
    }
    s.skipBlanks();
    if (!s.atEnd()) {
        return std::nullopt;
    }
    return composeFields(fields);
}

bool timestampFormatHasZone(std::string_view format)
{
    for (std::size_t i = 0; i + 1 < format.size(); ++i) {
        if (format[i] == '%') {
            if (format[i + 1] == 'z' || format[i + 1] == 's') {
                return true;
            }
            ++i;
        }
    }
    return false;
}

bool timestampHasZone(std::string_view text)
{
    while (!text.empty() && text.front() == ' ') {
        text.remove_prefix(1);
    }
    while (!text.empty() && text.back() == ' ') {
        text.remove_suffix(1);
    }
    if (text.size() < 10 || text[4] != '-') {
        return true; // a Unix time
    }
    const std::string_view rest = text.substr(10);
    return rest.find_first_of("Zz+-") != std::string_view::npos;
}

std::string checkTimestampFormat(std::string_view format)
{
    static constexpr std::string_view kDirectives = "YymdeHIMSTfpbBzs%";
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%') {
            continue;
        }
        if (i + 1 == format.size()) {
            return "the time format \"" + std::string(format) + "\" ends with a lone '%'";
        }
        if (kDirectives.find(format[i + 1]) == std::string_view::npos) {
            return "the time format \"" + std::string(format) + "\" has an unknown directive %" +
                   format[i + 1];
        }
        ++i;
    }
    return {};
}

} // namespace awb::ingest
