// SPDX-License-Identifier: GPL-3.0-or-later
// How well a score ranked people on a backtest: the metrics of one score against labels, and the label
// shown to users. No Qt, no Eigen (services and the UI include it).
#pragma once

#include "numeric/Metrics.h"

#include <cstddef>
#include <string>
#include <vector>

namespace awb::numeric {

/// The label of a score that gave everyone the same value: it cannot rank anybody (for instance a product
/// nobody engaged with before the cutoff), which says nothing about the model's quality.
inline constexpr const char *kNotRankable = "Not rankable";
inline constexpr const char *kInsufficientData = "Insufficient data";

struct Quality
{
    std::string name; ///< "model", then the baselines ("activity only", ...)
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
    std::string label;        ///< Poor / Fair / Good / Excellent / Insufficient data / Not rankable
    bool rankable = true;     ///< false when every score was equal

    const TopK &at(double fraction) const;
};

/// Poor / Fair / Good / Excellent from AUC and lift at 5 % (thresholds in the implementation's comment);
/// "Insufficient data" below minPositives positives.
std::string qualityLabel(double auc, double liftAt5, std::size_t positives, int minPositives);

/// Metrics of probabilities against labels. All probabilities equal: labelled kNotRankable (unless there
/// are too few positives, "Insufficient data").
Quality evaluate(const std::string &name, const std::vector<double> &probabilities,
                 const std::vector<int> &labels, int minPositives);

} // namespace awb::numeric
