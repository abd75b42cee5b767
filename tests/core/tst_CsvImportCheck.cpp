// SPDX-License-Identifier: GPL-3.0-or-later
// The import's preview: the first rows of a CSV file read through the importer's own path (lookups joined,
// columns mapped, times parsed), with the rows the import would reject and why; it rejects exactly the rows
// the import rejects. And the joins the wizard proposes for a set of lookup files.
#include "ShopFixture.h"
#include "TestUtil.h"
#include "ingest/CsvImportCheck.h"
#include "ingest/CsvJoinGuess.h"
#include "ingest/CsvPresets.h"
#include "jobs/Progress.h"
#include "services/ImportService.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>

#include <algorithm>

using namespace awb;

class TestCsvImportCheck : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void joinedRowsWithTheirParsedValues()
    {
        const test::ShopFiles shop = test::writeShop(m_dir->path());
        const ingest::CsvMapping mapping = load(shop.mapping);
        const ingest::CsvCheck check = checked(mapping.factFile, mapping);
        QVERIFY2(check.mappingProblem.empty(), check.mappingProblem.c_str());
        // The fact file's columns, then every lookup's, named "lookup.column".
        QCOMPARE(check.header.front(), std::string("order_id"));
        QVERIFY(contains(check.header, "customers.customer_unique_id"));
        QVERIFY(contains(check.header, "categories.product_category_name_english"));
        QCOMPARE(check.rows.size(), std::size_t(3));
        QCOMPARE(check.rejected(), 0);
        const ingest::CsvCheckedRow &first = check.rows.front();
        QCOMPARE(first.line, 2);
        QCOMPARE(first.cells.size(), check.header.size());
        QCOMPARE(first.userId, std::string("U1"));
        QCOMPARE(first.event, std::string("Order Completed"));
        QCOMPARE(first.productId, std::string("p1"));
        QCOMPARE(first.orderId, std::string("o1"));
        QVERIFY(first.price.has_value());
        QCOMPARE(*first.price, 58.90);
        QCOMPARE(first.timestampMs,
                 QDateTime(QDate(2017, 10, 2), QTime(10, 56), QTimeZone::utc()).toMSecsSinceEpoch());
        QCOMPARE(check.lookups.size(), std::size_t(4));
        QCOMPARE(check.lookups.front().rows, 2);
    }

    // The preview says how many of its rows the import would reject and why, and they are the rows the
    // import rejects.
    void rejectsWhatTheImportRejects()
    {
        const test::ShopFiles shop = test::writeShop(m_dir->path(), "o9,1,p1,s1,2017-10-06 11:07:15,1.00,0\n"
                                                                    ",,,,,,\n"
                                                                    "o2,2,p2,s2,2017-10-08 09:00:00,oops,0\n");
        const ingest::CsvMapping mapping = load(shop.mapping);
        const ingest::CsvCheck check = checked(mapping.factFile, mapping);
        QCOMPARE(check.rows.size(), std::size_t(5));
        QCOMPARE(check.blank, 1);
        QCOMPARE(check.rejected(), 2);
        const auto reasons = check.reasons();
        QCOMPARE(reasons.size(), std::size_t(2));
        QVERIFY(reasons.front().second == 1);

        const ingest::ImportReport report = imported(mapping);
        QCOMPARE(report.rejected, check.rejected());
        QCOMPARE(report.blank, check.blank);
        for (const ingest::RejectedRow &r : report.rejections) {
            const auto row = std::find_if(check.rows.begin(), check.rows.end(),
                                          [&](const ingest::CsvCheckedRow &c) { return c.line == r.line; });
            QVERIFY(row != check.rows.end());
            QCOMPARE(row->problem, r.reason);
        }
    }

    // Row filters skip rows by a column's values (joined columns too), counted apart from rejections, in the
    // preview and the import alike; a filter on a column the file lacks is a mapping problem.
    void rowFiltersSkipAndCount()
    {
        const test::ShopFiles shop = test::writeShop(m_dir->path());
        ingest::CsvMapping mapping = load(shop.mapping);
        mapping.skipRows = {{"product_id", "p2|p7"}, {"customers.customer_state", " RJ "}};
        const ingest::CsvCheck check = checked(mapping.factFile, mapping);
        QCOMPARE(check.filtered, 2);
        QCOMPARE(check.rows.size(), std::size_t(1));
        QCOMPARE(check.rejected(), 0);

        const ingest::ImportReport report = imported(mapping);
        QCOMPARE(report.filtered, 2);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(report.imported, 1);
        QVERIFY(report.summary().find("filtered:    2") != std::string::npos);

        // Through the mapping JSON.
        auto again = ingest::csvMappingFromJson(ingest::csvMappingToJson(mapping));
        QVERIFY(again);
        QCOMPARE(again->skipRows, mapping.skipRows);

        mapping.skipRows = {{"status", "x"}};
        QVERIFY(checked(mapping.factFile, mapping).mappingProblem.find("\"status\"") != std::string::npos);
    }

    // A time format that reads none of the times: every preview row is rejected, with the reason.
    void everyRowRejected()
    {
        const test::ShopFiles shop = test::writeShop(m_dir->path());
        ingest::CsvMapping mapping = load(shop.mapping);
        mapping.timestampFormat = "%d.%m.%Y";
        const ingest::CsvCheck check = checked(mapping.factFile, mapping);
        QCOMPARE(check.rejected(), static_cast<std::int64_t>(check.rows.size()));
        // The two lines of order o1 share their time, so its reason comes first, with both.
        QCOMPARE(check.reasons().size(), std::size_t(2));
        QCOMPARE(check.reasons().front().second, 2);
        QVERIFY(check.reasons().front().first.find("10/2/2017 10:56") != std::string::npos);
    }

    // A mapped column the file lacks: the rows are still shown, with the problem naming the column.
    void mappingProblemKeepsTheRows()
    {
        const test::ShopFiles shop = test::writeShop(m_dir->path());
        ingest::CsvMapping mapping = load(shop.mapping);
        mapping.priceColumn = "unit_price";
        const ingest::CsvCheck check = checked(mapping.factFile, mapping);
        QVERIFY(check.mappingProblem.find("unit_price") != std::string::npos);
        QCOMPARE(check.rows.size(), std::size_t(3));
        QVERIFY(check.rows.front().userId.empty());
        QCOMPARE(check.rows.front().cells.size(), check.header.size());
    }

    void maxRowsAndUnreadableLookup()
    {
        const test::ShopFiles shop = test::writeShop(m_dir->path());
        ingest::CsvMapping mapping = load(shop.mapping);
        QCOMPARE(checked(mapping.factFile, mapping, 2).rows.size(), std::size_t(2));
        mapping.lookups.front().file = m_dir->filePath(QStringLiteral("missing.csv")).toStdString();
        const auto check = ingest::checkCsvImport(mapping.factFile, mapping, 20, ProgressSink::null());
        QVERIFY(!check);
        QVERIFY(check.error().message.find("missing.csv") != std::string::npos);
    }

    // Listed in any order (alphabetical, as a file dialog gives them), the files are joined in an order in
    // which each one's column exists: the translation after the products, the customers after the orders.
    void guessesTheJoinsOfTheShopFiles()
    {
        const test::ShopFiles shop = test::writeShop(m_dir->path());
        std::vector<ingest::LookupFile> files;
        for (const std::string &path : {shop.translation, shop.customers, shop.orders, shop.products}) {
            auto preview = ingest::previewCsv(path, {}, 0);
            QVERIFY(preview);
            files.push_back({path, preview->header});
        }
        files.push_back({m_dir->filePath(QStringLiteral("Other Orders.csv.gz")).toStdString(), {"note"}});
        auto fact = ingest::previewCsv(shop.items, {}, 0);
        QVERIFY(fact);
        const std::vector<ingest::CsvLookup> lookups = ingest::guessLookups(fact->header, files);
        QStringList joins;
        for (const ingest::CsvLookup &l : lookups) {
            joins << QString::fromStdString(l.name + ":" + l.key + "=" + l.on);
        }
        QCOMPARE(joins.join(QLatin1Char(' ')),
                 QStringLiteral("orders:order_id=order_id products:product_id=product_id "
                                "category_translation:product_category_name=products.product_category_name "
                                "customers:customer_id=orders.customer_id other_orders:="));

        // The guessed joins import the shop as the hand-written mapping does.
        ingest::CsvMapping mapping = load(shop.mapping);
        mapping.lookups = lookups;
        mapping.lookups.pop_back();
        mapping.lookups[1].name = "products";
        mapping.lookups[2].name = "categories";
        mapping.lookups[2].on = "products.product_category_name";
        const ingest::CsvCheck check = checked(shop.items, mapping);
        QVERIFY2(check.mappingProblem.empty(), check.mappingProblem.c_str());
        QCOMPARE(check.rejected(), 0);
        QCOMPARE(check.rows.back().userId, std::string("U2"));
    }

private:
    static bool contains(const std::vector<std::string> &v, const char *s)
    {
        return std::find(v.begin(), v.end(), s) != v.end();
    }
    static ingest::CsvMapping load(const std::string &path)
    {
        auto mapping = ingest::loadCsvMapping(path);
        if (!mapping) {
            qFatal("%s", mapping.error().message.c_str());
        }
        return *mapping;
    }
    ingest::ImportReport imported(const ingest::CsvMapping &mapping)
    {
        services::ImportSpec spec;
        spec.files = {mapping.factFile};
        spec.mapping = mapping;
        auto report = services::ImportService(m_dir->filePath(QStringLiteral("w.awb")).toStdString())
                          .run(spec, ProgressSink::null());
        if (!report) {
            qFatal("%s", report.error().message.c_str());
        }
        return *report;
    }
    static ingest::CsvCheck checked(const std::string &path, const ingest::CsvMapping &mapping,
                                    std::size_t rows = 20)
    {
        auto check = ingest::checkCsvImport(path, mapping, rows, ProgressSink::null());
        if (!check) {
            qFatal("%s", check.error().message.c_str());
        }
        return *check;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestCsvImportCheck)
#include "tst_CsvImportCheck.moc"
