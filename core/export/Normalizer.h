// SPDX-License-Identifier: GPL-3.0-or-later
// The one normaliser of personal data for every export preset, and SHA-256 hashing of the result.
//
// Rules implemented (Meta "Customer File Custom Audiences" hashing and normalisation table, Google Ads
// "Customer Match" / enhanced conversions normalisation):
//   email    trim, lower-case; must have a local part, '@' and a domain without spaces, else "".
//            Google rule only: for gmail.com and googlemail.com remove every '.' of the local part.
//            "+suffix" is kept: neither Meta nor Google asks to remove it.
//   phone    digits of the international number: a leading '+' or "00" marks an international number;
//            otherwise leading (trunk) zeros are stripped and the default calling code is prefixed unless
//            the digits already start with it and are longer than 10. Extensions (x, ext, #, ;) are cut,
//            a "(0)" after an international prefix dropped, other letters and symbols removed. 7..15
//            digits, else "". E.164 = '+' + those digits (Google); Meta hashes the digits without '+'.
//   name     trim, lower-case, keep letters only (punctuation, symbols, digits and spaces removed);
//            accented letters stay, in UTF-8 (Meta: "a-z only, no punctuation, special characters in UTF-8").
//   city     like name (Meta: lower-case, no punctuation, no special characters, no white space).
//   state    like name; a US state's full name becomes its two-letter code (when the country is us or
//   unknown). country  ISO 3166-1 alpha-2, lower case, from a code or a common name ("United Kingdom" -> gb).
//   zip      lower-case, spaces and dashes removed; US: the first 5 digits (a 3-4 digit ZIP that lost its
//            leading zeros is padded); GB: area, district and sector ("SW1A 1AA" -> sw1a1) as Meta asks.
// Every function takes UTF-8 and returns UTF-8; invalid UTF-8 becomes U+FFFD. Values that already are
// SHA-256 hex digests (64 hex digits) pass through hashed() unchanged, in lower case.
#pragma once

#include <string>
#include <string_view>

namespace awb::exports {

enum class EmailRule
{
    Plain,  ///< trim and lower-case (Meta, e-mail tools)
    Google, ///< also remove the dots of gmail.com / googlemail.com local parts
};

std::string normalizeEmail(std::string_view raw, EmailRule rule = EmailRule::Plain);
/// Digits with the country calling code first, no '+'; "" when not a phone number. callingCode: the
/// default country's calling code ("1", "44") used for national numbers; empty = assume international.
std::string normalizePhone(std::string_view raw, std::string_view callingCode);
/// '+' followed by normalizePhone's digits, or "".
std::string phoneE164(std::string_view raw, std::string_view callingCode);
std::string normalizeName(std::string_view raw);
std::string normalizeCity(std::string_view raw);
/// country: the alpha-2 code of the profile's country, or "" when unknown.
std::string normalizeState(std::string_view raw, std::string_view country);
/// Lower-case alpha-2 code, or "" when the value is not a known country or two-letter code.
std::string normalizeCountry(std::string_view raw);
std::string normalizeZip(std::string_view raw, std::string_view country);

/// True for exactly 64 hexadecimal digits (either case).
bool isSha256Hex(std::string_view value);
/// SHA-256 of the bytes, lower-case hex.
std::string sha256Hex(std::string_view value);
/// The value to put in a hashed column: a raw value that already is a SHA-256 digest (after trimming)
/// passes through in lower case; otherwise the SHA-256 of normalized, or "" when normalized is empty.
std::string hashed(std::string_view raw, std::string_view normalized);

} // namespace awb::exports
