// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestUtil.h"
#include "catalog/CatalogDefinition.h"
#include "ingest/EventWriter.h"
#include "jobs/Progress.h"
#include "services/CatalogService.h"
#include "store/Database.h"

#include <QTemporaryDir>
#include <QTest>

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
        w.write(makeEvent("u1", "Order Completed", 5, R"({"order_id":"o1"})", {product("p1", p1New), product("p2", p2)}));
        w.write(makeEvent("u2", "Product Added", 2, p2, {product("p2", p2)}));
        w.write(makeEvent("u2", "Product Viewed", 3, R"({"name":"no id"})"));
        w.write(makeEvent("u3", "Page Viewed", 3, R"({"product_id":"p9"})", {product("p9", R"({"product_id":"p9"})")}));
        // A product row of a catalog event whose properties lack the chosen id property (sku) is skipped.
        w.write(makeEvent("u3", "Product Added", 4, R"({"product_id":"p3"})", {product("p3", R"({"product_id":"p3"})")}));
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
        QVERIFY2(saved.error().message.find("at most 10") != std::string::npos, saved.error().message.c_str());
        def.events.resize(10);
        QVERIFY(services::CatalogService(m_path).save(def));
    }

    void validationNamesTheBadPart_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("message");
        QTest::newRow("no events") << QStringLiteral("none") << QStringLiteral("at least one");
        QTest::newRow("duplicate event") << QStringLiteral("dup") << QStringLiteral("'Order Completed' is listed twice");
        QTest::newRow("zero weight") << QStringLiteral("weight") << QStringLiteral("needs a weight above 0");
        QTest::newRow("unmapped column") << QStringLiteral("column") << QStringLiteral("'Brand' is not mapped");
    }

    void validationNamesTheBadPart()
    {
        QFETCH(QString, what);
        QFETCH(QString, message);
        catalog::CatalogDefinition def;
        if (what != QLatin1String("none")) {
            def.events.push_back({"Order Completed", "product_id", what == QLatin1String("weight") ? 0.0 : 5.0});
        }
        if (what == QLatin1String("dup")) {
            def.events.push_back({"Order Completed", "product_id", 1.0});
        }
        if (what == QLatin1String("column")) {
            def.columns.push_back({"Brand", "", ""});
        }
        const auto valid = def.validate();
        QVERIFY(!valid);
        QVERIFY2(QString::fromStdString(valid.error().message).contains(message), valid.error().message.c_str());
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
        QCOMPARE(built->skipped, 1); // the cart add of p3 has no sku (the view without any product has no product row)
        // Latest value wins: the order (day 5) renamed p1's brand.
        QCOMPARE(test::queryText(m_path, "SELECT v.value FROM catalog_item_values v JOIN catalog_items i ON "
                                         "i.item = v.item WHERE i.product_id = 'p1' AND v.column_name = 'Brand'"),
                 std::string("Acme Two"));
        QCOMPARE(test::queryInt(m_path, "SELECT count(*) FROM catalog_item_values WHERE column_name = 'Genre'"), 2);
        QCOMPARE(test::queryInt(m_path, "SELECT count(*) FROM catalog_item_values WHERE column_name = 'Tag' AND "
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
                auto e = makeEvent("u9", "Product Added", 10 + i, props.c_str(), {product("p2", props.c_str())});
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
