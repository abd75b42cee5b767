// SPDX-License-Identifier: GPL-3.0-or-later
// Ranking and probability-quality metrics for binary outcomes. No Qt.
#pragma once

#include <cstddef>
#include <vector>

namespace awb::numeric {

/// ROC AUC with mid-rank ties (the Mann-Whitney U statistic / (positives * negatives)). Returns 0.5 when
/// either class is empty.
double rocAuc(const std::vector<double> &scores, const std::vector<int> &labels);

/// Average precision (area under the precision-recall step curve, ties broken pessimistically).
double averagePrecision(const std::vector<double> &scores, const std::vector<int> &labels);

struct TopK
{
    double fraction = 0;  ///< k as a fraction of all rows (0.05 = top 5%)
    std::size_t k = 0;    ///< ceil(fraction * rows)
    double precision = 0; ///< positives in the top k / k
    double lift = 0;      ///< precision / base rate
    double gain = 0;      ///< positives in the top k / all positives (recall)
};

/// Precision, lift and gain in the top fraction of rows by score (ties broken by row order, stable).
TopK topK(const std::vector<double> &scores, const std::vector<int> &labels, double fraction);

/// Mean squared error of probabilities against 0/1 labels.
double brierScore(const std::vector<double> &probabilities, const std::vector<int> &labels);
/// Mean negative log-likelihood, probabilities clipped to [1e-15, 1 - 1e-15].
double logLoss(const std::vector<double> &probabilities, const std::vector<int> &labels);

struct CalibrationBin
{
    double meanPredicted = 0;
    double observedRate = 0;
    std::size_t count = 0;
};

/// Equal-width bins over [0, 1]; empty bins are kept with count 0.
std::vector<CalibrationBin> calibrationCurve(const std::vector<double> &probabilities, const std::vector<int> &labels,
                                             std::size_t bins = 10);
/// Expected calibration error: sum over bins of count / n * |observed - predicted|.
double expectedCalibrationError(const std::vector<CalibrationBin> &curve);

/// Gain curve at `points` equally spaced audience fractions (0..1 inclusive): share of all positives found
/// in the top fraction of rows by score.
std::vector<double> gainCurve(const std::vector<double> &scores, const std::vector<int> &labels, std::size_t points);

} // namespace awb::numeric
