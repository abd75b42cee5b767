// SPDX-License-Identifier: GPL-3.0-or-later
// Computes the trait table of a workspace: one pass over the events in profile order, split over the
// cores, then RFM, the customer-base models and memberships.
//
// Per catalog column value traits need a built recommendation catalog: products are mapped to their
// column values through the last build (catalog_items / catalog_item_values). The statistics (orders,
// spend, last purchase) are gathered for every value of every column in the same pass, sparsely (only the
// values a profile bought), and turned into a dense column only for the values a rule asks for
// (materializeValueTrait); the most frequent value of each column is a dense text trait.
#pragma once

#include "common/Result.h"
#include "traits/TraitTable.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace awb {
class ProgressSink;
}

namespace awb::traits {

struct TraitOptions
{
    std::optional<std::int64_t> asOfMs; ///< "now"; default: just after the latest event
    double timeUnitDays = 1;            ///< BG/NBD time unit: 1 (days) or 7 (weeks)
    int threads = 0; ///< event scan threads; 0 = one per core (at most 4; one below 4,096 profiles)
};

/// The traits of every profile first seen before now (and of profiles without events), counting only
/// events before now. Opens its own read-only connections to workspacePath (one per thread). Progress
/// range = events read; Cancelled when progress is cancelled.
Result<TraitTable> loadTraits(const std::string &workspacePath, const TraitOptions &options,
                              ProgressSink &progress);

/// The traits loadTraits computes for a workspace whose catalog has these columns, without computing them
/// (for rule validation and trait pickers), including the per-value traits when there are columns. The
/// profile attribute traits depend on the stored values: add readAttributeInfos (traits/ProfileAttributes.h).
std::vector<TraitInfo> availableTraits(const std::vector<std::string> &catalogColumns);

} // namespace awb::traits
