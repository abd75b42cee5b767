// SPDX-License-Identifier: GPL-3.0-or-later
// The catalog wizard's read-only previews: event counts, product property keys and sample values.
#include "catalog/CatalogPreview.h"
#include "ingest/EventWriter.h"
#include "services/CatalogService.h"
#include "store/Database.h"

#include <QTemporaryDir>
#include <QTest>

using namespace awb;

namespace {

constexpr std::int64_t kDayMs = 86400000;

ingest::EventRecord makeEvent(const std::string &user, const char *name, std::int64_t day,
                              std::string properties, std::vector<ingest::ProductRecord> products = {})
{
    ingest::EventRecord e;
    e.userId = user;
    e.name = name;
    e.timestampMs = day * kDayMs;
    e.propertiesJson = std::move(properties);
    e.products = std::move(products);
    return e;
}

QStringList names(const std::vector<catalog::SampleValue> &values)
{
    QStringList out;
    for (const auto &v : values) {
        out << QString::fromStdString(v.value);
    }
    return out;
}

} // namespace

class TestCatalogPreview : public QObject
{
    Q_OBJECT

private slots:
    // 6 product views (p1 x3 older, then p2 x3 newer; brand renamed on the newest), 2 orders with
    // products[] (2 products each), 4 page views without products.
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("p.awb")).toStdString();
        auto db = store::Database::open(m_path, store::Database::OpenMode::CreateIfMissing);
        QVERIFY(db);
        store::Transaction tx(**db);
        (*db)->exec("INSERT INTO import_runs (id, started_at, status) VALUES (1, 0, 'completed')");
        ingest::EventWriter w(**db, 1);
        for (int i = 0; i < 6; ++i) {
            const std::string id = i < 3 ? "p1" : "p2";
            const std::string brand = i == 5 ? "Beta New" : (i < 3 ? "Acme" : "Beta");
            const std::string props =
                "{\"product_id\":\"" + id + "\",\"brand\":\"" + brand +
                "\",\"genres\":\"Drama|Comedy\",\"dims\":{\"width\":" + std::to_string(10 + i) +
                "},\"price\":9.5}";
            w.write(makeEvent("u" + std::to_string(i), "Product Viewed", i, props, {{id, 9.5, 1.0, props}}));
        }
        for (int i = 0; i < 2; ++i) {
            const char *a = R"({"product_id":"p1","sku":"SKU-1","brand":"Acme"})";
            const char *b = R"({"product_id":"p3","sku":"SKU-3","brand":"Gamma"})";
            const std::string props =
                "{\"order_id\":\"o" + std::to_string(i) + "\",\"products\":[" + a + "," + b + "]}";
            w.write(makeEvent("u" + std::to_string(i), "Order Completed", 10 + i, props,
                              {{"p1", 5.0, 1.0, a}, {"p3", 7.0, 2.0, b}}));
        }
        for (int i = 0; i < 4; ++i) {
            w.write(makeEvent("u9", "Page Viewed", 20 + i, R"({"path":"/"})"));
        }
        w.finish();
        tx.commit();
    }

    void countsEventsAndProbesProducts()
    {
        const auto events = services::CatalogService(m_path).eventCounts();
        QVERIFY2(events, events ? "" : events.error().message.c_str());
        QCOMPARE(events->size(), std::size_t(3));
        QCOMPARE(events->at(0).name, std::string("Product Viewed"));
        QCOMPARE(events->at(0).events, 6);
        QVERIFY(events->at(0).hasProducts);
        QCOMPARE(events->at(1).name, std::string("Page Viewed"));
        QCOMPARE(events->at(1).events, 4);
        QVERIFY(!events->at(1).hasProducts);
        QCOMPARE(events->at(2).name, std::string("Order Completed"));
        QVERIFY(events->at(2).hasProducts);
    }

    void listsPropertyKeysWithExamples()
    {
        const auto props = services::CatalogService(m_path).propertyKeys("Product Viewed", 500, 2);
        QVERIFY(props);
        QCOMPARE(props->sampledRows, 6);
        QVERIFY(!props->productList);
        QStringList keys;
        for (const auto &k : props->keys) {
            keys << QString::fromStdString(k.key);
            QCOMPARE(k.rows, 6);
            QVERIFY(k.examples.size() <= 2);
        }
        keys.sort();
        QCOMPARE(keys,
                 QStringList({QStringLiteral("brand"), QStringLiteral("dims.width"), QStringLiteral("genres"),
                              QStringLiteral("price"), QStringLiteral("product_id")}));
        const auto brand = std::find_if(props->keys.begin(), props->keys.end(),
                                        [](const catalog::PropertyKey &k) { return k.key == "brand"; });
        // Most frequent first: Acme (3 rows) before Beta (2 rows).
        QCOMPARE(brand->examples, std::vector<std::string>({"Acme", "Beta"}));
    }

    void detectsProductListsAndUnknownEvents()
    {
        services::CatalogService service(m_path);
        const auto orders = service.propertyKeys("Order Completed");
        QVERIFY(orders);
        QVERIFY(orders->productList);
        QCOMPARE(orders->sampledRows, 4);
        QCOMPARE(orders->keys.size(), std::size_t(3)); // product_id, sku, brand
        const auto pages = service.propertyKeys("Page Viewed");
        QVERIFY(pages);
        QCOMPARE(pages->sampledRows, 0);
        QVERIFY(pages->keys.empty());
        const auto unknown = service.propertyKeys("No Such Event");
        QVERIFY(unknown);
        QCOMPARE(unknown->sampledRows, 0);
    }

    void previewsValuesAsTheBuildReadsThem_data()
    {
        QTest::addColumn<QStringList>("events");
        QTest::addColumn<QString>("property");
        QTest::addColumn<QString>("split");
        QTest::addColumn<int>("sampleRows");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<int>("withValue");
        QTest::addColumn<QString>("onOrders"); // the column's property on Order Completed, if not its default
        const QStringList views{QStringLiteral("Product Viewed")};
        const QStringList both{QStringLiteral("Product Viewed"), QStringLiteral("Order Completed")};
        struct Row
        {
            const char *name;
            bool orders;
            const char *property;
            const char *split;
            int sampleRows;
            std::vector<const char *> expected;
            int withValue;
            const char *onOrders = "";
        };
        const Row rows[] = {
            {"single value", false, "brand", "", 500, {"Acme", "Beta", "Beta New"}, 6},
            {"split on |", false, "genres", "|", 500, {"Comedy", "Drama"}, 6},
            {"unsplit", false, "genres", "", 500, {"Drama|Comedy"}, 6},
            {"nested key", false, "dims.width", "", 2, {"14", "15"}, 2},
            {"latest rows only", false, "product_id", "", 3, {"p2"}, 3},
            {"products[] prefix", true, "products[].sku", "", 500, {"SKU-1", "SKU-3"}, 4},
            {"missing property", false, "colour", "", 500, {}, 0},
            // Orders read sku instead of brand (their Gamma brand is not read); views keep brand.
            {"per-event property",
             true,
             "brand",
             "",
             500,
             {"Acme", "Beta", "Beta New", "SKU-1", "SKU-3"},
             10,
             "products[].sku"},
        };
        for (const Row &r : rows) {
            QStringList expected;
            for (const char *e : r.expected) {
                expected << QString::fromUtf8(e);
            }
            QTest::newRow(r.name) << (r.orders ? both : views) << QString::fromUtf8(r.property)
                                  << QString::fromUtf8(r.split) << r.sampleRows << expected << r.withValue
                                  << QString::fromUtf8(r.onOrders);
        }
    }

    void previewsValuesAsTheBuildReadsThem()
    {
        QFETCH(QStringList, events);
        QFETCH(QString, property);
        QFETCH(QString, split);
        QFETCH(int, sampleRows);
        QFETCH(QStringList, expected);
        QFETCH(int, withValue);
        QFETCH(QString, onOrders);
        std::vector<std::string> eventNames;
        for (const QString &e : events) {
            eventNames.push_back(e.toStdString());
        }
        catalog::CatalogColumn column{"Column", property.toStdString(), split.toStdString()};
        if (!onOrders.isEmpty()) {
            column.overrides.push_back({"Order Completed", onOrders.toStdString()});
        }
        const auto preview = services::CatalogService(m_path).previewValues(
            eventNames, column, 20, static_cast<std::size_t>(sampleRows));
        QVERIFY(preview);
        QCOMPARE(preview->rowsWithValue, withValue);
        QStringList got = names(preview->values);
        got.sort();
        QCOMPARE(got, expected);
    }

    void productIdSamplesAreCapped()
    {
        const auto ids =
            services::CatalogService(m_path).productIdSamples("Order Completed", "products[].product_id", 1);
        QVERIFY(ids);
        QCOMPARE(ids->sampledRows, 4);
        QCOMPARE(ids->values.size(), std::size_t(1));
        QCOMPARE(ids->values.front().rows, 2); // p1 and p3 tie at 2 rows: the first by value
        QCOMPARE(ids->values.front().value, std::string("p1"));
    }

private:
    QTemporaryDir m_dir;
    std::string m_path;
};

QTEST_GUILESS_MAIN(TestCatalogPreview)
#include "tst_CatalogPreview.moc"
