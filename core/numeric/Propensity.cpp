// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/Propensity.h"

#include "numeric/LogisticRegression.h"
#include "numeric/PropensityDetail.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace awb::numeric {

namespace {

constexpr double kFractions[] = {0.01, 0.05, 0.10, 0.20, 0.50};

using detail::endBefore;
using detail::itemMask;

// iALS on the interactions before cutoff; repeated interactions add up, confidence grows with log1p.
Ials trainCf(const InteractionLog &log, std::int64_t cutoff, const IalsParams &params)
{
    const std::size_t end = endBefore(log, cutoff);
    std::vector<Eigen::Triplet<float, std::int32_t>> triplets;
    triplets.reserve(end);
    for (std::size_t k = 0; k < end; ++k) {
        triplets.emplace_back(log.profile[k], log.item[k], log.weight[k]);
    }
    InteractionMatrix m(log.profileCount, log.itemCount);
    m.setFromTriplets(triplets.begin(), triplets.end());
    for (Eigen::Index k = 0; k < m.nonZeros(); ++k) {
        m.valuePtr()[k] = std::log1p(m.valuePtr()[k]);
    }
    m.makeCompressed();
    Ials model(params);
    model.fit(m);
    return model;
}

std::vector<double> toStd(const Eigen::VectorXd &v)
{
    return {v.data(), v.data() + v.size()};
}

Eigen::VectorXd toEigen(const std::vector<int> &labels)
{
    Eigen::VectorXd y(static_cast<Eigen::Index>(labels.size()));
    for (std::size_t i = 0; i < labels.size(); ++i) {
        y[static_cast<Eigen::Index>(i)] = labels[i] != 0 ? 1.0 : 0.0;
    }
    return y;
}

struct Baseline
{
    const char *name;
    FeatureIndex feature;
};
constexpr Baseline kBaselines[] = {
    {"activity only", FeatureIndex::Frequency},
    {"own history only", FeatureIndex::Own},
    {"CF only", FeatureIndex::Cf},
};

} // namespace

const TopK &Quality::at(double fraction) const
{
    static const TopK empty;
    for (const TopK &t : topK) {
        if (std::abs(t.fraction - fraction) < 1e-9) {
            return t;
        }
    }
    return empty;
}

// Thresholds: Excellent needs AUC >= 0.80 and lift@5% >= 4; Good AUC >= 0.70 and lift@5% >= 2.5;
// Fair AUC >= 0.60; anything lower is Poor. Fewer positives than minPositives: Insufficient data.
std::string qualityLabel(double auc, double liftAt5, std::size_t positives, int minPositives)
{
    if (positives < static_cast<std::size_t>(std::max(0, minPositives))) {
        return "Insufficient data";
    }
    if (auc >= 0.80 && liftAt5 >= 4.0) {
        return "Excellent";
    }
    if (auc >= 0.70 && liftAt5 >= 2.5) {
        return "Good";
    }
    return auc >= 0.60 ? "Fair" : "Poor";
}

Quality evaluate(const std::string &name, const std::vector<double> &p, const std::vector<int> &labels,
                 int minPositives)
{
    Quality q;
    q.name = name;
    q.rows = p.size();
    q.positives =
        static_cast<std::size_t>(std::count_if(labels.begin(), labels.end(), [](int l) { return l != 0; }));
    q.auc = rocAuc(p, labels);
    q.averagePrecision = averagePrecision(p, labels);
    for (const double f : kFractions) {
        q.topK.push_back(topK(p, labels, f));
    }
    q.brier = brierScore(p, labels);
    q.logLoss = logLoss(p, labels);
    q.calibration = calibrationCurve(p, labels, 10);
    q.ece = expectedCalibrationError(q.calibration);
    q.gain = gainCurve(p, labels, 101);
    q.label = qualityLabel(q.auc, q.at(0.05).lift, q.positives, minPositives);
    return q;
}

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

bool trainCfSnapshots(const InteractionLog &log, const PropensityParams &params, CfSnapshots &out,
                      const std::function<bool(const std::string &)> &onStage)
{
    auto stage = [&](const char *what) { return !onStage || onStage(what); };
    const std::int64_t t = params.nowMs;
    if (!stage("Training collaborative filtering (backtest)")) {
        return false;
    }
    out.backtest = trainCf(log, t - 2 * params.horizonMs, params.ials);
    if (!stage("Training collaborative filtering (scoring)")) {
        return false;
    }
    out.scoring = trainCf(log, t - params.horizonMs, params.ials);
    if (!stage("Training collaborative filtering (now)")) {
        return false;
    }
    out.now = trainCf(log, t, params.ials);
    out.timeline = ProfileTimeline::build(log);
    return true;
}

PropensityResult scorePropensity(const InteractionLog &log, const std::vector<std::int32_t> &targetItems,
                                 const PropensityParams &params, const CfSnapshots *cf,
                                 const std::function<bool(const std::string &)> &onStage)
{
    PropensityResult result;
    CfSnapshots own;
    if (!cf) {
        if (!trainCfSnapshots(log, params, own, onStage)) {
            result.note = "cancelled";
            return result;
        }
        cf = &own;
    }
    if (onStage && !onStage("Fitting the propensity model")) {
        result.note = "cancelled";
        return result;
    }
    ProfileTimeline ownTimeline;
    const ProfileTimeline *timeline = &cf->timeline;
    if (timeline->empty()) {
        ownTimeline = ProfileTimeline::build(log);
        timeline = &ownTimeline;
    }
    const std::int64_t t = params.nowMs;
    const std::int64_t c1 = t - params.horizonMs;
    const std::int64_t c0 = c1 - params.horizonMs;

    const std::vector<std::int32_t> pop0 = populationAt(log, c0);
    const Eigen::MatrixXd x0 =
        propensityFeatures(log, *timeline, targetItems, c0, pop0, cf->backtest, params.decayDays);
    const std::vector<int> y0 = engagementLabels(log, targetItems, pop0, c0, c1);
    const std::vector<std::int32_t> pop1 = populationAt(log, c1);
    const Eigen::MatrixXd x1 =
        propensityFeatures(log, *timeline, targetItems, c1, pop1, cf->scoring, params.decayDays);
    const std::vector<int> y1 = engagementLabels(log, targetItems, pop1, c1, t);

    const LogisticModel backtestFit = fitLogistic(x0, toEigen(y0), params.l2);
    result.backtest.push_back(evaluate("model", toStd(backtestFit.predict(x1)), y1, params.minPositives));
    std::size_t bestBaseline = 0;
    for (std::size_t b = 0; b < std::size(kBaselines); ++b) {
        const int col = static_cast<int>(kBaselines[b].feature);
        const LogisticModel fit = fitLogistic(x0.col(col), toEigen(y0), params.l2);
        result.backtest.push_back(
            evaluate(kBaselines[b].name, toStd(fit.predict(x1.col(col))), y1, params.minPositives));
        if (result.backtest.back().auc > result.backtest[1 + bestBaseline].auc) {
            bestBaseline = b;
        }
    }

    result.population = populationAt(log, t);
    const Eigen::MatrixXd x2 =
        propensityFeatures(log, *timeline, targetItems, t, result.population, cf->now, params.decayDays);
    for (const Baseline &b : kBaselines) {
        const int col = static_cast<int>(b.feature);
        result.baselineProbability.push_back(
            toStd(fitLogistic(x1.col(col), toEigen(y1), params.l2).predict(x2.col(col))));
    }
    const auto positives0 = static_cast<int>(std::count(y0.begin(), y0.end(), 1));
    const auto positives1 = static_cast<int>(std::count(y1.begin(), y1.end(), 1));
    if (positives0 < params.minPositives || positives1 < params.minPositives) {
        // Too few engagers to fit all weights reliably: use the best single input, still calibrated.
        result.fallback = true;
        result.note = "Only " + std::to_string(std::min(positives0, positives1)) +
                      " people engaged with the target in a backtest window (at least " +
                      std::to_string(params.minPositives) + " are needed); scores use " +
                      kBaselines[bestBaseline].name + ".";
        result.probability = result.baselineProbability[bestBaseline];
        return result;
    }
    const LogisticModel fit = fitLogistic(x1, toEigen(y1), params.l2);
    result.probability = toStd(fit.predict(x2));
    result.weights = toStd(fit.weights);
    return result;
}

} // namespace awb::numeric
