// SPDX-License-Identifier: GPL-3.0-or-later
// Turns the per-profile accumulators of the event scan into the dense trait columns (internal to traits).
#pragma once

#include "traits/EventScan.h"
#include "traits/TraitTable.h"

#include <string_view>
#include <vector>

namespace awb::traits {

/// Appends an empty column of the given metadata, sized for the table, every row not set.
TraitColumn &addColumn(TraitTable &table, TraitInfo info);
/// Appends a text column whose dictionary is fixed in advance.
TraitColumn &addTextColumn(TraitTable &table, TraitInfo info, std::vector<std::string> dictionary);
/// The same for a fixed trait, its metadata from fixedTraitInfos() (std::logic_error for an unknown id).
TraitColumn &addColumn(TraitTable &table, std::string_view id);
TraitColumn &addTextColumn(TraitTable &table, std::string_view id, std::vector<std::string> dictionary);

/// Purchases (money and orders, refunds), visits, discount affinity and RFM columns.
void addBehaviourColumns(TraitTable &table, const std::vector<ProfileStats> &stats);

/// The most frequent value of each catalog column ("top_value:<Column>").
void addTopValueColumns(TraitTable &table, const ProductValues &catalog,
                        const std::vector<std::vector<std::int32_t>> &topValues);

} // namespace awb::traits
