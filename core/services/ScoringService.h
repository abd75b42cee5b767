// SPDX-License-Identifier: GPL-3.0-or-later
// The narrow API for propensity scores and their evaluation.
#pragma once

#include "common/Result.h"
#include "model/InteractionLoader.h"
#include "numeric/Quality.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace awb {
class ProgressSink;
}

namespace awb::services {

inline constexpr std::int64_t kDayMs = 86400000;
/// Name of the quality row of the generator's planted truth (TargetEvaluation::oracle).
inline constexpr const char *kOracleName = "oracle (planted truth)";

/// Which profiles may be scored, by profile id (ascending vectors): the members of only (when set) that are
/// not in excluded. An audience's "who may enter" (AudienceDraft resolves it).
struct EligibleProfiles
{
    std::optional<std::vector<std::int64_t>> only;
    std::vector<std::int64_t> excluded;

    bool restricts() const { return only.has_value() || !excluded.empty(); }
    bool admits(std::int64_t profileId) const;
};

struct ScoreRequest
{
    model::Target target;
    std::optional<std::int64_t> asOfMs; ///< "now"; default: the latest event time
    std::int64_t horizonMs = 30 * kDayMs;
    bool everyone = false; ///< score every profile, not only those with a user id
    /// Scored and backtested: the candidates these admit (the fits still learn from every candidate).
    EligibleProfiles eligible;
};

struct ScoredProfile
{
    std::int64_t profileId = 0;
    std::string key;        ///< user id, else first anonymous id
    double probability = 0; ///< calibrated P(engage with the target within the horizon)
};

struct ScoreResult
{
    std::string target;
    std::int64_t nowMs = 0;
    std::vector<ScoredProfile> ranked;      ///< highest first
    std::vector<numeric::Quality> backtest; ///< model then baselines
    bool fallback = false;
    std::string fallbackInput; ///< the single input the scores use when fallback ("own history only")
    std::string note;
    std::string tuning; ///< the hyperparameters chosen on the validation window
};

struct TargetEvaluation
{
    std::string target;
    std::vector<numeric::Quality> qualities; ///< model then baselines, against what happened in [T, T + H)
    /// The generator's planted probabilities scored against the same labels (the ceiling), on a sample
    /// store only; see SampleOracle. Never set on real data.
    std::optional<numeric::Quality> oracle;
};

struct EvaluationResult
{
    std::int64_t asOfMs = 0;
    std::int64_t horizonMs = 0;
    std::vector<TargetEvaluation> targets;
    std::vector<std::string> skipped; ///< targets that could not be scored, with the reason
    std::string oracleNote;           ///< what the oracle rows are, or why there are none; empty on real data
    std::string tuning;               ///< the hyperparameters chosen on the validation window
    std::string combiner;             ///< per target or pooled, and why
    bool everyone = false;            ///< candidates were every profile, not only those with a user id
};

struct FittedScorer;

/// What scoring reads, from a workspace or a warehouse: the interactions, each profile's label
/// (model::profileLabels: "0" + user id, "1" + anonymous id) and each item's product id.
struct ScoringInput
{
    model::LoadedInteractions data;
    std::vector<std::string> labels;     ///< aligned with data.profileIds
    std::vector<std::string> productIds; ///< by item index
};

/// Scores the eligible candidates for the target items (indices into input's items), as ScoringService::score
/// does; the interactions are renumbered first (model::canonicalOrder), so two stores holding the same
/// interactions give the same scores. ScoredProfile::profileId is input.data.profileIds' entry; ties rank by
/// label.
/// fitted (optional) receives the models and combiner, for scoring other people (StreamScorer).
Result<ScoreResult> scoreInput(const ScoringInput &input, const std::vector<std::int32_t> &targetItems,
                               const ScoreRequest &request, ProgressSink &progress,
                               FittedScorer *fitted = nullptr);

class ScoringService
{
public:
    explicit ScoringService(std::string workspacePath);

    /// Scores the eligible candidates seen before "now" for one target (background work, cancellable); the
    /// backtest is measured on the eligible candidates too. ranked: highest first, ties by profile id.
    Result<ScoreResult> score(const ScoreRequest &request, ProgressSink &progress);

    /// Scores each target as of asOf and measures the model and its baselines against the engagements that
    /// really happened in [asOf, asOf + horizon). Candidates: profiles with a user id and an event before
    /// asOf, or everyone seen before it. Hyperparameters are tuned once for all targets on a window that
    /// ends a horizon before asOf.
    Result<EvaluationResult> evaluate(const std::vector<model::Target> &targets, std::int64_t asOfMs,
                                      std::int64_t horizonMs, ProgressSink &progress, bool everyone = false);

    /// The n values of a column with the most engaged profiles in [fromMs, toMs) (toMs = 0: no bound).
    Result<std::vector<model::Target>> topValues(const std::string &column, int n, std::int64_t fromMs,
                                                 std::int64_t toMs);
    /// The n products with the most engaged profiles in [fromMs, toMs).
    Result<std::vector<model::Target>> topProducts(int n, std::int64_t fromMs, std::int64_t toMs);

private:
    std::string m_path;
};

} // namespace awb::services
