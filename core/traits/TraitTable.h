// SPDX-License-Identifier: GPL-3.0-or-later
// The computed traits of every profile as of one "now", stored column by column for fast rule evaluation.
#pragma once

#include "traits/TraitInfos.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace awb::traits {

/// A date trait without a value.
inline constexpr std::int64_t kNoDate = std::numeric_limits<std::int64_t>::min();
/// A text trait without a value.
inline constexpr std::int32_t kNoText = -1;
inline constexpr std::int64_t kDayMs = 86'400'000;

/// One trait for every profile (rows aligned with TraitTable::profileIds). Only the vector of its kind is
/// filled.
struct TraitColumn
{
    TraitInfo info;
    std::vector<double> numbers;
    std::vector<std::int64_t> dates;
    std::vector<std::int32_t> codes;
    std::vector<std::string> dictionary; ///< Text: the distinct values, code = index

    bool isSet(std::size_t row) const;
    /// The value as text for display and JSON ("" when not set; dates as ISO 8601).
    std::string display(std::size_t row) const;
    /// The dictionary code of value, or kNoText when no row has it.
    std::int32_t codeOf(const std::string &value) const;
};

/// Purchases of one catalog column value by one profile (sparse: only values the profile bought).
struct ValueStat
{
    std::int32_t value = 0;     ///< index into CatalogColumnValues::values
    std::int32_t purchases = 0; ///< orders holding at least one product with the value
    double spend = 0;           ///< sum of those products' line totals (price x quantity)
    std::int64_t lastPurchase = kNoDate;
};

/// The per-value purchase statistics of one catalog column, for all profiles, in CSR form: the stats of
/// row r are entries[rowStart[r] .. rowStart[r + 1]).
struct CatalogColumnValues
{
    std::string column; ///< catalog column name ("Category")
    std::vector<std::string> values;
    std::vector<std::int64_t> rowStart;
    std::vector<ValueStat> entries;

    std::int32_t valueIndex(const std::string &value) const;
};

/// Profiles in one saved audience snapshot (kind "audience") or in an exported one (kind "export").
struct MembershipList
{
    std::string kind;
    std::string name;
    std::vector<std::int32_t> rows; ///< sorted row indices
};

/// The fitted customer-base models (BG/NBD and Gamma-Gamma) behind the predictive traits.
struct ModelSummary
{
    bool fitted = false;
    std::string note;                 ///< why the models were not fitted, when they were not
    double timeUnitDays = 1;          ///< 1 = days, 7 = weeks: the unit of t_x, T and of the parameters
    std::int64_t purchasers = 0;      ///< profiles with at least one order
    std::int64_t customers = 0;       ///< purchasers fitted (BG/NBD; a subset above kMaxFitCustomers)
    std::int64_t repeatCustomers = 0; ///< of which with x > 0 and positive repeat spend (Gamma-Gamma)
    double r = 0, alpha = 0, a = 0, b = 0;
    double bgNbdLogLikelihood = 0;
    bool bgNbdConverged = false;
    double p = 0, q = 0, v = 0;
    double gammaGammaLogLikelihood = 0;
    bool gammaGammaConverged = false;
};

class TraitTable
{
public:
    std::int64_t nowMs = 0;                   ///< events before this time were counted
    std::vector<std::int64_t> profileIds;     ///< ascending; row r is profile profileIds[r]
    std::vector<TraitColumn> columns;         ///< dense traits, in display order
    std::vector<CatalogColumnValues> catalog; ///< per catalog column value statistics
    std::vector<MembershipList> memberships;
    ModelSummary models;

    std::size_t size() const { return profileIds.size(); }
    /// The dense column with that id, or nullptr.
    const TraitColumn *column(const std::string &id) const;
    const CatalogColumnValues *catalogColumn(const std::string &name) const;
    const MembershipList *membership(const std::string &kind, const std::string &name) const;
    /// The row of a profile id, or nullopt when the profile is not in the table.
    std::optional<std::size_t> rowOf(std::int64_t profileId) const;
    /// Metadata of every dense trait plus the per-value traits (ids "value_purchases", "value_spend",
    /// "value_last_purchase", which take a catalog column and value).
    std::vector<TraitInfo> infos() const;
};

/// The per-value trait id for a catalog column value as a dense column (0 purchases and spend for
/// profiles who never bought it, last purchase not set). Empty optional when column or value is unknown
/// or id is not a per-value trait.
std::optional<TraitColumn> materializeValueTrait(const TraitTable &table, const std::string &id,
                                                 const std::string &column, const std::string &value);

inline bool TraitColumn::isSet(std::size_t row) const
{
    switch (info.kind) {
    case TraitKind::Number:
        return !std::isnan(numbers[row]);
    case TraitKind::Date:
        return dates[row] != kNoDate;
    case TraitKind::Text:
    case TraitKind::Boolean:
        return codes[row] != kNoText;
    }
    return false;
}

} // namespace awb::traits
