// SPDX-License-Identifier: GPL-3.0-or-later
#include "traits/TraitLoader.h"

#include "jobs/Progress.h"
#include "store/Database.h"
#include "store/StoreError.h"
#include "traits/EventScan.h"
#include "traits/Memberships.h"
#include "traits/PredictiveTraits.h"
#include "traits/ProfileAttributes.h"
#include "traits/Reachability.h"
#include "traits/TraitColumns.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <thread>

namespace awb::traits {

namespace {

struct Setup
{
    ScanInput input;
    std::optional<ProductValues> catalog;
    std::int64_t events = 0; ///< events before now (progress range)
};

std::int64_t nameId(store::Database &db, const char *name)
{
    auto st = db.prepare("SELECT id FROM event_names WHERE name = ?1");
    st.bind(1, name);
    return st.step() ? st.int64(0) : -1;
}

std::optional<ProductValues> loadCatalogValues(store::Database &db)
{
    auto built = db.prepare("SELECT count(*) FROM catalog_builds");
    if (!built.step() || built.int64(0) == 0) {
        return std::nullopt;
    }
    ProductValues pv;
    auto cols = db.prepare("SELECT name FROM catalog_columns ORDER BY position");
    while (cols.step()) {
        pv.columns.push_back(cols.text(0));
    }
    pv.values.resize(pv.columns.size());
    auto values = db.prepare("SELECT DISTINCT column_name, value FROM catalog_item_values");
    while (values.step()) {
        const auto c = std::find(pv.columns.begin(), pv.columns.end(), values.text(0));
        if (c != pv.columns.end()) {
            pv.values[static_cast<std::size_t>(c - pv.columns.begin())].push_back(values.text(1));
        }
    }
    for (auto &v : pv.values) {
        std::sort(v.begin(), v.end());
    }
    auto rows = db.prepare("SELECT ci.product_id, v.column_name, v.value FROM catalog_item_values v "
                           "JOIN catalog_items ci ON ci.item = v.item");
    while (rows.step()) {
        const auto c = std::find(pv.columns.begin(), pv.columns.end(), rows.text(1));
        if (c == pv.columns.end()) {
            continue;
        }
        const auto column = static_cast<std::size_t>(c - pv.columns.begin());
        const std::vector<std::string> &list = pv.values[column];
        const auto value = std::lower_bound(list.begin(), list.end(), rows.text(2)) - list.begin();
        pv.byProduct[rows.text(0)].push_back(
            {static_cast<std::int32_t>(column), static_cast<std::int32_t>(value)});
    }
    return pv;
}

Setup prepare(store::Database &db, const std::string &path, const TraitOptions &options, TraitTable &table)
{
    Setup s;
    auto latest = db.prepare("SELECT coalesce(max(ts), 0) FROM events");
    table.nowMs = options.asOfMs.value_or((latest.step() ? latest.int64(0) : 0) + 1);
    auto profiles =
        db.prepare("SELECT id FROM profiles WHERE first_seen IS NULL OR first_seen < ?1 ORDER BY id");
    profiles.bind(1, table.nowMs);
    while (profiles.step()) {
        table.profileIds.push_back(profiles.int64(0));
    }
    auto count = db.prepare("SELECT count(*) FROM events WHERE ts < ?1");
    count.bind(1, table.nowMs);
    s.events = count.step() ? count.int64(0) : 0;
    s.catalog = loadCatalogValues(db);
    s.input.workspacePath = path;
    s.input.nowMs = table.nowMs;
    s.input.orderNameId = nameId(db, "Order Completed");
    s.input.refundNameId = nameId(db, "Order Refunded");
    s.input.profileIds = &table.profileIds;
    return s;
}

int threadCount(const TraitOptions &options, std::size_t rows)
{
    if (options.threads > 0) {
        return options.threads;
    }
    // Below a few thousand profiles a second connection costs more than it saves.
    return rows < 4096 ? 1 : std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 4);
}

// Runs one scan per part on its own thread; this thread reports progress and relays cancellation.
Result<void> runScans(const ScanInput &input, std::vector<ScanOutput> &parts,
                      std::vector<std::size_t> &bounds, ProgressSink &progress)
{
    std::atomic<std::int64_t> done{0};
    std::atomic_bool stop{false};
    std::vector<std::future<Result<void>>> scans;
    for (std::size_t p = 0; p < parts.size(); ++p) {
        scans.push_back(std::async(std::launch::async, [&, p] {
            return scanEvents(input, bounds[p], bounds[p + 1], parts[p], done, stop);
        }));
    }
    for (auto &scan : scans) {
        while (scan.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
            progress.setValue(done.load(std::memory_order_relaxed));
            if (progress.isCancelled()) {
                stop = true;
            }
        }
    }
    Result<void> outcome;
    for (auto &scan : scans) {
        Result<void> r = scan.get();
        if (!r && outcome) {
            outcome = std::move(r);
        }
    }
    if (stop || progress.isCancelled()) {
        return fail(Error::cancelled());
    }
    progress.setValue(done.load());
    return outcome;
}

void mergeCatalog(TraitTable &table, const ProductValues &catalog, std::vector<ScanOutput> &parts)
{
    for (std::size_t c = 0; c < catalog.columns.size(); ++c) {
        CatalogColumnValues out{catalog.columns[c], catalog.values[c], {0}, {}};
        for (ScanOutput &part : parts) {
            for (const std::int64_t n : part.rowCounts[c]) {
                out.rowStart.push_back(out.rowStart.back() + n);
            }
            out.entries.insert(out.entries.end(), part.entries[c].begin(), part.entries[c].end());
            part.entries[c] = {};
        }
        table.catalog.push_back(std::move(out));
    }
}

Result<TraitTable> load(const std::string &path, const TraitOptions &options, ProgressSink &progress)
{
    auto db = store::Database::open(path, store::Database::OpenMode::ReadOnly);
    if (!db) {
        return fail(db.error());
    }
    TraitTable table;
    Setup setup = prepare(**db, path, options, table);
    setup.input.catalog = setup.catalog ? &*setup.catalog : nullptr;
    const std::size_t n = table.size();
    const std::size_t columns = setup.catalog ? setup.catalog->columns.size() : 0;
    std::vector<ProfileStats> stats(n);
    std::vector<std::vector<std::int32_t>> topValues(columns, std::vector<std::int32_t>(n, kNoText));
    const auto threads = static_cast<std::size_t>(threadCount(options, n));
    std::vector<ScanOutput> parts(threads);
    std::vector<std::size_t> bounds;
    for (std::size_t p = 0; p <= threads; ++p) {
        bounds.push_back(n * p / threads);
    }
    for (ScanOutput &part : parts) {
        part.stats = &stats;
        part.topValues = &topValues;
    }
    progress.setStage("Reading events");
    progress.setRange(setup.events);
    if (auto scanned = runScans(setup.input, parts, bounds, progress); !scanned) {
        return fail(scanned.error());
    }
    progress.setStage("Computing traits");
    table.columns.reserve(64 + columns);
    addBehaviourColumns(table, stats);
    addPredictiveColumns(table, stats, options.timeUnitDays);
    if (progress.isCancelled()) {
        return fail(Error::cancelled());
    }
    if (setup.catalog) {
        addTopValueColumns(table, *setup.catalog, topValues);
        mergeCatalog(table, *setup.catalog, parts);
    }
    addMemberships(**db, table);
    addReachabilityColumns(table, readReachability(**db, table.profileIds));
    addAttributeColumns(**db, table);
    return table;
}

} // namespace

std::vector<TraitInfo> availableTraits(const std::vector<std::string> &catalogColumns)
{
    // The column builders on an empty table: exactly the metadata a load would produce.
    TraitTable empty;
    empty.columns.reserve(64 + catalogColumns.size());
    addBehaviourColumns(empty, {});
    addPredictiveColumns(empty, {}, 1);
    ProductValues pv;
    pv.columns = catalogColumns;
    pv.values.resize(catalogColumns.size());
    addTopValueColumns(empty, pv, std::vector<std::vector<std::int32_t>>(catalogColumns.size()));
    addMembershipColumns(empty);
    addReachabilityColumns(empty, {});
    for (const std::string &c : catalogColumns) {
        empty.catalog.push_back({c, {}, {0}, {}});
    }
    return empty.infos();
}

Result<TraitTable> loadTraits(const std::string &workspacePath, const TraitOptions &options,
                              ProgressSink &progress)
{
    if (options.timeUnitDays != 1 && options.timeUnitDays != 7) {
        return fail(Error::Code::InvalidInput, "Traits: the time unit must be days (1) or weeks (7).");
    }
    try {
        return load(workspacePath, options, progress);
    } catch (const store::StoreError &e) {
        return fail(Error::Code::Database, std::string("Traits: ") + e.what());
    }
}

} // namespace awb::traits
