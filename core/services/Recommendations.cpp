// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/Recommendations.h"

#include "common/Text.h"
#include "jobs/Progress.h"
#include "model/InteractionLoader.h"
#include "numeric/Recommender.h"
#include "store/Database.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

namespace awb::services {

namespace {

constexpr std::int64_t kDayMs = 86400000;

struct CatalogItem
{
    std::string productId;
    std::optional<double> price;
    std::optional<double> listPrice;
    std::int64_t lastTs = 0;
    std::vector<std::vector<std::string>> values; ///< per catalog column
};

std::string money(double v)
{
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 2);
    return std::string(buf, r.ptr);
}

std::vector<CatalogItem> loadItems(store::Database &db, const std::vector<std::string> &columns)
{
    std::vector<CatalogItem> items;
    auto st = db.prepare("SELECT item, product_id, price, list_price, last_ts FROM catalog_items ORDER BY item");
    while (st.step()) {
        const auto index = static_cast<std::size_t>(st.int64(0));
        items.resize(std::max(items.size(), index + 1));
        CatalogItem &it = items[index];
        it.productId = st.text(1);
        if (!st.isNull(2)) {
            it.price = st.real(2);
        }
        if (!st.isNull(3)) {
            it.listPrice = st.real(3);
        }
        it.lastTs = st.int64(4);
    }
    for (CatalogItem &it : items) {
        it.values.resize(columns.size());
    }
    std::map<std::string, std::size_t> columnIndex;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        columnIndex.emplace(columns[c], c);
    }
    auto values = db.prepare("SELECT column_name, value, item FROM catalog_item_values ORDER BY item, value");
    while (values.step()) {
        const auto c = columnIndex.find(values.text(0));
        const auto item = static_cast<std::size_t>(values.int64(2));
        if (c != columnIndex.end() && item < items.size()) {
            items[item].values[c->second].push_back(values.text(1));
        }
    }
    return items;
}

Result<std::vector<char>> allowedItems(const std::vector<CatalogItem> &items, const std::vector<std::string> &columns,
                                       const RecommendationRequest &request, std::int64_t nowMs)
{
    std::vector<std::size_t> conditionColumns;
    for (const ItemCondition &cond : request.conditions) {
        const auto at = std::find(columns.begin(), columns.end(), cond.column);
        if (at == columns.end()) {
            std::string known;
            for (const std::string &c : columns) {
                known += (known.empty() ? "" : ", ") + c;
            }
            return fail(Error::Code::InvalidInput, "Item filter: the catalog has no column '" + cond.column +
                                                       "' (its columns: " + known + ").");
        }
        conditionColumns.push_back(static_cast<std::size_t>(at - columns.begin()));
    }
    std::vector<char> allowed(items.size(), 1);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const CatalogItem &it = items[i];
        bool ok = request.activeDays <= 0 || it.lastTs >= nowMs - request.activeDays * kDayMs;
        for (std::size_t k = 0; ok && k < request.conditions.size(); ++k) {
            const auto &have = it.values[conditionColumns[k]];
            const auto &want = request.conditions[k].values;
            ok = std::any_of(have.begin(), have.end(),
                             [&](const std::string &v) { return std::find(want.begin(), want.end(), v) != want.end(); });
        }
        if (ok && (request.minPrice || request.maxPrice)) {
            ok = it.price && (!request.minPrice || *it.price >= *request.minPrice) &&
                 (!request.maxPrice || *it.price <= *request.maxPrice);
        }
        if (ok && request.minMarkdown > 0) {
            ok = it.price && it.listPrice && *it.listPrice > 0 &&
                 1.0 - *it.price / *it.listPrice >= request.minMarkdown - 1e-9;
        }
        allowed[i] = ok ? 1 : 0;
    }
    return allowed;
}

std::int64_t nameId(store::Database &db, const char *name)
{
    auto st = db.prepare("SELECT id FROM event_names WHERE name = ?");
    st.bind(1, name);
    return st.step() ? st.int64(0) : -1;
}

struct Exclusions
{
    std::vector<std::vector<std::int32_t>> now;    ///< per dense profile, at asOf
    std::vector<std::vector<std::int32_t>> before; ///< per dense profile, bought before the backtest cutoff
};

void sortUnique(std::vector<std::vector<std::int32_t>> &lists)
{
    for (auto &l : lists) {
        std::sort(l.begin(), l.end());
        l.erase(std::unique(l.begin(), l.end()), l.end());
    }
}

// Items ordered (Order Completed) and in the cart (Product Added since the last order, not removed since)
// per profile, from the events before nowMs.
Exclusions readExclusions(store::Database &db, const RecommendationRequest &request,
                          const std::unordered_map<std::int64_t, std::int32_t> &dense, std::size_t profiles,
                          const std::unordered_map<std::string, std::int32_t> &itemOf, std::int64_t nowMs,
                          std::int64_t cutoffMs)
{
    Exclusions out;
    out.now.resize(profiles);
    if (request.excludeBought) {
        out.before.resize(profiles);
    }
    const std::int64_t ordered = nameId(db, "Order Completed");
    const std::int64_t added = request.excludeInCart ? nameId(db, "Product Added") : -1;
    const std::int64_t removed = request.excludeInCart ? nameId(db, "Product Removed") : -1;
    if (!request.excludeBought && !request.excludeInCart) {
        return out;
    }
    auto st = db.prepare("SELECT e.profile_id, e.ts, e.name_id, ep.product_id FROM events e "
                         "JOIN event_products ep ON ep.event_id = e.id WHERE e.name_id IN (?, ?, ?) AND e.ts < ?");
    st.bind(1, ordered).bind(2, added).bind(3, removed).bind(4, nowMs);
    std::vector<std::int64_t> lastOrder(request.excludeInCart ? profiles : 0, INT64_MIN);
    std::map<std::pair<std::int32_t, std::int32_t>, std::pair<std::int64_t, std::int64_t>> cart; // added, removed
    while (st.step()) {
        const auto p = dense.find(st.int64(0));
        const auto item = itemOf.find(st.text(3));
        if (p == dense.end() || item == itemOf.end()) {
            continue;
        }
        const std::int64_t ts = st.int64(1);
        const std::int64_t name = st.int64(2);
        const auto profile = static_cast<std::size_t>(p->second);
        if (name == ordered) {
            if (request.excludeBought) {
                out.now[profile].push_back(item->second);
                if (ts < cutoffMs) {
                    out.before[profile].push_back(item->second);
                }
            }
            if (request.excludeInCart) {
                lastOrder[profile] = std::max(lastOrder[profile], ts);
            }
        } else {
            auto &[addedAt, removedAt] = cart.try_emplace({p->second, item->second}, INT64_MIN, INT64_MIN).first->second;
            (name == added ? addedAt : removedAt) = std::max(name == added ? addedAt : removedAt, ts);
        }
    }
    for (const auto &[key, times] : cart) {
        const auto profile = static_cast<std::size_t>(key.first);
        if (times.first > times.second && times.first > lastOrder[profile]) {
            out.now[profile].push_back(key.second);
        }
    }
    sortUnique(out.now);
    sortUnique(out.before);
    return out;
}

std::vector<std::string> catalogColumnNames(store::Database &db)
{
    std::vector<std::string> names;
    auto st = db.prepare("SELECT name FROM catalog_columns ORDER BY position");
    while (st.step()) {
        names.push_back(st.text(0));
    }
    return names;
}

// What the table shows of each item, in column order: RecommendationTable::fields.
std::vector<std::string> tableFields(const std::vector<std::string> &columns)
{
    std::vector<std::string> fields{"id", "price"};
    fields.insert(fields.end(), columns.begin(), columns.end());
    return fields;
}

} // namespace

Result<numeric::RecStrategy> parseRecStrategy(const std::string &name)
{
    using S = numeric::RecStrategy;
    for (const auto &[id, s] : {std::pair{"blend", S::Blend}, std::pair{"personal", S::Personal},
                                std::pair{"similar", S::Similar}, std::pair{"bestsellers", S::Bestsellers}}) {
        if (name == id) {
            return s;
        }
    }
    return fail(Error::Code::InvalidInput,
                "Unknown recommendation strategy '" + name + "' (known: blend, personal, similar, bestsellers).");
}

Result<ItemCondition> parseItemCondition(const std::string &text)
{
    const auto eq = text.find('=');
    ItemCondition c;
    if (eq != std::string::npos) {
        c.column = std::string(trimmed(std::string_view(text).substr(0, eq)));
        std::string_view rest = std::string_view(text).substr(eq + 1);
        while (!rest.empty()) {
            const auto bar = rest.find('|');
            const std::string_view v = trimmed(rest.substr(0, bar));
            if (!v.empty()) {
                c.values.emplace_back(v);
            }
            rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
        }
    }
    if (c.column.empty() || c.values.empty()) {
        return fail(Error::Code::InvalidInput,
                    "Item filter '" + text + "': give a catalog column and its values, e.g. Category=Beauty|Home.");
    }
    return c;
}

Result<void> parsePriceRange(const std::string &text, RecommendationRequest &request)
{
    const auto dash = text.find('-');
    auto bound = [](std::string_view s, std::optional<double> &out) {
        s = trimmed(s);
        if (s.empty()) {
            return true;
        }
        double v = 0;
        const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
        if (r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(v) || v < 0) {
            return false;
        }
        out = v;
        return true;
    };
    request.minPrice.reset();
    request.maxPrice.reset();
    const std::string_view t(text);
    if (dash == std::string::npos || !bound(t.substr(0, dash), request.minPrice) ||
        !bound(t.substr(dash + 1), request.maxPrice) || (!request.minPrice && !request.maxPrice) ||
        (request.minPrice && request.maxPrice && *request.minPrice > *request.maxPrice)) {
        return fail(Error::Code::InvalidInput,
                    "Price range '" + text + "': give MIN-MAX, -MAX or MIN- (e.g. 0-100), in the shop's currency.");
    }
    return {};
}

Result<void> parseMarkdown(const std::string &text, RecommendationRequest &request)
{
    std::string_view t = trimmed(text);
    const bool percent = !t.empty() && t.back() == '%';
    if (percent) {
        t.remove_suffix(1);
    }
    double v = 0;
    const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
    if (!percent || t.empty() || r.ec != std::errc() || r.ptr != t.data() + t.size() || !(v >= 0 && v < 100)) {
        return fail(Error::Code::InvalidInput,
                    "Markdown '" + text + "': give a percentage below 100%, e.g. 20% (the least an item's "
                                          "latest price is below the highest seen).");
    }
    request.minMarkdown = v / 100.0;
    return {};
}

Result<void> parseExclusions(const std::string &text, RecommendationRequest &request)
{
    request.excludeBought = false;
    request.excludeInCart = false;
    std::string_view rest(text);
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        const std::string_view word = trimmed(rest.substr(0, comma));
        if (word == "bought") {
            request.excludeBought = true;
        } else if (word == "cart") {
            request.excludeInCart = true;
        } else if (word != "none" && !word.empty()) {
            return fail(Error::Code::InvalidInput,
                        "Exclusion '" + std::string(word) + "': give bought, cart, both (bought,cart) or none.");
        }
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    return {};
}

Result<void> addRecommendationColumns(store::Database &db, exports::ExportPreset &preset, int count)
{
    return exports::addRecommendationColumns(preset, count, tableFields(catalogColumnNames(db)));
}

Result<RecommendationOutcome> recommendItems(store::Database &db, const std::vector<std::int64_t> &profileIds,
                                             const RecommendationRequest &request, ProgressSink &progress)
{
    if (request.count < 1 || request.count > numeric::kMaxRecommendations) {
        return fail(Error::Code::InvalidInput, "Recommended items: give 1 to " +
                                                   std::to_string(numeric::kMaxRecommendations) +
                                                   " items per person, not " + std::to_string(request.count) + ".");
    }
    auto loaded = model::loadInteractions(db, progress);
    if (!loaded) {
        return fail(loaded.error());
    }
    const numeric::InteractionLog &log = loaded->log;
    const std::int64_t nowMs = request.asOfMs.value_or(loaded->latestEventMs + 1);
    const std::vector<std::string> columns = catalogColumnNames(db);
    const std::vector<CatalogItem> items = loadItems(db, columns);
    auto allowed = allowedItems(items, columns, request, nowMs);
    if (!allowed) {
        return fail(allowed.error());
    }
    allowed->resize(static_cast<std::size_t>(log.itemCount), 0);

    std::unordered_map<std::int64_t, std::int32_t> dense;
    for (std::size_t k = 0; k < loaded->profileIds.size(); ++k) {
        dense.emplace(loaded->profileIds[k], static_cast<std::int32_t>(k));
    }
    std::unordered_map<std::string, std::int32_t> itemOf;
    for (std::size_t i = 0; i < items.size(); ++i) {
        itemOf.emplace(items[i].productId, static_cast<std::int32_t>(i));
    }
    progress.setStage("Reading orders and carts");
    const Exclusions excluded =
        readExclusions(db, request, dense, loaded->profileIds.size(), itemOf, nowMs, nowMs - request.horizonMs);
    if (progress.isCancelled()) {
        return fail(Error::cancelled());
    }

    RecommendationOutcome out;
    out.strategy = numeric::strategyName(request.strategy);
    out.catalogItems = static_cast<std::int64_t>(items.size());
    out.allowedItems = std::count(allowed->begin(), allowed->end(), 1);
    const numeric::RecOptions options{request.strategy, request.count, *allowed};
    progress.setStage("Backtesting recommendations");
    out.backtest = numeric::backtestRecommendations(log, nowMs, request.horizonMs, options, 20000, excluded.before);
    if (progress.isCancelled()) {
        return fail(Error::cancelled());
    }
    progress.setStage("Training for recommendations");
    const numeric::RecModels models =
        numeric::RecModels::train(log, nowMs, request.horizonMs, request.strategy);
    std::vector<std::int32_t> people;
    std::vector<std::int64_t> ids;
    for (const std::int64_t id : profileIds) {
        if (const auto it = dense.find(id); it != dense.end()) {
            people.push_back(it->second);
            ids.push_back(id);
        }
    }
    progress.setStage("Recommending items");
    const std::vector<numeric::RecList> lists = numeric::recommend(models, options, people, excluded.now);

    out.table.fields = tableFields(columns);
    out.table.items.reserve(items.size());
    for (const CatalogItem &it : items) {
        std::vector<std::string> cells{it.productId, it.price ? money(*it.price) : std::string()};
        for (const auto &v : it.values) {
            std::string joined;
            for (const std::string &one : v) {
                joined += (joined.empty() ? "" : ", ") + one;
            }
            cells.push_back(std::move(joined));
        }
        out.table.items.push_back(std::move(cells));
    }
    out.people = static_cast<std::int64_t>(profileIds.size());
    for (std::size_t k = 0; k < lists.size(); ++k) {
        if (lists[k].items.empty()) {
            continue;
        }
        ++out.withItems;
        out.fromBestsellers += lists[k].source == numeric::RecSource::Bestsellers ? 1 : 0;
        out.table.lists.emplace(ids[k], lists[k].items);
    }
    out.note = request.excludeInCart ? "the backtest leaves out the in-cart exclusion (carts are not replayed)"
                                     : std::string();
    return out;
}

std::string RecommendationOutcome::toText() const
{
    auto pct = [](double v) { return std::to_string(static_cast<int>(std::lround(100.0 * v))) + "%"; };
    std::string s = "  recommended items: " + strategy + ", " + std::to_string(allowedItems) + " of " +
                    std::to_string(catalogItems) + " catalog items allowed\n";
    s += "    people with items: " + std::to_string(withItems) + " of " + std::to_string(people);
    if (fromBestsellers > 0) {
        s += " (" + std::to_string(fromBestsellers) + " from the bestsellers, no history)";
    }
    s += "\n";
    for (const numeric::RecQuality &q : backtest) {
        s += "    backtest " + q.name + ": hit rate " + pct(q.hitRate) + ", recall " + pct(q.recall) + " (" +
             std::to_string(q.people) + " people)\n";
    }
    if (!note.empty()) {
        s += "    note: " + note + "\n";
    }
    return s;
}

} // namespace awb::services
