// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/LogisticRegression.h"
#include "numeric/Random.h"

#include <QTest>

#include <cmath>

using namespace awb::numeric;

class TestLogisticRegression : public QObject
{
    Q_OBJECT

private slots:
    void recoversKnownCoefficients()
    {
        // y ~ Bernoulli(sigmoid(-1 + 2 x1 - 0.5 x2)), x ~ N(0, 1); weak regularisation.
        Random rng(21);
        const int n = 40000;
        Eigen::MatrixXd x(n, 2);
        Eigen::VectorXd y(n);
        for (int i = 0; i < n; ++i) {
            x(i, 0) = rng.normal();
            x(i, 1) = rng.normal();
            const double eta = -1.0 + 2.0 * x(i, 0) - 0.5 * x(i, 1);
            y[i] = rng.chance(1.0 / (1.0 + std::exp(-eta))) ? 1.0 : 0.0;
        }
        const LogisticModel m = fitLogistic(x, y, 1e-3);
        QVERIFY(m.converged);
        // Weights are on standardised features: convert back.
        const double b1 = m.weights[0] / m.scale[0];
        const double b2 = m.weights[1] / m.scale[1];
        const double b0 = m.intercept - b1 * m.mean[0] - b2 * m.mean[1];
        QVERIFY2(std::abs(b1 - 2.0) < 0.08, qPrintable(QString::number(b1)));
        QVERIFY2(std::abs(b2 + 0.5) < 0.05, qPrintable(QString::number(b2)));
        QVERIFY2(std::abs(b0 + 1.0) < 0.05, qPrintable(QString::number(b0)));
        // With an intercept, mean prediction equals the base rate at the optimum.
        QVERIFY(std::abs(m.predict(x).mean() - y.mean()) < 1e-4);
    }

    void regularisationShrinksAndHandlesSeparableData()
    {
        Eigen::MatrixXd x(6, 1);
        x << -3, -2, -1, 1, 2, 3;
        Eigen::VectorXd y(6);
        y << 0, 0, 0, 1, 1, 1;
        const LogisticModel strong = fitLogistic(x, y, 10.0);
        const LogisticModel weak = fitLogistic(x, y, 0.1);
        QVERIFY(std::isfinite(weak.weights[0]));
        QVERIFY(weak.weights[0] > strong.weights[0]);
        QVERIFY(strong.weights[0] > 0);
        const Eigen::VectorXd p = weak.predict(x);
        QVERIFY(p[0] < 0.5 && p[5] > 0.5);
    }

    void constantFeatureIsHarmless()
    {
        Eigen::MatrixXd x(4, 2);
        x << 1, 5, 2, 5, 3, 5, 4, 5;
        Eigen::VectorXd y(4);
        y << 0, 1, 0, 1;
        const LogisticModel m = fitLogistic(x, y, 1.0);
        QVERIFY(std::isfinite(m.intercept));
        QCOMPARE(m.scale[1], 1.0);
        QVERIFY(std::abs(m.weights[1]) < 1e-9);
    }
};

QTEST_GUILESS_MAIN(TestLogisticRegression)
#include "tst_LogisticRegression.moc"
