// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/ScoringService.h"

#include "jobs/Progress.h"
#include "model/CanonicalOrder.h"
#include "numeric/Propensity.h"
#include "numeric/PropensityPooled.h"
#include "numeric/PropensityTuning.h"
#include "services/SampleOracle.h"
#include "services/StreamScorer.h"
#include "services/WithWorkspace.h"
#include "store/Database.h"

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace awb::services {

namespace {

std::function<bool(const std::string &)> stageReporter(ProgressSink &progress)
{
    return [&progress](const std::string &stage) {
        progress.setStage(stage);
        return !progress.isCancelled();
    };
}

numeric::PropensityParams propensityParams(std::int64_t now, std::int64_t horizon, bool everyone)
{
    numeric::PropensityParams params;
    params.nowMs = now;
    params.horizonMs = horizon;
    params.everyone = everyone;
    return params;
}

std::string fixed3(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

// What does not depend on one target: hyperparameters tuned on the validation window for all targets,
// then the models at the three cutoffs trained with them.
struct Prepared
{
    numeric::PropensityParams params;
    numeric::ModelSnapshots models;
    std::string tuning;
};

Result<Prepared> prepare(const model::LoadedInteractions &data,
                         const std::vector<std::vector<std::int32_t>> &targets, std::int64_t now,
                         std::int64_t horizon, bool everyone, ProgressSink &progress)
{
    Prepared out;
    const numeric::ProfileTimeline timeline = numeric::ProfileTimeline::build(data.log);
    numeric::TuningResult tuned = numeric::tunePropensity(
        data.log, timeline, targets, propensityParams(now, horizon, everyone), {}, stageReporter(progress));
    if (tuned.cancelled || !numeric::trainSnapshots(data.log, tuned.params, out.models,
                                                    stageReporter(progress), &tuned.validation)) {
        return fail(Error::cancelled());
    }
    out.params = tuned.params;
    const double seconds = out.models.scoring.neighbourSeconds + out.models.now.neighbourSeconds;
    out.tuning = tuned.summary + "; item-kNN and EASE fitted at T - H and T in " + fixed3(seconds) + " s";
    return out;
}

Result<void> checkHistory(const model::LoadedInteractions &data, std::int64_t now, std::int64_t horizon)
{
    if (now <= 0 || data.log.ts.empty() || data.log.ts.front() >= now - 2 * horizon) {
        return fail(
            Error::Code::InvalidInput,
            "Not enough history before the as-of date: a backtest needs interactions at least two horizons "
            "(" +
                std::to_string(2 * horizon / kDayMs) + " days) before it.");
    }
    return {};
}

std::string combinerNote(const numeric::MultiTargetResult &scored)
{
    if (scored.pooledAuc == 0.0) {
        return "combiner: per target (backtest macro AUC " + fixed3(scored.perTargetAuc) + ")";
    }
    return std::string("combiner: ") + (scored.pooled ? "pooled over the targets" : "per target") +
           " (backtest macro AUC per target " + fixed3(scored.perTargetAuc) + ", pooled " +
           fixed3(scored.pooledAuc) + ")";
}

Result<numeric::PropensityResult> run(const model::LoadedInteractions &data,
                                      const std::vector<std::int32_t> &items, const Prepared &prepared,
                                      ProgressSink &progress)
{
    auto result =
        numeric::scorePropensity(data.log, items, prepared.params, &prepared.models, stageReporter(progress));
    if (result.cancelled) {
        return fail(Error::cancelled());
    }
    return result;
}

std::vector<model::Target> topTargets(store::Database &db, const std::string &column, int n,
                                      std::int64_t from, std::int64_t to)
{
    // CROSS JOIN keeps the interactions as the outer loop: they have no index on item, the inner
    // tables are looked up by their keys.
    const bool products = column.empty();
    const std::string sql =
        products ? "SELECT i.product_id, count(DISTINCT c.profile_id) AS people FROM catalog_interactions c "
                   "CROSS JOIN catalog_items i ON i.item = c.item WHERE c.ts >= ? AND c.ts < ? "
                   "GROUP BY c.item ORDER BY people DESC, i.product_id LIMIT ?"
                 : "SELECT v.value, count(DISTINCT c.profile_id) AS people FROM catalog_interactions c "
                   "CROSS JOIN catalog_item_values v ON v.item = c.item AND v.column_name = ? "
                   "WHERE c.ts >= ? AND c.ts < ? GROUP BY v.value ORDER BY people DESC, v.value LIMIT ?";
    auto st = db.prepare(sql);
    int i = 1;
    if (!products) {
        st.bind(i++, column);
    }
    st.bind(i, from);
    st.bind(i + 1, to > 0 ? to : INT64_MAX);
    st.bind(i + 2, static_cast<std::int64_t>(n));
    std::vector<model::Target> out;
    while (st.step()) {
        out.push_back(products ? model::Target{{}, {}, st.text(0)} : model::Target{column, st.text(0), {}});
    }
    return out;
}

} // namespace

bool EligibleProfiles::admits(std::int64_t profileId) const
{
    return (!only || std::binary_search(only->begin(), only->end(), profileId)) &&
           !std::binary_search(excluded.begin(), excluded.end(), profileId);
}

Result<ScoreResult> scoreInput(const ScoringInput &input, const std::vector<std::int32_t> &targetItems,
                               const ScoreRequest &request, ProgressSink &progress, FittedScorer *fitted)
{
    const model::LoadedInteractions &in = input.data;
    progress.setStage("Numbering the interactions");
    model::CanonicalLog canonical = model::canonicalOrder(in.log, input.labels, input.productIds);
    model::LoadedInteractions data{std::move(canonical.log), {}, in.latestEventMs};
    data.profileIds.reserve(canonical.inputProfile.size());
    for (const std::int32_t p : canonical.inputProfile) {
        data.profileIds.push_back(in.profileIds[static_cast<std::size_t>(p)]);
    }
    std::vector<std::int32_t> items;
    for (const std::int32_t i : targetItems) {
        items.push_back(canonical.itemOf[static_cast<std::size_t>(i)]);
    }
    std::sort(items.begin(), items.end());
    const std::int64_t now = request.asOfMs.value_or(data.latestEventMs + 1);
    if (auto ok = checkHistory(data, now, request.horizonMs); !ok) {
        return fail(ok.error());
    }
    auto prepared = prepare(data, {items}, now, request.horizonMs, request.everyone, progress);
    if (!prepared) {
        return fail(prepared.error());
    }
    if (request.eligible.restricts()) {
        prepared->params.eligible.resize(data.profileIds.size());
        for (std::size_t p = 0; p < data.profileIds.size(); ++p) {
            prepared->params.eligible[p] = request.eligible.admits(data.profileIds[p]) ? 1 : 0;
        }
    }
    auto result = run(data, items, *prepared, progress);
    if (!result) {
        return fail(result.error());
    }
    ScoreResult out{request.target.describe(),
                    now,
                    {},
                    result->backtest,
                    result->fallback,
                    result->fallbackInput,
                    result->note,
                    prepared->tuning};
    // One rank order everywhere (the size picker, the stored members): ties broken by label, i.e. by the
    // canonical profile number.
    std::vector<std::size_t> rank(result->population.size());
    std::iota(rank.begin(), rank.end(), std::size_t{0});
    std::sort(rank.begin(), rank.end(), [&](std::size_t a, std::size_t b) {
        const double pa = result->probability[a];
        const double pb = result->probability[b];
        return pa > pb || (pa == pb && result->population[a] < result->population[b]);
    });
    out.ranked.reserve(rank.size());
    for (const std::size_t r : rank) {
        const auto p = static_cast<std::size_t>(result->population[r]);
        const std::string &label = input.labels[static_cast<std::size_t>(canonical.inputProfile[p])];
        out.ranked.push_back({data.profileIds[p], label.substr(1), result->probability[r]});
    }
    if (fitted) {
        fitted->params = prepared->params;
        fitted->now = std::move(prepared->models.now);
        fitted->combiner.combiner = result->combiner;
        fitted->combiner.combinerColumns = result->combinerColumns;
        fitted->combiner.centres = result->centres;
        fitted->targetItems = items;
        for (std::size_t i = 0; i < input.productIds.size(); ++i) {
            fitted->items.emplace(input.productIds[i], canonical.itemOf[i]);
        }
        for (std::size_t p = 0; p < canonical.inputProfile.size(); ++p) {
            fitted->trained.emplace(input.labels[static_cast<std::size_t>(canonical.inputProfile[p])],
                                    static_cast<std::int32_t>(p));
        }
    }
    return out;
}

ScoringService::ScoringService(std::string workspacePath) : m_path(std::move(workspacePath)) {}

Result<ScoreResult> ScoringService::score(const ScoreRequest &request, ProgressSink &progress)
{
    return withWorkspace<ScoreResult>(m_path, "Scoring", [&](store::Database &db) -> Result<ScoreResult> {
        auto items = model::resolveTarget(db, request.target);
        if (!items) {
            return fail(items.error());
        }
        auto data = model::loadInteractions(db, progress);
        if (!data) {
            return fail(data.error());
        }
        ScoringInput input{std::move(*data), {}, {}};
        input.labels = model::profileLabels(db, input.data.profileIds);
        input.productIds = model::itemProductIds(db, input.data.log.itemCount);
        return scoreInput(input, *items, request, progress);
    });
}

Result<EvaluationResult> ScoringService::evaluate(const std::vector<model::Target> &targets,
                                                  std::int64_t asOfMs, std::int64_t horizonMs,
                                                  ProgressSink &progress, bool everyone)
{
    return withWorkspace<EvaluationResult>(
        m_path, "Scoring", [&](store::Database &db) -> Result<EvaluationResult> {
            auto data = model::loadInteractions(db, progress);
            if (!data) {
                return fail(data.error());
            }
            if (auto ok = checkHistory(*data, asOfMs, horizonMs); !ok) {
                return fail(ok.error());
            }
            const SampleOracle oracle = SampleOracle::load(db, asOfMs, horizonMs);
            EvaluationResult out{asOfMs, horizonMs, {}, {}, oracle.note(), {}, {}, everyone};
            std::vector<model::Target> resolved;
            std::vector<std::vector<std::int32_t>> items;
            for (const model::Target &target : targets) {
                auto found = model::resolveTarget(db, target);
                if (!found) {
                    out.skipped.push_back(target.describe() + ": " + found.error().message);
                    continue;
                }
                resolved.push_back(target);
                items.push_back(std::move(*found));
            }
            // The tuning and the models do not depend on the target: once for all targets.
            auto prepared = prepare(*data, items, asOfMs, horizonMs, everyone, progress);
            if (!prepared) {
                return fail(prepared.error());
            }
            out.tuning = prepared->tuning;
            progress.setStage("Scoring the targets");
            numeric::MultiTargetResult scored = numeric::scorePropensityTargets(
                data->log, items, prepared->params, prepared->models, stageReporter(progress));
            if (scored.cancelled) {
                return fail(Error::cancelled());
            }
            out.combiner = combinerNote(scored);
            for (std::size_t t = 0; t < resolved.size(); ++t) {
                const model::Target &target = resolved[t];
                const numeric::PropensityResult *result = &scored.targets[t];
                const std::vector<int> labels = numeric::engagementLabels(
                    data->log, items[t], result->population, asOfMs, asOfMs + horizonMs);
                TargetEvaluation te{target.describe(), {}, std::nullopt};
                te.qualities.push_back(numeric::evaluate("model", result->probability, labels, 20));
                for (std::size_t b = 0; b < result->baselineProbability.size(); ++b) {
                    te.qualities.push_back(numeric::evaluate(result->backtest[b + 1].name,
                                                             result->baselineProbability[b], labels, 20));
                }
                if (auto truth = oracle.probabilities(db, target, data->profileIds, result->population)) {
                    te.oracle = numeric::evaluate(kOracleName, *truth, labels, 20);
                }
                out.targets.push_back(std::move(te));
            }
            return out;
        });
}

Result<std::vector<model::Target>> ScoringService::topValues(const std::string &column, int n,
                                                             std::int64_t fromMs, std::int64_t toMs)
{
    return withWorkspace<std::vector<model::Target>>(
        m_path, "Scoring", [&](store::Database &db) { return topTargets(db, column, n, fromMs, toMs); });
}

Result<std::vector<model::Target>> ScoringService::topProducts(int n, std::int64_t fromMs, std::int64_t toMs)
{
    return withWorkspace<std::vector<model::Target>>(
        m_path, "Scoring", [&](store::Database &db) { return topTargets(db, {}, n, fromMs, toMs); });
}

} // namespace awb::services
