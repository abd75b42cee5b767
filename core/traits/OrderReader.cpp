// SPDX-License-Identifier: GPL-3.0-or-later
#include "traits/OrderReader.h"

namespace awb::traits {

namespace {

std::optional<double> numberOf(const simdjson::dom::element &value)
{
    double d = 0;
    if (value.get_double().get(d) == simdjson::SUCCESS) {
        return d;
    }
    std::int64_t i = 0;
    if (value.get_int64().get(i) == simdjson::SUCCESS) {
        return static_cast<double>(i);
    }
    std::uint64_t u = 0;
    if (value.get_uint64().get(u) == simdjson::SUCCESS) {
        return static_cast<double>(u);
    }
    return std::nullopt;
}

// A discount or coupon field counts when it is a non-zero number, true, or a non-empty string.
bool isSet(const simdjson::dom::element &value)
{
    if (const auto n = numberOf(value)) {
        return *n != 0.0;
    }
    bool b = false;
    if (value.get_bool().get(b) == simdjson::SUCCESS) {
        return b;
    }
    std::string_view s;
    return value.get_string().get(s) == simdjson::SUCCESS && !s.empty();
}

constexpr std::string_view kLineDiscountKeys[] = {"discount", "retail_disc", "coupon_disc",
                                                  "coupon_match_disc", "coupon"};

} // namespace

OrderFacts OrderReader::order(std::string_view propertiesJson)
{
    OrderFacts facts;
    simdjson::dom::object obj;
    if (m_parser.parse(propertiesJson.data(), propertiesJson.size()).get_object().get(obj) !=
        simdjson::SUCCESS) {
        return facts;
    }
    simdjson::dom::element value;
    if (obj["revenue"].get(value) == simdjson::SUCCESS) {
        facts.revenue = numberOf(value);
    }
    if (obj["total"].get(value) == simdjson::SUCCESS) {
        facts.total = numberOf(value);
    }
    if (obj["discount"].get(value) == simdjson::SUCCESS) {
        const auto d = numberOf(value);
        facts.discounted = d && *d > 0;
    }
    if (obj["coupon"].get(value) == simdjson::SUCCESS) {
        facts.discounted = facts.discounted || isSet(value);
    }
    return facts;
}

LineFacts OrderReader::line(std::string_view productPropertiesJson)
{
    LineFacts facts;
    // Most product rows carry no discount field at all: skip parsing them.
    if (productPropertiesJson.find("disc") == std::string_view::npos &&
        productPropertiesJson.find("coupon") == std::string_view::npos) {
        return facts;
    }
    simdjson::dom::object obj;
    if (m_parser.parse(productPropertiesJson.data(), productPropertiesJson.size()).get_object().get(obj) !=
        simdjson::SUCCESS) {
        return facts;
    }
    for (const std::string_view key : kLineDiscountKeys) {
        simdjson::dom::element value;
        if (obj[key].get(value) == simdjson::SUCCESS) {
            facts.hasOwnDiscount = true;
            facts.discounted = facts.discounted || isSet(value);
        }
    }
    return facts;
}

} // namespace awb::traits
