// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestUtil.h"
#include "catalog/CatalogDefinition.h"
#include "ingest/EventWriter.h"
#include "jobs/Progress.h"
#include "services/CatalogService.h"
#include "store/Database.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace awb;

namespace {

ingest::EventRecord makeEvent(const char *user, const char *name, std::int64_t day, const char *properties,
                              std::vector<ingest::ProductRecord> products = {})
{
    ingest::EventRecord e;
    e.userId = user;
    e.name = name;
    e.timestampMs = day * 86400000;
    e.propertiesJson = properties;
    e.products = std::move(products);
    return e;
}

ingest::ProductRecord product(const char *id, const char *properties)
{
    return {id, 10.0, 1.0, properties};
}

class CountingCancel : public CancelableProgress
{
public:
    bool isCancelled() const override { return true; }
};

} // namespace

class TestCatalog : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(QStringLiteral("c.awb")).toStdString();
        auto db = store::Database::open(m_path, store::Database::OpenMode::CreateIfMissing);
        QVERIFY(db);
        store::Transaction tx(**db);
        (*db)->exec("INSERT INTO import_runs (id, started_at, status) VALUES (1, 0, 'completed')");
        ingest::EventWriter w(**db, 1);
        const char *p1Old = R"({"product_id":"p1","brand":"Acme","genres":["A","B"],"tags":"x| y"})";
        const char *p1New = R"({"product_id":"p1","brand":"Acme Two","genres":["A","B"],"tags":"x| y"})";
        const char *p2 = R"({"product_id":"p2","brand":"Beta","sku":"p2"})";
        w.write(makeEvent("u1", "Product Viewed", 1, p1Old, {product("p1", p1Old)}));
        w.write(makeEvent("u1", "Order Completed", 5, R"({"order_id":"o1"})",
                          {product("p1", p1New), product("p2", p2)}));
        w.write(makeEvent("u2", "Product Added", 2, p2, {product("p2", p2)}));
        w.write(makeEvent("u2", "Product Viewed", 3, R"({"name":"no id"})"));
        w.write(makeEvent("u3", "Page Viewed", 3, R"({"product_id":"p9"})",
                          {product("p9", R"({"product_id":"p9"})")}));
        // A product row of a catalog event whose properties lack the chosen id property (sku) is skipped.
        w.write(makeEvent("u3", "Product Added", 4, R"({"product_id":"p3"})",
                          {product("p3", R"({"product_id":"p3"})")}));
        // Ratings name the brand product_brand (their "brand" is something else); only perEventProperty uses
        // them.
        const char *p4 = R"({"product_id":"p4","product_brand":"Delta","brand":"Not a brand"})";
        const char *p2Rated = R"({"product_id":"p2","product_brand":"Beta Rated"})";
        w.write(makeEvent("u4", "Product Rated", 6, p4, {product("p4", p4)}));
        w.write(makeEvent("u4", "Product Rated", 7, p2Rated, {product("p2", p2Rated)}));
        w.finish();
        tx.commit();
    }

    void refusesAnEleventhEvent()
    {
        catalog::CatalogDefinition def;
        for (int i = 0; i < 11; ++i) {
            def.events.push_back({"Event " + std::to_string(i), "product_id", 1.0});
        }
        const auto saved = services::CatalogService(m_path).save(def);
        QVERIFY(!saved);
        QVERIFY2(saved.error().message.find("at most 10") != std::string::npos,
                 saved.error().message.c_str());
        def.events.resize(10);
        QVERIFY(services::CatalogService(m_path).save(def));
    }

    void validationNamesTheBadPart_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("message");
        QTest::newRow("no events") << QStringLiteral("none") << QStringLiteral("at least one");
        QTest::newRow("duplicate event")
            << QStringLiteral("dup") << QStringLiteral("'Order Completed' is listed twice");
        QTest::newRow("zero weight") << QStringLiteral("weight") << QStringLiteral("needs a weight above 0");
        QTest::newRow("unmapped column")
            << QStringLiteral("column") << QStringLiteral("'Brand' is not mapped");
        QTest::newRow("override on another event")
            << QStringLiteral("other event")
            << QStringLiteral(
                   "Column 'Brand' reads 'product_brand' on event 'Product Rated', which is not one "
                   "of the catalog's events");
        QTest::newRow("override without property")
            << QStringLiteral("empty override")
            << QStringLiteral("'Brand' has an empty property for event 'Order Completed'");
        QTest::newRow("two overrides on an event")
            << QStringLiteral("override twice")
            << QStringLiteral("'Brand' has two properties for event 'Order Completed'");
        QTest::newRow("override without event")
            << QStringLiteral("no event")
            << QStringLiteral("'Brand' has a per-event property ('product_brand') without an event");
    }

    void validationNamesTheBadPart()
    {
        QFETCH(QString, what);
        QFETCH(QString, message);
        catalog::CatalogDefinition def;
        if (what != QLatin1String("none")) {
            def.events.push_back(
                {"Order Completed", "product_id", what == QLatin1String("weight") ? 0.0 : 5.0});
        }
        if (what == QLatin1String("dup")) {
            def.events.push_back({"Order Completed", "product_id", 1.0});
        }
        if (what == QLatin1String("column")) {
            def.columns.push_back({"Brand", "", ""});
        }
        const std::map<QString, std::vector<catalog::ColumnOverride>> overrides = {
            {QStringLiteral("other event"), {{"Product Rated", "product_brand"}}},
            {QStringLiteral("empty override"), {{"Order Completed", ""}}},
            {QStringLiteral("override twice"), {{"Order Completed", "a"}, {"Order Completed", "b"}}},
            {QStringLiteral("no event"), {{"", "product_brand"}}},
        };
        if (const auto it = overrides.find(what); it != overrides.end()) {
            def.columns.push_back({"Brand", "brand", "", it->second});
        }
        const auto valid = def.validate();
        QVERIFY(!valid);
        QVERIFY2(QString::fromStdString(valid.error().message).contains(message),
                 valid.error().message.c_str());
    }

    void buildsItemsValuesAndInteractions()
    {
        services::CatalogService service(m_path);
        QVERIFY(service.save(definition()));
        const auto built = service.build(ProgressSink::null());
        QVERIFY2(built, built ? "" : built.error().message.c_str());
        QCOMPARE(built->items, 2);
        QCOMPARE(built->interactions, 4);
        QCOMPARE(built->profiles, 2);
        QCOMPARE(built->skipped,
                 1); // the cart add of p3 has no sku (the view without any product has no product row)
        // Latest value wins: the order (day 5) renamed p1's brand.
        QCOMPARE(test::queryText(m_path,
                                 "SELECT v.value FROM catalog_item_values v JOIN catalog_items i ON "
                                 "i.item = v.item WHERE i.product_id = 'p1' AND v.column_name = 'Brand'"),
                 std::string("Acme Two"));
        QCOMPARE(
            test::queryInt(m_path, "SELECT count(*) FROM catalog_item_values WHERE column_name = 'Genre'"),
            2);
        QCOMPARE(test::queryInt(m_path,
                                "SELECT count(*) FROM catalog_item_values WHERE column_name = 'Tag' AND "
                                "value IN ('x', 'y')"),
                 2);
        const auto brands = service.values("Brand");
        QVERIFY(brands);
        QCOMPARE(brands->size(), std::size_t(2));
        // Two interactions each (p1: view + order, p2: order + cart add): ties are ordered by value.
        QCOMPARE(brands->at(0).value, std::string("Acme Two"));
        QCOMPARE(brands->at(1).value, std::string("Beta"));
        QCOMPARE(brands->at(1).interactions, 2);
        QCOMPARE(brands->at(1).products, 1);
        QCOMPARE(test::queryInt(m_path, "SELECT sum(weight) FROM catalog_interactions"), 1 + 5 + 5 + 3);
    }

    void perEventPropertyIsReadOnItsEvent()
    {
        services::CatalogService service(m_path);
        catalog::CatalogDefinition def = definition();
        def.events.push_back({"Product Rated", "product_id", 2.0});
        def.columns = {{"Brand", "brand", "", {{"Product Rated", "product_brand"}}}};
        QVERIFY(service.save(def));
        const auto built = service.build(ProgressSink::null());
        QVERIFY2(built, built ? "" : built.error().message.c_str());
        QCOMPARE(built->items, 3);
        // p4 only rated: its product_brand, not its "brand"; p2 rated last (day 7): the rating's name wins;
        // p1 never rated: the order's brand as before.
        const auto brandOf = [this](const std::string &id) {
            return test::queryText(m_path,
                                   "SELECT v.value FROM catalog_item_values v JOIN catalog_items i ON "
                                   "i.item = v.item WHERE v.column_name = 'Brand' AND i.product_id = '" +
                                       id + "'");
        };
        QCOMPARE(brandOf("p4"), std::string("Delta"));
        QCOMPARE(brandOf("p2"), std::string("Beta Rated"));
        QCOMPARE(brandOf("p1"), std::string("Acme Two"));
        QCOMPARE(test::queryInt(m_path, "SELECT count(*) FROM catalog_values WHERE value = 'Not a brand'"),
                 0);
        // Without the override the ratings' "brand" is read: p4 gets the wrong value, p2 keeps Beta.
        def.columns.front().overrides.clear();
        QVERIFY(service.save(def));
        QVERIFY(service.build(ProgressSink::null()));
        QCOMPARE(brandOf("p4"), std::string("Not a brand"));
        QCOMPARE(brandOf("p2"), std::string("Beta"));
    }

    void overridesRoundTripThroughTheRepository()
    {
        services::CatalogService service(m_path);
        catalog::CatalogDefinition def = definition();
        def.events.push_back({"Product Rated", "product_id", 2.0});
        // Given out of the events' order: they come back in it.
        def.columns[0].overrides = {{"Product Rated", "product_brand"},
                                    {"Order Completed", "products[].maker"}};
        def.columns[2].overrides = {{"Product Added", "labels"}};
        QVERIFY(service.save(def));
        auto loaded = service.definition();
        QVERIFY(loaded && *loaded);
        const auto &columns = (**loaded).columns;
        QCOMPARE(columns.size(), std::size_t(3));
        QCOMPARE(columns[0].overrides.size(), std::size_t(2));
        QCOMPARE(columns[0].overrides[0].event, std::string("Order Completed"));
        QCOMPARE(columns[0].overrides[0].property, std::string("products[].maker"));
        QCOMPARE(columns[0].overrides[1].event, std::string("Product Rated"));
        QCOMPARE(columns[0].propertyFor("Product Rated"), std::string("product_brand"));
        QCOMPARE(columns[0].propertyFor("Product Viewed"), std::string("brand"));
        QVERIFY(columns[1].overrides.empty());
        QCOMPARE(columns[2].propertyFor("Product Added"), std::string("labels"));
        QCOMPARE(columns[2].split, std::string("|"));
        // Saving replaces them all; a refused definition leaves the stored one as it was.
        def.columns[0].overrides.clear();
        QVERIFY(service.save(def));
        QCOMPARE(test::queryInt(m_path, "SELECT count(*) FROM catalog_column_events"), 1);
        def.columns[1].overrides = {{"Page Viewed", "genre"}};
        QVERIFY(!service.save(def));
        loaded = service.definition();
        QVERIFY(loaded && *loaded);
        QVERIFY((**loaded).columns[1].overrides.empty());
        QCOMPARE((**loaded).columns[2].overrides.size(), std::size_t(1));
    }

    void rebuildIsIdempotentAndCancelKeepsPreviousBuild()
    {
        services::CatalogService service(m_path);
        QVERIFY(service.save(definition()));
        QVERIFY(service.build(ProgressSink::null()));
        const std::string before = test::workspaceFingerprint(m_path);
        QVERIFY(service.build(ProgressSink::null()));
        QCOMPARE(test::queryInt(m_path, "SELECT count(*) FROM catalog_interactions"), 4);
        CountingCancel cancel;
        // Too few rows to reach a cancellation check: make the check happen by building many rows.
        {
            auto db = store::Database::open(m_path, store::Database::OpenMode::OpenExisting);
            store::Transaction tx(**db);
            ingest::EventWriter w(**db, 1);
            for (int i = 0; i < 5000; ++i) {
                const std::string props = R"({"product_id":"p2","brand":"Beta"})";
                auto e =
                    makeEvent("u9", "Product Added", 10 + i, props.c_str(), {product("p2", props.c_str())});
                w.write(e);
            }
            w.finish();
            tx.commit();
        }
        QVERIFY(service.build(ProgressSink::null()));
        const std::string built = test::workspaceFingerprint(m_path);
        const auto cancelled = service.build(cancel);
        QVERIFY(!cancelled);
        QVERIFY(cancelled.error().isCancelled());
        QCOMPARE(test::workspaceFingerprint(m_path), built);
        QVERIFY(before != built);
    }

    void buildWithoutDefinitionIsAClearError()
    {
        const auto built = services::CatalogService(m_path).build(ProgressSink::null());
        QVERIFY(!built);
        QCOMPARE(built.error().code, Error::Code::NotFound);
    }

private:
    static catalog::CatalogDefinition definition()
    {
        catalog::CatalogDefinition def;
        def.events = {{"Order Completed", "products[].product_id", 5.0},
                      {"Product Viewed", "product_id", 1.0},
                      {"Product Added", "sku", 3.0}};
        def.columns = {{"Brand", "brand", ""}, {"Genre", "genres", ""}, {"Tag", "tags", "|"}};
        return def;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::string m_path;
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_Catalog.moc"
