// SPDX-License-Identifier: GPL-3.0-or-later
// The warehouse side of `awb traits`, `awb segment`, `awb catalog`, `awb audience create`, `awb export` and
// `awb generate`, taken when the workspace
// argument is a libpq URI (postgresql://...; see warehouse/WarehouseService.h).
#pragma once

#include "catalog/CatalogDefinition.h"
#include "segments/Rule.h"
#include "warehouse/WarehouseAudience.h"
#include "warehouse/WarehouseExport.h"

#include <QCommandLineParser>

#include <cstdint>
#include <optional>
#include <string>

namespace awb::cli {

/// Whether any source mapping option of `awb traits` is given.
bool setsSourceMapping(const QCommandLineParser &parser);

/// awb traits URI [--order-event E] [--refund-event E] [--order-value C,...] [--user-id-column C]
/// [--anonymous-id-column C] [--profile-table T] [--profile-key C] [--as-of DATE] [--json]: stores the options
/// given into the source mapping (the rest as stored), then refreshes the people and traits in the warehouse.
int warehouseTraits(const QCommandLineParser &parser, const std::string &uri,
                    std::optional<std::int64_t> asOfMs, bool json);

/// awb segment count URI (--rule FILE.json | --template NAME [--param K=V]) [--as-of DATE] [--json]
int warehouseSegmentCount(const QCommandLineParser &parser, const std::string &uri,
                          std::optional<std::int64_t> asOfMs);

/// awb segment save URI --name N (--rule FILE.json | --template NAME [--param K=V]) [--as-of DATE]: the rule
/// and its members written into the warehouse's awb schema, with who entered and left since the last save.
int warehouseSegmentSave(const QCommandLineParser &parser, const std::string &uri,
                         std::optional<std::int64_t> asOfMs);

/// awb segment export URI --name N --out FILE.csv [--preset P] [--columns C,...]: a segment saved in the
/// warehouse, streamed out in the preset's format.
int warehouseSegmentExport(const QCommandLineParser &parser, const std::string &uri);

/// awb catalog URI [--event NAME[=WEIGHT] ... [--product-id P] [--column SPEC ...]]: stores the catalog
/// definition in the warehouse when events are given, then prints the one in force (Segment's e-commerce spec
/// until one is stored).
int warehouseCatalog(const std::string &uri, const std::optional<catalog::CatalogDefinition> &definition);

/// awb audience create URI --name N (--target C=V | --product ID) --size S [--horizon --as-of --control
/// --control-seed --everyone]: scored on the interactions pulled from the warehouse, members written back.
int warehouseAudienceCreate(const std::string &uri, const warehouse::WarehouseAudienceRequest &request);

/// awb export URI --audience N --preset P --out FILE [--columns C,...] [--default-country CC]
int warehouseExport(const std::string &uri, const warehouse::WarehouseExportRequest &request);

/// awb generate --warehouse URI: the sample store of the given workspace file written in Segment's layout.
int warehousePublish(const std::string &workspace, const std::string &uri);

} // namespace awb::cli
