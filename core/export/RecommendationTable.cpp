// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/RecommendationTable.h"

namespace awb::exports {

const std::string &RecommendationTable::cell(std::int64_t profileId, int slot, int field) const
{
    static const std::string kEmpty;
    const auto list = lists.find(profileId);
    if (list == lists.end() || slot < 0 || static_cast<std::size_t>(slot) >= list->second.size()) {
        return kEmpty;
    }
    const auto item = static_cast<std::size_t>(list->second[static_cast<std::size_t>(slot)]);
    if (item >= items.size() || field < 0 || static_cast<std::size_t>(field) >= items[item].size()) {
        return kEmpty;
    }
    return items[item][static_cast<std::size_t>(field)];
}

} // namespace awb::exports
