// SPDX-License-Identifier: GPL-3.0-or-later
// Several CSV files in one import: a fact file (order lines) joined to lookups (orders, customers,
// products, a category translation) by one mapping; missing and duplicate keys, the lookup size limit,
// blank rows and the mapping JSON's version.
#include "ShopFixture.h"
#include "TestUtil.h"
#include "ingest/CsvPresets.h"
#include "jobs/Progress.h"
#include "services/ImportService.h"

#include <QTemporaryDir>
#include <QTest>

using namespace awb;

class TestCsvJoin : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_ws = m_dir->filePath(QStringLiteral("w.awb")).toStdString();
    }

    void fiveFilesImportWithOneMapping()
    {
        const test::ShopFiles shop = test::writeShop(m_dir->path());
        const ingest::ImportReport report = run(shop.mapping);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(report.rowsRead, 3);
        QCOMPARE(report.imported, 2); // two orders, three lines
        QCOMPARE(sql("SELECT count(*) FROM event_products"), 3);
        QCOMPARE(text("SELECT group_concat(user_id) FROM (SELECT user_id FROM events ORDER BY user_id)"),
                 std::string("U1,U2"));
        QCOMPARE(text("SELECT strftime('%Y-%m-%dT%H:%M', ts / 1000, 'unixepoch') FROM events "
                      "WHERE user_id = 'U1'"),
                 std::string("2017-10-02T10:56"));
        QCOMPARE(text("SELECT json_extract(properties, '$.status') FROM events WHERE user_id = 'U2'"),
                 std::string("delivered"));
        // The category, translated, is a product property, so the catalog finds it.
        QCOMPARE(
            text("SELECT json_extract(properties, '$.category') || '/' || "
                 "json_extract(properties, '$.category_pt') FROM event_products WHERE product_id = 'p2'"),
            std::string("computers_accessories/informatica_acessorios"));
        QCOMPARE(report.lookups.size(), std::size_t(4));
        for (const ingest::LookupReport &l : report.lookups) {
            QCOMPARE(l.rows, 2);
            QCOMPARE(l.missingKeys, 0);
            QCOMPARE(l.duplicateKeys, 0);
        }
        QVERIFY(report.summary().find("lookup customers (customers.csv): 2 rows held in memory") !=
                std::string::npos);
    }

    // Person columns of a lookup land on the profile like a profiles file's, recognised by their own names.
    void profileColumnsOfALookup()
    {
        const test::ShopFiles shop = test::writeShop(
            m_dir->path(), {}, {},
            R"(, "profileColumns": ["customers.customer_city", "customers.customer_zip_code_prefix"])");
        const ingest::ImportReport report = run(shop.mapping);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(report.profileRows, 3); // every line writes its person's attributes
        QCOMPARE(text("SELECT group_concat(key || '=' || value, ';') FROM (SELECT a.key, a.value FROM "
                      "profile_attributes a JOIN identities i ON i.profile_id = a.profile_id WHERE i.value = "
                      "'U2' ORDER BY a.key)"),
                 std::string("city=rio de janeiro;postal_code=20001"));
    }

    void missingKeysAreCountedAndReported()
    {
        // o9 is in no order (a required lookup: rejected); p9 in no product (optional: imported without
        // its category, counted, its line reported).
        const test::ShopFiles shop =
            test::writeShop(m_dir->path(), "o9,1,p1,s1,2017-10-06 11:07:15,1.00,0\n"
                                           "o2,2,p9,s2,2017-10-08 09:00:00,5.00,0\n");
        const ingest::ImportReport report = run(shop.mapping);
        QCOMPARE(report.rejected, 1);
        QCOMPARE(report.rejections.at(0).line, 5);
        QCOMPARE(report.rejections.at(0).source, std::string("order_items.csv"));
        QVERIFY2(report.rejections.at(0).reason.find("\"o9\" is not in orders.csv") != std::string::npos,
                 report.rejections.at(0).reason.c_str());
        QCOMPARE(report.lookups.at(0).missingKeys, 1);
        QCOMPARE(report.lookups.at(2).missingKeys, 1);
        QCOMPARE(report.lookups.at(2).notes.size(), std::size_t(1));
        QVERIFY2(report.lookups.at(2).notes.at(0).find("order_items.csv:6") != std::string::npos,
                 report.lookups.at(2).notes.at(0).c_str());
        QCOMPARE(report.lookups.at(3).missingKeys, 0); // no product, so no category to translate
        QCOMPARE(sql("SELECT count(*) FROM event_products WHERE product_id = 'p9' AND properties = '{}'"), 1);
    }

    void duplicateLookupKeysAreReported()
    {
        const test::ShopFiles shop = test::writeShop(m_dir->path(), {}, "p1,other_category,1\n");
        const ingest::ImportReport report = run(shop.mapping);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(report.lookups.at(2).duplicateKeys, 1);
        QVERIFY(report.lookups.at(2).notes.at(0).find("products.csv:4: duplicate key \"p1\"") !=
                std::string::npos);
        QCOMPARE(text("SELECT DISTINCT json_extract(properties, '$.category') FROM event_products "
                      "WHERE product_id = 'p1'"),
                 std::string("health_beauty")); // the first row is kept
    }

    void lookupOverTheLimitIsRefused()
    {
        const test::ShopFiles first = test::writeShop(m_dir->path());
        QCOMPARE(run(first.mapping).imported, 2);
        const test::ShopFiles shop = test::writeShop(m_dir->path(), "o2,3,p2,s2,2017-10-08 09:00:00,2.00,0\n",
                                                     {}, ",\n  \"lookupRowLimit\": 1");
        const ingest::ImportReport report = run(shop.mapping);
        QCOMPARE(report.imported, 0);
        QVERIFY(report.importedNothingButRejected());
        QVERIFY2(report.rejections.at(0).reason.find(
                     "orders.csv: the lookup \"orders\" has more than 1 rows") != std::string::npos,
                 report.rejections.at(0).reason.c_str());
        QCOMPARE(sql("SELECT count(*) FROM event_products"), 3); // the earlier import is intact
        QCOMPARE(sql("SELECT count(*) FROM events"), 2);
    }

    void blankRowsAreSkippedNotRejected()
    {
        const test::ShopFiles shop = test::writeShop(m_dir->path(), ",,,,,,\n , ,,,,,\n");
        const ingest::ImportReport report = run(shop.mapping);
        QCOMPARE(report.blank, 2);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(report.imported, 2);
    }

    void unknownJoinColumnNamesTheFile()
    {
        const test::ShopFiles shop = test::writeShop(m_dir->path());
        auto mapping = ingest::loadCsvMapping(shop.mapping);
        QVERIFY(mapping);
        mapping->lookups[1].on = "orders.buyer";
        const ingest::ImportReport report = run(*mapping);
        QCOMPARE(report.imported, 0);
        QVERIFY2(report.rejections.at(0).reason.find("order_items.csv: the lookup \"customers\" joins on "
                                                     "\"orders.buyer\"") != std::string::npos,
                 report.rejections.at(0).reason.c_str());
    }

    void mappingJsonKeepsLookupsAndRefusesNewerVersions()
    {
        const test::ShopFiles shop = test::writeShop(m_dir->path());
        const auto loaded = ingest::loadCsvMapping(shop.mapping);
        QVERIFY2(loaded, loaded ? "" : loaded.error().message.c_str());
        QCOMPARE(loaded->factFile, shop.items); // relative to the mapping file
        QCOMPARE(loaded->lookups.at(3).file, shop.translation);
        const auto again = ingest::csvMappingFromJson(ingest::csvMappingToJson(*loaded));
        QVERIFY(again);
        QCOMPARE(again->lookups.size(), std::size_t(4));
        QCOMPARE(again->lookups.at(1).on, std::string("orders.customer_id"));
        QVERIFY(again->lookups.at(1).required);
        QVERIFY(!again->lookups.at(2).required);
        const auto newer = ingest::csvMappingFromJson(R"({"version": 3, "fixedEvent": "X"})");
        QVERIFY(!newer);
        QVERIFY(newer.error().message.find("newer") != std::string::npos);
        const auto v1 = ingest::csvMappingFromJson(R"({"fixedEvent": "X"})");
        QVERIFY(v1); // no version: the first format, read as before
        const auto bad = ingest::csvMappingFromJson(R"({"lookups": [{"name": "x", "file": "f.csv"}]})");
        QVERIFY(!bad);
    }

private:
    ingest::ImportReport run(const std::string &mappingPath)
    {
        auto mapping = ingest::loadCsvMapping(mappingPath);
        if (!mapping) {
            qWarning("%s", mapping.error().message.c_str());
            return {};
        }
        return run(*mapping);
    }

    ingest::ImportReport run(const ingest::CsvMapping &mapping)
    {
        services::ImportSpec spec;
        spec.files = {mapping.factFile};
        spec.format = services::ImportFormat::Csv;
        spec.mapping = mapping;
        auto report = services::ImportService(m_ws).run(spec, ProgressSink::null());
        if (!report) {
            qWarning("import failed: %s", report.error().message.c_str());
            return {};
        }
        return *report;
    }

    std::int64_t sql(const std::string &query) { return test::queryInt(m_ws, query); }
    std::string text(const std::string &query) { return test::queryText(m_ws, query); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::string m_ws;
};

QTEST_GUILESS_MAIN(TestCsvJoin)
#include "tst_CsvJoin.moc"
