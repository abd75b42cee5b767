// SPDX-License-Identifier: GPL-3.0-or-later
// SegmentService on the hand-built trait fixture (event conditions, memberships, saved segments and their
// cycles, export) and the templates on the sample store.
#include "TraitTestUtil.h"
#include "sample/SampleGenerator.h"
#include "segments/RuleJson.h"
#include "services/SegmentService.h"

#include <QFile>
#include <QTest>

using namespace awb;
using namespace awb::segments;

namespace {

std::string wrap(const std::string &conditions)
{
    return test::j("{'version':1,'rule':{'type':'all','conditions':[") + test::j(conditions) + "]}}";
}

Rule parse(const std::string &conditions)
{
    auto rule = ruleFromJson(wrap(conditions));
    if (!rule) {
        qFatal("bad rule: %s", rule.error().message.c_str());
    }
    return std::move(rule).value();
}

} // namespace

class TestSegment : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_scratch.isValid());
        m_scratch.next();
        test::buildTraitFixture(m_scratch);
        m_fixture = m_scratch.workspace();
        auto db = store::Database::open(m_fixture, store::Database::OpenMode::OpenExisting);
        QVERIFY(db);
        (*db)->exec("INSERT INTO audiences (id, name, horizon_ms, size_rule, status, created_at) "
                    "VALUES (1, 'VIP', 0, '2', 'live', 0), (2, 'Quiet', 0, '1', 'live', 0)");
        (*db)->exec("INSERT INTO audience_members (audience_id, rank, profile_id, score) SELECT 1, 1, profile_id, 0.9 FROM identities WHERE value = "
                    "'alice'");
        (*db)->exec(
            "INSERT INTO audience_members (audience_id, rank, profile_id, score) SELECT 1, 2, profile_id, 0.8 FROM identities WHERE value = 'dave'");
        (*db)->exec(
            "INSERT INTO audience_members (audience_id, rank, profile_id, score) SELECT 2, 1, profile_id, 0.1 FROM identities WHERE value = 'bob'");
        (*db)->exec("INSERT INTO exports (audience_id, audience_name, preset, file, rows, created_at) "
                    "VALUES (1, 'VIP', 'generic', 'v.csv', 2, 0)");
    }

    void conditions_data()
    {
        QTest::addColumn<QString>("condition");
        QTest::addColumn<QString>("users");
        const auto row = [](const char *name, const char *condition, const char *users) {
            QTest::newRow(name) << QString::fromUtf8(condition) << QString::fromUtf8(users);
        };
        row("orders at least 2", "{'type':'event','event':'Order Completed','count':'at_least','times':2}",
            "alice dave");
        row("never ordered", "{'type':'event','event':'Order Completed','count':'never'}", "bob carol");
        row("exactly one order", "{'type':'event','event':'Order Completed','count':'exactly','times':1}",
            "erin");
        row("at most one order", "{'type':'event','event':'Order Completed','count':'at_most','times':1}",
            "bob carol erin");
        row("unknown event never", "{'type':'event','event':'Signed Up','count':'never'}",
            "alice bob carol dave erin");
        row("product property",
            "{'type':'event','event':'Order Completed','where':[{'property':'products[].category',"
            "'op':'is','value':'Skincare'}]}",
            "alice");
        row("numeric property",
            "{'type':'event','event':'Order Completed','where':[{'property':'revenue','op':'>',"
            "'value':45}],'count':'at_least','times':2}",
            "alice");
        row("between property",
            "{'type':'event','event':'Order Completed','where':[{'property':'revenue','op':'between',"
            "'value':[20,40]}]}",
            "dave erin");
        row("last 20 days", "{'type':'event','event':'Order Completed','withinLastDays':20}", "alice");
        row("between dates",
            "{'type':'event','event':'Order Completed','from':'2026-03-03','to':'2026-03-04',"
            "'count':'at_least','times':2}",
            "dave");
        row("page views", "{'type':'event','event':'Page Viewed','count':'at_least','times':3}", "bob");
        row("refund total",
            "{'type':'event','event':'Order Refunded','where':[{'property':'total','op':'=','value':50}]}",
            "alice");
        row("starts with",
            "{'type':'event','event':'Product Viewed','where':[{'property':'category','op':'starts_with',"
            "'value':'SKIN'}]}",
            "alice");
        row("contains",
            "{'type':'event','event':'Order Completed','where':[{'property':'coupon','op':'contains',"
            "'value':'save'}]}",
            "alice");
        row("is set",
            "{'type':'event','event':'Order Completed','where':[{'property':'discount','op':'is_set'}]}",
            "alice dave");
        row("in list",
            "{'type':'event','event':'Order Completed','where':[{'property':'discount','op':'in',"
            "'value':[0.5,3]}],'count':'exactly','times':2}",
            "dave");
        row("is not set",
            "{'type':'event','event':'Order Completed','where':[{'property':'discount','op':'is_not_set'}]}",
            "alice erin");
        row("product price",
            "{'type':'event','event':'Order Completed','where':[{'property':'products[].price','op':'>=',"
            "'value':30}]}",
            "alice erin");
        row("in audience", "{'type':'membership','kind':'audience','name':'VIP'}", "alice dave");
        row("not in audience", "{'type':'membership','kind':'audience','in':false,'name':'VIP'}",
            "bob carol erin");
        row("exported", "{'type':'membership','kind':'exported','name':'VIP'}", "alice dave");
        row("mixed",
            "{'type':'any','conditions':[{'type':'membership','kind':'audience','name':'Quiet'},"
            "{'type':'trait','trait':'discount_affinity','op':'is','value':'Low'}]}",
            "bob erin");
    }

    void conditions()
    {
        QFETCH(QString, condition);
        QFETCH(QString, users);
        services::SegmentService service(m_fixture);
        auto table = services::TraitService(m_fixture).load({}, ProgressSink::null());
        QVERIFY(table);
        auto evaluator = service.evaluator(*table);
        const auto rows = service.evaluate(*evaluator, parse(condition.toStdString()));
        QVERIFY2(rows, rows ? "" : rows.error().message.c_str());
        QCOMPARE(usersOf(**table, *rows), users);
    }

    void savedSegmentsAndCycles()
    {
        services::SegmentService service(m_fixture);
        QVERIFY(service.save("Buyers", "ordered",
                             parse("{'type':'trait','trait':'order_count','op':'>=','value':1}")));
        QVERIFY(service.save("Big buyers", "",
                             parse("{'type':'membership','kind':'segment','name':'Buyers'},"
                                   "{'type':'trait','trait':'total_spend','op':'>','value':55}")));
        const auto count = service.count(parse("{'type':'membership','kind':'segment','name':'Big buyers'}"),
                                         {}, ProgressSink::null());
        QVERIFY2(count, count ? "" : count.error().message.c_str());
        QCOMPARE(count->matching, std::int64_t(2)); // alice 150, dave 60
        QCOMPARE(count->profiles, std::int64_t(5));
        // Saving Buyers as "in Big buyers" closes a cycle: validation passes (both names exist), evaluation
        // names the loop.
        QVERIFY(
            service.save("Buyers", "", parse("{'type':'membership','kind':'segment','name':'Big buyers'}")));
        const auto cyclic = service.count(parse("{'type':'membership','kind':'segment','name':'Buyers'}"), {},
                                          ProgressSink::null());
        QVERIFY(!cyclic);
        QVERIFY2(cyclic.error().message.find("refers to itself (Buyers -> Big buyers -> Buyers)") !=
                     std::string::npos,
                 cyclic.error().message.c_str());
        const auto list = service.list();
        QVERIFY(list);
        QCOMPARE(list->size(), std::size_t(2));
        QCOMPARE(list->at(0).name, std::string("Big buyers"));
        QVERIFY(service.rename("Big buyers", "Large"));
        QVERIFY(!service.rename("Large", "Buyers"));
        QCOMPARE(service.rename("Nope", "X").error().code, Error::Code::NotFound);
        QVERIFY(service.remove("Large"));
        QVERIFY(service.remove("Buyers"));
        QCOMPARE(service.remove("Buyers").error().code, Error::Code::NotFound);
        const auto bad = service.save("Bad", "", parse("{'type':'trait','trait':'nope','op':'is_set'}"));
        QVERIFY(!bad);
        QCOMPARE(bad.error().message, std::string("rule.conditions[0].trait: unknown trait 'nope'"));
    }

    void exportWritesMatchingProfiles()
    {
        services::SegmentService service(m_fixture);
        services::SegmentExportRequest out;
        out.outFile = m_scratch.filePath(QStringLiteral("buyers.csv")).toStdString();
        out.columns = {"user_id", "email"};
        const auto report =
            service.exportCsv(parse("{'type':'trait','trait':'order_count','op':'>=','value':2}"), {}, out,
                              ProgressSink::null());
        QVERIFY2(report, report ? "" : report.error().message.c_str());
        QCOMPARE(report->written, std::int64_t(2));
        QFile f(QString::fromStdString(out.outFile));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("user_id,email\r\nalice,\r\ndave,\r\n"));
    }

    void templatesOnTheSampleStore()
    {
        m_scratch.next();
        sample::SampleSpec spec;
        spec.profiles = 2000;
        QVERIFY(sample::generateWorkspace(m_scratch.workspace(), spec, ProgressSink::null()));
        catalog::CatalogDefinition def;
        def.events = {{"Order Completed", "products[].product_id", 3.0},
                      {"Product Viewed", "product_id", 1.0}};
        def.columns = {
            {"Category", "category", ""}, {"Subcategory", "subcategory", ""}, {"Brand", "brand", ""}};
        services::CatalogService catalog(m_scratch.workspace());
        QVERIFY(catalog.save(def) && catalog.build(ProgressSink::null()));
        services::SegmentService service(m_scratch.workspace());
        auto table = services::TraitService(m_scratch.workspace()).load({}, ProgressSink::null());
        QVERIFY(table);
        auto evaluator = service.evaluator(*table);
        const std::map<std::string, std::map<std::string, std::string>> params = {
            {"aov-builders",
             {{"column", "Subcategory"},
              {"category", "Skincare"},
              {"never", "Makeup"},
              {"min", "20"},
              {"max", "400"},
              {"times", "1"}}},
            {"top-brand-buyers", {{"brand", "GlowLab"}}}};
        for (const TemplateInfo &t : services::SegmentService::templates()) {
            const auto it = params.find(t.name);
            const auto rule = service.fromTemplate(
                t.name, it == params.end() ? std::map<std::string, std::string>{} : it->second, **table);
            QVERIFY2(rule, (t.name + ": " + (rule ? "" : rule.error().message)).c_str());
            const auto rows = service.evaluate(*evaluator, *rule);
            QVERIFY2(rows, rows ? "" : rows.error().message.c_str());
            const std::size_t n = rows->count();
            qInfo("%s: %zu of %zu", t.name.c_str(), n, (*table)->size());
            QVERIFY2(n > 0 && n < (*table)->size() / 2, t.name.c_str());
        }
        checkTemplateDetails(service, **table);
    }

private:
    void checkTemplateDetails(services::SegmentService &service, const traits::TraitTable &t)
    {
        // Lapsed VIPs against a plain loop over the traits.
        const auto lapsed = service.fromTemplate("lapsed-vips", {{"spend", "1000"}}, t);
        QVERIFY(lapsed);
        std::size_t expected = 0;
        for (std::size_t r = 0; r < t.size(); ++r) {
            const std::int64_t last = t.column("last_purchase")->dates[r];
            // No purchase for more than 45 whole days, as the days-since traits count them.
            expected += t.column("total_spend")->numbers[r] >= 1000 && last != traits::kNoDate &&
                                (t.nowMs - last) / traits::kDayMs > 45
                            ? 1
                            : 0;
        }
        QCOMPARE(RuleEvaluator(t, {}).evaluate(*lapsed)->count(), expected);
        // Top 5% of a brand's buyers: about 5% of them (ties may add a few).
        const auto top = service.fromTemplate("top-brand-buyers", {{"brand", "GlowLab"}}, t);
        const auto buyers =
            service.fromTemplate("top-brand-buyers", {{"brand", "GlowLab"}, {"percent", "100"}}, t);
        const std::size_t nTop = RuleEvaluator(t, {}).evaluate(*top)->count();
        const std::size_t nAll = RuleEvaluator(t, {}).evaluate(*buyers)->count();
        QVERIFY2(nTop >= (nAll * 5 + 99) / 100 && nTop <= (nAll * 5 + 99) / 100 + 2,
                 qPrintable(QStringLiteral("%1 of %2").arg(nTop).arg(nAll)));
        const auto missing = service.fromTemplate("aov-builders", {{"category", "Skincare"}}, t);
        QVERIFY(!missing);
        QVERIFY2(missing.error().message.find("needs --param never=") != std::string::npos,
                 missing.error().message.c_str());
        QCOMPARE(service.fromTemplate("aov-builders", {{"category", "Skincare"}, {"never", "Makeup"}}, t)
                     .error()
                     .message,
                 std::string("catalog column Category has no value 'Skincare'"));
        QVERIFY(!service.fromTemplate("lapsed-vips", {{"spend", "lots"}}, t));
        QVERIFY(!service.fromTemplate("lapsed-vips", {{"colour", "red"}}, t));
        QVERIFY(!service.fromTemplate("vips", {}, t));
        // Overlap and the RFM grid of everyone.
        const Bitset all(t.size(), true);
        const auto grid = services::SegmentService::rfmGrid(t, all);
        std::int64_t cells = 0;
        for (const auto &row : grid) {
            for (const std::int64_t c : row) {
                cells += c;
            }
        }
        std::int64_t buyersCount = 0;
        for (std::size_t r = 0; r < t.size(); ++r) {
            buyersCount += t.column("order_count")->numbers[r] > 0 ? 1 : 0;
        }
        QCOMPARE(cells, buyersCount);
        const Bitset lapsedRows = *RuleEvaluator(t, {}).evaluate(*lapsed);
        const auto o = services::SegmentService::overlap(all, lapsedRows);
        QCOMPARE(o.both, static_cast<std::int64_t>(lapsedRows.count()));
        QCOMPARE(o.onlyB, std::int64_t(0));
        const auto preview = service.preview(t, lapsedRows, 3, {"total_spend", "rfm_group"});
        QVERIFY(preview);
        QCOMPARE(preview->size(), std::min<std::size_t>(3, lapsedRows.count()));
        QVERIFY(preview->empty() || !preview->front().key.empty());
    }

    QString usersOf(const traits::TraitTable &table, const Bitset &rows) const
    {
        QStringList users;
        for (const char *u : {"alice", "bob", "carol", "dave", "erin"}) {
            const auto row = table.rowOf(m_scratch.integer(
                std::string("SELECT profile_id FROM identities WHERE value = '") + u + "'"));
            if (row && rows.test(*row)) {
                users << QString::fromUtf8(u);
            }
        }
        return users.join(QLatin1Char(' '));
    }

    test::JsonlScratch m_scratch;
    std::string m_fixture;
};

QTEST_GUILESS_MAIN(TestSegment)
#include "tst_Segment.moc"
