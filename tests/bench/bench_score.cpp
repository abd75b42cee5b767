// SPDX-License-Identifier: GPL-3.0-or-later
// Scoring benchmark: one target over 1M profiles "after training", i.e. the step from trained models (CF
// factors, item-kNN, EASE) and a fitted combiner to calibrated probabilities for every profile (features at
// T from the interactions before T, CF affinity, item-kNN and EASE scores, logistic combiner), on a synthetic
// interaction log shaped like a 10M-event workspace. References in the same run: a plain dot-product pass
// over the same factors, and a plain pass over the same interactions counting them per profile.
//
// usage: bench_score [PROFILES INTERACTIONS ITEMS FACTORS REPEATS]   (defaults 1000000 10000000 10000 32 5)
#include "numeric/Ials.h"
#include "numeric/LogisticRegression.h"
#include "numeric/Propensity.h"
#include "numeric/Random.h"
#include "numeric/UserItemMatrix.h"
#include "BenchTiming.h"
#include "SyntheticLog.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace awb::numeric;
using awb::bench::kDayMs;
using awb::bench::kDays;
using awb::bench::Clock;
using awb::bench::seconds;
using awb::bench::time;
using awb::bench::Timing;

namespace {

constexpr std::int64_t kHorizonMs = 30 * kDayMs;

double peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// Trained factors stand-in: what scoring reads does not depend on their values.
Ials randomFactors(const InteractionLog &log, int factors)
{
    IalsParams params;
    params.factors = factors;
    Ials model(params);
    model.initialize(InteractionMatrix(log.profileCount, log.itemCount));
    return model;
}

} // namespace

int main(int argc, char **argv)
{
    const std::int32_t profiles = argc > 1 ? std::atoi(argv[1]) : 1000000;
    const std::int64_t interactions = argc > 2 ? std::atoll(argv[2]) : 10000000;
    const std::int32_t items = argc > 3 ? std::atoi(argv[3]) : 10000;
    const int factors = argc > 4 ? std::atoi(argv[4]) : 32;
    const int repeats = std::max(1, argc > 5 ? std::atoi(argv[5]) : 5);

    auto start = Clock::now();
    const InteractionLog log = awb::bench::syntheticLog(profiles, interactions, items);
    const Ials cf = randomFactors(log, factors);
    std::printf(
        "log: %d profiles, %lld interactions over %lld days, %d items, %d factors (generated in %.1f s)\n",
        profiles, static_cast<long long>(interactions), static_cast<long long>(kDays), items, factors,
        seconds(start));

    // The target: every 20th item (5 % of the catalog, popular and rare ones), like a category.
    std::vector<std::int32_t> target;
    for (std::int32_t i = 0; i < items; i += 20) {
        target.push_back(i);
    }
    const std::int64_t now = kDays * kDayMs;
    const PropensityParams params;

    // The item-kNN and EASE models at both cutoffs (training, timed apart from scoring).
    auto trained = [&](std::int64_t cutoff) {
        CutoffModels m;
        m.cutoff = cutoff;
        auto t0 = Clock::now();
        m.userItems = userItemsBefore(log, cutoff);
        m.cf = cf;
        m.knn = ItemKnn::fit(m.userItems, params.knn);
        const double knnSeconds = seconds(t0);
        t0 = Clock::now();
        m.ease = Ease::fit(m.userItems, params.ease);
        std::printf("models at day %lld: item-kNN %.2f s, EASE %.2f s (%d items kept)\n",
                    static_cast<long long>(cutoff / kDayMs), knnSeconds, seconds(t0), m.ease.keptItems());
        return m;
    };
    const CutoffModels trainModels = trained(now - kHorizonMs);
    const CutoffModels nowModels = trained(now);

    // Training (not timed as scoring): the profile timeline (built once per log, with the CF models) and
    // the combiner fitted on features at T - H against [T - H, T).
    start = Clock::now();
    const ProfileTimeline timeline = ProfileTimeline::build(log);
    std::printf("profile timeline built in %.2f s\n", seconds(start));
    start = Clock::now();
    const std::vector<std::int32_t> trainPop = populationAt(log, now - kHorizonMs);
    const Eigen::MatrixXd trainX = propensityFeatures(log, timeline, target, trainPop, trainModels, params);
    const std::vector<int> labels = engagementLabels(log, target, trainPop, now - kHorizonMs, now);
    Eigen::VectorXd y(static_cast<Eigen::Index>(labels.size()));
    for (std::size_t i = 0; i < labels.size(); ++i) {
        y[static_cast<Eigen::Index>(i)] = labels[i];
    }
    const LogisticModel combiner = fitLogistic(trainX, y, 1.0);
    std::printf("combiner fitted on %zu profiles (%lld engaged) in %.2f s\n\n", trainPop.size(),
                static_cast<long long>(y.sum()), seconds(start));

    // Scoring at T: population, features, calibrated probabilities.
    double checksum = 0;
    std::size_t scored = 0;
    const Timing scoring = time(repeats, [&] {
        const std::vector<std::int32_t> pop = populationAt(log, now);
        const Eigen::MatrixXd x = propensityFeatures(log, timeline, target, pop, nowModels, params);
        const Eigen::VectorXd p = combiner.predict(x);
        checksum += p.sum();
        scored = pop.size();
    });

    // Reference 1: one dot product per profile with the target's mean item factor.
    Eigen::VectorXf targetFactor = Eigen::VectorXf::Zero(factors);
    for (const std::int32_t i : target) {
        targetFactor += cf.itemFactors().row(i).transpose();
    }
    targetFactor /= static_cast<float>(target.size());
    const Timing dot = time(repeats, [&] {
        std::vector<double> out(static_cast<std::size_t>(profiles));
        for (std::int32_t p = 0; p < profiles; ++p) {
            out[static_cast<std::size_t>(p)] = cf.userFactors().row(p).dot(targetFactor);
        }
        checksum += out.back();
    });
    // Reference 2: one pass over the interactions counting them per profile.
    const Timing pass = time(repeats, [&] {
        std::vector<std::int32_t> count(static_cast<std::size_t>(profiles), 0);
        for (const std::int32_t p : log.profile) {
            ++count[static_cast<std::size_t>(p)];
        }
        checksum += count.back();
    });

    std::printf("%-46s %9s %9s\n", "step", "best ms", "median ms");
    std::printf("%-46s %9.1f %9.1f\n", "score one target (features + combiner)", scoring.best * 1e3,
                scoring.median * 1e3);
    std::printf("%-46s %9.1f %9.1f\n", "reference: dot products, factors x target", dot.best * 1e3,
                dot.median * 1e3);
    std::printf("%-46s %9.1f %9.1f\n", "reference: count interactions per profile", pass.best * 1e3,
                pass.median * 1e3);
    std::printf("\n%zu profiles scored; scoring / (dot + pass) = %.2f (medians); target <= 200 ms: %s\n",
                scored, scoring.median / (dot.median + pass.median),
                scoring.median <= 0.2 ? "met" : "NOT met");
    std::printf("peak RSS: %.0f MiB (checksum %.3g)\n", peakRssMiB(), checksum);
    // One line for tests/bench/report.sh; the reference is both plain passes together.
    std::printf("summary: score profiles=%zu generated=%d interactions=%lld median_ms=%.1f best_ms=%.1f "
                "reference_ms=%.1f ratio=%.3f peak_mib=%.0f\n",
                scored, profiles, static_cast<long long>(interactions), scoring.median * 1e3,
                scoring.best * 1e3, (dot.median + pass.median) * 1e3,
                scoring.median / (dot.median + pass.median), peakRssMiB());
    return 0;
}
