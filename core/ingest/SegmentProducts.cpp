// SPDX-License-Identifier: GPL-3.0-or-later
// Segment e-commerce v2 products: properties.products[] or the single product of an event.
#include "ingest/SegmentCall.h"
#include "ingest/SegmentJson.h"

#include <initializer_list>
#include <optional>

namespace awb::ingest {

using simdjson::dom::element;
using namespace segment;

namespace {

struct ProductFields
{
    std::optional<element> productId, sku, id, price, quantity;
    std::optional<simdjson::dom::array> products;
};

ProductFields productFields(simdjson::dom::object object)
{
    ProductFields f;
    for (const auto field : object) {
        const std::string_view k = field.key;
        std::optional<element> *slot = nullptr;
        if (k == "product_id") {
            slot = &f.productId;
        } else if (k == "sku") {
            slot = &f.sku;
        } else if (k == "id") {
            slot = &f.id;
        } else if (k == "price") {
            slot = &f.price;
        } else if (k == "quantity") {
            slot = &f.quantity;
        } else if (k == "products" && field.value.is_array() && !f.products) {
            f.products = field.value.get_array().value_unsafe();
        }
        if (slot && !slot->has_value() && !field.value.is_null()) {
            *slot = field.value;
        }
    }
    return f;
}

/// The first of the candidates that is a non-empty string or integer, else empty.
void productId(std::initializer_list<const std::optional<element> *> candidates, std::string &out)
{
    for (const std::optional<element> *c : candidates) {
        if (*c && readId(**c, out) && !out.empty()) {
            return;
        }
    }
    out.clear();
}

} // namespace

bool SegmentCallReader::readProducts(simdjson::dom::object properties, const CallSpans &spans,
                                     EventRecord &event, std::string &reason)
{
    const ProductFields f = productFields(properties);
    if (f.products) {
        return readProductArray(*f.products, spans, event, reason);
    }
    ProductRecord product;
    productId({&f.productId, &f.sku}, product.productId);
    if (product.productId.empty()) {
        return true;
    }
    if (tooLong(product.productId, "product_id", reason)) {
        return false;
    }
    product.price = f.price ? readNumber(*f.price) : std::nullopt;
    product.quantity = f.quantity ? readNumber(*f.quantity) : std::nullopt;
    product.propertiesJson = event.propertiesJson;
    event.products.push_back(std::move(product));
    return true;
}

// The source text of each element of properties.products, found with a second on-demand pass over the
// properties text. Leaves m_elementSpans empty when that fails (the DOM values are re-serialised then).
void SegmentCallReader::findElementSpans(const CallSpans &spans)
{
    m_elementSpans.clear();
    if (spans.properties.empty()) {
        return;
    }
    const auto capacity = static_cast<std::size_t>(spans.paddedEnd - spans.properties.data());
    simdjson::ondemand::document doc;
    simdjson::ondemand::object object;
    simdjson::ondemand::array products;
    if (m_ondemand.iterate(spans.properties.data(), spans.properties.size(), capacity).get(doc) ||
        doc.get_object().get(object) || object.find_field_unordered("products").get_array().get(products)) {
        return;
    }
    for (auto element : products) {
        simdjson::ondemand::value value;
        simdjson::ondemand::json_type type{};
        std::string_view text;
        if (element.get(value) || value.type().get(type)) {
            m_elementSpans.clear();
            return;
        }
        simdjson::ondemand::object o;
        if (type == simdjson::ondemand::json_type::object &&
            (value.get_object().get(o) || o.raw_json().get(text))) {
            m_elementSpans.clear();
            return;
        }
        m_elementSpans.push_back(text);
    }
}

bool SegmentCallReader::readProductArray(simdjson::dom::array products, const CallSpans &spans,
                                         EventRecord &event, std::string &reason)
{
    findElementSpans(spans);
    const bool haveSpans = m_elementSpans.size() == products.size();
    std::size_t index = 0;
    for (const element item : products) {
        const std::size_t i = index++;
        if (!item.is_object()) {
            continue;
        }
        const ProductFields f = productFields(item.get_object().value_unsafe());
        ProductRecord product;
        productId({&f.productId, &f.sku, &f.id}, product.productId);
        if (product.productId.empty()) {
            continue; // a product without any id cannot be stored; the event still is
        }
        if (tooLong(product.productId, "product_id", reason)) {
            reason = "products[" + std::to_string(i) + "]." + reason;
            return false;
        }
        product.price = f.price ? readNumber(*f.price) : std::nullopt;
        product.quantity = f.quantity ? readNumber(*f.quantity) : std::nullopt;
        rawText(haveSpans ? m_elementSpans[i] : std::string_view(), item, product.propertiesJson);
        event.products.push_back(std::move(product));
    }
    return true;
}

} // namespace awb::ingest
