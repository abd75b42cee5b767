// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/Ials.h"
#include "numeric/Random.h"

#include <QTest>

#include <algorithm>
#include <vector>

using namespace awb::numeric;

namespace {

struct Planted
{
    InteractionMatrix train;
    std::vector<std::pair<int, int>> heldOut; // (user, item) positives removed from train
};

// Users and items in k latent groups; a user interacts with items of their group with probability 0.3 and
// with other items with probability 0.01. One positive per user is held out.
Planted plantedMatrix(int users, int items, int groups, std::uint64_t seed)
{
    Random rng(seed);
    std::vector<Eigen::Triplet<float, std::int32_t>> triplets;
    Planted out;
    for (int u = 0; u < users; ++u) {
        std::vector<int> positives;
        for (int i = 0; i < items; ++i) {
            const bool same = (u % groups) == (i % groups);
            if (rng.chance(same ? 0.3 : 0.01)) {
                positives.push_back(i);
            }
        }
        if (positives.size() >= 2) {
            const int held = positives[rng.below(positives.size())];
            out.heldOut.emplace_back(u, held);
            positives.erase(std::find(positives.begin(), positives.end(), held));
        }
        for (int i : positives) {
            triplets.emplace_back(u, i, 1.0f);
        }
    }
    out.train.resize(users, items);
    out.train.setFromTriplets(triplets.begin(), triplets.end());
    out.train.makeCompressed();
    return out;
}

IalsParams smallParams(int cgSteps)
{
    IalsParams p;
    p.factors = 8;
    p.iterations = 8;
    p.alpha = 4.0f;
    p.alpha0 = 0.2f;
    p.lambda = 0.01f;
    p.cgSteps = cgSteps;
    return p;
}

} // namespace

class TestIals : public QObject
{
    Q_OBJECT

private slots:
    void lossNeverRises_data()
    {
        QTest::addColumn<int>("cgSteps");
        QTest::newRow("exact") << 0;
        QTest::newRow("cg-1") << 1;
        QTest::newRow("cg-3") << 3;
    }

    void lossNeverRises()
    {
        QFETCH(int, cgSteps);
        const Planted data = plantedMatrix(300, 120, 4, 11);
        const InteractionMatrix itemUsers = data.train.transpose();
        Ials model(smallParams(cgSteps));
        model.initialize(data.train);
        double previous = model.loss(data.train);
        for (int it = 0; it < 8; ++it) {
            model.iterate(data.train, itemUsers);
            const double current = model.loss(data.train);
            QVERIFY2(current <= previous * (1.0 + 1e-6),
                     qPrintable(QStringLiteral("iteration %1: %2 > %3").arg(it).arg(current).arg(previous)));
            previous = current;
        }
    }

    void cgTracksExactSolver()
    {
        const Planted data = plantedMatrix(300, 120, 4, 12);
        Ials exact(smallParams(0));
        Ials cg(smallParams(3));
        exact.fit(data.train);
        cg.fit(data.train);
        const double le = exact.loss(data.train);
        const double lc = cg.loss(data.train);
        QVERIFY2(lc <= le * 1.02, qPrintable(QStringLiteral("cg %1 vs exact %2").arg(lc).arg(le)));
    }

    void heldOutItemsRankFarAboveChance()
    {
        const Planted data = plantedMatrix(400, 150, 5, 13);
        Ials model(smallParams(3));
        model.fit(data.train);
        // AUC of each held-out item against the user's unobserved items.
        double aucSum = 0;
        for (const auto &[u, held] : data.heldOut) {
            const Eigen::VectorXf scores = model.itemFactors() * model.userFactors().row(u).transpose();
            int below = 0;
            int negatives = 0;
            for (int i = 0; i < scores.size(); ++i) {
                if (i == held || data.train.coeff(u, i) != 0.0f) {
                    continue;
                }
                ++negatives;
                below += scores[i] < scores[held] ? 1 : 0;
            }
            aucSum += static_cast<double>(below) / negatives;
        }
        const double auc = aucSum / static_cast<double>(data.heldOut.size());
        QVERIFY2(auc > 0.85, qPrintable(QStringLiteral("held-out AUC %1").arg(auc)));
    }

    void deterministicAndIndependentOfThreads()
    {
        const Planted data = plantedMatrix(600, 100, 3, 14);
        IalsParams one = smallParams(3);
        one.threads = 1;
        IalsParams two = one;
        two.threads = 2;
        Ials a(one);
        Ials b(two);
        a.fit(data.train);
        b.fit(data.train);
        QCOMPARE(a.userFactors(), b.userFactors());
        QCOMPARE(a.itemFactors(), b.itemFactors());
    }

    void foldInMatchesTrainedUser()
    {
        const Planted data = plantedMatrix(300, 120, 4, 15);
        Ials model(smallParams(0));
        model.fit(data.train);
        const Eigen::SparseVector<float> row = data.train.row(7);
        const Eigen::VectorXf folded = model.foldIn(row);
        // With exact solves the user half-step is exactly this solve, against the final item factors; the user
        // factors were computed against the previous item factors, so allow a small difference.
        const Eigen::VectorXf trained = model.userFactors().row(7).transpose();
        QVERIFY2((folded - trained).norm() <= 0.1f * trained.norm() + 1e-4f,
                 qPrintable(QStringLiteral("%1 vs %2").arg((folded - trained).norm()).arg(trained.norm())));
        // The folded-in user prefers items of their own group.
        const Eigen::VectorXf scores = model.itemFactors() * folded;
        double own = 0;
        double other = 0;
        for (int i = 0; i < scores.size(); ++i) {
            ((i % 4) == (7 % 4) ? own : other) += scores[i];
        }
        QVERIFY(own / 30.0 > other / 90.0);
    }
};

QTEST_GUILESS_MAIN(TestIals)
#include "tst_Ials.moc"
