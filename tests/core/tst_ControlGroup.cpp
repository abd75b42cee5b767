// SPDX-License-Identifier: GPL-3.0-or-later
// Drawing an audience's control group: the exact share, spread over the score deciles, the same members for
// the same seed, and the share as typed.
#include "audience/ControlGroup.h"

#include <QTest>

#include <cmath>

using namespace awb::audience;

namespace {

std::size_t heldIn(const std::vector<bool> &held, std::size_t begin, std::size_t end)
{
    std::size_t n = 0;
    for (std::size_t i = begin; i < end; ++i) {
        n += held[i] ? 1 : 0;
    }
    return n;
}

} // namespace

class TestControlGroup : public QObject
{
    Q_OBJECT

private slots:
    void theShareIsExactAndSpreadOverTheDeciles_data()
    {
        QTest::addColumn<int>("members");
        QTest::addColumn<double>("share");
        QTest::newRow("10% of 1000") << 1000 << 0.10;
        QTest::newRow("10% of 1003") << 1003 << 0.10;
        QTest::newRow("12.5% of 97") << 97 << 0.125;
        QTest::newRow("10% of 15") << 15 << 0.10;
        QTest::newRow("10% of 4") << 4 << 0.10;
        QTest::newRow("50% of 21") << 21 << 0.50;
        QTest::newRow("1% of 100000") << 100000 << 0.01;
    }

    void theShareIsExactAndSpreadOverTheDeciles()
    {
        QFETCH(int, members);
        QFETCH(double, share);
        const auto n = static_cast<std::size_t>(members);
        const std::vector<bool> held = drawControlGroup(n, {share, 42});
        QCOMPARE(held.size(), n);
        QCOMPARE(heldIn(held, 0, n), static_cast<std::size_t>(std::llround(share * members)));
        std::size_t begin = 0;
        for (std::size_t decile = 0; decile < 10; ++decile) {
            const std::size_t size = n / 10 + (decile < n % 10 ? 1 : 0);
            const double ideal = share * static_cast<double>(size);
            const auto got = static_cast<double>(heldIn(held, begin, begin + size));
            QVERIFY2(std::abs(got - ideal) < 1.0,
                     qPrintable(QStringLiteral("decile %1: %2 held out of %3").arg(decile).arg(got).arg(size)));
            begin += size;
        }
    }

    void theSameSeedDrawsTheSameMembers()
    {
        const auto a = drawControlGroup(5000, {0.1, 7});
        QVERIFY(a == drawControlGroup(5000, {0.1, 7}));
        const auto b = drawControlGroup(5000, {0.1, 8});
        QVERIFY(a != b);
        // Within a decile the draw is uniform: over many seeds every rank is held out about equally often.
        std::vector<int> times(100, 0);
        for (std::uint64_t seed = 0; seed < 2000; ++seed) {
            const auto held = drawControlGroup(100, {0.1, seed});
            for (std::size_t i = 0; i < held.size(); ++i) {
                times[i] += held[i] ? 1 : 0;
            }
        }
        for (std::size_t i = 0; i < times.size(); ++i) {
            // 200 expected (2000 x 10%); 5 standard deviations is about 67.
            QVERIFY2(times[i] > 133 && times[i] < 267, qPrintable(QStringLiteral("rank %1: %2").arg(i).arg(times[i])));
        }
    }

    void noShareHoldsNobodyOut()
    {
        const auto held = drawControlGroup(300, {0.0, 1});
        QCOMPARE(heldIn(held, 0, held.size()), std::size_t(0));
        QVERIFY(drawControlGroup(0, {0.1, 1}).empty());
    }

    void sharesAsTyped_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<double>("share");
        QTest::newRow("10%") << "10%" << true << 0.10;
        QTest::newRow("12.5%") << " 12.5% " << true << 0.125;
        QTest::newRow("0") << "0" << true << 0.0;
        QTest::newRow("0%") << "0%" << true << 0.0;
        QTest::newRow("50%") << "50%" << true << 0.50;
        QTest::newRow("over half") << "51%" << false << 0.0;
        QTest::newRow("negative") << "-1%" << false << 0.0;
        QTest::newRow("no percent sign") << "10" << false << 0.0;
        QTest::newRow("words") << "ten%" << false << 0.0;
        QTest::newRow("empty") << "" << false << 0.0;
        QTest::newRow("nan") << "nan%" << false << 0.0;
    }

    void sharesAsTyped()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(double, share);
        double got = -1;
        QCOMPARE(parseControlShare(text.toStdString(), got), valid);
        if (valid) {
            QCOMPARE(got, share);
            double back = -1;
            QVERIFY(parseControlShare(ControlGroup{got, 0}.shareText(), back));
            QCOMPARE(back, share);
        }
    }

    void newSeedsDiffer()
    {
        const std::uint64_t a = newControlSeed();
        const std::uint64_t b = newControlSeed();
        QVERIFY(a != b);
        QVERIFY(a < (std::uint64_t{1} << 53) && b < (std::uint64_t{1} << 53));
    }
};

QTEST_APPLESS_MAIN(TestControlGroup)
#include "tst_ControlGroup.moc"
