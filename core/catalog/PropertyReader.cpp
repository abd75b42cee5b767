// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/PropertyReader.h"

#include "common/Text.h"

#include <charconv>

namespace awb::catalog {

namespace {

void appendScalar(simdjson::dom::element e, const std::string &split, std::vector<std::string> &out)
{
    using simdjson::dom::element_type;
    char buf[32];
    switch (e.type()) {
    case element_type::STRING: {
        const std::string_view s = e.get_string().value_unsafe();
        if (split.empty()) {
            if (!trimmed(s).empty()) {
                out.emplace_back(trimmed(s));
            }
            return;
        }
        std::size_t start = 0;
        while (start <= s.size()) {
            const std::size_t end = std::min(s.find(split, start), s.size());
            const std::string_view part = trimmed(s.substr(start, end - start));
            if (!part.empty()) {
                out.emplace_back(part);
            }
            start = end + split.size();
        }
        return;
    }
    case element_type::INT64: {
        const auto r = std::to_chars(buf, buf + sizeof buf, e.get_int64().value_unsafe());
        out.emplace_back(buf, r.ptr);
        return;
    }
    case element_type::UINT64: {
        const auto r = std::to_chars(buf, buf + sizeof buf, e.get_uint64().value_unsafe());
        out.emplace_back(buf, r.ptr);
        return;
    }
    case element_type::DOUBLE: {
        const auto r = std::to_chars(buf, buf + sizeof buf, e.get_double().value_unsafe());
        out.emplace_back(buf, r.ptr);
        return;
    }
    case element_type::BOOL:
        out.emplace_back(e.get_bool().value_unsafe() ? "true" : "false");
        return;
    default:
        return;
    }
}

} // namespace

bool PropertyReader::parse(std::string_view json)
{
    return m_parser.parse(json.data(), json.size()).get(m_root) == simdjson::SUCCESS && m_root.is_object();
}

void PropertyReader::values(const std::string &property, const std::string &split,
                            std::vector<std::string> &out)
{
    out.clear();
    simdjson::dom::element e = m_root;
    std::size_t start = 0;
    while (start <= property.size()) {
        const std::size_t dot = std::min(property.find('.', start), property.size());
        simdjson::dom::object obj;
        if (e.get_object().get(obj) != simdjson::SUCCESS ||
            obj.at_key(std::string_view(property).substr(start, dot - start)).get(e) != simdjson::SUCCESS) {
            return;
        }
        start = dot + 1;
    }
    simdjson::dom::array list;
    if (e.get_array().get(list) == simdjson::SUCCESS) {
        for (simdjson::dom::element item : list) {
            appendScalar(item, split, out);
        }
        return;
    }
    appendScalar(e, split, out);
}

} // namespace awb::catalog
