// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/Random.h"

#include <QTest>

#include <cmath>

using namespace awb::numeric;

class TestRandom : public QObject
{
    Q_OBJECT

private slots:
    void sameSeedSameSequence()
    {
        Random a(99);
        Random b(99);
        Random c(100);
        bool differs = false;
        for (int i = 0; i < 1000; ++i) {
            const auto x = a.next();
            QCOMPARE(x, b.next());
            differs = differs || x != c.next();
        }
        QVERIFY(differs);
    }

    void distributionMoments_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<double>("param");
        QTest::addColumn<double>("mean");
        QTest::addColumn<double>("variance");
        QTest::newRow("uniform") << QStringLiteral("uniform") << 0.0 << 0.5 << 1.0 / 12.0;
        QTest::newRow("normal") << QStringLiteral("normal") << 0.0 << 0.0 << 1.0;
        QTest::newRow("gamma-0.5") << QStringLiteral("gamma") << 0.5 << 0.5 << 0.5;
        QTest::newRow("gamma-3") << QStringLiteral("gamma") << 3.0 << 3.0 << 3.0;
        QTest::newRow("poisson-4") << QStringLiteral("poisson") << 4.0 << 4.0 << 4.0;
        QTest::newRow("poisson-50") << QStringLiteral("poisson") << 50.0 << 50.0 << 50.0;
        QTest::newRow("exponential-2") << QStringLiteral("exponential") << 2.0 << 2.0 << 4.0;
    }

    void distributionMoments()
    {
        QFETCH(QString, kind);
        QFETCH(double, param);
        QFETCH(double, mean);
        QFETCH(double, variance);
        Random rng(7);
        constexpr int kN = 200000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < kN; ++i) {
            double x = 0;
            if (kind == QLatin1String("uniform")) {
                x = rng.uniform();
            } else if (kind == QLatin1String("normal")) {
                x = rng.normal();
            } else if (kind == QLatin1String("gamma")) {
                x = rng.gamma(param);
            } else if (kind == QLatin1String("poisson")) {
                x = static_cast<double>(rng.poisson(param));
            } else {
                x = rng.exponential(param);
            }
            sum += x;
            sumSq += x * x;
        }
        const double m = sum / kN;
        const double v = sumSq / kN - m * m;
        // 5 standard errors of the mean; variance within 5%.
        QVERIFY2(std::abs(m - mean) < 5.0 * std::sqrt(variance / kN), qPrintable(QString::number(m)));
        QVERIFY2(std::abs(v - variance) < 0.05 * variance + 1e-3, qPrintable(QString::number(v)));
    }

    void belowStaysInRangeAndCoversIt()
    {
        Random rng(3);
        int counts[7] = {};
        for (int i = 0; i < 70000; ++i) {
            const auto x = rng.below(7);
            QVERIFY(x < 7);
            ++counts[x];
        }
        for (int c : counts) {
            QVERIFY(c > 9000 && c < 11000);
        }
    }
};

QTEST_GUILESS_MAIN(TestRandom)
#include "tst_Random.moc"
