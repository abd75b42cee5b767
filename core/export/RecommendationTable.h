// SPDX-License-Identifier: GPL-3.0-or-later
// The recommended items of the people an export writes, as the cells of its rec_K_* columns. Plain C++.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace awb::exports {

struct RecommendationTable
{
    /// What each item shows, in column order: "id", "price", then the catalog's columns ("name",
    /// "category", ...) as named in the workspace.
    std::vector<std::string> fields;
    /// Per catalog item (dense index): its values, aligned with fields; empty when unknown.
    std::vector<std::vector<std::string>> items;
    /// Per profile id: its items, best first.
    std::unordered_map<std::int64_t, std::vector<std::int32_t>> lists;

    /// The value of field of the profile's slot-th item (0-based); empty when it has fewer items.
    const std::string &cell(std::int64_t profileId, int slot, int field) const;
};

} // namespace awb::exports
