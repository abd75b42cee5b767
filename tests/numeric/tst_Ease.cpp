// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/Ease.h"
#include "numeric/Random.h"

#include <QTest>

#include <Eigen/Dense>

#include <string>
#include <vector>

using namespace awb::numeric;

namespace {

Eigen::MatrixXd randomCounts(int users, int items, std::uint64_t seed)
{
    Random rng(seed);
    Eigen::MatrixXd x = Eigen::MatrixXd::Zero(users, items);
    for (int u = 0; u < users; ++u) {
        for (int i = 0; i < items; ++i) {
            if (rng.chance(0.2)) {
                x(u, i) = std::log1p(1.0 + static_cast<double>(rng.below(4)));
            }
        }
    }
    return x;
}

// Steck's closed form with a dense double inverse: B = I - P diag(P)^-1.
Eigen::MatrixXd denseB(const Eigen::MatrixXd &x, double lambda)
{
    Eigen::MatrixXd g = x.transpose() * x;
    g.diagonal().array() += lambda;
    const Eigen::MatrixXd p = g.inverse();
    Eigen::MatrixXd b = -p * p.diagonal().cwiseInverse().asDiagonal();
    b.diagonal().setZero();
    return b;
}

} // namespace

class TestEase : public QObject
{
    Q_OBJECT

private slots:
    void targetWeightsAreTheDenseSolve_data()
    {
        QTest::addColumn<int>("users");
        QTest::addColumn<double>("lambda");
        QTest::addColumn<std::vector<std::int32_t>>("target");
        // 150 users x 30 items uses the items form, 20 users x 30 items the users (Woodbury) form.
        for (const int users : {150, 20}) {
            const std::string form = users > 30 ? "items form: " : "users form: ";
            QTest::newRow((form + "one item, small lambda").c_str())
                << users << 1.0 << std::vector<std::int32_t>{4};
            QTest::newRow((form + "one item").c_str()) << users << 50.0 << std::vector<std::int32_t>{0};
            QTest::newRow((form + "three items").c_str())
                << users << 50.0 << std::vector<std::int32_t>{1, 9, 17};
            QTest::newRow((form + "large lambda").c_str())
                << users << 1000.0 << std::vector<std::int32_t>{3, 5};
        }
    }

    void targetWeightsAreTheDenseSolve()
    {
        QFETCH(int, users);
        QFETCH(double, lambda);
        QFETCH(std::vector<std::int32_t>, target);
        const Eigen::MatrixXd x = randomCounts(users, 30, 11);
        InteractionMatrix m = x.cast<float>().sparseView();
        m.makeCompressed();
        const Ease ease = Ease::fit(m, {lambda, 1});
        QCOMPARE(ease.keptItems(), static_cast<int>((x.colwise().squaredNorm().array() > 0).count()));
        const Eigen::MatrixXd b = denseB(x, lambda);
        Eigen::VectorXd want = Eigen::VectorXd::Zero(30);
        for (const std::int32_t j : target) {
            want += b.col(j);
        }
        want /= static_cast<double>(target.size());
        const Eigen::VectorXd got = ease.targetWeights(target).cast<double>();
        const double error = (got - want).cwiseAbs().maxCoeff();
        QVERIFY2(error <= 1e-3 * (1e-3 + want.cwiseAbs().maxCoeff()), qPrintable(QString::number(error)));
        for (const std::int32_t j : target) {
            if (target.size() == 1) {
                QVERIFY(std::abs(got[j]) <= 1e-6); // B_jj = 0: owning the target says nothing here
            }
        }
    }

    void rareItemsAreLeftOut()
    {
        Eigen::MatrixXd x = randomCounts(100, 20, 5);
        x.col(7).setZero();
        x(3, 7) = 1.0; // one user only
        InteractionMatrix m = x.cast<float>().sparseView();
        m.makeCompressed();
        const Ease ease = Ease::fit(m, {10.0, 2});
        QCOMPARE(ease.keptItems(), 19);
        QVERIFY(!ease.hasTarget({7}));
        QVERIFY(ease.hasTarget({6, 7}));
        QCOMPARE(ease.targetWeights({7}).cwiseAbs().maxCoeff(), 0.0f);
    }
};

QTEST_APPLESS_MAIN(TestEase)
#include "tst_Ease.moc"
