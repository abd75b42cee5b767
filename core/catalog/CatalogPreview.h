// SPDX-License-Identifier: GPL-3.0-or-later
// Read-only previews for defining a catalog: event names with counts, the product properties an event
// carries, and sample values of a property, read from a capped sample of the latest product rows.
#pragma once

#include "catalog/CatalogDefinition.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace awb::store {
class Database;
}

namespace awb::catalog {

struct EventSummary
{
    std::string name;
    std::int64_t events = 0;  ///< events with this name in the workspace
    bool hasProducts = false; ///< its latest events carry product rows (a product id or products[])
};

struct PropertyKey
{
    std::string key;                   ///< top-level key, or "object.key" one level down
    std::int64_t rows = 0;             ///< sampled product rows holding a value for it
    std::vector<std::string> examples; ///< distinct example values, most frequent first
};

struct ProductProperties
{
    std::string event;
    std::int64_t sampledRows = 0;  ///< product rows read (the latest ones)
    bool productList = false;      ///< the products come from a products[] array (order events)
    std::vector<PropertyKey> keys; ///< most common first
};

struct SampleValue
{
    std::string value;
    std::int64_t rows = 0; ///< sampled product rows holding it
};

struct ValuePreview
{
    std::int64_t sampledRows = 0;    ///< product rows read
    std::int64_t rowsWithValue = 0;  ///< of which hold at least one value
    std::vector<SampleValue> values; ///< distinct values, most frequent first, capped
};

/// Reads through the caller's connection; every method throws StoreError on SQLite failure. Each read
/// touches at most the latest sampleRows product rows per event (index-backed), so previews stay fast on
/// any workspace size.
class CatalogPreview
{
public:
    explicit CatalogPreview(store::Database &db) : m_db(db) {}

    /// Every event name with its count, most frequent first; hasProducts is probed on the latest events.
    std::vector<EventSummary> eventSummaries();
    /// The properties of the latest product rows of event, with up to maxExamples example values each.
    /// Values of nested objects appear as dotted keys ("dimensions.width"); "product_id" is always listed
    /// when the rows have a product id. An unknown event gives an empty result.
    ProductProperties productProperties(const std::string &event, std::size_t sampleRows,
                                        std::size_t maxExamples);
    /// The values column (its name aside) would take on the latest product rows of each event, reading
    /// on each event the property it reads there (split as PropertyReader does): what the build would see,
    /// up to maxValues distinct. Properties may carry the "products[]." prefix.
    ValuePreview values(const std::vector<std::string> &events, const CatalogColumn &column,
                        std::size_t sampleRows, std::size_t maxValues);

private:
    store::Database &m_db;
};

} // namespace awb::catalog
