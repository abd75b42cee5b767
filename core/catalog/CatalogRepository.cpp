// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/CatalogRepository.h"

#include "store/Database.h"

namespace awb::catalog {

void CatalogRepository::saveDefinition(const CatalogDefinition &definition)
{
    m_db.exec("DELETE FROM catalog_column_events; DELETE FROM catalog_events; DELETE FROM catalog_columns;");
    auto ev = m_db.prepare(
        "INSERT INTO catalog_events (position, event_name, product_property, weight) VALUES (?, ?, ?, ?)");
    for (std::size_t i = 0; i < definition.events.size(); ++i) {
        const CatalogEvent &e = definition.events[i];
        ev.bind(1, static_cast<std::int64_t>(i))
            .bind(2, e.name)
            .bind(3, e.productProperty)
            .bind(4, e.weight)
            .run();
    }
    auto col =
        m_db.prepare("INSERT INTO catalog_columns (position, name, property, split) VALUES (?, ?, ?, ?)");
    for (std::size_t i = 0; i < definition.columns.size(); ++i) {
        const CatalogColumn &c = definition.columns[i];
        col.bind(1, static_cast<std::int64_t>(i)).bind(2, c.name).bind(3, c.property).bind(4, c.split).run();
    }
    auto over = m_db.prepare(
        "INSERT INTO catalog_column_events (column_name, event_name, property) VALUES (?, ?, ?)");
    for (const CatalogColumn &c : definition.columns) {
        for (const ColumnOverride &o : c.overrides) {
            over.bind(1, c.name).bind(2, o.event).bind(3, o.property).run();
        }
    }
}

std::optional<CatalogDefinition> CatalogRepository::loadDefinition()
{
    CatalogDefinition d;
    auto ev =
        m_db.prepare("SELECT event_name, product_property, weight FROM catalog_events ORDER BY position");
    while (ev.step()) {
        d.events.push_back({ev.text(0), ev.text(1), ev.real(2)});
    }
    if (d.events.empty()) {
        return std::nullopt;
    }
    auto col = m_db.prepare("SELECT name, property, split FROM catalog_columns ORDER BY position");
    while (col.step()) {
        d.columns.push_back({col.text(0), col.text(1), col.text(2)});
    }
    // In the events' order (validation keeps them on the catalog's events; any other would sort last).
    auto over =
        m_db.prepare("SELECT o.column_name, o.event_name, o.property FROM catalog_column_events o "
                     "LEFT JOIN catalog_events e USING (event_name) ORDER BY e.position IS NULL, e.position");
    while (over.step()) {
        const std::string column = over.text(0);
        for (CatalogColumn &c : d.columns) {
            if (c.name == column) {
                c.overrides.push_back({over.text(1), over.text(2)});
            }
        }
    }
    return d;
}

std::optional<CatalogBuildInfo> CatalogRepository::lastBuild()
{
    auto st = m_db.prepare("SELECT built_at, items, interactions, profiles, skipped FROM catalog_builds "
                           "ORDER BY id DESC LIMIT 1");
    if (!st.step()) {
        return std::nullopt;
    }
    return CatalogBuildInfo{st.int64(0), st.int64(1), st.int64(2), st.int64(3), st.int64(4)};
}

std::vector<ValueCount> CatalogRepository::values(const std::string &column, std::size_t limit)
{
    std::vector<ValueCount> out;
    auto st = m_db.prepare("SELECT value, products, interactions FROM catalog_values WHERE column_name = ? "
                           "ORDER BY interactions DESC, value LIMIT ?");
    st.bind(1, column).bind(2, static_cast<std::int64_t>(limit));
    while (st.step()) {
        out.push_back({st.text(0), st.int64(1), st.int64(2)});
    }
    return out;
}

} // namespace awb::catalog
