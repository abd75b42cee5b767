// SPDX-License-Identifier: GPL-3.0-or-later
// Warehouse mode against the local engine on the same generated store: the store is written into a real
// PostgreSQL 15 in Segment's layout (the fixture pg_server.sh starts), then every segment template the
// warehouse computes and a few hundred random rule trees must select exactly the same people in both engines
// (the sorted person keys compared, not only counts), at two as-of times.
#include "WarehouseTestUtil.h"
#include "jobs/Progress.h"
#include "sample/SampleGenerator.h"
#include "segments/RuleJson.h"
#include "segments/Templates.h"
#include "services/SegmentService.h"
#include "services/TraitService.h"
#include "store/Database.h"
#include "traits/Scores.h"
#include "warehouse/PgConnection.h"
#include "warehouse/RuleSql.h"
#include "warehouse/WarehouseService.h"
#include "warehouse/WarehouseTime.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <random>

using namespace awb;
using namespace awb::segments;

namespace {

constexpr int kRules = 150;
constexpr std::int64_t kDay = traits::kDayMs;

Node trait(const std::string &id, Op op, std::vector<Value> values = {})
{
    TraitCondition c;
    c.trait = id;
    c.op = op;
    c.values = std::move(values);
    return Node::traitCondition(c);
}

} // namespace

class TestWarehouseParity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString skip;
        const std::string server = test::warehouseServer(skip);
        if (server.empty()) {
            QSKIP(qPrintable(skip));
        }
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("parity.awb")).toStdString();
        sample::SampleSpec spec;
        spec.profiles = 800;
        spec.days = 120;
        spec.seed = 11;
        QVERIFY(sample::generateWorkspace(m_ws, spec, ProgressSink::null()));
        m_uri = server + "&options=-csearch_path%3Dparity";
        const auto published = warehouse::publishWorkspace(m_ws, m_uri);
        QVERIFY2(published, published ? "" : published.error().message.c_str());
        QCOMPARE(published->events, queryInt("SELECT count(*) FROM events"));

        m_keyOf = test::personKeys(m_ws);
        QVERIFY(!m_keyOf.empty());
        m_latest = queryInt("SELECT max(ts) FROM events");
    }

    void traitsSqlIsPortable()
    {
        auto pg = warehouse::PgConnection::connect(m_uri);
        const auto source = warehouse::readSourceTables(*pg, "parity");
        const std::string sql = warehouse::traitsSql(source);
        QCOMPARE(warehouse::portabilityProblems(sql), std::vector<std::string>{});
        QCOMPARE(warehouse::portabilityProblems(warehouse::peopleSql(source)), std::vector<std::string>{});
        // The lint itself finds what it is for.
        QCOMPARE(warehouse::portabilityProblems("SELECT count(*) FILTER (WHERE x) FROM t").size(),
                 std::size_t(1));
        QCOMPARE(warehouse::portabilityProblems("SELECT ntile(5) OVER (ORDER BY v) FROM t").size(),
                 std::size_t(1));
    }

    void peopleMatchTheLocalProfiles()
    {
        const auto info = warehouse::refreshTraits(m_uri, std::nullopt);
        QVERIFY2(info, info ? "" : info.error().message.c_str());
        QCOMPARE(info->nowMs, m_latest + 1);
        QCOMPARE(info->people, queryInt("SELECT count(*) FROM profiles"));
        QCOMPARE(info->events, queryInt("SELECT count(*) FROM events"));
    }

    void templates_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<qint64>("asOf");
        for (const char *t : {"lapsed-vips", "new-visitors", "returning-visitors", "loyal-low-spenders"}) {
            QTest::addRow("%s now", t) << QString::fromLatin1(t) << qint64(0);
            QTest::addRow("%s 40 days earlier", t) << QString::fromLatin1(t) << qint64(-40);
        }
    }

    void templates()
    {
        QFETCH(QString, name);
        QFETCH(qint64, asOf);
        const auto now = asOfMs(asOf);
        auto table = services::TraitService(m_ws).load({now}, ProgressSink::null());
        QVERIFY(table);
        std::map<std::string, std::string> params = {{"spend", "400"}};
        auto rule = instantiateTemplate(name.toStdString(),
                                        name == u"lapsed-vips" ? params : decltype(params){}, **table);
        QVERIFY2(rule, rule ? "" : rule.error().message.c_str());
        const std::vector<std::string> local = localMembers(*rule, now);
        QVERIFY2(!local.empty(),
                 "the template selects nobody in the generated store; the comparison says little");
        compare(*rule, now, local);
    }

    void randomRules_data()
    {
        QTest::addColumn<qint64>("asOf");
        QTest::addRow("now") << qint64(0);
        QTest::addRow("30 days earlier") << qint64(-30);
    }

    void randomRules()
    {
        QFETCH(qint64, asOf);
        const auto now = asOfMs(asOf);
        std::mt19937_64 rng(20261207 + static_cast<std::uint64_t>(-asOf));
        int informative = 0;
        auto pg = warehouse::PgConnection::connect(m_uri);
        const auto source = warehouse::readSourceTables(*pg, "parity");
        for (int i = 0; i < kRules; ++i) {
            const Rule rule{randomGroup(rng, 0)};
            const std::vector<std::string> local = localMembers(rule, now);
            compare(rule, now, local);
            // Every statement the rules compile to is portable SQL.
            const auto compiled = warehouse::compileRule(rule, source, warehouse::readEventSources(*pg),
                                                         now.value_or(m_latest + 1));
            QVERIFY(compiled);
            QCOMPARE(warehouse::portabilityProblems(compiled->countSql()), std::vector<std::string>{});
            if (QTest::currentTestFailed()) {
                return;
            }
            informative += !local.empty() && local.size() < m_keyOf.size() ? 1 : 0;
        }
        QVERIFY2(informative > kRules / 3, qPrintable(QString::number(informative)));
    }

    // Saving writes the members inside the warehouse, and the log holds exactly who entered and who left
    // between two snapshots, as the local engine sees the two times.
    void savedSegmentsWriteMembersAndChanges()
    {
        auto table = services::TraitService(m_ws).load({}, ProgressSink::null());
        QVERIFY(table);
        const auto rule = instantiateTemplate("returning-visitors", {{"days", "20"}}, **table);
        QVERIFY(rule);
        const auto earlier = asOfMs(-30);
        const std::vector<std::string> before = localMembers(*rule, earlier);
        const std::vector<std::string> after = localMembers(*rule, std::nullopt);
        QVERIFY(!before.empty() && !after.empty() && before != after);
        const auto first = warehouse::saveSegment(m_uri, "Returning", *rule, earlier);
        QVERIFY2(first, first ? "" : first.error().message.c_str());
        QCOMPARE(first->members, static_cast<std::int64_t>(before.size()));
        const auto second = warehouse::saveSegment(m_uri, "Returning", *rule, std::nullopt);
        QVERIFY2(second, second ? "" : second.error().message.c_str());
        std::vector<std::string> entered, exited;
        std::set_difference(after.begin(), after.end(), before.begin(), before.end(),
                            std::back_inserter(entered));
        std::set_difference(before.begin(), before.end(), after.begin(), after.end(),
                            std::back_inserter(exited));
        QCOMPARE(second->members, static_cast<std::int64_t>(after.size()));
        QCOMPARE(second->entered, static_cast<std::int64_t>(entered.size()));
        QCOMPARE(second->exited, static_cast<std::int64_t>(exited.size()));

        auto pg = warehouse::PgConnection::connect(m_uri);
        const auto stored =
            pg->exec("SELECT person_key FROM awb.segment_members WHERE segment_name = 'Returning' "
                     "ORDER BY person_key");
        std::vector<std::string> members;
        for (int i = 0; i < stored.rows(); ++i) {
            members.emplace_back(stored.text(i, 0));
        }
        QCOMPARE(members, after);
        const auto left = pg->exec("SELECT person_key FROM awb.segment_membership_log WHERE segment_name = "
                                   "'Returning' AND event_type = 'exit' ORDER BY person_key");
        std::vector<std::string> logged;
        for (int i = 0; i < left.rows(); ++i) {
            logged.emplace_back(left.text(i, 0));
        }
        QCOMPARE(logged, exited);
    }

    void unsupportedConditionsAreRefusedByName()
    {
        Rule rule{Node::group(GroupMode::All, {trait("discount_affinity", Op::Is, {std::string("High")})})};
        const auto c = warehouse::countRule(m_uri, rule, std::nullopt, false);
        QVERIFY(!c);
        QVERIFY2(c.error().message.find("discount_affinity") != std::string::npos, c.error().message.c_str());
    }

private:
    std::optional<std::int64_t> asOfMs(qint64 daysBack) const
    {
        if (daysBack == 0) {
            return std::nullopt;
        }
        return m_latest + 1 + daysBack * kDay + 12345; // not on a day boundary
    }

    std::int64_t queryInt(const std::string &sql) const
    {
        auto db = store::Database::open(m_ws, store::Database::OpenMode::ReadOnly);
        return db ? (*db)->queryInt(sql) : -1;
    }

    std::vector<std::string> localMembers(const Rule &rule, std::optional<std::int64_t> now)
    {
        if (!m_tables.count(now)) {
            auto table = services::TraitService(m_ws).load({now}, ProgressSink::null());
            if (!table) {
                return {};
            }
            m_tables[now] = *table;
        }
        return test::localMembers(m_ws, m_tables[now], rule, m_keyOf);
    }

    void compare(const Rule &rule, std::optional<std::int64_t> now, const std::vector<std::string> &local)
    {
        const auto remote = warehouse::countRule(m_uri, rule, now, true);
        QVERIFY2(remote, (ruleToJson(rule) + ": " + (remote ? "" : remote.error().message)).c_str());
        if (remote->members != local) {
            std::vector<std::string> differ;
            std::set_symmetric_difference(local.begin(), local.end(), remote->members.begin(),
                                          remote->members.end(), std::back_inserter(differ));
            const std::string first = differ.empty() ? std::string() : differ.front();
            QFAIL(qPrintable(QStringLiteral("local %1, warehouse %2 people (first difference: %3) for %4")
                                 .arg(local.size())
                                 .arg(remote->members.size())
                                 .arg(QString::fromStdString(first))
                                 .arg(QString::fromStdString(ruleToJson(rule)))));
        }
        QCOMPARE(remote->matching, static_cast<std::int64_t>(local.size()));
    }

    Node randomGroup(std::mt19937_64 &rng, int depth)
    {
        const GroupMode modes[] = {GroupMode::All, GroupMode::Any, GroupMode::None};
        const GroupMode mode = modes[rng() % 3];
        std::vector<Node> children;
        const int n = 1 + static_cast<int>(rng() % 3);
        for (int i = 0; i < n; ++i) {
            const int kind = static_cast<int>(rng() % 10);
            if (depth < 2 && kind == 0) {
                children.push_back(randomGroup(rng, depth + 1));
            } else if (kind < 5) {
                children.push_back(randomTrait(rng));
            } else {
                children.push_back(randomEvent(rng));
            }
        }
        return Node::group(mode, std::move(children));
    }

    Node randomTrait(std::mt19937_64 &rng)
    {
        static const char *numbers[] = {
            "event_count",  "sessions",      "days_since_first_seen", "days_since_last_seen",
            "order_count",  "total_spend",   "average_order_value",   "days_since_last_purchase",
            "refund_count", "refund_amount", "rfm_recency",           "rfm_frequency",
            "rfm_monetary"};
        static const char *dates[] = {"first_seen", "last_seen", "first_purchase", "last_purchase"};
        const int pick = static_cast<int>(rng() % 10);
        if (pick < 6) {
            const std::string id = numbers[rng() % std::size(numbers)];
            const double a = sampleValue(rng, id);
            const double b = a + static_cast<double>(rng() % 50);
            const Op ops[] = {Op::Eq, Op::Ne,      Op::Lt,    Op::Le,      Op::Gt,
                              Op::Ge, Op::Between, Op::IsSet, Op::IsNotSet};
            const Op op = ops[rng() % std::size(ops)];
            return op == Op::Between                       ? trait(id, op, {a, b})
                   : op == Op::IsSet || op == Op::IsNotSet ? trait(id, op)
                                                           : trait(id, op, {a});
        }
        if (pick < 9) {
            const std::string id = dates[rng() % std::size(dates)];
            const Op ops[] = {Op::Before,          Op::After, Op::Between, Op::WithinLastDays,
                              Op::MoreThanDaysAgo, Op::IsSet, Op::IsNotSet};
            const Op op = ops[rng() % std::size(ops)];
            const std::string d1 = dayText(m_latest - static_cast<std::int64_t>(rng() % 120) * kDay);
            const std::string d2 = dayText(m_latest - static_cast<std::int64_t>(rng() % 40) * kDay);
            switch (op) {
            case Op::Before:
            case Op::After:
                return trait(id, op, {d1});
            case Op::Between:
                return trait(id, op, {std::min(d1, d2), std::max(d1, d2)});
            case Op::WithinLastDays:
            case Op::MoreThanDaysAgo:
                return trait(id, op, {static_cast<double>(rng() % 90)});
            default:
                return trait(id, op);
            }
        }
        const bool visitor = rng() % 2 == 0;
        const std::string id = visitor ? "visitor_type" : "rfm_group";
        const std::vector<std::string> &names = traits::rfmGroupNames();
        const std::string value = visitor ? (rng() % 2 ? "New" : "Returning") : names[rng() % names.size()];
        const Op ops[] = {Op::Is, Op::IsNot, Op::In, Op::Contains, Op::StartsWith, Op::IsSet, Op::IsNotSet};
        const Op op = ops[rng() % std::size(ops)];
        switch (op) {
        case Op::In:
            return trait(id, op, {value, std::string(names[rng() % names.size()])});
        case Op::Contains:
            return trait(id, op, {std::string(rng() % 2 ? "e" : "AT")});
        case Op::StartsWith:
            return trait(id, op, {value.substr(0, 2)});
        case Op::IsSet:
        case Op::IsNotSet:
            return trait(id, op);
        default:
            return trait(id, op, {value});
        }
    }

    Node randomEvent(std::mt19937_64 &rng)
    {
        static const char *events[] = {"Order Completed", "Product Viewed", "Product Added", "Page Viewed",
                                       "Identify",        "Order Refunded", "Never Sent"};
        EventCondition c;
        c.event = events[rng() % std::size(events)];
        const CountOp ops[] = {CountOp::AtLeast, CountOp::AtMost, CountOp::Exactly, CountOp::Never};
        c.countOp = ops[rng() % 4];
        c.times = static_cast<std::int64_t>(rng() % 4);
        switch (rng() % 3) {
        case 0:
            c.withinLastDays = 1 + static_cast<std::int64_t>(rng() % 60);
            break;
        case 1:
            c.from = dayText(m_latest - static_cast<std::int64_t>(30 + rng() % 60) * kDay);
            c.to = dayText(m_latest - static_cast<std::int64_t>(rng() % 30) * kDay);
            break;
        default:
            break;
        }
        if (rng() % 2 == 0) {
            c.where.push_back(randomFilter(rng, c.event));
        }
        return Node::eventCondition(c);
    }

    PropertyFilter randomFilter(std::mt19937_64 &rng, const std::string &event)
    {
        PropertyFilter f;
        const bool order = event == "Order Completed" || event == "Order Refunded";
        switch (rng() % 7) {
        case 0:
            f = {order ? "revenue" : "price", Op::Ge, {static_cast<double>(rng() % 300)}};
            break;
        case 1:
            f = {order ? "discount" : "price", Op::Gt, {0.0}};
            break;
        case 2:
            f = {order ? "currency" : "category", Op::Is, {std::string(order ? "USD" : "Beauty")}};
            break;
        case 3:
            f = {order ? "order_id" : "brand", Op::Contains, {std::string(rng() % 2 ? "a" : "ORD-00001")}};
            break;
        case 4:
            f = {order ? "currency" : "category", Op::Ge, {5.0}}; // every number sorts before any text
            break;
        case 5:
            f = {"not_a_property", rng() % 2 ? Op::IsSet : Op::IsNotSet, {}};
            break;
        default:
            f = {order ? "currency" : "category", Op::In, {std::string("Home"), std::string("USD"), 5.0}};
            break;
        }
        return f;
    }

    double sampleValue(std::mt19937_64 &rng, const std::string &id) const
    {
        const auto &table = m_tables.begin()->second;
        const traits::TraitColumn *c = table->column(id);
        for (int tries = 0; tries < 20 && c != nullptr; ++tries) {
            const double v = c->numbers[rng() % c->numbers.size()];
            if (!std::isnan(v)) {
                return v;
            }
        }
        return 1;
    }

    static std::string dayText(std::int64_t ms)
    {
        const std::string iso = warehouse::isoTime(ms);
        return iso.substr(0, 10);
    }

    QTemporaryDir m_dir;
    std::string m_ws;
    std::string m_uri;
    std::int64_t m_latest = 0;
    std::map<std::int64_t, std::string> m_keyOf;
    std::map<std::optional<std::int64_t>, std::shared_ptr<const traits::TraitTable>> m_tables;
};

QTEST_GUILESS_MAIN(TestWarehouseParity)
#include "tst_WarehouseParity.moc"
