// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/Metrics.h"
#include "numeric/Random.h"

#include <QTest>

#include <cmath>

using namespace awb::numeric;

namespace {
// Pairwise definition of AUC: P(score+ > score-) + 0.5 P(tie).
double bruteAuc(const std::vector<double> &s, const std::vector<int> &y)
{
    double wins = 0;
    double pairs = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        for (std::size_t j = 0; j < s.size(); ++j) {
            if (y[i] && !y[j]) {
                pairs += 1;
                wins += s[i] > s[j] ? 1.0 : (s[i] == s[j] ? 0.5 : 0.0);
            }
        }
    }
    return wins / pairs;
}
bool near(double a, double b, double tol = 1e-12)
{
    return std::abs(a - b) <= tol * std::max(1.0, std::abs(b));
}
} // namespace

class TestMetrics : public QObject
{
    Q_OBJECT

private slots:
    void aucMatchesPairwiseDefinitionWithTies()
    {
        Random rng(5);
        for (int round = 0; round < 20; ++round) {
            std::vector<double> s(200);
            std::vector<int> y(200);
            for (std::size_t i = 0; i < s.size(); ++i) {
                s[i] = static_cast<double>(rng.below(12)); // many ties
                y[i] = rng.chance(0.2 + 0.05 * s[i]) ? 1 : 0;
            }
            QVERIFY(near(rocAuc(s, y), bruteAuc(s, y)));
        }
    }

    void aucKnownValues()
    {
        QCOMPARE(rocAuc({0.9, 0.8, 0.1, 0.2}, {1, 1, 0, 0}), 1.0);
        QCOMPARE(rocAuc({0.1, 0.2, 0.9, 0.8}, {1, 1, 0, 0}), 0.0);
        QCOMPARE(rocAuc({0.5, 0.5, 0.5, 0.5}, {1, 0, 1, 0}), 0.5);
        QCOMPARE(rocAuc({0.3, 0.2}, {1, 1}), 0.5); // one class only
    }

    void topKPrecisionLiftGain()
    {
        // 10 rows, 3 positives, two of them in the top 2.
        const std::vector<double> s = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        const std::vector<int> y = {1, 1, 0, 0, 0, 0, 0, 1, 0, 0};
        const TopK t = topK(s, y, 0.2);
        QCOMPARE(t.k, std::size_t(2));
        QCOMPARE(t.precision, 1.0);
        QVERIFY(near(t.lift, 1.0 / 0.3));
        QVERIFY(near(t.gain, 2.0 / 3.0));
        const TopK all = topK(s, y, 1.0);
        QCOMPARE(all.gain, 1.0);
        QVERIFY(near(all.lift, 1.0));
    }

    void averagePrecisionKnownValue()
    {
        // Ranks of positives 1 and 3: AP = (1/1 + 2/3) / 2.
        QVERIFY(near(averagePrecision({0.9, 0.8, 0.7, 0.1}, {1, 0, 1, 0}), (1.0 + 2.0 / 3.0) / 2.0));
    }

    void probabilityScores()
    {
        const std::vector<double> p = {0.9, 0.1, 0.8, 0.3};
        const std::vector<int> y = {1, 0, 0, 1};
        QVERIFY(near(brierScore(p, y), (0.01 + 0.01 + 0.64 + 0.49) / 4.0));
        QVERIFY(near(logLoss(p, y), -(std::log(0.9) + std::log(0.9) + std::log(0.2) + std::log(0.3)) / 4.0));
    }

    void calibrationOfPerfectlyCalibratedScoresIsSmall()
    {
        Random rng(9);
        std::vector<double> p(100000);
        std::vector<int> y(p.size());
        for (std::size_t i = 0; i < p.size(); ++i) {
            p[i] = rng.uniform();
            y[i] = rng.chance(p[i]) ? 1 : 0;
        }
        const auto curve = calibrationCurve(p, y, 10);
        QCOMPARE(curve.size(), std::size_t(10));
        QVERIFY(expectedCalibrationError(curve) < 0.01);
        // Overconfident scores (p^3 shifts everything down) are visibly miscalibrated.
        std::vector<double> skewed = p;
        for (double &q : skewed) {
            q = q * q * q;
        }
        QVERIFY(expectedCalibrationError(calibrationCurve(skewed, y, 10)) > 0.1);
    }

    void gainCurveEndsAtOneAndIsMonotone()
    {
        const std::vector<double> s = {5, 4, 3, 2, 1};
        const std::vector<int> y = {1, 0, 1, 0, 0};
        const auto g = gainCurve(s, y, 6);
        QCOMPARE(g.front(), 0.0);
        QCOMPARE(g.back(), 1.0);
        QCOMPARE(g[1], 0.5); // top 20% = row 0
        for (std::size_t i = 1; i < g.size(); ++i) {
            QVERIFY(g[i] >= g[i - 1]);
        }
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_Metrics.moc"
