// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/Propensity.h"

#include "numeric/LogisticRegression.h"
#include "numeric/PropensityDetail.h"
#include "numeric/UserItemMatrix.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace awb::numeric {

namespace {

using detail::endBefore;
using detail::itemMask;
using detail::toEigen;
using detail::toStd;

struct Baseline
{
    const char *name;
    FeatureIndex feature;
};
constexpr Baseline kBaselines[] = {
    {"activity only", FeatureIndex::Frequency},
    {"own history only", FeatureIndex::Own},
    {"CF only", FeatureIndex::Cf},
    {"item-kNN only", FeatureIndex::Knn},
    {"EASE only", FeatureIndex::Ease},
};

} // namespace

std::vector<int> engagementLabels(const InteractionLog &log, const std::vector<std::int32_t> &targetItems,
                                  const std::vector<std::int32_t> &profiles, std::int64_t from,
                                  std::int64_t to)
{
    const std::vector<char> target = itemMask(log, targetItems);
    std::vector<char> engaged(static_cast<std::size_t>(log.profileCount), 0);
    for (std::size_t k = endBefore(log, from); k < log.ts.size() && log.ts[k] < to; ++k) {
        if (target[static_cast<std::size_t>(log.item[k])]) {
            engaged[static_cast<std::size_t>(log.profile[k])] = 1;
        }
    }
    std::vector<int> labels(profiles.size());
    for (std::size_t r = 0; r < profiles.size(); ++r) {
        labels[r] = engaged[static_cast<std::size_t>(profiles[r])];
    }
    return labels;
}

CutoffModels trainCutoffModels(const InteractionLog &log, std::int64_t cutoff, const PropensityParams &params)
{
    CutoffModels out;
    out.cutoff = cutoff;
    out.userItems = userItemsBefore(log, cutoff);
    out.cf = Ials(params.ials);
    out.cf.fit(out.userItems);
    const auto start = std::chrono::steady_clock::now();
    out.knn = ItemKnn::fit(out.userItems, params.knn);
    out.ease = Ease::fit(out.userItems, params.ease);
    out.neighbourSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

bool trainSnapshots(const InteractionLog &log, const PropensityParams &params, ModelSnapshots &out,
                    const std::function<bool(const std::string &)> &onStage, CutoffModels *backtest)
{
    auto stage = [&](const char *what) { return !onStage || onStage(what); };
    const std::int64_t t = params.nowMs;
    if (!stage("Training the models (backtest)")) {
        return false;
    }
    out.backtest = backtest ? std::move(*backtest) : trainCutoffModels(log, t - 2 * params.horizonMs, params);
    if (!stage("Training the models (scoring)")) {
        return false;
    }
    out.scoring = trainCutoffModels(log, t - params.horizonMs, params);
    if (!stage("Training the models (now)")) {
        return false;
    }
    out.now = trainCutoffModels(log, t, params);
    out.timeline = ProfileTimeline::build(log);
    return true;
}

namespace detail {

TargetWindows targetWindows(const InteractionLog &log, const ProfileTimeline &timeline,
                            const std::vector<std::int32_t> &targetItems, const PropensityParams &params,
                            const ModelSnapshots &models)
{
    const std::int64_t t = params.nowMs;
    const std::int64_t c1 = t - params.horizonMs;
    const std::int64_t c0 = c1 - params.horizonMs;
    TargetWindows w;
    w.pop0 = populationAt(log, c0, params.everyone);
    w.x0 = propensityFeatures(log, timeline, targetItems, w.pop0, models.backtest, params);
    w.y0 = engagementLabels(log, targetItems, w.pop0, c0, c1);
    w.pop1 = populationAt(log, c1, params.everyone);
    w.x1 = propensityFeatures(log, timeline, targetItems, w.pop1, models.scoring, params);
    w.y1 = engagementLabels(log, targetItems, w.pop1, c1, t);
    w.pop2 = populationAt(log, t, params.everyone);
    FeatureOptions atNow;
    atNow.centresUsed = &w.centres2;
    w.x2 = propensityFeatures(log, timeline, targetItems, w.pop2, models.now, params, atNow);
    if (params.eligible.empty()) {
        for (Eigen::Index r = 0; r < static_cast<Eigen::Index>(w.pop1.size()); ++r) {
            w.eval1.push_back(r);
        }
        return w;
    }
    // The features are centred over every candidate (as the fits saw them); then the rows of the eligible
    // profiles are kept.
    const auto eligible = [&](std::int32_t p) { return params.eligible[static_cast<std::size_t>(p)] != 0; };
    for (std::size_t r = 0; r < w.pop1.size(); ++r) {
        if (eligible(w.pop1[r])) {
            w.eval1.push_back(static_cast<Eigen::Index>(r));
        }
    }
    std::vector<Eigen::Index> keep;
    for (std::size_t r = 0; r < w.pop2.size(); ++r) {
        if (eligible(w.pop2[r])) {
            keep.push_back(static_cast<Eigen::Index>(r));
        }
    }
    Eigen::MatrixXd x2(static_cast<Eigen::Index>(keep.size()), w.x2.cols());
    std::vector<std::int32_t> pop2(keep.size());
    for (std::size_t k = 0; k < keep.size(); ++k) {
        x2.row(static_cast<Eigen::Index>(k)) = w.x2.row(keep[k]);
        pop2[k] = w.pop2[static_cast<std::size_t>(keep[k])];
    }
    w.x2 = std::move(x2);
    w.pop2 = std::move(pop2);
    return w;
}

namespace {

// The backtest quality of predictions at T - H, on the rows of the eligible profiles.
Quality evaluateEligible(const std::string &name, const Eigen::VectorXd &predicted, const TargetWindows &w,
                         int minPositives)
{
    if (w.eval1.size() == w.pop1.size()) {
        return evaluate(name, toStd(predicted), w.y1, minPositives);
    }
    std::vector<double> p;
    std::vector<int> y;
    p.reserve(w.eval1.size());
    y.reserve(w.eval1.size());
    for (const Eigen::Index r : w.eval1) {
        p.push_back(predicted[r]);
        y.push_back(w.y1[static_cast<std::size_t>(r)]);
    }
    return evaluate(name, p, y, minPositives);
}

} // namespace

PropensityResult combinePerTarget(const TargetWindows &w, const PropensityParams &params)
{
    PropensityResult result;
    result.centres = w.centres2;
    const LogisticModel backtestFit = fitLogistic(w.x0, toEigen(w.y0), params.l2);
    result.backtest.push_back(evaluateEligible("model", backtestFit.predict(w.x1), w, params.minPositives));
    std::size_t bestBaseline = 0;
    for (std::size_t b = 0; b < std::size(kBaselines); ++b) {
        const int col = static_cast<int>(kBaselines[b].feature);
        const LogisticModel fit = fitLogistic(w.x0.col(col), toEigen(w.y0), params.l2);
        result.backtest.push_back(
            evaluateEligible(kBaselines[b].name, fit.predict(w.x1.col(col)), w, params.minPositives));
        if (result.backtest.back().auc > result.backtest[1 + bestBaseline].auc) {
            bestBaseline = b;
        }
    }
    result.population = w.pop2;
    for (const Baseline &b : kBaselines) {
        const int col = static_cast<int>(b.feature);
        result.baselineProbability.push_back(
            toStd(fitLogistic(w.x1.col(col), toEigen(w.y1), params.l2).predict(w.x2.col(col))));
    }
    const auto positives0 = static_cast<int>(std::count(w.y0.begin(), w.y0.end(), 1));
    const auto positives1 = static_cast<int>(std::count(w.y1.begin(), w.y1.end(), 1));
    if (positives0 < params.minPositives || positives1 < params.minPositives) {
        // Too few engagers to fit all weights reliably: use the best single input, still calibrated.
        result.fallback = true;
        result.fallbackInput = kBaselines[bestBaseline].name;
        result.note = "Only " + std::to_string(std::min(positives0, positives1)) +
                      " people engaged with the target in a backtest window (at least " +
                      std::to_string(params.minPositives) + " are needed); scores use " +
                      kBaselines[bestBaseline].name + ".";
        result.probability = result.baselineProbability[bestBaseline];
        const int col = static_cast<int>(kBaselines[bestBaseline].feature);
        result.combiner = fitLogistic(w.x1.col(col), toEigen(w.y1), params.l2);
        result.combinerColumns = {col};
        return result;
    }
    const LogisticModel fit = fitLogistic(w.x1, toEigen(w.y1), params.l2);
    result.probability = toStd(fit.predict(w.x2));
    result.weights = toStd(fit.weights);
    result.combiner = fit;
    for (int c = 0; c < static_cast<int>(w.x1.cols()); ++c) {
        result.combinerColumns.push_back(c);
    }
    return result;
}

} // namespace detail

Eigen::VectorXd applyCombiner(const PropensityResult &result, const Eigen::MatrixXd &features)
{
    if (result.combinerColumns.size() == static_cast<std::size_t>(features.cols())) {
        return result.combiner.predict(features);
    }
    Eigen::MatrixXd x(features.rows(), static_cast<Eigen::Index>(result.combinerColumns.size()));
    for (std::size_t c = 0; c < result.combinerColumns.size(); ++c) {
        x.col(static_cast<Eigen::Index>(c)) = features.col(result.combinerColumns[c]);
    }
    return result.combiner.predict(x);
}

PropensityResult scorePropensity(const InteractionLog &log, const std::vector<std::int32_t> &targetItems,
                                 const PropensityParams &params, const ModelSnapshots *models,
                                 const std::function<bool(const std::string &)> &onStage)
{
    PropensityResult result;
    ModelSnapshots own;
    if (!models) {
        if (!trainSnapshots(log, params, own, onStage)) {
            result.cancelled = true;
            return result;
        }
        models = &own;
    }
    if (onStage && !onStage("Fitting the propensity model")) {
        result.cancelled = true;
        return result;
    }
    ProfileTimeline ownTimeline;
    const ProfileTimeline *timeline = &models->timeline;
    if (timeline->empty()) {
        ownTimeline = ProfileTimeline::build(log);
        timeline = &ownTimeline;
    }
    return detail::combinePerTarget(detail::targetWindows(log, *timeline, targetItems, params, *models),
                                    params);
}

} // namespace awb::numeric
