// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/DecayTable.h"
#include "numeric/Propensity.h"
#include "numeric/Random.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace awb::numeric;

namespace {

constexpr std::int64_t kDay = 86400000;

// Users with a taste for one of four item groups (10 items each) and an activity level; each day a user
// interacts with probability activity, picking an item of their group 70% of the time.
InteractionLog plantedLog(int users, int days, std::uint64_t seed, double activityScale = 1.0)
{
    Random rng(seed);
    struct Event
    {
        std::int64_t ts;
        std::int32_t profile, item;
    };
    std::vector<Event> events;
    InteractionLog log;
    log.profileCount = users;
    log.itemCount = 40;
    log.firstSeen.assign(static_cast<std::size_t>(users), INT64_MAX);
    for (int u = 0; u < users; ++u) {
        const int group = static_cast<int>(rng.below(4));
        const double activity = std::min(0.5, activityScale * rng.exponential(0.05));
        const int start = static_cast<int>(rng.below(static_cast<std::uint64_t>(days / 2)));
        log.firstSeen[static_cast<std::size_t>(u)] = start * kDay;
        for (int d = start; d < days; ++d) {
            if (rng.chance(activity)) {
                const int g = rng.chance(0.7) ? group : static_cast<int>(rng.below(4));
                events.push_back({d * kDay + static_cast<std::int64_t>(rng.below(kDay)), u,
                                  static_cast<std::int32_t>(g * 10 + static_cast<int>(rng.below(10)))});
            }
        }
    }
    std::sort(events.begin(), events.end(), [](const Event &a, const Event &b) { return a.ts < b.ts; });
    for (const Event &e : events) {
        log.profile.push_back(e.profile);
        log.item.push_back(e.item);
        log.ts.push_back(e.ts);
        log.weight.push_back(1.0f);
        log.value.push_back(10.0f);
    }
    return log;
}

std::vector<std::int32_t> groupItems(int group)
{
    std::vector<std::int32_t> items(10);
    std::iota(items.begin(), items.end(), group * 10);
    return items;
}

PropensityParams params(std::int64_t now)
{
    PropensityParams p;
    p.nowMs = now;
    p.horizonMs = 30 * kDay;
    p.ials.factors = 8;
    p.ials.iterations = 4;
    return p;
}

// The features of one profile computed the plain way: every interaction before cutoff, in log order.
std::vector<double> directFeatures(const InteractionLog &log, const std::vector<std::int32_t> &target,
                                   std::int64_t cutoff, std::int32_t profile, const CutoffModels &models,
                                   const PropensityParams &params)
{
    const double decayDays = params.decayDays;
    const Ials &cf = models.cf;
    const Eigen::VectorXf knnWeights = models.knn.targetWeights(target);
    const Eigen::VectorXf easeWeights = models.ease.targetWeights(target);
    double knn = 0, ease = 0;
    double count = 0, money = 0, own = 0, ownCount = 0;
    std::int64_t last = -1, ownLast = -1;
    for (std::size_t k = 0; k < log.ts.size() && log.ts[k] < cutoff; ++k) {
        if (log.profile[k] != profile) {
            continue;
        }
        count += 1;
        const double w = log.weight[k] * std::exp(-static_cast<double>(cutoff - log.ts[k]) /
                                                  (params.neighbourDecayDays * kDay));
        knn += w * knnWeights[log.item[k]];
        ease += w * easeWeights[log.item[k]];
        money += std::max(0.0f, log.value[k]);
        last = log.ts[k];
        if (std::binary_search(target.begin(), target.end(), log.item[k])) {
            own += log.weight[k] * std::exp(-static_cast<double>(cutoff - log.ts[k]) / (decayDays * kDay));
            ownCount += 1;
            ownLast = log.ts[k];
        }
    }
    auto logDays = [&](std::int64_t ts) {
        return std::log1p(ts < 0 ? 3650.0 : std::clamp(static_cast<double>(cutoff - ts) / kDay, 0.0, 3650.0));
    };
    Eigen::VectorXf mean = Eigen::VectorXf::Zero(cf.itemFactors().cols());
    for (const std::int32_t i : target) {
        mean += cf.itemFactors().row(i).transpose();
    }
    mean /= static_cast<float>(target.size());
    return {cf.userFactors().row(profile).dot(mean),
            std::log1p(own),
            std::log1p(ownCount),
            logDays(ownLast),
            logDays(last),
            std::log1p(count),
            std::log1p(money),
            std::log1p(std::max(0.0, knn)),
            std::copysign(std::log1p(std::abs(ease)), ease)};
}

} // namespace

class TestPropensity : public QObject
{
    Q_OBJECT

private slots:
    // The features' time decays come from a table: within 2e-7 of std::exp over the table (ages of hours to
    // years), exact past it.
    void decayTableMatchesExp()
    {
        for (const double scale : {86400e3, 30 * 86400e3, 365 * 86400e3}) {
            const awb::numeric::DecayTable decay(scale);
            double worst = 0;
            for (double age = 0; age < 30 * scale; age += scale / 997.3) {
                const double exact = std::exp(-age / scale);
                worst = std::max(worst, std::abs(decay(age) - exact) / exact);
            }
            QVERIFY2(worst < 2e-7, qPrintable(QString::number(worst)));
            QCOMPARE(decay(0), 1.0);
            QCOMPARE(decay(40 * scale), std::exp(-40.0));
        }
    }

    void scoresAreCalibratedProbabilitiesThatRankTheFuture()
    {
        const InteractionLog log = plantedLog(3000, 300, 1);
        const std::int64_t now = 240 * kDay;
        const PropensityResult r = scorePropensity(log, groupItems(0), params(now));
        QVERIFY(!r.fallback);
        QCOMPARE(r.probability.size(), r.population.size());
        QVERIFY(!r.population.empty());
        for (const double p : r.probability) {
            QVERIFY(p >= 0.0 && p <= 1.0);
        }
        // Judge on what really happened after "now" (the log holds 60 more days).
        const std::vector<int> future =
            engagementLabels(log, groupItems(0), r.population, now, now + 30 * kDay);
        const Quality q = evaluate("model", r.probability, future, 20);
        QVERIFY2(q.auc > 0.75, qPrintable(QString::number(q.auc)));
        QVERIFY2(q.ece < 0.05, qPrintable(QString::number(q.ece)));
        const double expected = std::accumulate(r.probability.begin(), r.probability.end(), 0.0);
        const double actual = static_cast<double>(q.positives);
        QVERIFY2(std::abs(expected - actual) < 0.15 * actual,
                 qPrintable(QStringLiteral("%1 vs %2").arg(expected).arg(actual)));
    }

    void backtestReportsModelAndBaselines()
    {
        const InteractionLog log = plantedLog(3000, 300, 2);
        const PropensityResult r = scorePropensity(log, groupItems(1), params(240 * kDay));
        QCOMPARE(r.backtest.size(), std::size_t(6));
        QCOMPARE(r.backtest[0].name, std::string("model"));
        double bestBaseline = 0;
        for (std::size_t b = 1; b < r.backtest.size(); ++b) {
            bestBaseline = std::max(bestBaseline, r.backtest[b].auc);
            QCOMPARE(r.backtest[b].topK.size(), std::size_t(5));
        }
        // The combiner is never much worse than its best input, and usually better.
        QVERIFY2(r.backtest[0].auc >= bestBaseline - 0.01,
                 qPrintable(
                     QStringLiteral("model %1, best baseline %2").arg(r.backtest[0].auc).arg(bestBaseline)));
        QCOMPARE(r.backtest[0].gain.size(), std::size_t(101));
        QVERIFY(r.backtest[0].label != "Insufficient data");
    }

    void eligibleProfilesAreScoredAndBacktestedAlone()
    {
        // Who may enter: every third profile. The scores are for them only, and the backtest is the same
        // predictions evaluated on their rows alone (the fits still learn from every candidate).
        const InteractionLog log = plantedLog(3000, 300, 2);
        const std::int64_t now = 240 * kDay;
        PropensityParams restricted = params(now);
        restricted.eligible.assign(static_cast<std::size_t>(log.profileCount), 0);
        for (std::size_t p = 0; p < restricted.eligible.size(); p += 3) {
            restricted.eligible[p] = 1;
        }
        const PropensityResult all = scorePropensity(log, groupItems(1), params(now));
        const PropensityResult some = scorePropensity(log, groupItems(1), restricted);
        std::vector<std::int32_t> expected;
        for (const std::int32_t p : all.population) {
            if (p % 3 == 0) {
                expected.push_back(p);
            }
        }
        QCOMPARE(some.population, expected);
        for (std::size_t r = 0, a = 0; r < some.population.size(); ++r) {
            while (all.population[a] != some.population[r]) {
                ++a;
            }
            QCOMPARE(some.probability[r], all.probability[a]); // same fit, fewer rows
        }
        const std::vector<std::int32_t> before = populationAt(log, now - 30 * kDay);
        const auto eligibleBefore =
            static_cast<std::size_t>(std::count_if(before.begin(), before.end(), [](std::int32_t p) { return p % 3 == 0; }));
        QCOMPARE(some.backtest[0].rows, eligibleBefore);
        QCOMPARE(all.backtest[0].rows, before.size());
        QCOMPARE(some.backtest.size(), all.backtest.size());
        QVERIFY(some.backtest[0].positives < all.backtest[0].positives);
    }

    void fewPositivesFallBackClearly()
    {
        const InteractionLog log = plantedLog(60, 120, 3, 0.2);
        const PropensityResult r = scorePropensity(log, {3}, params(100 * kDay));
        QVERIFY(r.fallback);
        QVERIFY(r.note.find("are needed") != std::string::npos);
        QCOMPARE(r.backtest[0].label, std::string("Insufficient data"));
        for (const double p : r.probability) {
            QVERIFY(std::isfinite(p));
        }
    }

    void cancellingStopsEarly()
    {
        const InteractionLog log = plantedLog(200, 120, 4);
        const PropensityResult r = scorePropensity(log, groupItems(0), params(100 * kDay), nullptr,
                                                   [](const std::string &) { return false; });
        QVERIFY(r.cancelled);
        QVERIFY(r.probability.empty());
    }

    void timelineGroupsEachProfileInTimeOrder()
    {
        const InteractionLog log = plantedLog(500, 100, 6);
        const ProfileTimeline tl = ProfileTimeline::build(log);
        QCOMPARE(tl.offsets.size(), std::size_t(501));
        QCOMPARE(static_cast<std::size_t>(tl.offsets.back()), log.ts.size());
        std::vector<std::int64_t> next(tl.offsets.begin(), tl.offsets.end() - 1);
        for (std::size_t k = 0; k < log.ts.size(); ++k) {
            // The k-th interaction is the next one of its profile in the timeline, with all its values.
            const auto at = static_cast<std::size_t>(next[static_cast<std::size_t>(log.profile[k])]++);
            QCOMPARE(tl.ts[at], log.ts[k]);
            QCOMPARE(tl.item[at], log.item[k]);
            QCOMPARE(tl.weight[at], log.weight[k]);
            QCOMPARE(tl.value[at], log.value[k]);
        }
    }

    void featuresAreTheDirectComputation_data()
    {
        QTest::addColumn<int>("cutoffDay");
        QTest::newRow("early, few profiles seen") << 20;
        QTest::newRow("middle") << 90;
        QTest::newRow("after every interaction") << 400;
    }

    void featuresAreTheDirectComputation()
    {
        QFETCH(int, cutoffDay);
        // Enough profiles that the rows are split between two tasks.
        InteractionLog log = plantedLog(6000, 200, 7);
        for (std::size_t k = 0; k < log.value.size(); ++k) {
            log.value[k] = static_cast<float>(k % 7) - 1.0f; // refunds (negative) count as 0 money
            log.weight[k] = 1.0f + static_cast<float>(k % 3);
        }
        PropensityParams pp = params(cutoffDay * kDay);
        pp.ials.factors = 6;
        pp.ials.iterations = 1;
        const std::vector<std::int32_t> target = groupItems(2);
        const std::int64_t cutoff = cutoffDay * kDay;
        const CutoffModels models = trainCutoffModels(log, cutoff, pp);
        const std::vector<std::int32_t> population = populationAt(log, cutoff);
        QVERIFY(!population.empty());
        const Eigen::MatrixXd x =
            propensityFeatures(log, ProfileTimeline::build(log), target, population, models, pp);
        QCOMPARE(x.rows(), static_cast<Eigen::Index>(population.size()));
        QCOMPARE(x.cols(), static_cast<Eigen::Index>(FeatureIndex::Count));
        // Every 97th row and the last against the plain computation.
        std::vector<std::size_t> rows;
        for (std::size_t r = 0; r < population.size(); r += 97) {
            rows.push_back(r);
        }
        rows.push_back(population.size() - 1);
        // The neighbourhood columns are centred on their mean over the candidates: compare them as
        // differences from the first sampled row, and check the mean.
        constexpr int kCentred = static_cast<int>(FeatureIndex::Knn);
        const std::vector<double> first =
            directFeatures(log, target, cutoff, population[rows[0]], models, pp);
        for (int f = kCentred; f < x.cols(); ++f) {
            QVERIFY(std::abs(x.col(f).mean()) <= 1e-9);
        }
        for (const std::size_t r : rows) {
            const std::vector<double> expected =
                directFeatures(log, target, cutoff, population[r], models, pp);
            for (int f = 0; f < x.cols(); ++f) {
                const auto at = static_cast<std::size_t>(f);
                const bool centred = f >= kCentred;
                const double got = x(static_cast<Eigen::Index>(r), f) -
                                   (centred ? x(static_cast<Eigen::Index>(rows[0]), f) : 0.0);
                const double want = expected[at] - (centred ? first[at] : 0.0);
                // The neighbourhood scores sum float products in another order: 1e-5 relative; the own history's
                // time decay comes from a table (decayTableMatchesExp): 2e-7 relative.
                const double tolerance = f >= static_cast<int>(FeatureIndex::Knn) ? 1e-5
                                         : f == static_cast<int>(FeatureIndex::Own) ? 2e-7
                                                                                    : 1e-9;
                QVERIFY2(std::abs(got - want) <= tolerance * (1.0 + std::abs(want)),
                         qPrintable(
                             QStringLiteral("row %1 feature %2: %3 vs %4").arg(r).arg(f).arg(got).arg(want)));
            }
        }
    }

    void qualityLabelThresholds_data()
    {
        QTest::addColumn<double>("auc");
        QTest::addColumn<double>("lift");
        QTest::addColumn<int>("positives");
        QTest::addColumn<QString>("label");
        QTest::newRow("excellent") << 0.85 << 5.0 << 100 << QStringLiteral("Excellent");
        QTest::newRow("good, lift too low for excellent") << 0.85 << 3.0 << 100 << QStringLiteral("Good");
        QTest::newRow("fair") << 0.65 << 1.5 << 100 << QStringLiteral("Fair");
        QTest::newRow("poor") << 0.55 << 1.1 << 100 << QStringLiteral("Poor");
        QTest::newRow("insufficient") << 0.95 << 9.0 << 5 << QStringLiteral("Insufficient data");
    }

    void qualityLabelThresholds()
    {
        QFETCH(double, auc);
        QFETCH(double, lift);
        QFETCH(int, positives);
        QFETCH(QString, label);
        QCOMPARE(QString::fromStdString(qualityLabel(auc, lift, static_cast<std::size_t>(positives), 20)),
                 label);
    }
};

QTEST_GUILESS_MAIN(TestPropensity)
#include "tst_Propensity.moc"
