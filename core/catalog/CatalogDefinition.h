// SPDX-License-Identifier: GPL-3.0-or-later
// What a recommendation catalog is made of: interaction events, where each holds its product id, their
// weights, and the model columns (name, brand, category ...) mapped to product properties, per event
// where events name the same thing differently.
#pragma once

#include "common/Result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace awb::catalog {

inline constexpr std::size_t kMaxEvents = 10;

struct CatalogEvent
{
    std::string name; ///< event name as stored ("Order Completed")
    /// Property holding the product id; "products[].x" = x of each element.
    std::string productProperty = "product_id";
    double weight = 1.0; ///< interaction weight (> 0)
};

/// On one catalog event, a column reads this property instead of its default one.
struct ColumnOverride
{
    std::string event;    ///< a catalog event name ("Order Completed")
    std::string property; ///< the product property the column reads on it ("product_brand")
};

struct CatalogColumn
{
    std::string name;     ///< column name shown to users ("Brand")
    std::string property; ///< product property it reads ("brand"; dotted paths reach nested objects)
    std::string split;    ///< separator for multi-valued strings ("|"), empty = single value; JSON lists
                          ///< are always multi-valued
    std::vector<ColumnOverride> overrides{}; ///< per-event properties; other events read property

    /// The property the column reads on event: its override there, else the default property.
    const std::string &propertyFor(const std::string &event) const;
};

struct CatalogDefinition
{
    std::vector<CatalogEvent> events;
    std::vector<CatalogColumn> columns;

    /// Checks the definition: 1..10 events with distinct names and positive weights, product property set,
    /// distinct non-empty column names and properties, per-event properties only on catalog events, at most
    /// one per event and never empty. The message names the bad part (column and event).
    Result<void> validate() const;
};

/// The product property with the "products[]." prefix removed: both single-product events and elements
/// of products[] are stored as product rows whose properties hold the key.
std::string productKey(const std::string &property);

/// The catalog of Segment's e-commerce spec: orders' products[] (weight 3), cart adds (2) and product views
/// (1) by product_id, with Brand, Category, Subcategory and Name columns. The sample store's catalog and a
/// warehouse's default.
CatalogDefinition segmentSpecCatalog();

/// Default weight for an event name: purchases > cart adds > views > anything else.
double defaultWeight(const std::string &eventName);

} // namespace awb::catalog
