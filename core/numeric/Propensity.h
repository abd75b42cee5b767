// SPDX-License-Identifier: GPL-3.0-or-later
// Propensity to engage with a target item set within a horizon: features, temporal backtest, calibrated
// logistic combiner and its baselines. Plain C++ and Eigen, no Qt.
//
// Procedure for "now" T and horizon H:
//   backtest: features at C0 = T - 2H, labels in [C0, T - H)  -> fit;  features at C1 = T - H, labels in
//             [C1, T) -> the reported quality (nothing at or after C1 is seen by that fit);
//   scoring:  features at C1, labels in [C1, T) -> fit; features at T -> calibrated probabilities.
// Features at a cutoff C use only interactions before C: CF affinity (iALS trained on interactions before C),
// time-decayed own history with the target, recency, frequency and money. Baselines are the same
// logistic fit on one feature (activity = frequency, own history, CF), so every metric compares like with
// like.
#pragma once

#include "numeric/Ials.h"
#include "numeric/Metrics.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace awb::numeric {

/// Interactions of the catalog, ordered by time. Profiles and items are dense 0-based indices.
struct InteractionLog
{
    std::int32_t profileCount = 0;
    std::int32_t itemCount = 0;
    std::vector<std::int64_t> firstSeen; ///< per profile: first event time (ms), INT64_MAX if unknown
    std::vector<std::int32_t> profile;   ///< per interaction
    std::vector<std::int32_t> item;
    std::vector<std::int64_t> ts; ///< ms, non-decreasing
    std::vector<float> weight;
    std::vector<float> value; ///< money (price * quantity), 0 when unknown
};

struct PropensityParams
{
    std::int64_t nowMs = 0;                       ///< T
    std::int64_t horizonMs = 30LL * 86400 * 1000; ///< H
    double decayDays = 30.0;                      ///< half-life-like scale of the own-history decay
    double l2 = 1.0;
    int minPositives = 20; ///< below this the model falls back (see Quality)
    IalsParams ials = [] {
        IalsParams p;
        p.factors = 32;
        p.iterations = 6;
        p.alpha = 2.0f;
        p.alpha0 = 0.05f;
        p.lambda = 0.02f;
        return p;
    }();
};

enum class FeatureIndex
{
    Cf = 0,
    Own,        ///< log1p of the time-decayed weighted interactions with the target
    OwnCount,   ///< log1p of all interactions with the target
    OwnRecency, ///< log1p of days since the last interaction with the target
    Recency,
    Frequency,
    Money,
    Count,
};

struct Quality
{
    std::string name; ///< "model", "activity only", "own history only", "CF only"
    std::size_t rows = 0;
    std::size_t positives = 0;
    double auc = 0.5;
    double averagePrecision = 0;
    std::vector<TopK> topK; ///< at 1, 5, 10, 20, 50 %
    double brier = 0;
    double logLoss = 0;
    double ece = 0;
    std::vector<CalibrationBin> calibration;
    std::vector<double> gain; ///< 101 points, audience 0..100 %
    std::string label;        ///< Poor / Fair / Good / Excellent / Insufficient data

    const TopK &at(double fraction) const;
};

/// Poor / Fair / Good / Excellent from AUC and lift at 5 % (thresholds in the implementation's comment);
/// "Insufficient data" below minPositives positives.
std::string qualityLabel(double auc, double liftAt5, std::size_t positives, int minPositives);

/// Metrics of probabilities against labels.
Quality evaluate(const std::string &name, const std::vector<double> &probabilities,
                 const std::vector<int> &labels, int minPositives);

struct PropensityResult
{
    std::vector<std::int32_t> population; ///< profiles scored at T (first seen before T)
    std::vector<double> probability;      ///< calibrated P(engage with target in [T, T+H)), aligned
    std::vector<Quality> backtest;        ///< model first, then the baselines, on [T - H, T)
    std::vector<std::vector<double>> baselineProbability; ///< per baseline (backtest order), aligned
    std::vector<double> weights; ///< the scoring fit's weights on standardised features
    bool fallback = false;       ///< too few positives: scores are the best baseline's
    std::string note;            ///< why it fell back, or empty
};

/// The log's interactions grouped by profile, each profile's in time order (a stable counting sort of the
/// log), so that features are computed by reading contiguous arrays. Built once per log; does not depend
/// on the target or the cutoff.
struct ProfileTimeline
{
    std::vector<std::int64_t> offsets; ///< profile p's interactions are [offsets[p], offsets[p + 1])
    std::vector<std::int32_t> item;
    std::vector<std::int64_t> ts;
    std::vector<float> weight;
    std::vector<float> value;

    /// Uses both cores.
    static ProfileTimeline build(const InteractionLog &log);
    bool empty() const { return offsets.empty(); }
};

/// Profiles first seen before cutoff, ascending.
std::vector<std::int32_t> populationAt(const InteractionLog &log, std::int64_t cutoff);

/// The combiner's inputs at cutoff (rows aligned with population, columns FeatureIndex) from the
/// interactions before cutoff and cf's factors: the step that turns trained models into scores. Uses both
/// cores; the result does not depend on the number of cores.
Eigen::MatrixXd propensityFeatures(const InteractionLog &log, const ProfileTimeline &timeline,
                                   const std::vector<std::int32_t> &targetItems, std::int64_t cutoff,
                                   const std::vector<std::int32_t> &population, const Ials &cf,
                                   double decayDays);

/// What does not depend on the target: the CF models at the three cutoffs (T - 2H, T - H, T) and the
/// profile timeline, so scoring many targets at the same T builds them once.
struct CfSnapshots
{
    Ials backtest{IalsParams{}};
    Ials scoring{IalsParams{}};
    Ials now{IalsParams{}};
    ProfileTimeline timeline; ///< empty: scorePropensity builds its own
};

/// Trains the three CF snapshots; onStage returns false to cancel (then returns false).
bool trainCfSnapshots(const InteractionLog &log, const PropensityParams &params, CfSnapshots &out,
                      const std::function<bool(const std::string &)> &onStage = {});

/// Trains and scores. targetItems: sorted item indices. cf: trained snapshots, or nullptr to train them
/// here. onStage reports the stage and returns false to cancel (the result is then empty with note
/// "cancelled").
PropensityResult scorePropensity(const InteractionLog &log, const std::vector<std::int32_t> &targetItems,
                                 const PropensityParams &params, const CfSnapshots *cf = nullptr,
                                 const std::function<bool(const std::string &)> &onStage = {});

/// 1 for profiles with an interaction with a target item in [from, to), else 0, for the given profiles.
std::vector<int> engagementLabels(const InteractionLog &log, const std::vector<std::int32_t> &targetItems,
                                  const std::vector<std::int32_t> &profiles, std::int64_t from,
                                  std::int64_t to);

} // namespace awb::numeric
