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
