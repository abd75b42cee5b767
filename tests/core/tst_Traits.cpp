// SPDX-License-Identifier: GPL-3.0-or-later
// Computed traits on a hand-built workspace with known answers, and on the sample store (consistency with
// the events, the same table whatever the number of scan threads, predictive traits).
#include "TraitTestUtil.h"
#include "sample/SampleGenerator.h"
#include "services/TraitService.h"
#include "traits/Scores.h"
#include "traits/TraitLoader.h"

#include <QTest>

#include <cmath>

using namespace awb;
using test::kDay;
using test::kMinute;
using test::kT0;

namespace {

std::int64_t profileOf(const test::JsonlScratch &s, const char *user)
{
    return s.integer(std::string("SELECT profile_id FROM identities WHERE value = '") + user + "'");
}

bool sameNumbers(const std::vector<double> &a, const std::vector<double> &b)
{
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) {
            return false;
        }
    }
    return true;
}

} // namespace

class TestTraits : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_scratch.isValid());
        m_scratch.next();
        test::buildTraitFixture(m_scratch);
        auto table = traits::loadTraits(m_scratch.workspace(), {}, ProgressSink::null());
        QVERIFY2(table, table ? "" : table.error().message.c_str());
        m_table = std::move(table).value();
    }

    void nowIsJustAfterTheLatestEvent()
    {
        QCOMPARE(m_table.nowMs, kT0 + 29 * kDay + 1);
        QCOMPARE(m_table.size(), std::size_t(5));
    }

    void knownValues_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("trait");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char *user, const char *trait, const char *expected) {
            QTest::addRow("%s %s", user, trait)
                << QString::fromUtf8(user) << QString::fromUtf8(trait) << QString::fromUtf8(expected);
        };
        row("alice", "total_spend", "150");
        row("alice", "order_count", "2");
        row("alice", "average_order_value", "75");
        row("alice", "first_purchase", "2026-03-01T10:05:00.000Z");
        row("alice", "last_purchase", "2026-03-10T12:00:00.000Z");
        row("alice", "days_since_last_purchase", "19");
        row("alice", "refund_count", "1");
        row("alice", "refund_amount", "50");
        row("alice", "sessions", "2");
        row("alice", "event_count", "4");
        row("alice", "visitor_type", "Returning");
        row("alice", "discount_order_share", "0.5");
        row("alice", "discount_affinity", "Mid");
        // Three buyers: plain quintiles would score them 1, 2, 4; no score is skipped, so 1, 2, 3.
        row("alice", "rfm_recency", "3");
        row("alice", "rfm_frequency", "2");
        row("alice", "rfm_monetary", "3");
        row("alice", "rfm_group", "About to Sleep");
        row("alice", "top_value:Category", "Skincare");
        row("bob", "sessions", "2");
        row("bob", "event_count", "3");
        row("bob", "total_spend", "0");
        row("bob", "order_count", "0");
        row("bob", "average_order_value", "");
        row("bob", "last_purchase", "");
        row("bob", "rfm_group", "");
        row("bob", "discount_item_share", "");
        row("bob", "discount_affinity", "Mid"); // Insider's initial state
        row("bob", "first_seen", "2026-03-01T01:00:00.000Z");
        row("bob", "days_since_first_seen", "28");
        row("bob", "top_value:Category", "");
        row("carol", "visitor_type", "New");
        row("carol", "days_since_last_seen", "0");
        row("dave", "discount_item_share", "0.5");
        row("dave", "discount_order_share", "1");
        row("dave", "discount_affinity", "High");
        row("dave", "rfm_recency", "1");
        row("dave", "rfm_group", "Lost");
        row("dave", "top_value:Category", "Makeup");
        row("erin", "discount_item_share", "0");
        row("erin", "discount_affinity", "Low");
        row("erin", "rfm_frequency", "1");
        row("erin", "rfm_monetary", "1");
        row("erin", "rfm_group", "Hibernating");
        row("erin", "visitor_type", "New");
        row("erin", "p_alive", ""); // 3 purchasers: too few to fit the models
    }

    void knownValues()
    {
        QFETCH(QString, user);
        QFETCH(QString, trait);
        QFETCH(QString, expected);
        const auto row = m_table.rowOf(profileOf(m_scratch, qPrintable(user)));
        QVERIFY(row);
        const traits::TraitColumn *column = m_table.column(trait.toStdString());
        QVERIFY2(column, qPrintable(trait));
        QCOMPARE(QString::fromStdString(column->display(*row)), expected);
    }

    void itemShareCountsOrderLevelDiscountForItemsWithoutTheirOwn()
    {
        const auto row = *m_table.rowOf(profileOf(m_scratch, "alice"));
        QCOMPARE(m_table.column("discount_item_share")->numbers[row], 1.0 / 3.0);
    }

    void modelsNeedEnoughPurchasers()
    {
        QVERIFY(!m_table.models.fitted);
        QVERIFY(m_table.models.note.find("3 purchasers") != std::string::npos);
    }

    void perValueTraits_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("trait");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("alice skincare orders") << "alice"
                                               << "value_purchases"
                                               << "Skincare"
                                               << "2";
        QTest::newRow("alice skincare spend") << "alice"
                                              << "value_spend"
                                              << "Skincare"
                                              << "140";
        QTest::newRow("alice skincare last") << "alice"
                                             << "value_last_purchase"
                                             << "Skincare"
                                             << "2026-03-10T12:00:00.000Z";
        QTest::newRow("alice makeup orders") << "alice"
                                             << "value_purchases"
                                             << "Makeup"
                                             << "1";
        QTest::newRow("alice haircare never") << "alice"
                                              << "value_purchases"
                                              << "Haircare"
                                              << "0";
        QTest::newRow("alice haircare last") << "alice"
                                             << "value_last_purchase"
                                             << "Haircare"
                                             << "";
        QTest::newRow("dave makeup orders") << "dave"
                                            << "value_purchases"
                                            << "Makeup"
                                            << "2";
        QTest::newRow("dave makeup spend") << "dave"
                                           << "value_spend"
                                           << "Makeup"
                                           << "40";
        QTest::newRow("bob nothing") << "bob"
                                     << "value_spend"
                                     << "Makeup"
                                     << "0";
    }

    void perValueTraits()
    {
        QFETCH(QString, user);
        QFETCH(QString, trait);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        const auto column =
            traits::materializeValueTrait(m_table, trait.toStdString(), "Category", value.toStdString());
        QVERIFY(column);
        const auto row = *m_table.rowOf(profileOf(m_scratch, qPrintable(user)));
        QCOMPARE(QString::fromStdString(column->display(row)), expected);
    }

    void unknownValueIsNotMaterialised()
    {
        QVERIFY(!traits::materializeValueTrait(m_table, "value_spend", "Category", "Garden"));
        QVERIFY(!traits::materializeValueTrait(m_table, "value_spend", "Brand", "Skincare"));
        QVERIFY(!traits::materializeValueTrait(m_table, "total_spend", "Category", "Skincare"));
    }

    void asOfCountsOnlyEarlierEvents()
    {
        traits::TraitOptions options;
        options.asOfMs = kT0 + 5 * kDay;
        const auto table = traits::loadTraits(m_scratch.workspace(), options, ProgressSink::null());
        QVERIFY(table);
        QCOMPARE(table->size(), std::size_t(3)); // erin (first seen on day 5) and carol come later
        QVERIFY(!table->rowOf(profileOf(m_scratch, "erin")));
        const auto alice = *table->rowOf(profileOf(m_scratch, "alice"));
        QCOMPARE(table->column("order_count")->numbers[alice], 1.0);
        QCOMPARE(table->column("total_spend")->numbers[alice], 100.0);
        QCOMPARE(table->column("days_since_last_purchase")->numbers[alice], 4.0);
    }

    void membershipsAndCampaignHistory()
    {
        const std::int64_t alice = profileOf(m_scratch, "alice");
        {
            auto db = store::Database::open(m_scratch.workspace(), store::Database::OpenMode::OpenExisting);
            QVERIFY(db);
            (*db)->exec("INSERT INTO audiences (id, name, horizon_ms, size_rule, status, created_at) "
                        "VALUES (7, 'VIP', 0, '1', 'live', 0)");
            auto member = (*db)->prepare("INSERT INTO audience_members (audience_id, rank, profile_id, score) VALUES (7, 1, ?1, 0.5)");
            member.bind(1, alice).run();
            (*db)->exec("INSERT INTO exports (audience_id, audience_name, preset, file, rows, created_at) "
                        "VALUES (7, 'VIP', 'generic', 'x.csv', 1, 1772323200000)");
        }
        const auto table = traits::loadTraits(m_scratch.workspace(), {}, ProgressSink::null());
        QVERIFY(table);
        const auto row = *table->rowOf(alice);
        QCOMPARE(table->column("audience_count")->numbers[row], 1.0);
        QCOMPARE(table->column("export_count")->numbers[row], 1.0);
        QCOMPARE(table->column("last_exported")->dates[row], kT0);
        QCOMPARE(table->column("audience_count")->numbers[*table->rowOf(profileOf(m_scratch, "bob"))], 0.0);
        QVERIFY(table->membership("audience", "VIP"));
        QCOMPARE(table->membership("export", "VIP")->rows,
                 std::vector<std::int32_t>{static_cast<std::int32_t>(row)});
        const auto p =
            services::TraitService(m_scratch.workspace()).profile("alice", {}, ProgressSink::null());
        QVERIFY(p);
        QCOMPARE(p->audiences, std::vector<std::string>{"VIP"});
        QCOMPARE(p->exportedIn, std::vector<std::string>{"VIP"});
        QVERIFY(p->toJson().find("\"rfm_group\": \"About to Sleep\"") != std::string::npos);
    }

    void cancelled()
    {
        CancelableProgress progress;
        progress.cancel();
        const auto table = traits::loadTraits(m_scratch.workspace(), {}, progress);
        QVERIFY(!table);
        QVERIFY(table.error().isCancelled());
    }

    void quintileScoresShareTies()
    {
        const std::vector<double> values = {5, 1, 1, 3, 9, 9, 9, 2, 7, 4, 100};
        std::vector<bool> eligible(values.size(), true);
        eligible.back() = false;
        // 10 eligible; sorted 1 1 2 3 4 5 7 9 9 9: strictly smaller counts 0 0 2 3 4 5 6 7 7 7.
        const std::vector<int> expected = {3, 1, 1, 2, 4, 4, 4, 2, 4, 3, 0};
        QCOMPARE(traits::quintileScores(values, eligible), expected);
    }

    void quintileScoresSkipNoScoreUnderLargeTies()
    {
        // 10 buyers: six with one order, two with two, one with three, one with seven. Plain quintiles
        // would give 1, 4, 5, 5 and leave F2 and F3 empty.
        const std::vector<double> orders = {1, 1, 2, 1, 7, 1, 3, 1, 2, 1};
        const std::vector<bool> eligible(orders.size(), true);
        const std::vector<int> expected = {1, 1, 2, 1, 4, 1, 3, 1, 2, 1};
        QCOMPARE(traits::quintileScores(orders, eligible), expected);
        // Two values only: 1 and 2.
        QCOMPARE(traits::quintileScores({4, 4, 4, 9}, {true, true, true, true}),
                 (std::vector<int>{1, 1, 1, 2}));
    }

    void rfmGroupGrid_data()
    {
        QTest::addColumn<int>("r");
        QTest::addColumn<int>("f");
        QTest::addColumn<QString>("group");
        QTest::newRow("55") << 5 << 5 << "Champions";
        QTest::newRow("54") << 5 << 4 << "Champions";
        QTest::newRow("45") << 4 << 5 << "Loyal";
        QTest::newRow("34") << 3 << 4 << "Loyal";
        QTest::newRow("53") << 5 << 3 << "Potential Loyalists";
        QTest::newRow("42") << 4 << 2 << "Potential Loyalists";
        QTest::newRow("51") << 5 << 1 << "New";
        QTest::newRow("41") << 4 << 1 << "Promising";
        QTest::newRow("33") << 3 << 3 << "Need Attention";
        QTest::newRow("32") << 3 << 2 << "About to Sleep";
        QTest::newRow("24") << 2 << 4 << "At Risk";
        QTest::newRow("13") << 1 << 3 << "At Risk";
        QTest::newRow("15") << 1 << 5 << "Can't Lose Them";
        QTest::newRow("22") << 2 << 2 << "Hibernating";
        QTest::newRow("12") << 1 << 2 << "Lost";
    }

    void rfmGroupGrid()
    {
        QFETCH(int, r);
        QFETCH(int, f);
        QFETCH(QString, group);
        QCOMPARE(QString::fromStdString(traits::rfmGroup(r, f)), group);
    }

    void sampleStoreTraits()
    {
        m_scratch.next();
        sample::SampleSpec spec;
        spec.profiles = 1500;
        QVERIFY(sample::generateWorkspace(m_scratch.workspace(), spec, ProgressSink::null()));
        traits::TraitOptions one;
        one.threads = 1;
        traits::TraitOptions two;
        two.threads = 2;
        const auto a = traits::loadTraits(m_scratch.workspace(), one, ProgressSink::null());
        const auto b = traits::loadTraits(m_scratch.workspace(), two, ProgressSink::null());
        QVERIFY(a && b);
        QCOMPARE(a->size(), std::size_t(1500));
        QCOMPARE(a->columns.size(), b->columns.size());
        for (std::size_t c = 0; c < a->columns.size(); ++c) {
            const traits::TraitColumn &x = a->columns[c];
            const traits::TraitColumn &y = b->columns[c];
            QVERIFY2(sameNumbers(x.numbers, y.numbers) && x.dates == y.dates && x.codes == y.codes,
                     x.info.id.c_str());
        }
        checkAgainstEvents(*a);
        checkPredictive(*a);
    }

private:
    // Totals over all profiles equal independent SQL sums over the events.
    void checkAgainstEvents(const traits::TraitTable &t)
    {
        double spend = 0;
        double orders = 0;
        double events = 0;
        for (std::size_t r = 0; r < t.size(); ++r) {
            spend += t.column("total_spend")->numbers[r];
            orders += t.column("order_count")->numbers[r];
            events += t.column("event_count")->numbers[r];
        }
        const char *orderFilter = " FROM events WHERE name_id = (SELECT id FROM event_names "
                                  "WHERE name = 'Order Completed')";
        QCOMPARE(static_cast<std::int64_t>(orders),
                 m_scratch.integer(std::string("SELECT count(*)") + orderFilter));
        QCOMPARE(static_cast<std::int64_t>(events), m_scratch.integer("SELECT count(*) FROM events"));
        const std::string sqlSpend = m_scratch.text(
            std::string("SELECT printf('%.2f', sum(json_extract(properties, '$.revenue')))") + orderFilter);
        QCOMPARE(QString::number(spend, 'f', 2), QString::fromStdString(sqlSpend));
    }

    // Fitted on the sample store; one-time buyers are alive by definition but never ranked safer than
    // repeat buyers by churn risk.
    void checkPredictive(const traits::TraitTable &t)
    {
        QVERIFY2(t.models.fitted, t.models.note.c_str());
        QVERIFY(t.models.bgNbdConverged);
        double oneTimeRisk = 0;
        double repeatRisk = 0;
        int oneTime = 0;
        int repeat = 0;
        for (std::size_t r = 0; r < t.size(); ++r) {
            const double orders = t.column("order_count")->numbers[r];
            const double risk = t.column("churn_risk")->numbers[r];
            if (orders == 0) {
                QVERIFY(std::isnan(risk));
                continue;
            }
            QVERIFY(risk >= 0 && risk <= 1);
            QVERIFY(t.column("expected_purchases_90d")->numbers[r] >=
                    t.column("expected_purchases_30d")->numbers[r]);
            const bool once =
                t.column("first_purchase")->dates[r] / kDay == t.column("last_purchase")->dates[r] / kDay;
            if (once) {
                QCOMPARE(t.column("p_alive")->numbers[r], 1.0);
            }
            (once ? oneTimeRisk : repeatRisk) += risk;
            (once ? oneTime : repeat) += 1;
        }
        QVERIFY(oneTime > 20 && repeat > 20);
        QVERIFY2(oneTimeRisk / oneTime > repeatRisk / repeat,
                 qPrintable(QStringLiteral("%1 vs %2").arg(oneTimeRisk / oneTime).arg(repeatRisk / repeat)));
    }

    test::JsonlScratch m_scratch;
    traits::TraitTable m_table;
};

QTEST_GUILESS_MAIN(TestTraits)
#include "tst_Traits.moc"
