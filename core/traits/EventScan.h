// SPDX-License-Identifier: GPL-3.0-or-later
// One pass over the events of a range of profiles, in profile and time order, accumulating what the
// traits are computed from. Internal to core/traits (TraitLoader runs one scan per core).
#pragma once

#include "common/Result.h"
#include "traits/TraitTable.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace awb::traits {

/// Raw per-profile accumulators (row-aligned with the table's profile ids).
struct ProfileStats
{
    std::int64_t firstSeen = kNoDate;
    std::int64_t lastSeen = kNoDate;
    std::int64_t lastVisitEvent = kNoDate; ///< last event counted for sessions
    std::int64_t firstPurchase = kNoDate;
    std::int64_t lastPurchase = kNoDate;
    std::int64_t firstPurchaseDay = 0; ///< UTC day number of the first order
    std::int64_t lastPurchaseDay = 0;
    double spend = 0;
    double refundAmount = 0;
    double firstDaySpend = 0; ///< spend on the first purchase day (Gamma-Gamma uses the repeat days)
    std::int32_t events = 0;
    std::int32_t sessions = 0;
    std::int32_t orders = 0;
    std::int32_t refunds = 0;
    std::int32_t items = 0;
    std::int32_t discountedItems = 0;
    std::int32_t discountedOrders = 0;
    std::int32_t purchaseDays = 0; ///< distinct UTC days with an order
};

/// Which catalog column values each product has (from the last catalog build).
struct ProductValues
{
    struct Key
    {
        std::int32_t column;
        std::int32_t value;
    };
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> values; ///< per column, sorted
    std::unordered_map<std::string, std::vector<Key>> byProduct;
};

/// What every scan shares (read-only during the scan).
struct ScanInput
{
    std::string workspacePath;
    std::int64_t nowMs = 0;
    std::int64_t orderNameId = -1;  ///< event_names id of "Order Completed" (-1: none)
    std::int64_t refundNameId = -1; ///< of "Order Refunded"
    const std::vector<std::int64_t> *profileIds = nullptr;
    const ProductValues *catalog = nullptr;
};

/// What a scan of rows [rowBegin, rowEnd) writes: stats and top values into the shared row-aligned
/// vectors, the sparse per-value statistics into its own CSR part.
struct ScanOutput
{
    std::vector<ProfileStats> *stats = nullptr;
    std::vector<std::vector<std::int32_t>> *topValues = nullptr; ///< per catalog column, row-aligned
    std::vector<std::vector<std::int64_t>> rowCounts; ///< per column: entries of each row of the part
    std::vector<std::vector<ValueStat>> entries;      ///< per column
};

/// Scans the events of rows [rowBegin, rowEnd) on its own connection. Adds the events read to done and
/// stops (Cancelled) when stop becomes true. Throws nothing: store errors become Error::Code::Database.
Result<void> scanEvents(const ScanInput &input, std::size_t rowBegin, std::size_t rowEnd, ScanOutput &output,
                        std::atomic<std::int64_t> &done, const std::atomic_bool &stop);

} // namespace awb::traits
