// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/PropensityPooled.h"

#include "numeric/LogisticRegression.h"
#include "numeric/PropensityDetail.h"

#include <algorithm>

namespace awb::numeric {

namespace {

using detail::TargetWindows;
using detail::toEigen;
using detail::toStd;

// x with one more column holding the target-level feature.
Eigen::MatrixXd withTargetFeature(const Eigen::MatrixXd &x, double value)
{
    Eigen::MatrixXd out(x.rows(), x.cols() + 1);
    out.leftCols(x.cols()) = x;
    out.col(x.cols()).setConstant(value);
    return out;
}

double popularity(const std::vector<int> &labels)
{
    return std::log1p(static_cast<double>(std::count(labels.begin(), labels.end(), 1)));
}

// All targets' rows of one window stacked, with the target-level feature.
struct Stacked
{
    Eigen::MatrixXd x;
    Eigen::VectorXd y;
};

Stacked stack(const std::vector<TargetWindows> &windows, const std::vector<double> &targetFeature, bool early)
{
    Eigen::Index rows = 0;
    for (const TargetWindows &w : windows) {
        rows += early ? w.x0.rows() : w.x1.rows();
    }
    const Eigen::Index cols = windows.front().x0.cols() + 1;
    Stacked out{Eigen::MatrixXd(rows, cols), Eigen::VectorXd(rows)};
    Eigen::Index at = 0;
    for (std::size_t t = 0; t < windows.size(); ++t) {
        const Eigen::MatrixXd &x = early ? windows[t].x0 : windows[t].x1;
        out.x.middleRows(at, x.rows()) = withTargetFeature(x, targetFeature[t]);
        out.y.segment(at, x.rows()) = toEigen(early ? windows[t].y0 : windows[t].y1);
        at += x.rows();
    }
    return out;
}

double macroAuc(const std::vector<PropensityResult> &results)
{
    double sum = 0;
    for (const PropensityResult &r : results) {
        sum += r.backtest.front().auc;
    }
    return results.empty() ? 0.5 : sum / static_cast<double>(results.size());
}

} // namespace

MultiTargetResult scorePropensityTargets(const InteractionLog &log,
                                         const std::vector<std::vector<std::int32_t>> &targets,
                                         const PropensityParams &params, const ModelSnapshots &models,
                                         const std::function<bool(const std::string &)> &onStage)
{
    MultiTargetResult out;
    ProfileTimeline ownTimeline;
    const ProfileTimeline *timeline = &models.timeline;
    if (timeline->empty()) {
        ownTimeline = ProfileTimeline::build(log);
        timeline = &ownTimeline;
    }
    std::vector<TargetWindows> windows;
    std::size_t rows = 0;
    for (const auto &target : targets) {
        if (onStage && !onStage("Fitting the propensity model")) {
            out.cancelled = true;
            return out;
        }
        TargetWindows w = detail::targetWindows(log, *timeline, target, params, models);
        out.targets.push_back(detail::combinePerTarget(w, params));
        rows += static_cast<std::size_t>(w.x0.rows() + w.x1.rows() + w.x2.rows());
        if (rows <= kPooledMaxRows) {
            windows.push_back(std::move(w));
        }
    }
    out.perTargetAuc = macroAuc(out.targets);
    if (targets.size() < 2 || rows > kPooledMaxRows) {
        return out;
    }
    // Target-level feature per window: popularity in the horizon before each cutoff. Before T - 2H it
    // needs one more label pass; before T - H and T it is y0 and y1.
    std::vector<double> before0, before1, before2;
    const std::int64_t c0 = params.nowMs - 2 * params.horizonMs;
    for (std::size_t t = 0; t < targets.size(); ++t) {
        before0.push_back(
            popularity(engagementLabels(log, targets[t], windows[t].pop0, c0 - params.horizonMs, c0)));
        before1.push_back(popularity(windows[t].y0));
        before2.push_back(popularity(windows[t].y1));
    }
    const Stacked early = stack(windows, before0, true);
    const LogisticModel backtestFit = fitLogistic(early.x, early.y, params.l2);
    std::vector<Quality> pooledBacktest;
    double sum = 0;
    for (std::size_t t = 0; t < targets.size(); ++t) {
        pooledBacktest.push_back(
            evaluate("model", toStd(backtestFit.predict(withTargetFeature(windows[t].x1, before1[t]))),
                     windows[t].y1, params.minPositives));
        sum += pooledBacktest.back().auc;
    }
    out.pooledAuc = sum / static_cast<double>(targets.size());
    if (out.pooledAuc <= out.perTargetAuc) {
        return out;
    }
    out.pooled = true;
    const Stacked late = stack(windows, before1, false);
    const LogisticModel fit = fitLogistic(late.x, late.y, params.l2);
    for (std::size_t t = 0; t < targets.size(); ++t) {
        PropensityResult &r = out.targets[t];
        r.backtest.front() = pooledBacktest[t];
        r.probability = toStd(fit.predict(withTargetFeature(windows[t].x2, before2[t])));
        r.weights = toStd(fit.weights);
        r.fallback = false;
        r.note.clear();
    }
    return out;
}

} // namespace awb::numeric
