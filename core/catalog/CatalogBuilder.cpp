// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/CatalogBuilder.h"

#include "catalog/ItemPass.h"
#include "jobs/Progress.h"
#include "store/Database.h"
#include "store/StoreError.h"

#include <chrono>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace awb::catalog {

namespace {

constexpr std::int64_t kCheckEvery = 4096;

// Everything read in one pass over the product rows of the catalog events.
struct Pass
{
    explicit Pass(const CatalogDefinition &def) : items(def) {}
    ItemPass items;
    std::unordered_set<std::int64_t> profiles;
    std::int64_t interactions = 0;
};

std::string placeholders(std::size_t n)
{
    std::string s;
    for (std::size_t i = 0; i < n; ++i) {
        s += i ? ",?" : "?";
    }
    return s;
}

std::map<std::int64_t, EventRule> eventRules(store::Database &db, const CatalogDefinition &def)
{
    std::map<std::int64_t, EventRule> rules;
    auto st = db.prepare("SELECT id FROM event_names WHERE name = ?");
    for (const CatalogEvent &e : def.events) {
        st.bind(1, e.name);
        if (st.step()) {
            rules[st.int64(0)] = eventRule(def, e);
        }
        st.reset();
    }
    return rules;
}

store::Statement rowsQuery(store::Database &db, const std::map<std::int64_t, EventRule> &rules, bool count)
{
    const std::string select = count ? "SELECT count(*)"
                                     : "SELECT e.profile_id, e.ts, e.name_id, ep.product_id, ep.properties, "
                                       "coalesce(ep.price * ep.quantity, 0), ep.price";
    auto st = db.prepare(select +
                         " FROM events e JOIN event_products ep ON ep.event_id = e.id WHERE e.name_id IN (" +
                         placeholders(rules.size()) + ")");
    int i = 1;
    for (const auto &[id, rule] : rules) {
        st.bind(i++, id);
    }
    return st;
}

Result<void> readRows(store::Database &db, const std::map<std::int64_t, EventRule> &rules, Pass &pass,
                      ProgressSink &progress)
{
    auto rows = rowsQuery(db, rules, false);
    auto insert = db.prepare(
        "INSERT INTO catalog_interactions (profile_id, item, ts, weight, value) VALUES (?, ?, ?, ?, ?)");
    std::int64_t done = 0;
    while (rows.step()) {
        if (++done % kCheckEvery == 0) {
            if (progress.isCancelled()) {
                return fail(Error::cancelled());
            }
            progress.setValue(done);
        }
        const std::int64_t ts = rows.int64(1);
        const EventRule &rule = rules.at(rows.int64(2));
        const std::int32_t item =
            pass.items.add(rule, ts, rows.text(3), rows.text(4),
                           rows.isNull(6) ? std::nullopt : std::optional<double>(rows.real(6)));
        if (item < 0) {
            continue;
        }
        const std::int64_t profile = rows.int64(0);
        pass.profiles.insert(profile);
        insert.bind(1, profile)
            .bind(2, static_cast<std::int64_t>(item))
            .bind(3, ts)
            .bind(4, rule.weight)
            .bind(5, rows.real(5))
            .run();
        ++pass.interactions;
    }
    return {};
}

void writeItems(store::Database &db, const CatalogDefinition &def, const Pass &pass)
{
    auto item = db.prepare(
        "INSERT INTO catalog_items (item, product_id, last_ts, price, list_price) VALUES (?, ?, ?, ?, ?)");
    auto value =
        db.prepare("INSERT OR IGNORE INTO catalog_item_values (column_name, value, item) VALUES (?, ?, ?)");
    std::map<std::pair<std::size_t, std::string>, std::pair<std::int64_t, std::int64_t>> counts;
    const std::vector<CatalogItem> &items = pass.items.items();
    for (std::size_t i = 0; i < items.size(); ++i) {
        const CatalogItem &it = items[i];
        item.bind(1, static_cast<std::int64_t>(i))
            .bind(2, it.productId)
            .bind(3, it.lastTs)
            .bind(4, it.price)
            .bind(5, it.listPrice)
            .run();
        for (std::size_t c = 0; c < def.columns.size(); ++c) {
            std::unordered_set<std::string> distinct(it.columns[c].values.begin(),
                                                     it.columns[c].values.end());
            for (const std::string &v : distinct) {
                value.bind(1, def.columns[c].name).bind(2, v).bind(3, static_cast<std::int64_t>(i)).run();
                auto &[products, interactions] = counts[{c, v}];
                ++products;
                interactions += it.interactions;
            }
        }
    }
    auto st = db.prepare(
        "INSERT INTO catalog_values (column_name, value, products, interactions) VALUES (?, ?, ?, ?)");
    for (const auto &[key, count] : counts) {
        st.bind(1, def.columns[key.first].name)
            .bind(2, key.second)
            .bind(3, count.first)
            .bind(4, count.second)
            .run();
    }
}

} // namespace

Result<CatalogBuildInfo> buildCatalog(store::Database &db, ProgressSink &progress)
{
    try {
        CatalogRepository repo(db);
        const auto def = repo.loadDefinition();
        if (!def) {
            return fail(Error::Code::NotFound, "No catalog is defined in this workspace yet.");
        }
        store::Transaction tx(db);
        db.exec(
            "DELETE FROM catalog_interactions; DELETE FROM catalog_values; DELETE FROM catalog_item_values; "
            "DELETE FROM catalog_items;");
        const auto rules = eventRules(db, *def);
        Pass pass(*def);
        if (!rules.empty()) {
            auto count = rowsQuery(db, rules, true);
            progress.setRange(count.step() ? count.int64(0) : 0);
            progress.setStage("Reading interactions");
            if (auto read = readRows(db, rules, pass, progress); !read) {
                return fail(read.error());
            }
        }
        progress.setStage("Writing items");
        writeItems(db, *def, pass);
        using namespace std::chrono;
        CatalogBuildInfo info{duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count(),
                              static_cast<std::int64_t>(pass.items.items().size()), pass.interactions,
                              static_cast<std::int64_t>(pass.profiles.size()), pass.items.skipped()};
        db.prepare("INSERT INTO catalog_builds (built_at, items, interactions, profiles, skipped) VALUES (?, "
                   "?, ?, ?, ?)")
            .bind(1, info.builtAtMs)
            .bind(2, info.items)
            .bind(3, info.interactions)
            .bind(4, info.profiles)
            .bind(5, info.skipped)
            .run();
        tx.commit();
        return info;
    } catch (const store::StoreError &e) {
        return fail(Error::Code::Database,
                    std::string("The catalog build failed; the previous build is kept: ") + e.what());
    }
}

} // namespace awb::catalog
