// SPDX-License-Identifier: GPL-3.0-or-later
// The recommendation catalog of a warehouse (warehouse mode): its definition kept in the awb schema, and the
// interactions pulled back for scoring. The catalog events' rows stream out through cursors, ordered by
// nothing the result depends on; each row becomes product rows the way the local importer makes them (the
// elements of a stringified products[] column, else the row's own product_id / sku and flattened properties)
// and goes through the same ItemPass as the workspace's catalog build. People are numbered by their label
// ("0" + user id, "1" + anonymous id), the same label the local scorer sorts by.
#pragma once

#include "catalog/CatalogDefinition.h"
#include "catalog/ItemPass.h"
#include "common/Result.h"
#include "jobs/Progress.h"
#include "model/InteractionLoader.h"
#include "services/ScoringService.h"

#include <string>
#include <vector>

namespace awb::warehouse {

class PgConnection;
struct SourceTables;

/// The definition stored for the schema in awb.catalog_events / awb.catalog_columns /
/// awb.catalog_column_overrides, else Segment's e-commerce spec (catalog::segmentSpecCatalog()). Throws
/// PgError.
catalog::CatalogDefinition readCatalogDefinition(PgConnection &pg, const std::string &schema);
/// Replaces the schema's stored definition (validated by the caller). Throws PgError.
void writeCatalogDefinition(PgConnection &pg, const std::string &schema,
                            const catalog::CatalogDefinition &def);

struct PulledCatalog
{
    services::ScoringInput input; ///< every person (profileIds 0..n-1) and every catalog interaction
    std::vector<catalog::CatalogItem> items;
    catalog::CatalogDefinition definition;
};

/// A deterministic share of the people: those whose label's md5 starts with a 4-hex-digit prefix in
/// [from, to) (empty: unbounded). Uniform over people, the same on every run and every engine with md5().
struct PersonRange
{
    std::string from;
    std::string to;

    /// The i-th of n equal ranges.
    static PersonRange part(int i, int n);
    /// The first share (0, 1] of the people.
    static PersonRange share(double share);
};

/// Pulls the people of range (first seen = their first event of any kind) and the interactions of the
/// definition's events (input.data.latestEventMs is left for the caller). The people are those of the last
/// traits refresh (awb.people). Throws PgError / PgCancelled.
PulledCatalog pullInteractions(PgConnection &pg, const SourceTables &source,
                               const catalog::CatalogDefinition &definition, ProgressSink &progress,
                               const PersonRange &range = {});

/// The rows of the definition's event tables (a lower bound of their interactions: an order holds several
/// products). Throws PgError.
std::int64_t catalogEventRows(PgConnection &pg, const SourceTables &source,
                              const catalog::CatalogDefinition &definition);

/// The target's items in the pulled catalog, sorted; InvalidInput naming an unknown column, value or product
/// (as model::resolveTarget does for a workspace).
Result<std::vector<std::int32_t>> resolveTarget(const PulledCatalog &catalog, const model::Target &target);

} // namespace awb::warehouse
