// SPDX-License-Identifier: GPL-3.0-or-later
// Builds the derived catalog tables from the store: items, column values and the interaction matrix.
#pragma once

#include "catalog/CatalogRepository.h"
#include "common/Result.h"

namespace awb {
class ProgressSink;
}
namespace awb::store {
class Database;
}

namespace awb::catalog {

/// Rebuilds catalog_items, catalog_item_values, catalog_values and catalog_interactions from the stored
/// definition and the events, in one transaction. A column reads its property for the row's event (its
/// per-event override, else the default one). The latest value of a column wins per product; a JSON
/// list, or a string split on the column's separator, gives the product every value. Product rows of
/// catalog events without the product id are skipped and counted. On cancel returns
/// Error::Code::Cancelled and the previous build is untouched. Fails with NotFound without a definition.
Result<CatalogBuildInfo> buildCatalog(store::Database &db, ProgressSink &progress);

} // namespace awb::catalog
