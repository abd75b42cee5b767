// SPDX-License-Identifier: GPL-3.0-or-later
// CSV mapping JSON (round trip, errors naming the key) and the presets, each on a tiny hand-made file in
// the layout of its real data set (with its product catalogue side file where it has one).
#include "TestUtil.h"
#include "ingest/CsvPresets.h"
#include "ingest/Timestamp.h"
#include "jobs/Progress.h"
#include "services/ImportService.h"

#include <lzma.h>

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace awb;

namespace {

void writeXz(const QString &path, const std::string &text)
{
    std::string out(text.size() + 1024, '\0');
    std::size_t size = 0;
    const lzma_ret ret =
        lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, nullptr, reinterpret_cast<const uint8_t *>(text.data()),
                                text.size(), reinterpret_cast<uint8_t *>(out.data()), &size, out.size());
    QVERIFY(ret == LZMA_OK);
    out.resize(size);
    test::writeFile(path, out);
}

ingest::CsvMapping everyField()
{
    ingest::CsvMapping m;
    m.preset = "custom";
    m.delimiter = '\t';
    m.hasHeader = false;
    m.userIdColumn = "1";
    m.anonymousIdColumn = "2";
    m.eventColumn = "3";
    m.fixedEvent = "Ignored";
    m.timestampColumn = "4";
    m.timestampFormat = "%d/%m/%Y";
    m.timezone = "Europe/Paris";
    m.messageIdColumn = "5";
    m.emailColumn = "6";
    m.productIdColumn = "7";
    m.priceColumn = "8";
    m.quantityColumn = "9";
    m.orderIdColumn = "10";
    m.propertyColumns = {"11", "12"};
    m.productPropertyColumns = {"13"};
    m.propertyNames = {{"11", "channel"}, {"13", "name \"quoted\""}};
    m.priceIsLineTotal = true;
    m.currency = "EUR";
    m.currencyColumn = "14";
    m.discountColumns = {"15"};
    m.couponColumns = {"16"};
    m.orderWindow = 25;
    m.refundPrefix = "R-";
    m.refundEvent = "Order Cancelled";
    m.guestIdPrefix = "anon:";
    m.numberRepeatedRows = true;
    m.productsFile = "../items.csv.gz";
    m.productsKey = "id";
    m.productsColumns = {"title", "tags"};
    m.productsLists = {{"tags", ";"}};
    return m;
}

} // namespace

class TestCsvPresets : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("w%1.awb").arg(++m_count)).toStdString();
    }

    void presetsAreListedAndDescribed()
    {
        const std::vector<std::string> names = ingest::csvPresetNames();
        QCOMPARE(names, (std::vector<std::string>{"online-retail", "cdnow", "movielens", "completejourney",
                                                   "shopify", "woocommerce"}));
        for (const std::string &name : names) {
            QVERIFY(!ingest::csvPresetDescription(name).empty());
            QCOMPARE(ingest::csvPreset(name)->preset, name);
        }
        QVERIFY(!ingest::csvPreset("nope"));
        QVERIFY(ingest::csvPresetDescription("nope").empty());
    }

    void detectsPresetLayouts_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("preset");
        QTest::newRow("online retail")
            << QByteArray(
                   "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n")
            << "online-retail";
        QTest::newRow("movielens") << QByteArray("userId,movieId,rating,timestamp\n1,1,4.0,964982703\n")
                                   << "movielens";
        QTest::newRow("complete journey")
            << QByteArray("\"household_id\",\"store_id\",\"basket_id\",\"product_id\",\"quantity\","
                          "\"sales_value\"\n")
            << "completejourney";
        QTest::newRow("cdnow") << QByteArray(" 00001 19970101  1   11.77\r\n") << "cdnow";
        QTest::newRow("other csv") << QByteArray("user,ts\nu,2021-01-01\n") << "";
        QTest::newRow("empty") << QByteArray() << "";
    }

    void detectsPresetLayouts()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, preset);
        const std::string file = write("detect.csv", content.toStdString());
        QCOMPARE(QString::fromStdString(ingest::detectCsvPreset(file)), preset);
    }

    void jsonRoundTrip_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("default") << QString();
        QTest::newRow("every field") << QStringLiteral("*");
        for (const std::string &name : ingest::csvPresetNames()) {
            QTest::newRow(name.c_str()) << QString::fromStdString(name);
        }
    }

    void jsonRoundTrip()
    {
        QFETCH(QString, name);
        const ingest::CsvMapping original = name.isEmpty() ? ingest::CsvMapping()
                                            : name == QLatin1String("*")
                                                ? everyField()
                                                : *ingest::csvPreset(name.toStdString());
        const std::string json = ingest::csvMappingToJson(original);
        auto parsed = ingest::csvMappingFromJson(json);
        QVERIFY2(parsed, parsed ? "" : parsed.error().message.c_str());
        QCOMPARE(ingest::csvMappingToJson(*parsed), json);
        QCOMPARE(parsed->delimiter, original.delimiter);
        QCOMPARE(parsed->propertyNames, original.propertyNames);
        QCOMPARE(parsed->orderWindow, original.orderWindow);
        QCOMPARE(parsed->productsLists, original.productsLists);
    }

    void jsonErrorsNameTheProblem_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("syntax") << QByteArray("{\"userIdColumn\": }")
                                << "CSV mapping: invalid JSON at offset";
        QTest::newRow("not an object") << QByteArray("[1]") << "CSV mapping: the JSON must be an object";
        QTest::newRow("unknown key") << QByteArray(R"({"userIdColumn":"u","userColumn":"x"})")
                                     << "CSV mapping: unknown key \"userColumn\"";
        QTest::newRow("string expected")
            << QByteArray(R"({"timestampColumn":3})") << "CSV mapping: \"timestampColumn\" must be a string";
        QTest::newRow("bool expected")
            << QByteArray(R"({"hasHeader":"yes"})") << "CSV mapping: \"hasHeader\" must be true or false";
        QTest::newRow("list expected") << QByteArray(R"({"propertyColumns":"a"})")
                                       << "CSV mapping: \"propertyColumns\" must be an array of strings";
        QTest::newRow("list of strings") << QByteArray(R"({"propertyColumns":["a",1]})")
                                         << "CSV mapping: \"propertyColumns\" must be an array of strings";
        QTest::newRow("map expected") << QByteArray(R"({"propertyNames":["a"]})")
                                      << "CSV mapping: \"propertyNames\" must be an object of strings";
        QTest::newRow("delimiter") << QByteArray(R"({"delimiter":",;"})")
                                   << "CSV mapping: \"delimiter\" must be a single ASCII character";
        QTest::newRow("window") << QByteArray(R"({"orderWindow":1.5})")
                                << "CSV mapping: \"orderWindow\" must be an integer";
    }

    void jsonErrorsNameTheProblem()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        auto parsed = ingest::csvMappingFromJson(json.toStdString());
        QVERIFY(!parsed);
        QVERIFY2(QString::fromStdString(parsed.error().message).startsWith(message),
                 parsed.error().message.c_str());
    }

    void onlineRetail()
    {
        const std::string file = write(
            "online_retail.csv",
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
            "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2011-06-01 08:26:00,2.55,17850.0,United "
            "Kingdom\n"
            "536365,84247G,\"DECOUPAGE,GREETING CARD,\",24,2011-06-01 08:26:00,0.42,17850.0,United Kingdom\n"
            "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527.0,United Kingdom\n"
            "536414,22139,,56,2010-12-01 11:52:00,0,,United Kingdom\n");
        const auto report = run(file, "online-retail");
        QCOMPARE(report.rowsRead, 4);
        QCOMPARE(report.imported, 3);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(text("SELECT user_id || ' ' || ts FROM events WHERE message_id = 'online-retail:536365'"),
                 "17850 " + std::to_string(*ingest::parseTimestamp("2011-06-01T07:26:00Z"))); // BST
        QCOMPARE(text("SELECT properties FROM events WHERE message_id = 'online-retail:536365'"),
                 std::string(R"({"order_id":"536365","revenue":25.38,"total":25.38,"currency":"GBP",)"
                             R"("country":"United Kingdom"})"));
        QCOMPARE(text("SELECT json_extract(p.properties, '$.name') FROM event_products p WHERE product_id = "
                      "'84247G'"),
                 std::string("DECOUPAGE,GREETING CARD,"));
        QCOMPARE(text("SELECT n.name FROM events e JOIN event_names n ON n.id = e.name_id "
                      "WHERE e.message_id = 'online-retail:C536379'"),
                 std::string("Order Refunded"));
        QCOMPARE(text("SELECT anonymous_id FROM events WHERE message_id = 'online-retail:536414'"),
                 std::string("guest:536414"));
    }

    void cdnow()
    {
        const std::string file = write("CDNOW_master.txt", " 00001 19970101  1   11.77\r\n"
                                                           " 00002 19970112  1   12.00\r\n"
                                                           " 00002 19970112  1   12.00\r\n"
                                                           " 00002 19970112  5   77.00\r\n");
        const auto report = run(file, "cdnow");
        QCOMPARE(report.imported, 4); // the repeated line is a second purchase, not a duplicate
        QCOMPARE(text("SELECT properties FROM events WHERE user_id = '00001'"),
                 std::string(R"({"quantity":1,"revenue":11.77,"currency":"USD"})"));
        QCOMPARE(text("SELECT ts FROM events WHERE user_id = '00001'"),
                 std::to_string(*ingest::parseTimestamp("1997-01-01")));
        QCOMPARE(text("SELECT round(sum(json_extract(properties, '$.revenue')), 2) FROM events"),
                 std::string("112.77"));
        const auto again = run(file, "cdnow");
        QCOMPARE(again.imported, 0);
        QCOMPARE(again.duplicates, 4);
    }

    void movielens()
    {
        write("movies.csv", "movieId,title,genres\n"
                            "1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\n"
                            "11,\"American President, The (1995)\",Comedy|Drama|Romance\n"
                            "182727,A Christmas Story Live! (2017),(no genres listed)\n");
        const std::string file = write("ratings.csv", "userId,movieId,rating,timestamp\n"
                                                      "1,1,4.0,964982703\n"
                                                      "1,11,3.5,964982931\n"
                                                      "2,999,5.0,1445714835\n");
        const auto report = run(file, "movielens");
        QCOMPARE(report.imported, 3);
        QCOMPARE(text("SELECT properties FROM events WHERE user_id = '1' AND json_extract(properties, "
                      "'$.product_id') = '11'"),
                 std::string(R"j({"rating":3.5,"product_id":"11","name":"American President, The (1995)",)j"
                             R"j("genres":["Comedy","Drama","Romance"]})j"));
        QCOMPARE(text("SELECT json_array_length(properties, '$.genres') FROM event_products WHERE product_id "
                      "= '1'"),
                 std::string("5"));
        QCOMPARE(text("SELECT properties FROM event_products WHERE product_id = '999'"), std::string("{}"));
        QCOMPARE(text("SELECT ts FROM events WHERE json_extract(properties, '$.product_id') = '1'"),
                 std::string("964982703000"));
        QCOMPARE(sql("SELECT count(*) FROM events e JOIN event_names n ON n.id = e.name_id "
                     "WHERE n.name = 'Product Rated'"),
                 3);
    }

    void completeJourney()
    {
        writeXz(
            m_dir.filePath(QStringLiteral("products.csv.xz")),
            "\"product_id\",\"manufacturer_id\",\"department\",\"brand\",\"product_category\","
            "\"product_type\",\"package_size\"\n"
            "\"940996\",\"69\",\"GROCERY\",\"Private\",\"BAKED BREAD/BUNS/ROLLS\",\"MAINSTREAM WHITE BREAD\","
            "\"20 OZ\"\n"
            "\"873902\",\"2\",\"MISCELLANEOUS\",\"National\",,,\n");
        const std::string file =
            write("transactions_sample.csv",
                  "\"household_id\",\"store_id\",\"basket_id\",\"product_id\",\"quantity\",\"sales_value\","
                  "\"retail_disc\",\"coupon_disc\",\"coupon_match_disc\",\"week\",\"transaction_timestamp\"\n"
                  "\"2261\",\"309\",\"31625220889\",\"940996\",2,3.86,0.43,0,0,5,\"2017-01-28 14:06:53\"\n"
                  "\"2131\",\"368\",\"32053127496\",\"873902\",0,1.59,0.9,0,0,10,\"2017-02-28 22:31:57\"\n"
                  "\"2261\",\"309\",\"31625220889\",\"873902\",1,2,0,0.5,0.25,5,\"2017-01-28 14:06:53\"\n");
        const auto report = run(file, "completejourney");
        QCOMPARE(report.rowsRead, 3);
        QCOMPARE(report.imported, 2); // the basket's two lines are not adjacent but group
        QCOMPARE(text("SELECT properties FROM events WHERE message_id = 'completejourney:31625220889'"),
                 std::string(R"({"order_id":"31625220889","revenue":5.86,"total":5.86,"currency":"USD",)"
                             R"("discount":1.18,"coupon":true,"store_id":309,"week":5})"));
        QCOMPARE(text("SELECT ts FROM events WHERE message_id = 'completejourney:31625220889'"),
                 std::to_string(*ingest::parseTimestamp("2017-01-28T19:06:53Z"))); // EST
        QCOMPARE(text("SELECT price || ' ' || quantity || ' ' || properties FROM event_products "
                      "WHERE product_id = '940996'"),
                 std::string(
                     R"(1.93 2.0 {"retail_disc":0.43,"coupon_disc":0,"coupon_match_disc":0,)"
                     R"("manufacturer_id":69,"department":"GROCERY","brand":"Private",)"
                     R"("product_category":"BAKED BREAD/BUNS/ROLLS","product_type":"MAINSTREAM WHITE BREAD",)"
                     R"("package_size":"20 OZ"})"));
        // Quantity 0: the unit price is the line total.
        QCOMPARE(
            text("SELECT price || ' ' || quantity FROM event_products p JOIN events e ON e.id = p.event_id "
                 "WHERE e.user_id = '2131'"),
            std::string("1.59 0.0"));
        QCOMPARE(text("SELECT json_extract(properties, '$.coupon') FROM events WHERE user_id = '2131'"),
                 std::string("0"));
    }

    void missingCatalogueRejectsTheFile()
    {
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("alone")));
        const std::string file =
            write("alone/ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n");
        const auto report = run(file, "movielens");
        QCOMPARE(report.imported, 0);
        QCOMPARE(report.rejected, 1);
        QVERIFY2(report.rejections[0].reason.find("movies.csv") != std::string::npos,
                 report.rejections[0].reason.c_str());
    }

private:
    std::string write(const char *name, const std::string &content)
    {
        return test::writeFile(m_dir.filePath(QString::fromLatin1(name)), content);
    }

    ingest::ImportReport run(const std::string &file, const char *preset)
    {
        services::ImportSpec spec;
        spec.files = {file};
        spec.format = services::ImportFormat::Csv;
        spec.mapping = *ingest::csvPreset(preset);
        auto report = services::ImportService(m_ws).run(spec, ProgressSink::null());
        if (!report) {
            qWarning("import failed: %s", report.error().message.c_str());
            return {};
        }
        return *report;
    }

    std::int64_t sql(const std::string &query) { return test::queryInt(m_ws, query); }
    std::string text(const std::string &query) { return test::queryText(m_ws, query); }

    QTemporaryDir m_dir;
    std::string m_ws;
    int m_count = 0;
};

QTEST_GUILESS_MAIN(TestCsvPresets)
#include "tst_CsvPresets.moc"
