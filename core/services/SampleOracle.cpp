// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/SampleOracle.h"

#include "ingest/Timestamp.h"
#include "store/Database.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace awb::services {

namespace {

constexpr std::int64_t kDayMs = 86400000;
constexpr double kTruthHorizonDays = 30.0; // sample::CustomerModel::kTruthHorizonDays
constexpr const char *kTruthEvent = "Order Completed";

// The end of the sample's history (exclusive, ms) from the import run the generator recorded, whose source
// reads "sample:seed=42,profiles=2000,days=180,end=2026-10-31"; 0 when there is none.
std::int64_t sampleEnd(store::Database &db)
{
    auto st = db.prepare("SELECT sources FROM import_runs WHERE status = 'completed' AND "
                         "instr(sources, ?) > 0 ORDER BY id DESC LIMIT 1");
    st.bind(1, "\"sample:");
    if (!st.step()) {
        return 0;
    }
    const std::string sources = st.text(0);
    const std::size_t at = sources.find(",end=");
    if (at == std::string::npos) {
        return 0;
    }
    const auto day = ingest::parseTimestamp(sources.substr(at + 5, 10));
    return day ? *day + kDayMs : 0; // the end date is the last day of the history
}

std::string day(std::int64_t ms)
{
    return ingest::formatTimestamp(ms).substr(0, 10);
}

// Why no oracle on this catalog, or empty when the catalog counts Order Completed alone.
std::string catalogMismatch(store::Database &db)
{
    std::string others;
    bool orders = false;
    auto st = db.prepare("SELECT event_name FROM catalog_events ORDER BY position");
    while (st.step()) {
        const std::string name = st.text(0);
        if (name == kTruthEvent) {
            orders = true;
        } else {
            others += (others.empty() ? "" : ", ") + name;
        }
    }
    if (orders && others.empty()) {
        return {};
    }
    return "no oracle row: the planted truth is about orders, so it is a ceiling only for a catalog of "
           "Order Completed alone (this catalog counts " +
           (others.empty() ? std::string("no orders") : others) + ").";
}

std::string windowNote(std::int64_t endMs, std::int64_t asOfMs, std::int64_t horizonMs)
{
    const std::string s =
        "oracle (planted truth) = the generator's true probability of an order with the target "
        "within 30 days of the end of its history (" +
        day(endMs) + " 00:00 UTC), rescaled to the horizon: the ceiling for the model.";
    const std::int64_t windowEnd = asOfMs + horizonMs;
    if (windowEnd == endMs) {
        return s + " This window ends there, as it should.";
    }
    return s + " Warning: this window ends on " + day(windowEnd) +
           " instead; customers who stop buying in between have a planted 0, so the oracle is not a faithful "
           "ceiling here: use --as-of " +
           day(endMs - horizonMs) + ".";
}

// The truth's key for a target: "<property>=<value>" when the column reads category, subcategory or brand.
std::optional<std::string> truthKey(store::Database &db, const model::Target &target)
{
    if (!target.productId.empty()) {
        return std::nullopt;
    }
    auto st = db.prepare("SELECT property FROM catalog_columns WHERE name = ?");
    st.bind(1, target.column);
    if (!st.step()) {
        return std::nullopt;
    }
    std::string property = st.text(0);
    property = property.substr(property.rfind('.') == std::string::npos ? 0 : property.rfind('.') + 1);
    std::transform(property.begin(), property.end(), property.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (property != "category" && property != "subcategory" && property != "brand") {
        return std::nullopt;
    }
    return property + "=" + target.value;
}

} // namespace

SampleOracle SampleOracle::load(store::Database &db, std::int64_t asOfMs, std::int64_t horizonMs)
{
    SampleOracle oracle;
    auto any = db.prepare("SELECT 1 FROM sample_truth LIMIT 1");
    if (!any.step()) {
        return oracle; // real data: no oracle, nothing to say
    }
    oracle.m_endMs = sampleEnd(db);
    oracle.m_horizonMs = horizonMs;
    if (oracle.m_endMs == 0) {
        oracle.m_note = "no oracle row: the workspace holds planted truth but no record of the sample's end.";
        return oracle;
    }
    if (std::string mismatch = catalogMismatch(db); !mismatch.empty()) {
        oracle.m_note = std::move(mismatch);
        return oracle;
    }
    oracle.m_available = true;
    oracle.m_note = windowNote(oracle.m_endMs, asOfMs, horizonMs);
    return oracle;
}

std::optional<std::vector<double>>
SampleOracle::probabilities(store::Database &db, const model::Target &target,
                            const std::vector<std::int64_t> &profileIds,
                            const std::vector<std::int32_t> &population) const
{
    if (!m_available) {
        return std::nullopt;
    }
    const std::optional<std::string> key = truthKey(db, target);
    if (!key) {
        return std::nullopt;
    }
    // p_H = 1 - (1 - p_30)^(H / 30 days): the same Poisson rate over a window of another length.
    const double exponent = static_cast<double>(m_horizonMs) / (kTruthHorizonDays * kDayMs);
    std::vector<double> byProfile(profileIds.size(), 0.0);
    bool found = false;
    auto st = db.prepare("SELECT i.profile_id, t.probability FROM sample_truth t "
                         "JOIN identities i ON i.kind = 0 AND i.value = t.user_id WHERE t.target = ?");
    st.bind(1, *key);
    while (st.step()) {
        found = true;
        // profileIds is ascending (see model::LoadedInteractions).
        const auto it = std::lower_bound(profileIds.begin(), profileIds.end(), st.int64(0));
        if (it != profileIds.end() && *it == st.int64(0)) {
            const double p30 = std::clamp(st.real(1), 0.0, 1.0);
            byProfile[static_cast<std::size_t>(it - profileIds.begin())] =
                1.0 - std::pow(1.0 - p30, exponent);
        }
    }
    if (!found) {
        return std::nullopt;
    }
    std::vector<double> out;
    out.reserve(population.size());
    for (const std::int32_t p : population) {
        out.push_back(byProfile[static_cast<std::size_t>(p)]);
    }
    return out;
}

} // namespace awb::services
