// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/Metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace awb::numeric {

namespace {

// Row indices by score descending; stable so equal scores keep row order.
std::vector<std::size_t> orderByScore(const std::vector<double> &scores)
{
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    return order;
}

std::size_t countPositives(const std::vector<int> &labels)
{
    return static_cast<std::size_t>(std::count_if(labels.begin(), labels.end(), [](int l) { return l != 0; }));
}

} // namespace

double rocAuc(const std::vector<double> &scores, const std::vector<int> &labels)
{
    const std::size_t n = scores.size();
    const std::size_t pos = countPositives(labels);
    const std::size_t neg = n - pos;
    if (pos == 0 || neg == 0) {
        return 0.5;
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
    // Sum of mid-ranks (1-based) of the positives.
    double rankSum = 0;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        while (j < n && scores[order[j]] == scores[order[i]]) {
            ++j;
        }
        const double midRank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
        for (std::size_t k = i; k < j; ++k) {
            if (labels[order[k]] != 0) {
                rankSum += midRank;
            }
        }
        i = j;
    }
    const double u = rankSum - static_cast<double>(pos) * (static_cast<double>(pos) + 1.0) / 2.0;
    return u / (static_cast<double>(pos) * static_cast<double>(neg));
}

double averagePrecision(const std::vector<double> &scores, const std::vector<int> &labels)
{
    const std::size_t pos = countPositives(labels);
    if (pos == 0) {
        return 0.0;
    }
    // Within a tie group, negatives come first (pessimistic).
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return scores[a] != scores[b] ? scores[a] > scores[b] : labels[a] < labels[b];
    });
    double sum = 0;
    std::size_t hits = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (labels[order[i]] != 0) {
            ++hits;
            sum += static_cast<double>(hits) / static_cast<double>(i + 1);
        }
    }
    return sum / static_cast<double>(pos);
}

TopK topK(const std::vector<double> &scores, const std::vector<int> &labels, double fraction)
{
    TopK r;
    r.fraction = fraction;
    const std::size_t n = scores.size();
    if (n == 0) {
        return r;
    }
    r.k = std::min(n, static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(n) - 1e-9)));
    r.k = std::max<std::size_t>(r.k, 1);
    const auto order = orderByScore(scores);
    std::size_t hits = 0;
    for (std::size_t i = 0; i < r.k; ++i) {
        hits += labels[order[i]] != 0 ? 1 : 0;
    }
    const std::size_t pos = countPositives(labels);
    r.precision = static_cast<double>(hits) / static_cast<double>(r.k);
    const double base = static_cast<double>(pos) / static_cast<double>(n);
    r.lift = base > 0 ? r.precision / base : 0.0;
    r.gain = pos > 0 ? static_cast<double>(hits) / static_cast<double>(pos) : 0.0;
    return r;
}

double brierScore(const std::vector<double> &p, const std::vector<int> &labels)
{
    if (p.empty()) {
        return 0.0;
    }
    double sum = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const double d = p[i] - (labels[i] != 0 ? 1.0 : 0.0);
        sum += d * d;
    }
    return sum / static_cast<double>(p.size());
}

double logLoss(const std::vector<double> &p, const std::vector<int> &labels)
{
    if (p.empty()) {
        return 0.0;
    }
    double sum = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const double q = std::clamp(p[i], 1e-15, 1.0 - 1e-15);
        sum -= labels[i] != 0 ? std::log(q) : std::log(1.0 - q);
    }
    return sum / static_cast<double>(p.size());
}

std::vector<CalibrationBin> calibrationCurve(const std::vector<double> &p, const std::vector<int> &labels,
                                             std::size_t bins)
{
    std::vector<CalibrationBin> curve(bins);
    std::vector<double> sumP(bins, 0.0);
    std::vector<double> sumY(bins, 0.0);
    for (std::size_t i = 0; i < p.size(); ++i) {
        const auto b = std::min(bins - 1, static_cast<std::size_t>(std::clamp(p[i], 0.0, 1.0) * static_cast<double>(bins)));
        sumP[b] += p[i];
        sumY[b] += labels[i] != 0 ? 1.0 : 0.0;
        ++curve[b].count;
    }
    for (std::size_t b = 0; b < bins; ++b) {
        if (curve[b].count > 0) {
            curve[b].meanPredicted = sumP[b] / static_cast<double>(curve[b].count);
            curve[b].observedRate = sumY[b] / static_cast<double>(curve[b].count);
        }
    }
    return curve;
}

double expectedCalibrationError(const std::vector<CalibrationBin> &curve)
{
    double n = 0;
    double sum = 0;
    for (const CalibrationBin &b : curve) {
        n += static_cast<double>(b.count);
        sum += static_cast<double>(b.count) * std::abs(b.observedRate - b.meanPredicted);
    }
    return n > 0 ? sum / n : 0.0;
}

std::vector<double> gainCurve(const std::vector<double> &scores, const std::vector<int> &labels, std::size_t points)
{
    std::vector<double> curve(points, 0.0);
    const std::size_t n = scores.size();
    const std::size_t pos = countPositives(labels);
    if (n == 0 || pos == 0 || points < 2) {
        return curve;
    }
    const auto order = orderByScore(scores);
    std::vector<std::size_t> cumulative(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        cumulative[i + 1] = cumulative[i] + (labels[order[i]] != 0 ? 1 : 0);
    }
    for (std::size_t j = 0; j < points; ++j) {
        const double fraction = static_cast<double>(j) / static_cast<double>(points - 1);
        const auto k = static_cast<std::size_t>(std::llround(fraction * static_cast<double>(n)));
        curve[j] = static_cast<double>(cumulative[k]) / static_cast<double>(pos);
    }
    return curve;
}

} // namespace awb::numeric
