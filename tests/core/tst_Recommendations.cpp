// SPDX-License-Identifier: GPL-3.0-or-later
// Recommended items in exports: the columns each tool's preset names, the filters and exclusions checked
// against the workspace itself, prices and markdowns from the events, and the control group still held out.
#include "TestUtil.h"
#include "ingest/CsvReader.h"
#include "ingest/InputFile.h"
#include "jobs/Progress.h"
#include "services/AudienceService.h"
#include "services/CatalogService.h"
#include "segments/RuleJson.h"
#include "services/ExportService.h"
#include "services/SegmentService.h"
#include "sample/SampleGenerator.h"
#include "services/WorkspaceService.h"
#include "store/Database.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

using namespace awb;

namespace {

struct Csv
{
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;

    std::size_t column(const std::string &name) const
    {
        const auto at = std::find(header.begin(), header.end(), name);
        return at == header.end() ? std::string::npos : static_cast<std::size_t>(at - header.begin());
    }
};

Csv readCsv(const std::string &path)
{
    Csv csv;
    auto file = ingest::InputFile::open(path);
    if (!file) {
        return csv;
    }
    ingest::CsvReader reader(**file, ',');
    ingest::CsvReader::Record record;
    while (reader.next(record)) {
        (csv.header.empty() ? csv.header : csv.rows.emplace_back()) = record.fields();
    }
    return csv;
}

std::set<std::string> textSet(const std::string &workspace, const std::string &sql)
{
    std::set<std::string> out;
    auto db = store::Database::open(workspace, store::Database::OpenMode::OpenExisting);
    auto st = (*db)->prepare(sql);
    while (st.step()) {
        out.insert(st.text(0));
    }
    return out;
}

services::ExportRequest exportOf(const std::string &preset, const std::string &out,
                                 std::vector<std::string> columns = {})
{
    services::ExportRequest request;
    request.audience = "Beauty";
    request.preset = preset;
    request.outFile = out;
    request.columns = std::move(columns);
    return request;
}

std::string quoted(const std::string &s)
{
    std::string out = "'";
    for (const char c : s) {
        out += c == '\'' ? std::string("''") : std::string(1, c);
    }
    return out + "'";
}

} // namespace

class TestRecommendations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("shop.awb")).toStdString();
        sample::SampleSpec spec;
        spec.profiles = 2000;
        QVERIFY(services::WorkspaceService::createSample(m_ws, spec, ProgressSink::null()));
        services::AudienceSpec create;
        create.draft.target = {"Category", "Beauty", {}};
        create.create.name = "Beauty";
        create.create.size = audience::SizeRule::ofPercent(40);
        create.create.controlShare = 0.1;
        create.create.controlSeed = 5;
        const auto created = services::AudienceService(m_ws).create(create, ProgressSink::null());
        QVERIFY(created);
        m_members = test::queryInt(m_ws, "SELECT size - control_size FROM audiences WHERE name = 'Beauty'");
        QVERIFY(m_members > 100);
    }

    void presetsNameTheColumnsTheirToolsExpect_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("last");
        QTest::newRow("mailchimp") << "mailchimp" << "Rec 1 ID" << "Rec 3 Name";
        QTest::newRow("klaviyo") << "klaviyo" << "rec_1_id" << "rec_3_name";
        QTest::newRow("braze") << "braze" << "rec_1_id" << "rec_3_name";
        QTest::newRow("segment") << "segment" << "rec_1_id" << "rec_3_name";
        QTest::newRow("generic") << "generic" << "rec_1_id" << "rec_3_name";
    }
    void presetsNameTheColumnsTheirToolsExpect()
    {
        QFETCH(QString, preset);
        QFETCH(QString, first);
        QFETCH(QString, last);
        const std::string out = m_dir.filePath(preset + QStringLiteral(".csv")).toStdString();
        services::ExportRequest request = exportOf(preset.toStdString(), out);
        request.recommendations = services::RecommendationRequest{};
        request.recommendations->count = 3;
        const auto report = services::ExportService(m_ws).exportAudience(request, ProgressSink::null());
        QVERIFY2(report, report ? "" : report.error().message.c_str());
        const Csv csv = readCsv(out);
        const std::size_t id = csv.column(first.toStdString());
        QVERIFY2(id != std::string::npos, qPrintable(QString::fromStdString(csv.header.back())));
        QCOMPARE(csv.header.back(), last.toStdString());
        // Brand, Category, Subcategory, Name: id, price and the four catalog columns per item.
        QCOMPARE(csv.column(last.toStdString()) - id + 1, std::size_t(3 * 6));
        // The control group is still held out; everybody written has three distinct catalog products.
        QVERIFY(report->recommended && report->recommended->withItems == m_members);
        QCOMPARE(static_cast<std::int64_t>(csv.rows.size()), report->written);
        const std::set<std::string> products = textSet(m_ws, "SELECT product_id FROM catalog_items");
        for (const auto &row : csv.rows) {
            std::set<std::string> ids;
            for (std::size_t k = 0; k < 3; ++k) {
                QVERIFY(products.count(row[id + 6 * k]) == 1);
                ids.insert(row[id + 6 * k]);
            }
            QCOMPARE(ids.size(), std::size_t(3));
        }
        // The backtest is reported against the bestsellers.
        QCOMPARE(report->recommended->backtest.size(), std::size_t(2));
        QCOMPARE(report->recommended->backtest[1].name, std::string("bestsellers"));
        QVERIFY(report->recommended->backtest[0].people > 0);
        QVERIFY(report->toText().find("backtest bestsellers: hit rate") != std::string::npos);
    }

    void adPresetsRefuseRecommendedItems()
    {
        for (const char *preset : {"meta", "google", "google-hashed"}) {
            const std::string out = m_dir.filePath(QStringLiteral("ads.csv")).toStdString();
            services::ExportRequest request = exportOf(preset, out);
            request.recommendations = services::RecommendationRequest{};
            const auto report = services::ExportService(m_ws).exportAudience(request, ProgressSink::null());
            QVERIFY(!report);
            QVERIFY2(report.error().message.find("identifiers only") != std::string::npos,
                     report.error().message.c_str());
            QVERIFY(!QFile::exists(QString::fromStdString(out)));
        }
    }

    void filtersAndExclusionsHold()
    {
        const std::string out = m_dir.filePath(QStringLiteral("filtered.csv")).toStdString();
        services::ExportRequest request = exportOf("generic", out, {"user_id"});
        services::RecommendationRequest rec;
        rec.count = 5;
        rec.strategy = numeric::RecStrategy::Personal;
        rec.conditions = {{"Category", {"Beauty", "Home"}}};
        QVERIFY(services::parsePriceRange("10-60", rec));
        QVERIFY(services::parseExclusions("bought,cart", rec));
        request.recommendations = rec;
        const auto report = services::ExportService(m_ws).exportAudience(request, ProgressSink::null());
        QVERIFY2(report, report ? "" : report.error().message.c_str());
        const Csv csv = readCsv(out);
        const std::size_t user = csv.column("user_id");
        const std::size_t first = csv.column("rec_1_id");
        const std::set<std::string> allowed =
            textSet(m_ws, "SELECT i.product_id FROM catalog_items i JOIN catalog_item_values v ON v.item = i.item "
                          "WHERE v.column_name = 'Category' AND v.value IN ('Beauty', 'Home') AND i.price >= 10 "
                          "AND i.price <= 60");
        QCOMPARE(report->recommended->allowedItems, static_cast<std::int64_t>(allowed.size()));
        std::int64_t shown = 0;
        std::int64_t hadOrders = 0;
        for (const auto &row : csv.rows) {
            const std::string profile =
                "(SELECT profile_id FROM identities WHERE kind = 0 AND value = " + quoted(row[user]) + ")";
            const std::set<std::string> bought = textSet(
                m_ws, "SELECT ep.product_id FROM events e JOIN event_products ep ON ep.event_id = e.id JOIN "
                      "event_names n ON n.id = e.name_id WHERE n.name = 'Order Completed' AND e.profile_id = " +
                          profile);
            const std::set<std::string> inCart = textSet(
                m_ws, "SELECT ep.product_id FROM events e JOIN event_products ep ON ep.event_id = e.id JOIN "
                      "event_names n ON n.id = e.name_id WHERE n.name = 'Product Added' AND e.profile_id = " +
                          profile + " AND e.ts > coalesce((SELECT max(o.ts) FROM events o JOIN event_names "
                                    "m ON m.id = o.name_id WHERE m.name = 'Order Completed' AND o.profile_id = " +
                          profile + "), -1)");
            hadOrders += bought.empty() ? 0 : 1;
            for (std::size_t k = 0; k < 5; ++k) {
                const std::string &id = row[first + 6 * k];
                if (id.empty()) {
                    continue;
                }
                ++shown;
                QVERIFY2(allowed.count(id) == 1, id.c_str());
                QVERIFY2(bought.count(id) == 0, (row[user] + " bought " + id).c_str());
                QVERIFY2(inCart.count(id) == 0, (row[user] + " has in the cart " + id).c_str());
            }
        }
        QVERIFY(shown > 0);
        QVERIFY(hadOrders > 0); // the exclusion had something to exclude
    }

    void pricesAndMarkdownsComeFromTheEvents()
    {
        // Copy the store and raise the price of one product in its earliest event: its latest price is then
        // below the highest seen, a markdown, and the only item a 10% markdown filter leaves.
        const std::string ws = m_dir.filePath(QStringLiteral("markdown.awb")).toStdString();
        QVERIFY(QFile::copy(QString::fromStdString(m_ws), QString::fromStdString(ws)));
        const std::string product = test::queryText(ws, "SELECT product_id FROM catalog_items ORDER BY item LIMIT 1");
        const double price = std::stod(test::queryText(ws, "SELECT price FROM catalog_items ORDER BY item LIMIT 1"));
        {
            auto db = store::Database::open(ws, store::Database::OpenMode::OpenExisting);
            QVERIFY(db);
            auto st = (*db)->prepare("UPDATE event_products SET price = ? WHERE product_id = ? AND event_id = "
                                     "(SELECT min(event_id) FROM event_products WHERE product_id = ?)");
            st.bind(1, price * 2).bind(2, product).bind(3, product).run();
        }
        QVERIFY(services::CatalogService(ws).build(ProgressSink::null()));
        QCOMPARE(std::stod(test::queryText(ws, "SELECT list_price FROM catalog_items WHERE product_id = " + quoted(product))),
                 price * 2);
        QCOMPARE(std::stod(test::queryText(ws, "SELECT price FROM catalog_items WHERE product_id = " + quoted(product))),
                 price);
        const std::string out = m_dir.filePath(QStringLiteral("markdown.csv")).toStdString();
        services::ExportRequest request = exportOf("braze", out);
        services::RecommendationRequest rec;
        rec.count = 2;
        rec.strategy = numeric::RecStrategy::Bestsellers;
        rec.activeDays = 0;
        QVERIFY(services::parseMarkdown("10%", rec));
        request.recommendations = rec;
        const auto report = services::ExportService(ws).exportAudience(request, ProgressSink::null());
        QVERIFY2(report, report ? "" : report.error().message.c_str());
        QCOMPARE(report->recommended->allowedItems, std::int64_t(1));
        const Csv csv = readCsv(out);
        const std::size_t id = csv.column("rec_1_id");
        const std::size_t itemPrice = csv.column("rec_1_price");
        bool shown = false;
        for (const auto &row : csv.rows) {
            QVERIFY(row[id].empty() || row[id] == product);
            QVERIFY(row[csv.column("rec_2_id")].empty());
            if (!row[id].empty()) {
                shown = true;
                QCOMPARE(std::stod(row[itemPrice]), price);
            }
        }
        // A bestseller of the last 30 days only if it was engaged with then; otherwise nobody gets it.
        QCOMPARE(shown, report->recommended->withItems > 0);
    }

    void segmentExportsCarryThemToo()
    {
        // Everybody with at least one order: each gets two bestsellers they did not buy.
        const auto rule = segments::ruleFromJson(R"({"version": 1, "rule": {"type": "all", "conditions": [
            {"type": "trait", "trait": "order_count", "op": ">=", "value": 1}]}})");
        QVERIFY2(rule, rule ? "" : rule.error().message.c_str());
        services::SegmentExportRequest out;
        out.outFile = m_dir.filePath(QStringLiteral("segment.csv")).toStdString();
        out.preset = "mailchimp";
        out.recommendations = services::RecommendationRequest{};
        out.recommendations->count = 2;
        out.recommendations->strategy = numeric::RecStrategy::Bestsellers;
        const auto report = services::SegmentService(m_ws).exportCsv(*rule, {}, out, ProgressSink::null());
        QVERIFY2(report, report ? "" : report.error().message.c_str());
        QVERIFY(report->recommended && report->recommended->people == report->members);
        QVERIFY(report->toText().find("recommended items: bestsellers") != std::string::npos);
        const Csv csv = readCsv(out.outFile);
        const std::size_t id = csv.column("Rec 1 ID");
        QVERIFY(id != std::string::npos && csv.column("Rec 2 Name") != std::string::npos);
        const std::set<std::string> products = textSet(m_ws, "SELECT product_id FROM catalog_items");
        for (const auto &row : csv.rows) {
            QVERIFY(products.count(row[id]) == 1);
        }
        QVERIFY(!csv.rows.empty());
        // Meta refuses them here too, before any file is written.
        out.preset = "meta";
        out.outFile = m_dir.filePath(QStringLiteral("segment-meta.csv")).toStdString();
        QVERIFY(!services::SegmentService(m_ws).exportCsv(*rule, {}, out, ProgressSink::null()));
        QVERIFY(!QFile::exists(QString::fromStdString(out.outFile)));
    }

    void badRequestsSayWhatIsWrong()
    {
        services::RecommendationRequest rec;
        QVERIFY(!services::parseRecStrategy("magic"));
        QVERIFY(services::parseRecStrategy("similar") &&
                *services::parseRecStrategy("similar") == numeric::RecStrategy::Similar);
        QVERIFY(!services::parseItemCondition("Category"));
        QVERIFY(!services::parseItemCondition("=Beauty"));
        const auto cond = services::parseItemCondition(" Brand = Nordlicht | Velvet Rose ");
        QVERIFY(cond);
        QCOMPARE(cond->column, std::string("Brand"));
        QCOMPARE(cond->values, (std::vector<std::string>{"Nordlicht", "Velvet Rose"}));
        QVERIFY(!services::parsePriceRange("100-10", rec));
        QVERIFY(!services::parsePriceRange("-", rec));
        QVERIFY(!services::parsePriceRange("cheap", rec));
        QVERIFY(services::parsePriceRange("-100", rec) && !rec.minPrice && *rec.maxPrice == 100);
        QVERIFY(!services::parseMarkdown("20", rec));
        QVERIFY(!services::parseMarkdown("100%", rec));
        QVERIFY(services::parseMarkdown("12.5%", rec) && rec.minMarkdown == 0.125);
        QVERIFY(!services::parseExclusions("bought,wishlist", rec));
        QVERIFY(services::parseExclusions("none", rec) && !rec.excludeBought && !rec.excludeInCart);

        const std::string out = m_dir.filePath(QStringLiteral("bad.csv")).toStdString();
        services::ExportRequest request = exportOf("klaviyo", out);
        request.recommendations = services::RecommendationRequest{};
        request.recommendations->conditions = {{"Colour", {"Red"}}};
        auto report = services::ExportService(m_ws).exportAudience(request, ProgressSink::null());
        QVERIFY(!report);
        QVERIFY2(report.error().message.find("no column 'Colour'") != std::string::npos &&
                     report.error().message.find("Category") != std::string::npos,
                 report.error().message.c_str());
        request.recommendations = services::RecommendationRequest{};
        request.recommendations->count = 11;
        report = services::ExportService(m_ws).exportAudience(request, ProgressSink::null());
        QVERIFY(!report);
        QVERIFY(!QFile::exists(QString::fromStdString(out)));
    }

private:
    QTemporaryDir m_dir;
    std::string m_ws;
    std::int64_t m_members = 0;
};

QTEST_GUILESS_MAIN(TestRecommendations)
#include "tst_Recommendations.moc"
