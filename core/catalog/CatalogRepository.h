// SPDX-License-Identifier: GPL-3.0-or-later
// Storage of the catalog definition and reads of what a build derived from it.
#pragma once

#include "catalog/CatalogDefinition.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace awb::store {
class Database;
}

namespace awb::catalog {

struct ValueCount
{
    std::string value;
    std::int64_t products = 0;
    std::int64_t interactions = 0;
};

struct CatalogBuildInfo
{
    std::int64_t builtAtMs = 0;
    std::int64_t items = 0;
    std::int64_t interactions = 0;
    std::int64_t profiles = 0;
    std::int64_t skipped = 0; ///< product rows of catalog events without the product id property
};

class CatalogRepository
{
public:
    explicit CatalogRepository(store::Database &db) : m_db(db) {}

    /// Replaces the stored definition (call inside a transaction). Does not touch derived tables.
    void saveDefinition(const CatalogDefinition &definition);
    std::optional<CatalogDefinition> loadDefinition();

    /// The latest build, if any.
    std::optional<CatalogBuildInfo> lastBuild();
    /// Values of a column with product and interaction counts, most interactions first.
    std::vector<ValueCount> values(const std::string &column, std::size_t limit);

private:
    store::Database &m_db;
};

} // namespace awb::catalog
