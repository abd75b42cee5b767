// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/ItemPass.h"

#include <algorithm>

namespace awb::catalog {

EventRule eventRule(const CatalogDefinition &def, const CatalogEvent &event)
{
    EventRule rule{productKey(event.productProperty), event.weight, {}};
    for (const CatalogColumn &c : def.columns) {
        rule.columnKeys.push_back(productKey(c.propertyFor(event.name)));
    }
    return rule;
}

std::int32_t ItemPass::add(const EventRule &rule, std::int64_t ts, std::string_view ownId,
                           std::string_view properties, std::optional<double> price)
{
    const bool parsed = m_reader.parse(properties);
    if (rule.key == "product_id") {
        m_ids.assign(1, std::string(ownId));
    } else if (parsed) {
        m_reader.values(rule.key, {}, m_ids);
    } else {
        m_ids.clear();
    }
    if (m_ids.empty() || m_ids.front().empty()) {
        ++m_skipped;
        return -1;
    }
    const auto [it, added] = m_index.try_emplace(m_ids.front(), static_cast<std::int32_t>(m_items.size()));
    if (added) {
        m_items.push_back(
            {m_ids.front(), ts, 0, std::vector<ColumnState>(m_def.columns.size()), {}, INT64_MIN, {}});
    }
    CatalogItem &item = m_items[static_cast<std::size_t>(it->second)];
    item.lastTs = std::max(item.lastTs, ts);
    ++item.interactions;
    for (std::size_t c = 0; parsed && c < m_def.columns.size(); ++c) {
        ColumnState &col = item.columns[c];
        if (ts < col.ts) {
            continue;
        }
        m_reader.values(rule.columnKeys[c], m_def.columns[c].split, m_values);
        if (!m_values.empty()) {
            col.ts = ts;
            col.values = m_values; // latest value wins
        }
    }
    if (price && *price >= 0) {
        if (ts >= item.priceTs) {
            item.price = price;
            item.priceTs = ts;
        }
        item.listPrice = std::max(item.listPrice.value_or(*price), *price);
    }
    return it->second;
}

} // namespace awb::catalog
