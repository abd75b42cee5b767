// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/Quality.h"

#include <algorithm>
#include <cmath>

namespace awb::numeric {

namespace {
constexpr double kFractions[] = {0.01, 0.05, 0.10, 0.20, 0.50};
}

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
        return kInsufficientData;
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
    const auto [lo, hi] = std::minmax_element(p.begin(), p.end());
    q.rankable = !p.empty() && *hi > *lo;
    // Too few positives says more than equal scores (which follow from it), so it wins.
    q.label = qualityLabel(q.auc, q.at(0.05).lift, q.positives, minPositives);
    if (!q.rankable && q.label != kInsufficientData) {
        q.label = kNotRankable;
    }
    return q;
}

} // namespace awb::numeric
