// SPDX-License-Identifier: GPL-3.0-or-later
// What an order, its value and its discount are, read from the stored event and product properties.
//
// How the importers store orders (core/ingest, core/sample and the CSV presets):
//  - An order is an "Order Completed" event. Its value is the event's "revenue" property, else "total",
//    else the sum of price x quantity over its products (event_products). The sample store writes
//    revenue = total = subtotal - discount; Online Retail and Complete Journey presets write the sum of
//    their lines (Complete Journey: sales_value, the paid line total); CDNOW writes the dollar value.
//  - A refund is an "Order Refunded" event; its amount is the absolute value of the same (Online Retail
//    stores C-invoices with negative revenue, the sample store the refunded order's positive total).
//  - A purchased item is one product row of an order (not its quantity); its line total is price x
//    quantity (price alone when the quantity is missing).
//  - Discounts: an order is discounted when its "discount" property is > 0 or its "coupon" is set (a
//    non-empty code, true or a non-zero number), or when one of its items is. An item carries its own
//    discount when its product properties hold "discount", "retail_disc", "coupon_disc" or
//    "coupon_match_disc" (Complete Journey) or "coupon": then it is discounted when one of them is
//    non-zero / set. Items of an order where no item carries its own discount fields share the order's
//    discount (the sample store's coupons apply to the whole basket).
#pragma once

#include <simdjson.h>

#include <optional>
#include <string_view>

namespace awb::traits {

struct OrderFacts
{
    std::optional<double> revenue;
    std::optional<double> total;
    bool discounted = false; ///< discount > 0 or coupon set at the order level
};

struct LineFacts
{
    bool hasOwnDiscount = false; ///< the product properties carry discount fields
    bool discounted = false;
};

/// Not thread-safe: one per thread.
class OrderReader
{
public:
    /// The order-level facts of an event's properties JSON (nothing for invalid JSON).
    OrderFacts order(std::string_view propertiesJson);
    /// The item-level discount of a product's properties JSON.
    LineFacts line(std::string_view productPropertiesJson);

private:
    simdjson::dom::parser m_parser;
};

} // namespace awb::traits
