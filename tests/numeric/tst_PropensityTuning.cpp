// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/PropensityTuning.h"

#include <QTest>

#include <algorithm>
#include <climits>
#include <tuple>
#include <vector>

using namespace awb::numeric;

namespace {

constexpr std::int64_t kDay = 86400000;
constexpr std::int64_t kNow = 200 * kDay;
constexpr std::int64_t kHorizon = 30 * kDay; // validation labels [140, 170) days, evaluation after 170

// Target item 0. Group A (profiles 0-19) bought it three times long ago (days 10-12), group B (20-39) once,
// recently (day 135); profiles 40-59 never did. Everyone bought items 1 and 2. Who buys item 0 again on
// the given days decides which decay scale ranks best: B (recent) favours a short scale, A (old but
// repeated) a long one.
InteractionLog log(const std::vector<std::tuple<int, int>> &againByGroupOnDay)
{
    std::vector<std::tuple<std::int64_t, std::int32_t, std::int32_t>> events;
    for (int p = 0; p < 60; ++p) {
        events.emplace_back(5 * kDay + p, p, 1);
        events.emplace_back(100 * kDay + p, p, 2);
        if (p < 20) {
            for (int d = 10; d <= 12; ++d) {
                events.emplace_back(d * kDay + p, p, 0);
            }
        } else if (p < 40) {
            events.emplace_back(135 * kDay + p, p, 0);
        }
    }
    for (const auto &[group, day] : againByGroupOnDay) {
        for (int p = group * 20; p < group * 20 + 20; ++p) {
            events.emplace_back(day * kDay + p, p, 0);
        }
    }
    std::sort(events.begin(), events.end());
    InteractionLog out;
    out.profileCount = 60;
    out.itemCount = 3;
    out.firstSeen.assign(60, INT64_MAX);
    for (const auto &[ts, p, item] : events) {
        out.profile.push_back(p);
        out.item.push_back(item);
        out.ts.push_back(ts);
        out.weight.push_back(1.0f);
        out.value.push_back(1.0f);
        out.firstSeen[static_cast<std::size_t>(p)] = std::min(out.firstSeen[static_cast<std::size_t>(p)], ts);
    }
    return out;
}

TuningResult tune(const InteractionLog &l)
{
    PropensityParams params;
    params.nowMs = kNow;
    params.horizonMs = kHorizon;
    params.ials.factors = 2;
    params.ials.iterations = 1;
    TuningGrid grid;
    grid.decayDays = {15.0, 365.0};
    grid.easeLambdas = {10.0};
    return tunePropensity(l, ProfileTimeline::build(l), {{0}}, params, grid);
}

} // namespace

class TestPropensityTuning : public QObject
{
    Q_OBJECT

private slots:
    void validationWindowDecides()
    {
        // The construction matters: who re-buys inside [140, 170) flips the choice.
        QCOMPARE(tune(log({{1, 150}})).params.decayDays, 15.0);
        QCOMPARE(tune(log({{0, 150}})).params.decayDays, 365.0);
    }

    void tuningNeverReadsTheEvaluationWindow()
    {
        // B re-buys in the validation window; A re-buys in the backtest's evaluation window [170, 200) and
        // after now [200, 230). Reading either would pick the long scale; deleting them changes nothing.
        const TuningResult withLater = tune(log({{1, 150}, {0, 180}, {0, 210}}));
        const TuningResult without = tune(log({{1, 150}}));
        QCOMPARE(withLater.params.decayDays, 15.0);
        QCOMPARE(withLater.summary, without.summary);
        QCOMPARE(withLater.params.knn.exponent, without.params.knn.exponent);
        QCOMPARE(withLater.params.ease.lambda, without.params.ease.lambda);
        QCOMPARE(withLater.validation.cutoff, kNow - 2 * kHorizon);
    }
};

QTEST_APPLESS_MAIN(TestPropensityTuning)
#include "tst_PropensityTuning.moc"
