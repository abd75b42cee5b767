// SPDX-License-Identifier: GPL-3.0-or-later
// The import's de-duplication keys: every key is new once and a duplicate after, through the set's growth and
// for the key 0 and the largest; stored keys are known to the next import.
#include "ingest/DedupKeys.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <QTest>

#include <random>

using namespace awb;

class TestDedupKeys : public QObject
{
    Q_OBJECT

private slots:
    void keysAreNewOnceThroughGrowthAndStores()
    {
        auto db = store::Database::open(":memory:", store::Database::OpenMode::CreateIfMissing);
        QVERIFY(db);
        std::mt19937_64 random(7);
        std::vector<std::uint64_t> keys(200'000); // past the first table's three quarters of 65,536 slots
        for (std::uint64_t &k : keys) {
            k = random();
        }
        keys[1000] = 0;
        keys[2000] = ~std::uint64_t{0};
        {
            ingest::DedupKeys set(**db);
            for (const std::uint64_t k : keys) {
                QVERIFY(set.add(k));
            }
            for (const std::uint64_t k : keys) {
                QVERIFY(!set.add(k));
            }
            QCOMPARE(set.size(), keys.size());
            set.store();
        }
        auto stored = (*db)->prepare("SELECT count(*) FROM event_keys");
        QVERIFY(stored.step());
        QCOMPARE(stored.int64(0), static_cast<std::int64_t>(keys.size()));

        ingest::DedupKeys next(**db);
        QCOMPARE(next.size(), keys.size());
        for (const std::uint64_t k : keys) {
            QVERIFY(!next.add(k));
        }
        QVERIFY(next.add(keys[0] ^ 1));
        QVERIFY(!next.add(keys[0] ^ 1));
    }
};

QTEST_GUILESS_MAIN(TestDedupKeys)
#include "tst_DedupKeys.moc"
