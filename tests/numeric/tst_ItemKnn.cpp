// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/ItemKnn.h"
#include "numeric/Random.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace awb::numeric;

namespace {

// A random sparse user x item matrix with positive values; some users heavy, most light.
Eigen::MatrixXd randomDense(int users, int items, std::uint64_t seed)
{
    Random rng(seed);
    Eigen::MatrixXd x = Eigen::MatrixXd::Zero(users, items);
    for (int u = 0; u < users; ++u) {
        const double density = u % 5 == 0 ? 0.6 : 0.15;
        for (int i = 0; i < items; ++i) {
            if (rng.chance(density)) {
                x(u, i) = 1.0 + static_cast<double>(rng.below(3));
            }
        }
    }
    return x;
}

InteractionMatrix toSparse(const Eigen::MatrixXd &x)
{
    InteractionMatrix m = x.cast<float>().sparseView();
    m.makeCompressed();
    return m;
}

// The definition in ItemKnn.h, in double, over all pairs.
Eigen::MatrixXd bruteForce(const Eigen::MatrixXd &x, double exponent)
{
    Eigen::VectorXd w(x.rows());
    for (Eigen::Index u = 0; u < x.rows(); ++u) {
        const double n = static_cast<double>((x.row(u).array() > 0).count());
        w[u] = n > 0 ? std::pow(n, -exponent) : 0.0;
    }
    const Eigen::MatrixXd c = x.transpose() * w.asDiagonal() * x;
    Eigen::MatrixXd s = Eigen::MatrixXd::Zero(x.cols(), x.cols());
    for (Eigen::Index i = 0; i < x.cols(); ++i) {
        for (Eigen::Index j = 0; j < x.cols(); ++j) {
            if (i != j && c(i, i) > 0 && c(j, j) > 0) {
                s(i, j) = c(i, j) / std::sqrt(c(i, i) * c(j, j));
            }
        }
    }
    return s;
}

} // namespace

class TestItemKnn : public QObject
{
    Q_OBJECT

private slots:
    void cosineIsTheBruteForce_data()
    {
        QTest::addColumn<double>("exponent");
        QTest::newRow("plain cosine") << 0.0;
        QTest::newRow("half") << 0.5;
        QTest::newRow("one") << 1.0;
    }

    void cosineIsTheBruteForce()
    {
        QFETCH(double, exponent);
        const Eigen::MatrixXd x = randomDense(80, 25, 3);
        const ItemKnn knn = ItemKnn::fit(toSparse(x), {exponent, 0});
        const Eigen::MatrixXd want = bruteForce(x, exponent);
        const Eigen::MatrixXd got = Eigen::MatrixXf(knn.similarity()).cast<double>();
        QVERIFY2((got - want).cwiseAbs().maxCoeff() <= 1e-5,
                 qPrintable(QString::number((got - want).cwiseAbs().maxCoeff())));
        // The target weights are the mean of the target's columns.
        const std::vector<std::int32_t> target{2, 7, 11};
        const Eigen::VectorXd mean = (want.col(2) + want.col(7) + want.col(11)) / 3.0;
        QVERIFY((knn.targetWeights(target).cast<double>() - mean).cwiseAbs().maxCoeff() <= 1e-5);
    }

    void keepsTheMostSimilarNeighbours()
    {
        const Eigen::MatrixXd x = randomDense(80, 25, 4);
        const ItemKnn knn = ItemKnn::fit(toSparse(x), {0.0, 5});
        const Eigen::MatrixXd all = bruteForce(x, 0.0);
        for (Eigen::Index j = 0; j < x.cols(); ++j) {
            std::vector<double> column(all.col(j).data(), all.col(j).data() + all.rows());
            std::sort(column.begin(), column.end(), std::greater<>());
            QCOMPARE(knn.similarity().col(j).nonZeros(), Eigen::Index(5));
            for (ItemKnn::Similarity::InnerIterator it(knn.similarity(), j); it; ++it) {
                QVERIFY(it.value() >= column[4] - 1e-5);
            }
        }
    }

    void exponentDiscountsHeavyUsers()
    {
        // Items 0 and 1 co-occur only in one heavy user (30 items); items 0 and 2 only in one light user
        // (2 items). Plain cosine cannot tell the pairs apart; a positive exponent trusts the light user.
        Eigen::MatrixXd x = Eigen::MatrixXd::Zero(4, 30);
        x.row(0).setOnes();      // heavy: every item
        x(1, 0) = x(1, 2) = 1.0; // light: items 0 and 2
        x(2, 1) = x(3, 2) = 1.0; // single-item users keep the norms of 1 and 2 equal
        const ItemKnn plain = ItemKnn::fit(toSparse(x), {0.0, 0});
        const ItemKnn scaled = ItemKnn::fit(toSparse(x), {1.0, 0});
        const double plainGap = plain.similarity().coeff(2, 0) - plain.similarity().coeff(1, 0);
        const double scaledGap = scaled.similarity().coeff(2, 0) - scaled.similarity().coeff(1, 0);
        QVERIFY2(scaledGap > plainGap + 0.1,
                 qPrintable(QStringLiteral("%1 vs %2").arg(scaledGap).arg(plainGap)));
        QVERIFY(scaled.similarity().coeff(2, 0) > scaled.similarity().coeff(1, 0));
    }
};

QTEST_APPLESS_MAIN(TestItemKnn)
#include "tst_ItemKnn.moc"
