// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/Normalizer.h"

#include "common/Text.h"
#include "export/Countries.h"

#include <QCryptographicHash>
#include <QList>
#include <QString>

#include <algorithm>

namespace awb::exports {

namespace {

bool isAscii(std::string_view s)
{
    for (const char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            return false;
        }
    }
    return true;
}

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool isAsciiDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isLowerLetter(char c)
{
    return c >= 'a' && c <= 'z';
}

bool isLetterOrMark(char32_t cp)
{
    if (QChar::isLetter(cp)) {
        return true;
    }
    const QChar::Category cat = QChar::category(cp);
    return cat == QChar::Mark_NonSpacing || cat == QChar::Mark_SpacingCombining ||
           cat == QChar::Mark_Enclosing;
}

// Lower-cases s and keeps the characters accepted by keepAscii (ASCII input, fast path) or keepUnicode
// (any other input, decoded with invalid bytes as U+FFFD).
template <typename KeepAscii, typename KeepUnicode>
std::string lowerFiltered(std::string_view s, KeepAscii keepAscii, KeepUnicode keepUnicode)
{
    std::string out;
    if (isAscii(s)) {
        out.reserve(s.size());
        for (char c : s) {
            c = asciiLower(c);
            if (keepAscii(c)) {
                out.push_back(c);
            }
        }
        return out;
    }
    const QString lower = QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())).toLower();
    QString kept;
    kept.reserve(lower.size());
    for (const uint u : lower.toUcs4()) {
        const auto cp = static_cast<char32_t>(u);
        if (keepUnicode(cp)) {
            kept.append(QString::fromUcs4(&cp, 1));
        }
    }
    return kept.toStdString();
}

std::string lettersOnly(std::string_view raw)
{
    return lowerFiltered(trimmed(raw), isLowerLetter, isLetterOrMark);
}

std::string lowerAll(std::string_view raw)
{
    if (isAscii(raw)) {
        std::string out(raw);
        for (char &c : out) {
            c = asciiLower(c);
        }
        return out;
    }
    return lowerFiltered(
        raw, [](char) { return true; }, [](char32_t) { return true; });
}

} // namespace

std::string normalizeEmail(std::string_view raw, EmailRule rule)
{
    std::string e = lowerAll(trimmed(raw));
    const std::size_t at = e.rfind('@');
    if (at == std::string::npos || at == 0 || std::any_of(e.begin(), e.end(), isAsciiSpace)) {
        return {};
    }
    const std::string_view domain = std::string_view(e).substr(at + 1);
    const std::size_t dot = domain.find('.');
    if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') {
        return {};
    }
    if (rule == EmailRule::Google && (domain == "gmail.com" || domain == "googlemail.com")) {
        std::string local;
        for (std::size_t i = 0; i < at; ++i) {
            if (e[i] != '.') {
                local.push_back(e[i]);
            }
        }
        return local + e.substr(at);
    }
    return e;
}

std::string normalizePhone(std::string_view raw, std::string_view callingCode)
{
    std::string_view t = trimmed(raw);
    if (t.size() >= 4 && asciiLower(t[0]) == 't' && asciiLower(t[1]) == 'e' && asciiLower(t[2]) == 'l' &&
        t[3] == ':') {
        t.remove_prefix(4);
    }
    t = t.substr(0, t.find_first_of("xXeE#;")); // extension
    const std::size_t first = t.find_first_not_of(" (");
    const bool plus = first != std::string_view::npos && t[first] == '+';
    std::string digits;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (plus && t.substr(i, 3) == "(0)") {
            i += 2; // "+44 (0)20 ...": the trunk zero written inside an international number
        } else if (isAsciiDigit(t[i])) {
            digits.push_back(t[i]);
        }
    }
    const bool international = plus || digits.starts_with("00");
    const bool trunkZero = !international && digits.starts_with('0');
    digits.erase(0, digits.find_first_not_of('0'));
    if (digits.empty()) {
        return {};
    }
    if (!international && !callingCode.empty() &&
        (trunkZero || !(digits.starts_with(callingCode) && digits.size() > 10))) {
        digits.insert(0, callingCode);
    }
    if (digits.size() < 7 || digits.size() > 15) {
        return {};
    }
    return digits;
}

std::string phoneE164(std::string_view raw, std::string_view callingCode)
{
    std::string digits = normalizePhone(raw, callingCode);
    return digits.empty() ? digits : '+' + digits;
}

std::string normalizeName(std::string_view raw)
{
    return lettersOnly(raw);
}

std::string normalizeCity(std::string_view raw)
{
    return lettersOnly(raw);
}

std::string normalizeState(std::string_view raw, std::string_view country)
{
    std::string letters = lettersOnly(raw);
    if (letters.size() > 2 && (country.empty() || country == "us")) {
        const std::string_view code = usStateCode(letters);
        if (!code.empty()) {
            return std::string(code);
        }
    }
    return letters;
}

std::string normalizeCountry(std::string_view raw)
{
    // Lower case, no dots, single spaces: "U.S.A." -> "usa", "United  Kingdom" -> "united kingdom".
    const std::string lower = lowerAll(trimmed(raw));
    std::string key;
    for (const char c : lower) {
        if (c == '.') {
            continue;
        }
        if (isAsciiSpace(c)) {
            if (!key.empty() && key.back() != ' ') {
                key.push_back(' ');
            }
            continue;
        }
        key.push_back(c);
    }
    while (!key.empty() && key.back() == ' ') {
        key.pop_back();
    }
    return key.empty() ? key : countryCode(key);
}

std::string normalizeZip(std::string_view raw, std::string_view country)
{
    std::string z = lowerFiltered(
        trimmed(raw), [](char c) { return !isAsciiSpace(c) && c != '-'; },
        [](char32_t cp) { return cp != U'-' && !QChar::isSpace(cp); });
    const bool digitsOnly = !z.empty() && z.find_first_not_of("0123456789") == std::string::npos;
    if (country == "us" || (country.empty() && digitsOnly && (z.size() == 5 || z.size() == 9))) {
        if (digitsOnly && z.size() >= 3 && z.size() < 5) {
            z.insert(0, 5 - z.size(), '0'); // a ZIP stored as a number lost its leading zeros
        }
        return z.size() >= 5 && z.substr(0, 5).find_first_not_of("0123456789") == std::string::npos
                   ? z.substr(0, 5)
                   : z;
    }
    const std::size_t n = z.size();
    if (country == "gb" && n >= 5 && n <= 7 && isAsciiDigit(z[n - 3]) && isLowerLetter(z[n - 2]) &&
        isLowerLetter(z[n - 1])) {
        z.resize(n - 2); // outward code + sector digit
    }
    return z;
}

bool isSha256Hex(std::string_view value)
{
    if (value.size() != 64) {
        return false;
    }
    for (const char c : value) {
        const char l = asciiLower(c);
        if (!isAsciiDigit(l) && (l < 'a' || l > 'f')) {
            return false;
        }
    }
    return true;
}

std::string sha256Hex(std::string_view value)
{
    static constexpr char kHex[] = "0123456789abcdef";
    thread_local QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.reset();
    hash.addData(QByteArrayView(value.data(), static_cast<qsizetype>(value.size())));
    const QByteArrayView digest = hash.resultView();
    std::string out(static_cast<std::size_t>(digest.size()) * 2, '0');
    for (qsizetype i = 0; i < digest.size(); ++i) {
        const auto b = static_cast<unsigned char>(digest[i]);
        out[static_cast<std::size_t>(2 * i)] = kHex[b >> 4];
        out[static_cast<std::size_t>(2 * i + 1)] = kHex[b & 15];
    }
    return out;
}

std::string hashed(std::string_view raw, std::string_view normalized)
{
    const std::string_view t = trimmed(raw);
    if (isSha256Hex(t)) {
        std::string out(t);
        for (char &c : out) {
            c = asciiLower(c);
        }
        return out;
    }
    return normalized.empty() ? std::string() : sha256Hex(normalized);
}

} // namespace awb::exports
