// SPDX-License-Identifier: GPL-3.0-or-later
// The propensity curve of a scored population (what the size picker and its chart show) and the quality
// an audience freezes at creation: backtest rows, chart arrays and a score histogram, stored as JSON.
#pragma once

#include "numeric/Quality.h"

#include <cstdint>
#include <string>
#include <vector>

namespace awb::audience {

/// Cumulative sums over probabilities sorted from the highest: every read-out for a size is O(1).
class PropensityCurve
{
public:
    /// sortedDescending: calibrated probabilities, highest first.
    explicit PropensityCurve(std::vector<double> sortedDescending);

    struct Point
    {
        std::int64_t size = 0;
        double likelihoodAtCut = 0;   ///< the probability of the last member
        double averageLikelihood = 0; ///< mean probability of the members
        double expectedEngagers = 0;  ///< sum of the members' probabilities
        double expectedShare = 0;     ///< expectedEngagers / the sum over everyone
        double lift = 0;              ///< averageLikelihood / baseRate
    };

    std::int64_t eligible() const { return static_cast<std::int64_t>(m_scores.size()); }
    double baseRate() const;           ///< mean probability of everyone
    double expectedTotal() const;      ///< sum of everyone's probabilities
    Point at(std::int64_t size) const; ///< size clamped to [0, eligible]
    const std::vector<double> &scores() const { return m_scores; }

private:
    std::vector<double> m_scores;
    std::vector<double> m_cumulative; ///< m_cumulative[i] = sum of the i + 1 highest
};

/// What an audience keeps of its model and population, as it was when created.
struct AudienceQuality
{
    std::vector<numeric::Quality> backtest; ///< model first, then the baselines
    std::string population = "everyone";    ///< who could enter (Population::describe())
    /// On whom the backtest was measured ("backtest over 1,250 identified people with history, 126 of them
    /// engaged"); empty in audiences created before it was recorded.
    std::string backtestPopulation;
    std::int64_t eligible = 0;
    std::int64_t size = 0;
    std::int64_t reachableByEmail = -1; ///< members with an e-mail and consent not refused; -1: not recorded
    double baseRate = 0;
    double expectedTotal = 0;
    /// Chart series at audience sizes 0, 1, ..., 100 % of eligible (101 points each).
    std::vector<double> likelihoodAtCut;
    std::vector<double> averageLikelihood;
    std::vector<double> expectedShare;
    std::vector<double> backtestGain; ///< the model's actual gain on the backtest; empty: Insufficient data
    /// Score histogram: equal-width bins over [0, max score]; edges has counts.size() + 1 entries.
    std::vector<double> histogramEdges;
    std::vector<std::int64_t> histogramCounts;
};

AudienceQuality freezeQuality(const PropensityCurve &curve, const std::vector<numeric::Quality> &backtest,
                              std::int64_t size, int bins = 20);

std::string qualityToJson(const AudienceQuality &quality);
/// Empty quality when the text is not such a JSON object.
AudienceQuality qualityFromJson(const std::string &json);

} // namespace awb::audience
