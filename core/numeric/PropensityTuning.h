// SPDX-License-Identifier: GPL-3.0-or-later
// Hyperparameters of the propensity inputs chosen on a validation window that ends where the backtest's
// evaluation window begins. No Qt.
//
// For now T and horizon H, the validation window is: inputs trained on the interactions before
// C0 = T - 2H, labels from [C0, C1 = T - H). Nothing at or after C1 is read, so neither the backtest's
// reported quality ([C1, T)) nor an evaluation after T ([T, T + H)) can leak into the choice. Each
// hyperparameter is chosen by the macro ROC AUC over the given targets of the input it drives, ranked
// alone, on the candidates at C0; ties keep the earlier grid value: item-kNN exponent and history decay
// (jointly), then EASE lambda (with that history decay), then the own-history decay. iALS keeps its
// defaults (a grid over it costs a training per point).
#pragma once

#include "numeric/Propensity.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace awb::numeric {

struct TuningGrid
{
    std::vector<double> knnExponents{0.0, 0.5, 1.0, 1.5};
    std::vector<double> neighbourDecayDays{30.0, 90.0, 365.0, 0.0}; ///< 0: no decay
    std::vector<double> easeLambdas{100.0, 400.0, 1600.0, 6400.0};
    std::vector<double> decayDays{15.0, 30.0, 90.0, 365.0};
};

struct TuningResult
{
    PropensityParams params; ///< the input params with the chosen values
    CutoffModels validation; ///< the models at C0 with the chosen values (the backtest snapshot)
    std::string summary;     ///< what was chosen, with its validation AUC
    bool cancelled = false;
};

/// Chooses params.knn.exponent, neighbourDecayDays, ease.lambda and decayDays for the targets (each a sorted
/// item list) on the validation window above. onStage returns false to cancel. Uses both cores.
TuningResult tunePropensity(const InteractionLog &log, const ProfileTimeline &timeline,
                            const std::vector<std::vector<std::int32_t>> &targets,
                            const PropensityParams &params, const TuningGrid &grid = {},
                            const std::function<bool(const std::string &)> &onStage = {});

} // namespace awb::numeric
