// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/Random.h"
#include "numeric/Recommender.h"

#include <QTest>

#include <algorithm>
#include <set>
#include <vector>

using namespace awb::numeric;

namespace {

constexpr std::int64_t kDay = 86400000;
constexpr std::int32_t kProfiles = 240;
constexpr std::int32_t kItems = 30;
constexpr std::int32_t kWithoutHistory = 10; ///< the last profiles never interact
constexpr std::int32_t kBestseller = 25;

/// Two tastes: the first half of the profiles engage with items 0-9, the second half with items 10-19, over
/// 60 days; a third of everybody also engages with item 25 in the last 20 days (the bestseller), items
/// 20-24 are engaged with once each. Items 26-29 are never engaged with.
InteractionLog clusteredLog(std::uint64_t seed)
{
    Random rng(seed);
    struct Row
    {
        std::int64_t ts;
        std::int32_t profile;
        std::int32_t item;
    };
    std::vector<Row> rows;
    const std::int32_t active = kProfiles - kWithoutHistory;
    for (std::int32_t p = 0; p < active; ++p) {
        const std::int32_t base = p < active / 2 ? 0 : 10;
        for (int k = 0; k < 8; ++k) {
            rows.push_back({static_cast<std::int64_t>(rng.below(60 * kDay)), p,
                            base + static_cast<std::int32_t>(rng.below(10))});
        }
        if (p % 3 == 0) {
            rows.push_back({static_cast<std::int64_t>(40 * kDay + rng.below(20 * kDay)), p, kBestseller});
        }
    }
    for (std::int32_t item = 20; item < 25; ++item) {
        rows.push_back({static_cast<std::int64_t>(rng.below(60 * kDay)), item, item});
    }
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.ts < b.ts; });
    InteractionLog log;
    log.profileCount = kProfiles;
    log.itemCount = kItems;
    log.firstSeen.assign(kProfiles, 0);
    for (const Row &r : rows) {
        log.profile.push_back(r.profile);
        log.item.push_back(r.item);
        log.ts.push_back(r.ts);
        log.weight.push_back(1.0f);
        log.value.push_back(0.0f);
    }
    return log;
}

std::vector<std::int32_t> everyone()
{
    std::vector<std::int32_t> p(kProfiles);
    for (std::int32_t k = 0; k < kProfiles; ++k) {
        p[static_cast<std::size_t>(k)] = k;
    }
    return p;
}

int tasteOf(std::int32_t item)
{
    return item < 10 ? 0 : item < 20 ? 1 : 2;
}

} // namespace

class TestRecommender : public QObject
{
    Q_OBJECT

private slots:
    void personalFollowsTasteAndNeedsHistory()
    {
        const InteractionLog log = clusteredLog(1);
        const RecModels models = RecModels::train(log, 60 * kDay, 30 * kDay, RecStrategy::Personal);
        const RecOptions options{RecStrategy::Personal, 5, {}};
        const std::vector<RecList> lists = recommend(models, options, everyone());
        QCOMPARE(lists.size(), std::size_t(kProfiles));
        int sameTaste = 0;
        int total = 0;
        for (std::int32_t p = 0; p < kProfiles - kWithoutHistory; ++p) {
            const RecList &list = lists[static_cast<std::size_t>(p)];
            QCOMPARE(list.items.size(), std::size_t(5));
            QCOMPARE(list.source, RecSource::Personal);
            QCOMPARE(std::set<std::int32_t>(list.items.begin(), list.items.end()).size(), std::size_t(5));
            if (p < 20) { // of the first taste only (items 20-24 are profiles 20-24's), and the bestseller
                for (const std::int32_t item : list.items) {
                    sameTaste += tasteOf(item) == 0 || item == kBestseller ? 1 : 0;
                    ++total;
                }
            }
        }
        QVERIFY2(sameTaste >= total * 95 / 100, qPrintable(QStringLiteral("%1 of %2").arg(sameTaste).arg(total)));
        for (std::int32_t p = kProfiles - kWithoutHistory; p < kProfiles; ++p) {
            QVERIFY(lists[static_cast<std::size_t>(p)].items.empty());
            QCOMPARE(lists[static_cast<std::size_t>(p)].source, RecSource::None);
        }
        // Deterministic.
        const std::vector<RecList> again = recommend(models, options, everyone());
        for (std::size_t k = 0; k < lists.size(); ++k) {
            QCOMPARE(again[k].items, lists[k].items);
        }
    }

    void blendFallsBackToBestsellers()
    {
        const InteractionLog log = clusteredLog(2);
        const RecModels models = RecModels::train(log, 60 * kDay, 30 * kDay, RecStrategy::Blend);
        const std::vector<RecList> lists = recommend(models, {RecStrategy::Blend, 3, {}}, everyone());
        const std::vector<RecList> best = recommend(models, {RecStrategy::Bestsellers, 3, {}}, everyone());
        QCOMPARE(best[0].items.front(), kBestseller);
        for (std::size_t k = 1; k < best.size(); ++k) {
            QCOMPARE(best[k].items, best[0].items); // the same for everyone
        }
        for (std::int32_t p = kProfiles - kWithoutHistory; p < kProfiles; ++p) {
            QCOMPARE(lists[static_cast<std::size_t>(p)].items, best[0].items);
            QCOMPARE(lists[static_cast<std::size_t>(p)].source, RecSource::Bestsellers);
        }
        QCOMPARE(lists[0].source, RecSource::Personal);
    }

    void bestsellersFollowPopularityThenItemIndex()
    {
        InteractionLog log;
        log.profileCount = 3;
        log.itemCount = 4;
        log.profile = {0, 1, 2, 0, 1};
        log.item = {3, 3, 1, 2, 0};
        log.ts = {1, 2, 3, 4, 5};
        log.weight = {1, 1, 2, 1, 1};
        log.value.assign(5, 0);
        QCOMPARE(itemPopularity(log, 2, 5), (std::vector<float>{0, 2, 1, 1}));
        const RecModels models = RecModels::train(log, 6, 10, RecStrategy::Bestsellers);
        const auto lists = recommend(models, {RecStrategy::Bestsellers, 4, {}}, {0});
        // Items 1 and 3 tie on 2; then 0 and 2 tie on 1.
        QCOMPARE(lists[0].items, (std::vector<std::int32_t>{1, 3, 0, 2}));
    }

    void filtersAndExclusionsAreObeyed_data()
    {
        QTest::addColumn<int>("strategy");
        QTest::newRow("personal") << static_cast<int>(RecStrategy::Personal);
        QTest::newRow("similar") << static_cast<int>(RecStrategy::Similar);
        QTest::newRow("bestsellers") << static_cast<int>(RecStrategy::Bestsellers);
        QTest::newRow("blend") << static_cast<int>(RecStrategy::Blend);
    }
    void filtersAndExclusionsAreObeyed()
    {
        QFETCH(int, strategy);
        const auto s = static_cast<RecStrategy>(strategy);
        const InteractionLog log = clusteredLog(3);
        const RecModels models = RecModels::train(log, 60 * kDay, 30 * kDay, s);
        RecOptions options{s, 4, std::vector<char>(kItems, 0)};
        for (const std::int32_t item : {1, 2, 3, 5, 8, 13, 21, 25}) {
            options.allowed[static_cast<std::size_t>(item)] = 1;
        }
        // Each profile may not see the item numbered like its profile modulo the item count, nor item 2.
        std::vector<std::vector<std::int32_t>> excluded(kProfiles);
        for (std::int32_t p = 0; p < kProfiles; ++p) {
            excluded[static_cast<std::size_t>(p)] = {2, p % kItems};
            std::sort(excluded[static_cast<std::size_t>(p)].begin(), excluded[static_cast<std::size_t>(p)].end());
        }
        const std::vector<RecList> lists = recommend(models, options, everyone(), excluded);
        std::size_t shown = 0;
        for (std::int32_t p = 0; p < kProfiles; ++p) {
            for (const std::int32_t item : lists[static_cast<std::size_t>(p)].items) {
                QVERIFY2(options.allowed[static_cast<std::size_t>(item)], qPrintable(QString::number(item)));
                QVERIFY(item != 2 && item != p % kItems);
                ++shown;
            }
            QVERIFY(lists[static_cast<std::size_t>(p)].items.size() <= 4);
        }
        QVERIFY(shown > 0);
        const bool needsHistory = s == RecStrategy::Similar || s == RecStrategy::Personal;
        QCOMPARE(lists.back().items.empty(), needsHistory);
        QCOMPARE(lists.back().source, needsHistory ? RecSource::None : RecSource::Bestsellers);
    }

    void backtestFindsTheTastesBetterThanBestsellers()
    {
        const InteractionLog log = clusteredLog(4);
        const auto rows = backtestRecommendations(log, 60 * kDay, 20 * kDay, {RecStrategy::Personal, 5, {}});
        QCOMPARE(rows.size(), std::size_t(2));
        QCOMPARE(rows[1].name, strategyName(RecStrategy::Bestsellers));
        QCOMPARE(rows[0].people, rows[1].people);
        QVERIFY(rows[0].people > 100);
        for (const RecQuality &q : rows) {
            QVERIFY(q.hitRate >= 0 && q.hitRate <= 1 && q.recall >= 0 && q.recall <= 1);
        }
        QVERIFY2(rows[0].recall > rows[1].recall,
                 qPrintable(QStringLiteral("%1 vs %2").arg(rows[0].recall).arg(rows[1].recall)));
        // Capped evenly.
        const auto capped = backtestRecommendations(log, 60 * kDay, 20 * kDay, {RecStrategy::Bestsellers, 5, {}}, 50);
        QCOMPARE(capped.size(), std::size_t(1));
        QCOMPARE(capped[0].people, std::int64_t(50));
    }
};

QTEST_APPLESS_MAIN(TestRecommender)
#include "tst_Recommender.moc"
