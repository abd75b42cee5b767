// SPDX-License-Identifier: GPL-3.0-or-later
// The items of a catalog, as met while reading the product rows of its events: each product id numbered in
// the order it is first met, with the latest value of each model column and the latest and highest unit
// price. The workspace's catalog build and the warehouse's interaction pull read their rows through it.
#pragma once

#include "catalog/CatalogDefinition.h"
#include "catalog/PropertyReader.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace awb::catalog {

/// How one catalog event's product rows are read: the property holding the product id, the event's weight
/// and, per column, the property it reads there (productKey form, "products[]." removed).
struct EventRule
{
    std::string key;
    double weight = 1.0;
    std::vector<std::string> columnKeys;
};

/// The rule of one event of def.
EventRule eventRule(const CatalogDefinition &def, const CatalogEvent &event);

struct ColumnState
{
    std::int64_t ts = INT64_MIN;
    std::vector<std::string> values;
};

struct CatalogItem
{
    std::string productId;
    std::int64_t lastTs = INT64_MIN;
    std::int64_t interactions = 0;
    std::vector<ColumnState> columns;
    std::optional<double> price; ///< the latest unit price seen
    std::int64_t priceTs = INT64_MIN;
    std::optional<double> listPrice; ///< the highest unit price seen
};

class ItemPass
{
public:
    explicit ItemPass(const CatalogDefinition &definition) : m_def(definition) {}

    /// One product row of a catalog event at ts: ownId is the row's own product id (read when the rule's
    /// key is product_id), properties the JSON object the other keys and the columns are read from. Returns
    /// the item, or -1 for a row without the product id (counted in skipped()).
    std::int32_t add(const EventRule &rule, std::int64_t ts, std::string_view ownId,
                     std::string_view properties, std::optional<double> price);

    const std::vector<CatalogItem> &items() const { return m_items; }
    std::int64_t skipped() const { return m_skipped; }

private:
    const CatalogDefinition &m_def;
    PropertyReader m_reader;
    std::vector<std::string> m_ids;
    std::vector<std::string> m_values;
    std::vector<CatalogItem> m_items;
    std::unordered_map<std::string, std::int32_t> m_index;
    std::int64_t m_skipped = 0;
};

} // namespace awb::catalog
