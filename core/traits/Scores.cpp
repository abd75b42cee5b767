// SPDX-License-Identifier: GPL-3.0-or-later
#include "traits/Scores.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace awb::traits {

const std::vector<std::string> &rfmGroupNames()
{
    static const std::vector<std::string> names = {
        "Champions",      "Loyal",   "Potential Loyalists", "New",         "Promising", "Need Attention",
        "About to Sleep", "At Risk", "Can't Lose Them",     "Hibernating", "Lost",
    };
    return names;
}

const std::string &rfmGroup(int recency, int frequency)
{
    // Indices into rfmGroupNames(), rows = recency 1..5, columns = frequency 1..5 (see Scores.h).
    static constexpr int kGrid[5][5] = {
        {10, 10, 7, 7, 8}, // R = 1
        {9, 9, 7, 7, 8},   // R = 2
        {6, 6, 5, 1, 1},   // R = 3
        {4, 2, 2, 1, 1},   // R = 4
        {3, 2, 2, 0, 0},   // R = 5
    };
    const int r = std::clamp(recency, 1, 5) - 1;
    const int f = std::clamp(frequency, 1, 5) - 1;
    return rfmGroupNames()[static_cast<std::size_t>(kGrid[r][f])];
}

std::vector<int> quintileScores(const std::vector<double> &values, const std::vector<bool> &eligible)
{
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (eligible[i]) {
            order.push_back(i);
        }
    }
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    std::vector<int> scores(values.size(), 0);
    const auto n = static_cast<std::int64_t>(order.size());
    int score = 0;
    for (std::int64_t i = 0; i < n; ++i) {
        const std::size_t row = order[static_cast<std::size_t>(i)];
        if (i == 0 || values[row] != values[order[static_cast<std::size_t>(i - 1)]]) {
            // i = eligible rows with a strictly smaller value than this run.
            score = std::min(1 + static_cast<int>(5 * i / n), score + 1);
        }
        scores[row] = score;
    }
    return scores;
}

const char *discountBand(double share)
{
    if (std::isnan(share)) {
        return "Mid";
    }
    if (share >= kDiscountHighFrom) {
        return "High";
    }
    return share < kDiscountLowBelow ? "Low" : "Mid";
}

const char *churnBand(double risk)
{
    if (risk >= kChurnHighFrom) {
        return "High";
    }
    return risk >= kChurnMediumFrom ? "Medium" : "Low";
}

} // namespace awb::traits
