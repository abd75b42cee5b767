// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/PropensityTuning.h"

#include "numeric/UserItemMatrix.h"

#include <algorithm>
#include <cstdio>

namespace awb::numeric {

namespace {

struct Window
{
    const InteractionLog &log;
    const ProfileTimeline &timeline;
    std::vector<std::int32_t> population;
    std::vector<std::vector<int>> labels; ///< per target
    const std::vector<std::vector<std::int32_t>> &targets;
};

// Mean AUC over the targets with at least one engaged candidate (others cannot rank anything).
template <typename ScoreFn> double macroAuc(const Window &w, ScoreFn score)
{
    double sum = 0;
    int used = 0;
    for (std::size_t t = 0; t < w.targets.size(); ++t) {
        if (std::find(w.labels[t].begin(), w.labels[t].end(), 1) == w.labels[t].end()) {
            continue;
        }
        sum += rocAuc(score(t), w.labels[t]);
        ++used;
    }
    return used > 0 ? sum / used : 0.5;
}

// One column of the features at the validation cutoff for target t.
std::vector<double> featureColumn(const Window &w, std::size_t t, const CutoffModels &m,
                                  const PropensityParams &params, FeatureIndex f)
{
    const Eigen::MatrixXd x = propensityFeatures(w.log, w.timeline, w.targets[t], w.population, m, params);
    const Eigen::VectorXd c = x.col(static_cast<int>(f));
    return {c.data(), c.data() + c.size()};
}

std::string fixed(double v, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

} // namespace

TuningResult tunePropensity(const InteractionLog &log, const ProfileTimeline &timeline,
                            const std::vector<std::vector<std::int32_t>> &targets,
                            const PropensityParams &params, const TuningGrid &grid,
                            const std::function<bool(const std::string &)> &onStage)
{
    auto stage = [&](const char *what) { return !onStage || onStage(what); };
    TuningResult out;
    out.params = params;
    const std::int64_t c1 = params.nowMs - params.horizonMs;
    const std::int64_t c0 = c1 - params.horizonMs;
    Window w{log, timeline, populationAt(log, c0, params.everyone), {}, targets};
    for (const auto &target : targets) {
        w.labels.push_back(engagementLabels(log, target, w.population, c0, c1));
    }
    if (!stage("Tuning on the validation window")) {
        out.cancelled = true;
        return out;
    }
    CutoffModels &m = out.validation;
    m.cutoff = c0;
    m.userItems = userItemsBefore(log, c0);
    m.cf = Ials(params.ials);
    m.cf.fit(m.userItems);
    PropensityParams &chosen = out.params;

    // Item-kNN: exponent and history decay together (one fit per exponent).
    double knnAuc = -1.0;
    for (const double e : grid.knnExponents) {
        ItemKnnParams kp = params.knn;
        kp.exponent = e;
        CutoffModels candidate;
        candidate.cutoff = c0;
        candidate.knn = ItemKnn::fit(m.userItems, kp);
        for (const double days : grid.neighbourDecayDays) {
            PropensityParams p = chosen;
            p.neighbourDecayDays = days;
            const double auc = macroAuc(
                w, [&](std::size_t t) { return featureColumn(w, t, candidate, p, FeatureIndex::Knn); });
            if (auc > knnAuc) {
                knnAuc = auc;
                chosen.knn.exponent = e;
                chosen.neighbourDecayDays = days;
                m.knn = candidate.knn;
            }
        }
    }
    if (!stage("Tuning on the validation window (EASE)")) {
        out.cancelled = true;
        return out;
    }
    double easeAuc = -1.0;
    for (const double lambda : grid.easeLambdas) {
        EaseParams ep = params.ease;
        ep.lambda = lambda;
        CutoffModels candidate;
        candidate.cutoff = c0;
        candidate.ease = Ease::fit(m.userItems, ep);
        const double auc = macroAuc(
            w, [&](std::size_t t) { return featureColumn(w, t, candidate, chosen, FeatureIndex::Ease); });
        if (auc > easeAuc) {
            easeAuc = auc;
            chosen.ease.lambda = lambda;
            m.ease = std::move(candidate.ease);
        }
    }
    double decayAuc = -1.0;
    for (const double days : grid.decayDays) {
        PropensityParams p = chosen;
        p.decayDays = days;
        const double auc =
            macroAuc(w, [&](std::size_t t) { return featureColumn(w, t, m, p, FeatureIndex::Own); });
        if (auc > decayAuc) {
            decayAuc = auc;
            chosen.decayDays = days;
        }
    }
    out.summary = "tuned on the validation window: item-kNN exponent " + fixed(chosen.knn.exponent, 2) +
                  " and history decay " + fixed(chosen.neighbourDecayDays, 0) + " days (AUC " +
                  fixed(knnAuc, 3) + "), EASE lambda " + fixed(chosen.ease.lambda, 0) + " (AUC " +
                  fixed(easeAuc, 3) + "), own-history decay " + fixed(chosen.decayDays, 0) + " days (AUC " +
                  fixed(decayAuc, 3) + ")";
    return out;
}

} // namespace awb::numeric
