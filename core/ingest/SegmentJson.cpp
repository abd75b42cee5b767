// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/SegmentJson.h"

#include "common/Text.h"
#include "ingest/SegmentCall.h"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace awb::ingest::segment {

namespace {
constexpr std::size_t kMaxQuotedBytes = 40;
} // namespace

using simdjson::dom::element;
using simdjson::dom::element_type;

std::string inQuotes(std::string_view value)
{
    if (value.size() <= kMaxQuotedBytes) {
        return "'" + std::string(value) + "'";
    }
    std::size_t cut = kMaxQuotedBytes;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) {
        --cut;
    }
    return "'" + std::string(value.substr(0, cut)) + "...'";
}

bool numberText(element v, std::string &out)
{
    char buf[32];
    std::to_chars_result r{};
    switch (v.type()) {
    case element_type::INT64:
        r = std::to_chars(buf, buf + sizeof buf, std::int64_t(v.get_int64().value_unsafe()));
        break;
    case element_type::UINT64:
        r = std::to_chars(buf, buf + sizeof buf, std::uint64_t(v.get_uint64().value_unsafe()));
        break;
    case element_type::DOUBLE:
        r = std::to_chars(buf, buf + sizeof buf, double(v.get_double().value_unsafe()));
        break;
    default:
        return false;
    }
    out.assign(buf, r.ptr);
    return true;
}

bool readId(element v, std::string &out)
{
    if (v.is_string()) {
        out.assign(std::string_view(v.get_string().value_unsafe()));
        return true;
    }
    if (v.type() == element_type::DOUBLE) {
        const double d = v.get_double().value_unsafe();
        if (std::floor(d) != d || std::fabs(d) > 9007199254740992.0) {
            return false;
        }
        out = std::to_string(static_cast<std::int64_t>(d));
        return true;
    }
    return numberText(v, out);
}

std::optional<double> readNumber(element v)
{
    if (v.is_number()) {
        const double d = v.get_double().value_unsafe();
        return std::isfinite(d) ? std::optional<double>(d) : std::nullopt;
    }
    return v.is_string() ? parseNumber(v.get_string().value_unsafe()) : std::nullopt;
}

void rawText(std::string_view span, element v, std::string &out)
{
    if (!span.empty()) {
        out.assign(span);
    } else {
        out = simdjson::minify(v);
    }
}

bool tooLong(const std::string &value, const char *field, std::string &reason)
{
    if (value.size() <= kMaxFieldBytes) {
        return false;
    }
    reason = std::string(field) + " longer than " + std::to_string(kMaxFieldBytes) + " bytes";
    return true;
}

} // namespace awb::ingest::segment
