// SPDX-License-Identifier: GPL-3.0-or-later
// Scoring several targets at once with the combiner that validates better: fitted per target
// (scorePropensity) or pooled over all targets' rows. No Qt.
//
// The pooled combiner is one logistic regression over the rows of every target, on the same features plus
// one target-level feature: log1p of the number of candidates who engaged with the target in the horizon
// before the cutoff (its recent popularity, which sets each target's base rate). Both combiners are
// fitted on features at T - 2H against [T - 2H, T - H) and judged by macro ROC AUC on [T - H, T), so the
// choice reads nothing at or after T; the winner is refitted at T - H and applies at T. The pooled
// combiner is only tried when all targets' rows together are at most kPooledMaxRows (memory: three
// windows of rows x 10 doubles).
#pragma once

#include "numeric/Propensity.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace awb::numeric {

inline constexpr std::size_t kPooledMaxRows = 3'000'000;

struct MultiTargetResult
{
    std::vector<PropensityResult> targets; ///< aligned with the targets given
    bool pooled = false;                   ///< the pooled combiner won the backtest
    double perTargetAuc = 0.5;             ///< backtest macro AUC of each combiner (pooled: 0 when not tried)
    double pooledAuc = 0.0;
    bool cancelled = false;
};

/// Scores each target (sorted item lists) with trained models; onStage returns false to cancel.
MultiTargetResult scorePropensityTargets(const InteractionLog &log,
                                         const std::vector<std::vector<std::int32_t>> &targets,
                                         const PropensityParams &params, const ModelSnapshots &models,
                                         const std::function<bool(const std::string &)> &onStage = {});

} // namespace awb::numeric
