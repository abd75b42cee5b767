// SPDX-License-Identifier: GPL-3.0-or-later
// What every trait is called and means: the one table of trait ids, labels, groups, kinds and descriptions.
// The trait loader builds its columns from it, and rule summaries and pickers name traits with it, so a
// rule can be described without loading the traits.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace awb::traits {

enum class TraitKind
{
    Number,  ///< double, NaN = not set
    Date,    ///< UTC milliseconds, kNoDate = not set
    Text,    ///< code into the column's dictionary, kNoText = not set
    Boolean, ///< code 0 = false, 1 = true (dictionary {"false", "true"}), kNoText = not set
};

/// What a builder UI needs to show a trait: stable id, label, group (for grouped pickers), kind.
struct TraitInfo
{
    std::string id;    ///< stable key used in rules ("total_spend", "top_value:Category")
    std::string label; ///< "Total spend"
    std::string group; ///< "Purchases", "Visits", "Discounts", "RFM", "Predictive", "Membership", "Catalog"
    TraitKind kind = TraitKind::Number;
    std::string description; ///< one sentence, with units
};

/// The traits every table has (purchases, visits, discounts, RFM, predictive, membership), in display
/// order; not the per-catalog-column ones.
const std::vector<TraitInfo> &fixedTraitInfos();

/// Metadata of the per-value traits (ids "value_purchases", "value_spend", "value_last_purchase"; one
/// catalog column + value each, materialised on demand). Their labels end in "a value".
const std::vector<TraitInfo> &perValueTraitInfos();

/// The "most bought value" trait of a catalog column (id "top_value:<column>").
TraitInfo topValueInfo(const std::string &column);

/// The metadata of any trait id: fixed, per-value, "top_value:<column>", "reachable:<preset>" or
/// "attribute:<key>" (whose kind is only known from the stored values: Text here); nullopt when unknown.
std::optional<TraitInfo> findTraitInfo(std::string_view id);

} // namespace awb::traits
