// SPDX-License-Identifier: GPL-3.0-or-later
// Imports the shared real data sets with their presets and checks counts derived independently from the
// raw files (skips when ../shared/data is absent). How each expected number was derived:
//  Online Retail: the reference counts of data/README.md, re-derived with Python's csv module over
//    `xz -dc online_retail.csv.xz`: 541,909 lines, 25,900 distinct InvoiceNo of which 3,836 start with C
//    (9,288 lines), 4,070 StockCodes, 4,372 CustomerIDs, 3,710 invoices (135,080 lines) without CustomerID;
//    clean lines (customer, quantity > 0, price > 0, not C) 397,884 from 4,338 customers,
//    sum(quantity * price) 8,911,407.90; dates 2010-12-01 08:26 .. 2011-12-09 12:50 (GMT then, so = UTC).
//    Invoice 542806 is the only one whose lines are not consecutive (two C542805 lines interrupt it): the
//    preset's order window groups it, so no line is rejected.
//  MovieLens: 100,836 ratings, 610 userIds, 9,724 distinct movieIds, all in movies.csv, sum(rating) 353,083.
//  CDNOW: `xz -dc CDNOW_master.txt.xz | awk`: 69,659 lines, 23,570 customers, sum(dollars) 2,500,315.63,
//    sum(CDs) 167,881; 255 lines repeat an earlier identical line (`sort | uniq -c`).
//  Complete Journey: 75,000 lines, 47,243 basket_ids, 2,377 households, 20,902 product_ids of which the
//    222 lines of 5 products are not in products.csv.xz, sum(sales_value) 233,935.24, sum of the three
//    discount columns 41,779.72, 1,013 baskets with a non-zero coupon_disc.
#include "TestUtil.h"
#include "ingest/CsvPresets.h"
#include "ingest/Timestamp.h"
#include "jobs/Progress.h"
#include "services/ImportService.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace awb;

class TestRealData : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        if (test::sharedDataDir().isEmpty()) {
            QSKIP("../shared/data is absent (AWB_SHARED_DATA): the real-data imports are not run");
        }
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("real%1.awb").arg(++m_count)).toStdString();
    }

    void onlineRetail()
    {
        const auto report = import("online-retail/online_retail.csv.xz", "online-retail");
        QCOMPARE(report.rowsRead, 541909);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(report.imported, 25900);
        QCOMPARE(sql("SELECT count(*) FROM events"), 25900);
        QCOMPARE(countByName("Order Completed"), 22064);
        QCOMPARE(countByName("Order Refunded"), 3836);
        QCOMPARE(sql("SELECT count(*) FROM event_products"), 541909);
        QCOMPARE(sql("SELECT count(DISTINCT product_id) FROM event_products"), 4070);
        QCOMPARE(sql("SELECT count(DISTINCT profile_id) FROM identities WHERE kind = 0"), 4372);
        QCOMPARE(sql("SELECT count(*) FROM identities WHERE kind = 1 AND value LIKE 'guest:%'"), 3710);
        QCOMPARE(sql("SELECT count(*) FROM event_products p JOIN events e ON e.id = p.event_id "
                     "WHERE e.user_id IS NULL"),
                 135080);
        QCOMPARE(sql("SELECT count(*) FROM event_products p JOIN events e ON e.id = p.event_id "
                     "WHERE json_extract(e.properties, '$.order_id') LIKE 'C%'"),
                 9288);
        const char *clean =
            "FROM event_products p JOIN events e ON e.id = p.event_id "
            "JOIN identities i ON i.kind = 0 AND i.value = e.user_id "
            "WHERE p.quantity > 0 AND p.price > 0 AND json_extract(e.properties, '$.order_id') "
            "NOT LIKE 'C%'";
        QCOMPARE(sql(std::string("SELECT count(*) ") + clean), 397884);
        QCOMPARE(sql(std::string("SELECT count(DISTINCT i.profile_id) ") + clean), 4338);
        QCOMPARE(text(std::string("SELECT printf('%.2f', sum(p.quantity * p.price)) ") + clean),
                 std::string("8911407.90"));
        QCOMPARE(text("SELECT min(ts) || ' ' || max(ts) FROM events"),
                 std::to_string(*ingest::parseTimestamp("2010-12-01T08:26:00Z")) + " " +
                     std::to_string(*ingest::parseTimestamp("2011-12-09T12:50:00Z")));
        QCOMPARE(sql("SELECT count(*) FROM events WHERE NOT json_valid(properties)"), 0);
        QCOMPARE(sql("SELECT count(*) FROM event_products WHERE NOT json_valid(properties)"), 0);
    }

    void movielens()
    {
        const auto report = import("movielens-latest-small/ratings.csv.xz", "movielens");
        QCOMPARE(report.rowsRead, 100836);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(report.imported, 100836);
        QCOMPARE(countByName("Product Rated"), 100836);
        QCOMPARE(sql("SELECT count(*) FROM profiles"), 610);
        QCOMPARE(sql("SELECT count(DISTINCT product_id) FROM event_products"), 9724);
        QCOMPARE(sql("SELECT count(*) FROM event_products WHERE json_type(properties, '$.genres') = 'array' "
                     "AND json_extract(properties, '$.name') IS NOT NULL"),
                 100836);
        QCOMPARE(sql("SELECT sum(json_extract(properties, '$.rating')) FROM events"), 353083);
    }

    void cdnow()
    {
        const auto report = import("cdnow/CDNOW_master.txt.xz", "cdnow");
        QCOMPARE(report.rowsRead, 69659);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(report.imported, 69659);
        QCOMPARE(sql("SELECT count(*) FROM profiles"), 23570);
        QCOMPARE(sql("SELECT count(*) FROM events WHERE message_id IS NOT NULL"), 255);
        QCOMPARE(text("SELECT printf('%.2f', sum(json_extract(properties, '$.revenue'))) FROM events"),
                 std::string("2500315.63"));
        QCOMPARE(sql("SELECT sum(json_extract(properties, '$.quantity')) FROM events"), 167881);
        QCOMPARE(text("SELECT min(ts) || ' ' || max(ts) FROM events"),
                 std::to_string(*ingest::parseTimestamp("1997-01-01")) + " " +
                     std::to_string(*ingest::parseTimestamp("1998-06-30")));
    }

    void completeJourney()
    {
        const auto report = import("completejourney/transactions_sample.csv.xz", "completejourney");
        QCOMPARE(report.rowsRead, 75000);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(report.imported, 47243);
        QCOMPARE(sql("SELECT count(*) FROM profiles"), 2377);
        QCOMPARE(sql("SELECT count(*) FROM event_products"), 75000);
        QCOMPARE(sql("SELECT count(DISTINCT product_id) FROM event_products"), 20902);
        QCOMPARE(
            sql("SELECT count(*) FROM event_products WHERE json_extract(properties, '$.department') IS NULL"),
            222);
        QCOMPARE(text("SELECT printf('%.2f', sum(json_extract(properties, '$.revenue'))) FROM events"),
                 std::string("233935.24"));
        QCOMPARE(text("SELECT printf('%.2f', sum(json_extract(properties, '$.discount'))) FROM events"),
                 std::string("41779.72"));
        QCOMPARE(sql("SELECT count(*) FROM events WHERE json_extract(properties, '$.coupon')"), 1013);
    }

private:
    ingest::ImportReport import(const char *relativePath, const char *preset)
    {
        const QString data = test::sharedDataDir();
        services::ImportSpec spec;
        spec.files = {QString(data + QLatin1Char('/') + QLatin1String(relativePath)).toStdString()};
        spec.format = services::ImportFormat::Csv;
        spec.mapping = *ingest::csvPreset(preset);
        QElapsedTimer timer;
        timer.start();
        auto report = services::ImportService(m_ws).run(spec, ProgressSink::null());
        qInfo("%s: imported in %lld ms", preset, static_cast<long long>(timer.elapsed()));
        if (!report) {
            qWarning("import failed: %s", report.error().message.c_str());
            return {};
        }
        return *report;
    }

    // name is one of the test's own literals.
    std::int64_t countByName(const std::string &name)
    {
        return sql("SELECT count(*) FROM events e JOIN event_names n ON n.id = e.name_id WHERE n.name = '" +
                   name + "'");
    }
    std::int64_t sql(const std::string &query) { return test::queryInt(m_ws, query); }
    std::string text(const std::string &query) { return test::queryText(m_ws, query); }

    QTemporaryDir m_dir;
    std::string m_ws;
    int m_count = 0;
};

QTEST_GUILESS_MAIN(TestRealData)
#include "tst_RealData.moc"
