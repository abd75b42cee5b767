// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/InteractionLoader.h"

#include "common/Text.h"
#include "jobs/Progress.h"
#include "store/Database.h"

#include <algorithm>
#include <climits>
#include <unordered_map>

namespace awb::model {

namespace {
constexpr std::int64_t kCheckEvery = 65536;
}

std::string Target::describe() const
{
    return productId.empty() ? column + " = " + value : "product " + productId;
}

Target Target::parse(std::string_view text)
{
    Target t;
    text = trimmed(text);
    if (text.starts_with("product ")) {
        t.productId = std::string(trimmed(text.substr(8)));
    } else if (const std::size_t eq = text.find('='); eq != std::string_view::npos) {
        t.column = std::string(trimmed(text.substr(0, eq)));
        t.value = std::string(trimmed(text.substr(eq + 1)));
    } else {
        t.productId = std::string(text);
    }
    return t;
}

Result<LoadedInteractions> loadInteractions(store::Database &db, ProgressSink &progress)
{
    auto built = db.prepare("SELECT count(*) FROM catalog_builds");
    if (!built.step() || built.int64(0) == 0) {
        return fail(
            Error::Code::NotFound,
            "The catalog has not been built yet: define it and build it first (awb catalog --build).");
    }
    LoadedInteractions out;
    std::unordered_map<std::int64_t, std::int32_t> dense;
    auto profiles = db.prepare("SELECT id, coalesce(first_seen, ?) FROM profiles ORDER BY id");
    profiles.bind(1, static_cast<std::int64_t>(INT64_MAX));
    while (profiles.step()) {
        dense.emplace(profiles.int64(0), static_cast<std::int32_t>(out.profileIds.size()));
        out.profileIds.push_back(profiles.int64(0));
        out.log.firstSeen.push_back(profiles.int64(1));
    }
    out.log.profileCount = static_cast<std::int32_t>(out.profileIds.size());
    out.log.identified.assign(out.profileIds.size(), 0);
    auto identified = db.prepare("SELECT DISTINCT profile_id FROM identities WHERE kind = 0");
    while (identified.step()) {
        if (const auto it = dense.find(identified.int64(0)); it != dense.end()) {
            out.log.identified[static_cast<std::size_t>(it->second)] = 1;
        }
    }
    auto items = db.prepare("SELECT coalesce(max(item) + 1, 0) FROM catalog_items");
    out.log.itemCount = items.step() ? static_cast<std::int32_t>(items.int64(0)) : 0;
    auto latest = db.prepare("SELECT coalesce(max(ts), 0) FROM events");
    out.latestEventMs = latest.step() ? latest.int64(0) : 0;

    auto count = db.prepare("SELECT count(*) FROM catalog_interactions");
    progress.setRange(count.step() ? count.int64(0) : 0);
    progress.setStage("Loading interactions");
    auto rows =
        db.prepare("SELECT profile_id, item, ts, weight, value FROM catalog_interactions ORDER BY ts");
    std::int64_t done = 0;
    while (rows.step()) {
        if (++done % kCheckEvery == 0) {
            if (progress.isCancelled()) {
                return fail(Error::cancelled());
            }
            progress.setValue(done);
        }
        const auto it = dense.find(rows.int64(0));
        if (it == dense.end()) {
            continue; // a profile merged away after the build; rebuilding the catalog picks it up
        }
        out.log.profile.push_back(it->second);
        out.log.item.push_back(static_cast<std::int32_t>(rows.int64(1)));
        out.log.ts.push_back(rows.int64(2));
        out.log.weight.push_back(static_cast<float>(rows.real(3)));
        out.log.value.push_back(static_cast<float>(rows.real(4)));
    }
    return out;
}

Result<std::vector<std::int32_t>> resolveTarget(store::Database &db, const Target &target)
{
    std::vector<std::int32_t> items;
    if (!target.productId.empty()) {
        auto st = db.prepare("SELECT item FROM catalog_items WHERE product_id = ?");
        st.bind(1, target.productId);
        if (!st.step()) {
            return fail(unknownTargetProduct(target, "the catalog"));
        }
        items.push_back(static_cast<std::int32_t>(st.int64(0)));
        return items;
    }
    auto column = db.prepare("SELECT 1 FROM catalog_columns WHERE name = ?");
    column.bind(1, target.column);
    if (!column.step()) {
        std::vector<std::string> known;
        auto all = db.prepare("SELECT name FROM catalog_columns ORDER BY position");
        while (all.step()) {
            known.push_back(all.text(0));
        }
        return fail(unknownTargetColumn(target, known));
    }
    auto st =
        db.prepare("SELECT item FROM catalog_item_values WHERE column_name = ? AND value = ? ORDER BY item");
    st.bind(1, target.column).bind(2, target.value);
    while (st.step()) {
        items.push_back(static_cast<std::int32_t>(st.int64(0)));
    }
    if (items.empty()) {
        std::vector<std::string> examples;
        auto top = db.prepare(
            "SELECT value FROM catalog_values WHERE column_name = ? ORDER BY interactions DESC LIMIT 5");
        top.bind(1, target.column);
        while (top.step()) {
            examples.push_back(top.text(0));
        }
        return fail(unknownTargetValue(target, examples, "the catalog"));
    }
    return items;
}

namespace {

std::string listed(const std::vector<std::string> &names)
{
    std::string out;
    for (const std::string &n : names) {
        out += (out.empty() ? "" : ", ") + n;
    }
    return out.empty() ? "none" : out;
}

} // namespace

Error unknownTargetProduct(const Target &target, const std::string &catalog)
{
    return {Error::Code::InvalidInput,
            "Product '" + target.productId + "' has no interactions in " + catalog + ".",
            {}};
}

Error unknownTargetColumn(const Target &target, const std::vector<std::string> &columns)
{
    return {Error::Code::InvalidInput,
            "The catalog has no column '" + target.column + "' (columns: " + listed(columns) + ").",
            {}};
}

Error unknownTargetValue(const Target &target, const std::vector<std::string> &commonValues,
                         const std::string &catalog)
{
    return {Error::Code::InvalidInput,
            "No product has " + target.column + " = '" + target.value + "' in " + catalog +
                " (most common values: " + listed(commonValues) + ").",
            {}};
}

std::vector<std::string> profileLabels(store::Database &db, const std::vector<std::int64_t> &profileIds)
{
    std::unordered_map<std::int64_t, std::string> labels;
    // kind 0 (user id) sorts before kind 1 (anonymous id): the first row per profile is its label.
    auto st = db.prepare("SELECT profile_id, kind, value FROM identities ORDER BY profile_id, kind, value");
    while (st.step()) {
        labels.try_emplace(st.int64(0), std::to_string(st.int64(1)) + st.text(2));
    }
    std::vector<std::string> out;
    out.reserve(profileIds.size());
    for (const std::int64_t id : profileIds) {
        const auto it = labels.find(id);
        out.push_back(it == labels.end() ? "2" + std::to_string(id) : it->second);
    }
    return out;
}

std::vector<std::string> profileKeys(store::Database &db, const std::vector<std::int64_t> &profileIds)
{
    std::vector<std::string> keys = profileLabels(db, profileIds);
    for (std::string &k : keys) {
        k.erase(0, 1);
    }
    return keys;
}

std::vector<std::string> itemProductIds(store::Database &db, std::int32_t itemCount)
{
    std::vector<std::string> out(static_cast<std::size_t>(itemCount));
    auto st = db.prepare("SELECT item, product_id FROM catalog_items");
    while (st.step()) {
        if (const std::int64_t item = st.int64(0); item >= 0 && item < itemCount) {
            out[static_cast<std::size_t>(item)] = st.text(1);
        }
    }
    return out;
}

} // namespace awb::model
