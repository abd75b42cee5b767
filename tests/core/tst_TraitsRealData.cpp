// SPDX-License-Identifier: GPL-3.0-or-later
// Computed traits on the shared real data (skips when ../shared/data is absent): Online Retail RFM groups
// and lapsed VIPs against an independent SQL computation, Complete Journey discount affinity bands from
// retail_disc / coupon_disc / coupon_match_disc, and the published CDNOW BG/NBD and Gamma-Gamma fits.
#include "TestUtil.h"
#include "ingest/CsvPresets.h"
#include "ingest/Timestamp.h"
#include "jobs/Progress.h"
#include "segments/RuleEvaluator.h"
#include "segments/Templates.h"
#include "services/ImportService.h"
#include "services/SegmentService.h"
#include "services/TraitService.h"
#include "store/Database.h"
#include "traits/TraitLoader.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <map>

using namespace awb;

namespace {

// Order Completed events per profile: orders, spend and last purchase, straight from the events table.
const char *kOrders =
    "WITH o AS (SELECT profile_id, count(*) AS n, max(ts) AS last, "
    "sum(coalesce(json_extract(properties, '$.revenue'), json_extract(properties, '$.total'), 0)) AS m "
    "FROM events WHERE name_id = (SELECT id FROM event_names WHERE name = 'Order Completed') "
    "GROUP BY profile_id) ";

// RFM groups written independently of traits/Scores.cpp: rank() - 1 = purchasers with a smaller value, q the
// plain quintile; the score closes gaps left by ties, min(q_i, score_(i-1) + 1), whose closed form over the
// distinct values in order is dense_rank + the running minimum of (q - dense_rank).
const char *kRfmGroups =
    ", q AS (SELECT 1 + 5 * (rank() OVER (ORDER BY last) - 1) / (SELECT count(*) FROM o) AS qr, "
    "dense_rank() OVER (ORDER BY last) AS dr, "
    "1 + 5 * (rank() OVER (ORDER BY n) - 1) / (SELECT count(*) FROM o) AS qf, "
    "dense_rank() OVER (ORDER BY n) AS df, last, n FROM o), "
    "s AS (SELECT dr + min(qr - dr) OVER (ORDER BY last ROWS UNBOUNDED PRECEDING) AS r, "
    "df + min(qf - df) OVER (ORDER BY n ROWS UNBOUNDED PRECEDING) AS f FROM q) "
    "SELECT CASE "
    "WHEN r = 5 AND f >= 4 THEN 'Champions' "
    "WHEN r >= 3 AND f >= 4 THEN 'Loyal' "
    "WHEN r >= 4 AND f >= 2 THEN 'Potential Loyalists' "
    "WHEN r = 5 THEN 'New' "
    "WHEN r = 4 THEN 'Promising' "
    "WHEN r = 3 AND f = 3 THEN 'Need Attention' "
    "WHEN r = 3 THEN 'About to Sleep' "
    "WHEN f = 5 THEN 'Can''t Lose Them' "
    "WHEN f >= 3 THEN 'At Risk' "
    "WHEN r = 2 THEN 'Hibernating' "
    "ELSE 'Lost' END AS g, count(*) FROM s GROUP BY g ORDER BY g";

QStringList rows(const std::string &workspace, const std::string &sql)
{
    auto db = store::Database::open(workspace, store::Database::OpenMode::ReadOnly);
    if (!db) {
        qFatal("cannot open %s", workspace.c_str());
    }
    auto st = (*db)->prepare(sql);
    QStringList out;
    while (st.step()) {
        out << QString::fromStdString(st.text(0) + "|" + st.text(1));
    }
    return out;
}

QStringList countsOf(const traits::TraitTable &table, const char *id)
{
    std::map<std::string, int> counts;
    const traits::TraitColumn *c = table.column(id);
    for (std::size_t r = 0; r < table.size(); ++r) {
        if (c->isSet(r)) {
            ++counts[c->display(r)];
        }
    }
    QStringList out;
    for (const auto &[value, n] : counts) {
        out << QString::fromStdString(value + "|" + std::to_string(n));
    }
    return out;
}

} // namespace

class TestTraitsRealData : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        if (test::sharedDataDir().isEmpty()) {
            QSKIP("../shared/data is absent (AWB_SHARED_DATA): the real-data trait checks are not run");
        }
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("real%1.awb").arg(++m_count)).toStdString();
    }

    void onlineRetailRfmGroupsAndLapsedVips()
    {
        import("online-retail/online_retail.csv.xz", *ingest::csvPreset("online-retail"));
        const traits::TraitTable t = load({});
        const QStringList sql = rows(m_ws, std::string(kOrders) + kRfmGroups);
        qInfo("RFM groups: %s", qPrintable(sql.join(QStringLiteral(", "))));
        QVERIFY(sql.size() >= 10); // order-count ties no longer leave frequency scores empty
        QCOMPARE(countsOf(t, "rfm_group"), sql);
        const std::string lapsed = std::string(kOrders) +
                                   "SELECT 'lapsed', count(*) FROM o WHERE m >= 2000 AND last <= " +
                                   std::to_string(t.nowMs - 46 * traits::kDayMs); // more than 45 whole days
        const auto rule = segments::instantiateTemplate("lapsed-vips", {}, t);
        QVERIFY(rule);
        const auto matched = segments::RuleEvaluator(t, m_ws).evaluate(*rule);
        QVERIFY(matched);
        const auto vips = static_cast<int>(matched->count());
        QVERIFY(vips > 50);
        QCOMPARE(QStringLiteral("lapsed|%1").arg(vips), rows(m_ws, lapsed).value(0));
        QVERIFY2(t.models.fitted && t.models.bgNbdConverged, t.models.note.c_str());
    }

    // Guest invoices (no CustomerID) are people, not customers: the count says how many are identified.
    void onlineRetailLapsedVipsAmongIdentifiedCustomers()
    {
        import("online-retail/online_retail.csv.xz", *ingest::csvPreset("online-retail"));
        services::TraitRequest request;
        request.asOfMs = *ingest::parseTimestamp("2011-12-10T00:00:00Z");
        auto table = services::TraitService(m_ws).load(request, ProgressSink::null());
        QVERIFY(table);
        const auto vips = segments::instantiateTemplate("lapsed-vips", {}, **table);
        QVERIFY(vips);
        const auto c = services::SegmentService(m_ws).count(*vips, request, ProgressSink::null());
        QVERIFY2(c, c ? "" : c.error().message.c_str());
        const std::string cut = std::to_string(*request.asOfMs - 46 * traits::kDayMs);
        const std::string asOf = std::to_string(*request.asOfMs);
        const char *ordersBefore = "WITH o AS (SELECT profile_id, max(ts) AS last, "
                                   "sum(coalesce(json_extract(properties, '$.revenue'), "
                                   "json_extract(properties, '$.total'), 0)) AS m "
                                   "FROM events WHERE name_id = (SELECT id FROM event_names WHERE name = "
                                   "'Order Completed') AND ts < ";
        const std::string lapsed =
            std::string(ordersBefore) + asOf + " GROUP BY profile_id) SELECT count(*), " +
            "sum(EXISTS (SELECT 1 FROM identities i WHERE i.profile_id = o.profile_id AND "
            "i.kind = 0)) FROM o WHERE m >= 2000 AND last <= " +
            cut;
        const QStringList expected = rows(m_ws, lapsed);
        qInfo("lapsed VIPs as of 2011-12-10: %lld people, %lld identified",
              static_cast<long long>(c->matching), static_cast<long long>(c->identified));
        QCOMPARE(QStringLiteral("%1|%2").arg(c->matching).arg(c->identified), expected.value(0));
        QVERIFY(c->identified < c->matching); // guests are among them
        QVERIFY(c->identified > 100);
    }

    void completeJourneyDiscountBands()
    {
        import("completejourney/transactions_sample.csv.xz", *ingest::csvPreset("completejourney"));
        const traits::TraitTable t = load({});
        const char *lines = " FROM event_products p JOIN events e ON e.id = p.event_id WHERE e.name_id = "
                            "(SELECT id FROM event_names WHERE name = 'Order Completed')";
        // Every line carries its own discount columns, so each is judged on its own.
        QCOMPARE(test::queryInt(m_ws, std::string("SELECT count(*)") + lines +
                                          " AND json_type(p.properties, '$.retail_disc') IS NULL"),
                 std::int64_t(0));
        const std::string bands =
            std::string("WITH l AS (SELECT e.profile_id AS id, count(*) AS items, sum("
                        "coalesce(json_extract(p.properties, '$.retail_disc'), 0) != 0 OR "
                        "coalesce(json_extract(p.properties, '$.coupon_disc'), 0) != 0 OR "
                        "coalesce(json_extract(p.properties, '$.coupon_match_disc'), 0) != 0) AS disc") +
            lines +
            " GROUP BY e.profile_id) SELECT CASE WHEN l.items IS NULL THEN 'Mid' "
            "WHEN 1.0 * l.disc / l.items >= 0.5 THEN 'High' WHEN 1.0 * l.disc / l.items < 0.2 THEN 'Low' "
            "ELSE 'Mid' END AS b, count(*) FROM profiles pr LEFT JOIN l ON l.id = pr.id GROUP BY b ORDER BY "
            "b";
        const QStringList sql = rows(m_ws, bands);
        QCOMPARE(sql.size(), 3);
        QCOMPARE(countsOf(t, "discount_affinity"), sql);
    }

    void cdnowPublishedFits()
    {
        // The 1/10 sample: master id, sample id, date, CDs, dollars. Calibration period: up to 1997-09-30.
        ingest::CsvMapping m = *ingest::csvPreset("cdnow");
        m.preset = "cdnow-sample";
        m.userIdColumn = "2";
        m.timestampColumn = "3";
        m.propertyColumns = {"4", "5"};
        m.propertyNames = {{"4", "quantity"}, {"5", "revenue"}};
        import("cdnow/CDNOW_sample.txt", m);
        traits::TraitOptions options;
        options.asOfMs = 852076800000 + 273 * traits::kDayMs; // 1997-10-01T00:00:00Z
        options.timeUnitDays = 7;
        const traits::ModelSummary fit = load(options).models;
        QVERIFY(fit.fitted && fit.bgNbdConverged && fit.gammaGammaConverged);
        QCOMPARE(fit.customers, std::int64_t(2357));
        QCOMPARE(fit.repeatCustomers, std::int64_t(946));
        const auto near = [](double a, double b, double tol) { return std::abs(a - b) <= tol; };
        const QString got = QStringLiteral("r %1 alpha %2 a %3 b %4 ll %5 p %6 q %7 v %8")
                                .arg(fit.r)
                                .arg(fit.alpha)
                                .arg(fit.a)
                                .arg(fit.b)
                                .arg(fit.bgNbdLogLikelihood)
                                .arg(fit.p)
                                .arg(fit.q)
                                .arg(fit.v);
        QVERIFY2(near(fit.r, 0.243, 0.001) && near(fit.alpha, 4.414, 0.005) && near(fit.a, 0.793, 0.002) &&
                     near(fit.b, 2.426, 0.005) && near(fit.bgNbdLogLikelihood, -9582.4, 0.1),
                 qPrintable(got));
        QVERIFY2(near(fit.p, 6.25, 0.01) && near(fit.q, 3.74, 0.01) && near(fit.v, 15.44, 0.05),
                 qPrintable(got));
    }

private:
    void import(const char *relativePath, const ingest::CsvMapping &mapping)
    {
        services::ImportSpec spec;
        spec.files = {
            QString(test::sharedDataDir() + QLatin1Char('/') + QLatin1String(relativePath)).toStdString()};
        spec.format = services::ImportFormat::Csv;
        spec.mapping = mapping;
        const auto report = services::ImportService(m_ws).run(spec, ProgressSink::null());
        QVERIFY2(report, report ? "" : report.error().message.c_str());
        QCOMPARE(report->rejected, 0);
    }

    traits::TraitTable load(const traits::TraitOptions &options)
    {
        QElapsedTimer timer;
        timer.start();
        auto t = traits::loadTraits(m_ws, options, ProgressSink::null());
        if (!t) {
            qFatal("traits: %s", t.error().message.c_str());
        }
        qInfo("traits of %zu profiles in %lld ms", t->size(), static_cast<long long>(timer.elapsed()));
        return std::move(t).value();
    }

    QTemporaryDir m_dir;
    std::string m_ws;
    int m_count = 0;
};

QTEST_GUILESS_MAIN(TestTraitsRealData)
#include "tst_TraitsRealData.moc"
