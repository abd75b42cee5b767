// SPDX-License-Identifier: GPL-3.0-or-later
// Propensity to engage with a target item set within a horizon: features, temporal backtest, calibrated
// logistic combiner and its baselines. Plain C++ and Eigen, no Qt.
//
// Procedure for "now" T and horizon H:
//   tuning:   features at C0 = T - 2H, labels in [C0, T - H): hyperparameters (PropensityTuning.h);
//   backtest: features at C0, labels in [C0, T - H)  -> fit;  features at C1 = T - H, labels in
//             [C1, T) -> the reported quality (nothing at or after C1 is seen by that fit or the tuning);
//   scoring:  features at C1, labels in [C1, T) -> fit; features at T -> calibrated probabilities.
// Features at a cutoff C use only interactions before C: CF affinity (iALS trained on interactions before C),
// item-kNN and EASE scores of the target (ItemKnn.h, Ease.h, trained on interactions before C), the
// time-decayed own history with the target, recency, frequency and money. Baselines are the same logistic fit
// on one feature (activity = frequency, past affinity = own history, CF, item-kNN, EASE), so every metric
// compares like with like.
#pragma once

#include "numeric/Ease.h"
#include "numeric/Ials.h"
#include "numeric/InteractionLog.h"
#include "numeric/ItemKnn.h"
#include "numeric/LogisticRegression.h"
#include "numeric/Quality.h"

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace awb::numeric {

struct PropensityParams
{
    std::int64_t nowMs = 0;                       ///< T
    std::int64_t horizonMs = 30LL * 86400 * 1000; ///< H
    double decayDays = 30.0;                      ///< scale of the own-history decay exp(-age / scale)
    double neighbourDecayDays =
        365.0; ///< the same for the history the item-kNN and EASE scores read; 0: none
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
    ItemKnnParams knn;
    EaseParams ease;
    bool everyone = false; ///< candidates: everyone seen before the cutoff, not only identified profiles
    /// Who may be scored (an audience's "who may enter"), per profile; empty: every candidate. The features
    /// and fits use every candidate; the scored population at T and the reported backtest at T - H keep the
    /// eligible profiles only, so the quality is measured on the people the scores are for and their scores
    /// are the ones they would have had unrestricted.
    std::vector<char> eligible;
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
    Knn,  ///< log1p of the item-kNN score: sum over the history of decayed weight x s_T(item) (ItemKnn.h),
          ///< minus its mean over the candidates
    Ease, ///< sign(s) log1p(|s|) of the same sum s with EASE's s_T (Ease.h), minus its mean
    Count,
};

struct PropensityResult
{
    std::vector<std::int32_t> population; ///< profiles scored at T (first seen before T, eligible)
    std::vector<double> probability;      ///< calibrated P(engage with target in [T, T+H)), aligned
    std::vector<Quality> backtest; ///< model first, then the baselines, on [T - H, T), eligible profiles
    std::vector<std::vector<double>> baselineProbability; ///< per baseline (backtest order), aligned
    std::vector<double> weights; ///< the scoring fit's weights on standardised features
    bool fallback = false;       ///< too few positives: scores are the best baseline's
    std::string fallbackInput;   ///< that baseline's name ("own history only") when fallback
    std::string note;            ///< why it fell back, or empty
    bool cancelled = false;      ///< onStage asked to stop: everything else is empty
    /// What turns features at T into probability: the scoring fit (the best baseline's when fallback) over
    /// these columns, and the item-kNN / EASE centres subtracted at T (see applyCombiner).
    LogisticModel combiner;
    std::vector<int> combinerColumns;
    std::array<double, 2> centres{0.0, 0.0};
};

/// probability for feature rows computed at T with result.centres subtracted: what scorePropensity gives
/// the same rows.
Eigen::VectorXd applyCombiner(const PropensityResult &result, const Eigen::MatrixXd &features);

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

/// The candidates at cutoff, ascending: profiles with a user id first seen before cutoff, or every profile
/// first seen before it when everyone is set.
std::vector<std::int32_t> populationAt(const InteractionLog &log, std::int64_t cutoff, bool everyone = false);

/// The models trained on the interactions before one cutoff.
struct CutoffModels
{
    std::int64_t cutoff = 0;
    InteractionMatrix userItems; ///< userItemsBefore(log, cutoff)
    Ials cf{IalsParams{}};
    ItemKnn knn;
    Ease ease;
    double neighbourSeconds = 0; ///< wall time of the item-kNN and EASE fits
};

/// Trains iALS, item-kNN and EASE on the interactions before cutoff.
CutoffModels trainCutoffModels(const InteractionLog &log, std::int64_t cutoff,
                               const PropensityParams &params);

/// For features of profiles outside the log the models were trained on (scoring by streaming).
struct FeatureOptions
{
    /// CF factors, one row per profile of the log, instead of the trained model's own rows.
    const FactorMatrix *userFactors = nullptr;
    /// Subtracted from the item-kNN and EASE columns instead of their means over the rows.
    const std::array<double, 2> *centres = nullptr;
    /// Receives what was subtracted.
    std::array<double, 2> *centresUsed = nullptr;
};

/// The combiner's inputs at models.cutoff (rows aligned with population, columns FeatureIndex) from the
/// interactions before it, the models trained on them and params' decay scales: the step that turns trained
/// models into scores. Uses both cores; the result does not depend on the number of cores.
Eigen::MatrixXd propensityFeatures(const InteractionLog &log, const ProfileTimeline &timeline,
                                   const std::vector<std::int32_t> &targetItems,
                                   const std::vector<std::int32_t> &population, const CutoffModels &models,
                                   const PropensityParams &params, const FeatureOptions &options = {});

/// What does not depend on the target: the models at the three cutoffs (T - 2H, T - H, T) and the
/// profile timeline, so scoring many targets at the same T builds them once.
struct ModelSnapshots
{
    CutoffModels backtest;
    CutoffModels scoring;
    CutoffModels now;
    ProfileTimeline timeline; ///< empty: scorePropensity builds its own
};

/// Trains the three snapshots with params' hyperparameters; onStage returns false to cancel (then returns
/// false). backtest, when given, is reused as the T - 2H snapshot (tuning trains it already).
bool trainSnapshots(const InteractionLog &log, const PropensityParams &params, ModelSnapshots &out,
                    const std::function<bool(const std::string &)> &onStage = {},
                    CutoffModels *backtest = nullptr);

/// Trains and scores. targetItems: sorted item indices. models: trained snapshots, or nullptr to train
/// them here. onStage reports the stage and returns false to cancel (the result is then empty with
/// cancelled set).
PropensityResult scorePropensity(const InteractionLog &log, const std::vector<std::int32_t> &targetItems,
                                 const PropensityParams &params, const ModelSnapshots *models = nullptr,
                                 const std::function<bool(const std::string &)> &onStage = {});

/// 1 for profiles with an interaction with a target item in [from, to), else 0, for the given profiles.
std::vector<int> engagementLabels(const InteractionLog &log, const std::vector<std::int32_t> &targetItems,
                                  const std::vector<std::int32_t> &profiles, std::int64_t from,
                                  std::int64_t to);

} // namespace awb::numeric
