// SPDX-License-Identifier: GPL-3.0-or-later
// Loads the built catalog's interaction matrix and resolves targets into item sets.
#pragma once

#include "common/Result.h"
#include "numeric/InteractionLog.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace awb {
class ProgressSink;
}
namespace awb::store {
class Database;
}

namespace awb::model {

struct LoadedInteractions
{
    numeric::InteractionLog log;
    std::vector<std::int64_t> profileIds; ///< dense profile index -> profiles.id (every profile, ascending)
    std::int64_t latestEventMs = 0;       ///< latest event time in the workspace (default "now")
};

/// Every profile (marking those with a user id) and every catalog interaction, ordered by time. Fails with
/// NotFound when the catalog has not been built. Cancellable.
Result<LoadedInteractions> loadInteractions(store::Database &db, ProgressSink &progress);

/// What a score is about: a column value (all products having it) or one product.
struct Target
{
    std::string column;
    std::string value;
    std::string productId; ///< set instead of column / value for a product target

    std::string describe() const;
    /// The target a text names: "COLUMN=VALUE" (blanks around either trimmed, so describe()'s "COLUMN =
    /// VALUE" reads back), "product ID", or else a bare product id.
    static Target parse(std::string_view text);
};

/// Item indices of the target, sorted. Unknown column, value or product: InvalidInput naming it (and, for a
/// value, the most common values).
Result<std::vector<std::int32_t>> resolveTarget(store::Database &db, const Target &target);

/// resolveTarget's errors, which the warehouse's catalog gives too (catalog: "the catalog", "the warehouse's
/// catalog").
Error unknownTargetProduct(const Target &target, const std::string &catalog);
Error unknownTargetColumn(const Target &target, const std::vector<std::string> &columns);
Error unknownTargetValue(const Target &target, const std::vector<std::string> &commonValues,
                         const std::string &catalog);

/// The label of each profile (aligned with profileIds): "0" + its smallest user id, else "1" + its smallest
/// anonymous id, else "2" + its id; the same label a warehouse gives a person (warehouse::personOf).
std::vector<std::string> profileLabels(store::Database &db, const std::vector<std::int64_t> &profileIds);
/// The external key of each profile: its label without the leading digit (its user id, else its first
/// anonymous id).
std::vector<std::string> profileKeys(store::Database &db, const std::vector<std::int64_t> &profileIds);
/// The product id of each catalog item, by item index (itemCount of them).
std::vector<std::string> itemProductIds(store::Database &db, std::int32_t itemCount);

} // namespace awb::model
