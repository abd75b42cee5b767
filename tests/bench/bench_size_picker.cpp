// SPDX-License-Identifier: GPL-3.0-or-later
// Size picker benchmark: the audience builder showing a scored population of N profiles (default 1M,
// synthetic likelihoods), the slider moved over S sizes; each step is timed from the slider's new value
// to the end of a synchronous repaint of the whole builder (read-outs, histogram, chart marker) — target
// <= 16 ms per step at 1M. Reference, same steps, same run: what a naive picker would do per step (sum the
// top k scores for the read-outs and rebuild and redraw the whole chart).
//
// usage: bench_size_picker [PROFILES [STEPS]]   (defaults 1000000 200; runs offscreen)
#include "audiences/AudienceBuilder.h"
#include "audiences/SizePicker.h"
#include "charts/PropensityChart.h"

#include <QApplication>
#include <QSlider>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <numeric>
#include <random>
#include <vector>

using namespace awb;

namespace {

using Clock = std::chrono::steady_clock;

double ms(Clock::time_point since)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

struct Summary
{
    double median = 0;
    double p95 = 0;
    double max = 0;
    double mean = 0;
};

Summary summarise(std::vector<double> times)
{
    std::sort(times.begin(), times.end());
    Summary s;
    s.median = times[times.size() / 2];
    s.p95 = times[std::min(times.size() - 1, times.size() * 95 / 100)];
    s.max = times.back();
    s.mean = std::accumulate(times.begin(), times.end(), 0.0) / static_cast<double>(times.size());
    return s;
}

std::shared_ptr<const services::AudienceDraft> population(std::int64_t n)
{
    // Skewed likelihoods like real propensities: most people near zero, a few high.
    std::mt19937_64 random(7);
    std::gamma_distribution<double> gamma(0.6, 1.0);
    std::vector<double> p(static_cast<std::size_t>(n));
    for (double &v : p) {
        v = std::min(0.999, gamma(random) * 0.04);
    }
    std::sort(p.begin(), p.end(), std::greater<>());
    services::ScoreResult scores;
    scores.ranked.resize(p.size());
    for (std::size_t i = 0; i < p.size(); ++i) {
        scores.ranked[i] = {static_cast<std::int64_t>(i + 1), {}, p[i]};
    }
    numeric::Quality model;
    model.name = "model";
    model.label = "Good";
    model.auc = 0.8;
    model.positives = 1000;
    model.rows = static_cast<std::size_t>(n);
    for (int i = 0; i <= 100; ++i) {
        model.gain.push_back(std::sqrt(i / 100.0));
    }
    scores.backtest = {model};
    return std::make_shared<const services::AudienceDraft>(
        services::AudienceDraft::fromScores({}, std::move(scores)));
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    const std::int64_t n = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
    const int steps = argc > 2 ? std::atoi(argv[2]) : 200;
    if (n < 100 || steps < 10) {
        std::fputs("usage: bench_size_picker [PROFILES >= 100 [STEPS >= 10]]\n", stderr);
        return 2;
    }
    auto start = Clock::now();
    const auto scored = population(n);
    std::printf("population of %lld profiles: curve and chart arrays built in %.0f ms\n",
                static_cast<long long>(n), ms(start));

    ui::AudienceBuilder builder;
    builder.resize(1280, 800);
    builder.show();
    QApplication::processEvents();
    start = Clock::now();
    builder.showDraft(scored);
    builder.repaint();
    std::printf("first display of the population: %.1f ms\n", ms(start));

    QSlider *slider = builder.sizePicker()->slider();
    std::vector<int> sizes;
    for (int i = 1; i <= steps; ++i) {
        // A drag over the first half of the range, then back to small sizes.
        const double share =
            i <= steps / 2 ? 0.5 * i / (steps / 2) : 0.5 * (steps - i + 1) / (steps - steps / 2);
        sizes.push_back(std::max(1, static_cast<int>(share * static_cast<double>(n))));
    }
    std::vector<double> picker;
    for (const int size : sizes) {
        const auto t = Clock::now();
        slider->setValue(size);
        builder.repaint();
        picker.push_back(ms(t));
    }

    std::vector<double> naive;
    const auto &ranked = scored->scores().ranked;
    volatile double sink = 0; // keeps the naive sums from being optimised away
    for (const int size : sizes) {
        const auto t = Clock::now();
        double sum = 0;
        for (int i = 0; i < size; ++i) {
            sum += ranked[static_cast<std::size_t>(i)].probability;
        }
        sink = sink + sum / size;
        builder.chart()->setQuality(scored->chart());
        builder.chart()->setMarker(100.0 * size / static_cast<double>(n));
        builder.chart()->repaint();
        naive.push_back(ms(t));
    }

    const Summary a = summarise(picker);
    const Summary b = summarise(naive);
    std::printf("slider step (set value + repaint of the builder), %d steps at %lld profiles:\n", steps,
                static_cast<long long>(n));
    std::printf("  picker   median %.2f ms  p95 %.2f ms  max %.2f ms  mean %.2f ms   (target <= 16 ms)\n",
                a.median, a.p95, a.max, a.mean);
    std::printf("  naive    median %.2f ms  p95 %.2f ms  max %.2f ms  mean %.2f ms   (sum top k + full chart "
                "redraw)\n",
                b.median, b.p95, b.max, b.mean);
    std::printf("  ratio picker / naive (median): %.2f\n", a.median / b.median);
    std::printf("summary: slider profiles=%lld steps=%d median_ms=%.2f p95_ms=%.2f max_ms=%.2f "
                "reference_median_ms=%.2f ratio=%.3f\n",
                static_cast<long long>(n), steps, a.median, a.p95, a.max, b.median, a.median / b.median);
    return a.p95 <= 16.0 ? 0 : 1;
}
