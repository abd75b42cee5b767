// SPDX-License-Identifier: GPL-3.0-or-later
// Reads named properties out of a product's properties JSON as text values.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

namespace awb::catalog {

class PropertyReader
{
public:
    /// Parses a JSON object; returns false when it is not valid JSON.
    bool parse(std::string_view json);
    /// The values of a property (dotted path for nested objects): one for a scalar, each element's for a
    /// list, the parts of a string split on split (trimmed, empty parts dropped). Numbers are written in
    /// their shortest form, booleans as true / false; null, objects and missing keys give nothing.
    void values(const std::string &property, const std::string &split, std::vector<std::string> &out);

private:
    simdjson::dom::parser m_parser;
    simdjson::dom::element m_root;
};

} // namespace awb::catalog
