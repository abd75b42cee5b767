// SPDX-License-Identifier: GPL-3.0-or-later
// CSV import through ImportService on small fixtures: mappings, time formats and zones, order grouping,
// refunds, properties JSON, every bad-input case, idempotent re-import and cancel.
#include "HugeInput.h"
#include "TestUtil.h"
#include "ingest/CsvMapping.h"
#include "ingest/Importers.h"
#include "ingest/Timestamp.h"
#include "jobs/Progress.h"
#include "services/ImportService.h"

#include <QTemporaryDir>
#include <QTest>

using namespace awb;

namespace {

std::string iso(std::int64_t ms)
{
    return ingest::formatTimestamp(ms);
}

class CancelOnFirstProgress : public CancelableProgress
{
public:
    void setValue(std::int64_t done) override
    {
        CancelableProgress::setValue(done);
        cancel();
    }
};

// The mapping the bad-input fixtures use: user,ts,event,price.
ingest::CsvMapping basicMapping()
{
    ingest::CsvMapping m;
    m.userIdColumn = "user";
    m.timestampColumn = "ts";
    m.eventColumn = "event";
    m.priceColumn = "price";
    return m;
}

} // namespace

class TestCsvImport : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("w%1.awb").arg(++m_count)).toStdString();
    }

    void fixedEventWithPropertiesAndProduct()
    {
        const std::string file =
            write("views.csv", "who,when,sku,cost,qty,note,score\n"
                               "u1,2021-03-04T05:06:07Z,P1,9.5,2,\"He said \"\"hi\"\" \\ ok\",7\n"
                               "17850.0,2021-03-05 00:00:00,P2,,,héllo\ttab,007\n");
        ingest::CsvMapping m;
        m.userIdColumn = "who";
        m.timestampColumn = "when";
        m.fixedEvent = "Product Viewed";
        m.productIdColumn = "sku";
        m.priceColumn = "cost";
        m.quantityColumn = "qty";
        m.propertyColumns = {"note", "score"};
        const auto report = run({file}, m);
        QCOMPARE(report.imported, 2);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(sql("SELECT count(*) FROM events e JOIN event_names n ON n.id = e.name_id "
                     "WHERE n.name = 'Product Viewed'"),
                 2);
        QCOMPARE(
            sql("SELECT count(*) FROM events WHERE json_valid(properties) AND user_id IN ('u1', '17850')"),
            2);
        QCOMPARE(text("SELECT json_extract(properties, '$.note') FROM events WHERE user_id = 'u1'"),
                 std::string("He said \"hi\" \\ ok"));
        QCOMPARE(text("SELECT json_extract(properties, '$.note') FROM events WHERE user_id = '17850'"),
                 std::string("héllo\ttab"));
        QCOMPARE(text("SELECT json_type(properties, '$.score') FROM events WHERE user_id = 'u1'"),
                 std::string("integer"));
        QCOMPARE(text("SELECT json_type(properties, '$.score') FROM events WHERE user_id = '17850'"),
                 std::string("text")); // "007" is an id-like string, not a number
        QCOMPARE(text("SELECT json_extract(properties, '$.product_id') || ':' || json_extract(properties, "
                      "'$.price') || ':' || json_extract(properties, '$.quantity') FROM events WHERE user_id "
                      "= 'u1'"),
                 std::string("P1:9.5:2"));
        QCOMPARE(text("SELECT product_id || ':' || price || ':' || quantity FROM event_products"
                      " ORDER BY product_id LIMIT 1"),
                 std::string("P1:9.5:2.0"));
        QCOMPARE(sql("SELECT count(*) FROM event_products WHERE product_id = 'P2' AND price IS NULL"), 1);
        QCOMPARE(text("SELECT ts FROM events WHERE user_id = 'u1'"), std::to_string(1614834367000));
    }

    void eventNameColumn()
    {
        const std::string file = write("e.csv", "user,ts,event,price\n"
                                                "a,2021-01-01,Page Viewed,\n"
                                                "a,2021-01-02,Product Added,3\n"
                                                "b,2021-01-03,Page Viewed,\n"
                                                "b,2021-01-04, ,\n");
        const auto report = run({file}, basicMapping());
        QCOMPARE(report.imported, 3);
        QCOMPARE(report.rejected, 1);
        QCOMPARE(report.rejections.at(0).line, 5);
        QCOMPARE(report.rejections.at(0).reason, std::string("empty event name in column \"event\""));
        QCOMPARE(sql("SELECT count(*) FROM events e JOIN event_names n ON n.id = e.name_id "
                     "WHERE n.name = 'Page Viewed'"),
                 2);
        QCOMPARE(sql("SELECT count(*) FROM events e JOIN event_names n ON n.id = e.name_id "
                     "WHERE n.name = 'Product Added'"),
                 1);
    }

    void timestampFormats_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("expected"); // ISO UTC, or empty for "rejected"
        QTest::newRow("compact date") << "19970101"
                                      << "%Y%m%d"
                                      << "1997-01-01T00:00:00.000Z";
        QTest::newRow("us short") << "12/1/2010 8:26"
                                  << "%m/%d/%Y %H:%M"
                                  << "2010-12-01T08:26:00.000Z";
        QTest::newRow("us padded") << "03/09/2011 13:05"
                                   << "%m/%d/%Y %H:%M"
                                   << "2011-03-09T13:05:00.000Z";
        QTest::newRow("12-hour pm") << "3/9/11 1:05:09 PM"
                                    << "%m/%d/%y %I:%M:%S %p"
                                    << "2011-03-09T13:05:09.000Z";
        QTest::newRow("12 am") << "1/1/2020 12:00 am"
                               << "%m/%d/%Y %I:%M %p"
                               << "2020-01-01T00:00:00.000Z";
        QTest::newRow("month name") << "4 Jul 2021 10:00"
                                    << "%d %b %Y %H:%M"
                                    << "2021-07-04T10:00:00.000Z";
        QTest::newRow("full month") << "July 4, 2021"
                                    << "%B %d, %Y"
                                    << "2021-07-04T00:00:00.000Z";
        QTest::newRow("fraction and offset") << "2021-07-04 10:00:00.25 +02:00"
                                             << "%Y-%m-%d %H:%M:%S.%f %z"
                                             << "2021-07-04T08:00:00.250Z";
        QTest::newRow("epoch") << "964982703"
                               << "%s"
                               << "2000-07-30T18:45:03.000Z";
        QTest::newRow("%T and blanks") << "  2021-07-04   10:11:12 "
                                       << "%Y-%m-%d %T"
                                       << "2021-07-04T10:11:12.000Z";
        QTest::newRow("literal percent") << "50% 2021"
                                         << "50%% %Y"
                                         << "2021-01-01T00:00:00.000Z";
        QTest::newRow("impossible day") << "20210230"
                                        << "%Y%m%d"
                                        << "";
        QTest::newRow("hour 24") << "2021-01-01 24:00"
                                 << "%Y-%m-%d %H:%M"
                                 << "";
        QTest::newRow("trailing text") << "20210101x"
                                       << "%Y%m%d"
                                       << "";
        QTest::newRow("wrong separator") << "2021/01/01"
                                         << "%Y-%m-%d"
                                         << "";
        QTest::newRow("13 pm") << "1/1/2020 13:00 pm"
                               << "%m/%d/%Y %I:%M %p"
                               << "";
        QTest::newRow("auto iso") << "2021-07-04T10:00:00+01:00"
                                  << ""
                                  << "2021-07-04T09:00:00.000Z";
    }

    void timestampFormats()
    {
        QFETCH(QString, text);
        QFETCH(QString, format);
        QFETCH(QString, expected);
        const auto ms = ingest::parseTimestamp(text.toStdString(), format.toStdString());
        QCOMPARE(ms ? QString::fromStdString(iso(*ms)) : QString(), expected);
    }

    void timestampFormatCheck()
    {
        QCOMPARE(ingest::checkTimestampFormat("%Y-%m-%d %H:%M"), std::string());
        QVERIFY(ingest::checkTimestampFormat("%Y-%q").find("%q") != std::string::npos);
        QVERIFY(!ingest::checkTimestampFormat("%Y%").empty());
        QVERIFY(ingest::timestampFormatHasZone("%Y %z"));
        QVERIFY(!ingest::timestampFormatHasZone("%Y %%z"));
    }

    void timestampsInATimeZone()
    {
        const std::string file = write("tz.csv", "user,ts\n"
                                                 "winter,1/15/2011 12:00\n"
                                                 "summer,7/15/2011 12:00\n"
                                                 "gap,3/27/2011 1:30\n");
        ingest::CsvMapping m;
        m.userIdColumn = "user";
        m.timestampColumn = "ts";
        m.timestampFormat = "%m/%d/%Y %H:%M";
        m.timezone = "Europe/London";
        m.fixedEvent = "Seen";
        QCOMPARE(run({file}, m).imported, 3);
        QCOMPARE(isoOf("winter"), std::string("2011-01-15T12:00:00.000Z"));
        QCOMPARE(isoOf("summer"), std::string("2011-07-15T11:00:00.000Z"));
        QCOMPARE(isoOf("gap"), std::string("2011-03-27T01:30:00.000Z")); // inside the spring-forward gap

        // Auto-detected times: a zone-less one takes the mapping's zone, an explicit offset or a Unix
        // time is kept as is.
        const std::string autoFile = write("tz2.csv", "user,ts\n"
                                                      "local,2021-06-01 09:00:00\n"
                                                      "offset,2021-06-01T09:00:00-04:00\n"
                                                      "unix,1622538000\n");
        m.timestampFormat.clear();
        m.timezone = "America/New_York";
        QCOMPARE(run({autoFile}, m).imported, 3);
        QCOMPARE(isoOf("local"), std::string("2021-06-01T13:00:00.000Z"));
        QCOMPARE(isoOf("offset"), std::string("2021-06-01T13:00:00.000Z"));
        QCOMPARE(isoOf("unix"), std::string("2021-06-01T09:00:00.000Z"));
    }

    void unknownTimeZoneFailsTheFile()
    {
        const std::string file = write("z.csv", "user,ts\nu,2021-01-01\n");
        ingest::CsvMapping m;
        m.userIdColumn = "user";
        m.timestampColumn = "ts";
        m.fixedEvent = "Seen";
        m.timezone = "Mars/Olympus";
        const auto report = run({file}, m);
        QCOMPARE(report.imported, 0);
        QCOMPARE(report.rejected, 1);
        QVERIFY(report.rejections[0].reason.find("Mars/Olympus") != std::string::npos);
    }

    void ordersGroupConsecutiveRows()
    {
        const std::string file = write("orders.csv", "inv,sku,name,qty,price,cust,date,country\n"
                                                     "100,A,Alpha,2,1.5,7.0,2021-01-01 10:00,UK\n"
                                                     "100,B,\"Beta, big\",1,10,7.0,2021-01-01 10:01,UK\n"
                                                     "C101,A,Alpha,-1,1.5,7.0,2021-01-02 09:00,UK\n"
                                                     "102,C,Gamma,3,2,,2021-01-03 08:00,FR\n");
        const auto report = run({file}, orderMapping());
        QCOMPARE(report.rowsRead, 4);
        QCOMPARE(report.imported, 3);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(text("SELECT n.name FROM events e JOIN event_names n ON n.id = e.name_id "
                      "WHERE e.message_id = 'shop:100'"),
                 std::string("Order Completed"));
        QCOMPARE(text("SELECT n.name FROM events e JOIN event_names n ON n.id = e.name_id "
                      "WHERE e.message_id = 'shop:C101'"),
                 std::string("Order Refunded"));
        QCOMPARE(
            text("SELECT properties FROM events WHERE message_id = 'shop:100'"),
            std::string(R"({"order_id":"100","revenue":13,"total":13,"currency":"GBP","country":"UK"})"));
        QCOMPARE(
            text("SELECT json_extract(properties, '$.revenue') FROM events WHERE message_id = 'shop:C101'"),
            std::string("-1.5"));
        QCOMPARE(text("SELECT group_concat(product_id || '=' || quantity || 'x' || price || ' ' || "
                      "json_extract(p.properties, '$.name'), ';') FROM event_products p JOIN events e "
                      "ON e.id = p.event_id WHERE e.message_id = 'shop:100' ORDER BY position"),
                 std::string("A=2.0x1.5 Alpha;B=1.0x10.0 Beta, big"));
        QCOMPARE(text("SELECT user_id FROM events WHERE message_id = 'shop:100'"), std::string("7"));
        QCOMPARE(text("SELECT anonymous_id FROM events WHERE message_id = 'shop:102'"),
                 std::string("guest:102"));
        QCOMPARE(text("SELECT ts FROM events WHERE message_id = 'shop:100'"),
                 std::to_string(*ingest::parseTimestamp("2021-01-01T10:00:00Z")));
    }

    void orderReappearingLaterIsRejected_data()
    {
        QTest::addColumn<qint64>("window");
        QTest::addColumn<int>("events");
        QTest::addColumn<int>("rejected");
        QTest::newRow("consecutive only") << qint64(0) << 2 << 1;
        QTest::newRow("window of one row") << qint64(1) << 2 << 0;
        QTest::newRow("whole file") << qint64(-1) << 2 << 0;
    }

    void orderReappearingLaterIsRejected()
    {
        QFETCH(qint64, window);
        QFETCH(int, events);
        QFETCH(int, rejected);
        const std::string file = write("split.csv", "inv,sku,name,qty,price,cust,date,country\n"
                                                    "200,A,Alpha,1,1,9,2021-01-01 10:00,UK\n"
                                                    "201,B,Beta,1,1,8,2021-01-01 10:00,UK\n"
                                                    "200,C,Gamma,1,1,9,2021-01-01 10:00,UK\n");
        ingest::CsvMapping m = orderMapping();
        m.orderWindow = window;
        const auto report = run({file}, m);
        QCOMPARE(report.imported, events);
        QCOMPARE(report.rejected, rejected);
        QCOMPARE(sql("SELECT count(*) FROM event_products"), 3 - rejected);
        if (rejected > 0) {
            QCOMPARE(report.rejections[0].line, 4);
            QCOMPARE(report.rejections[0].reason,
                     std::string(
                         "order 200 (first line 2) appears again after rows of other orders, and its event "
                         "was already written: rows of one order must be consecutive (see orderWindow)"));
        }
    }

    void orderRowOfAnotherUserIsRejected()
    {
        const std::string file = write("mixed.csv", "inv,sku,name,qty,price,cust,date,country\n"
                                                    "300,A,Alpha,1,1,9,2021-01-01 10:00,UK\n"
                                                    "300,B,Beta,1,1,8,2021-01-01 10:00,UK\n");
        const auto report = run({file}, orderMapping());
        QCOMPARE(report.imported, 1);
        QCOMPARE(report.rejected, 1);
        QCOMPARE(report.rejections[0].line, 3);
        QVERIFY2(report.rejections[0].reason.find("differs from the order's") != std::string::npos,
                 report.rejections[0].reason.c_str());
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("badLine");
        QTest::addColumn<QString>("reason");
        QTest::newRow("short row") << QByteArray("u9,2021-01-01") << "only 2 fields, the mapping needs 4";
        QTest::newRow("bad date") << QByteArray("u9,2021-02-30 10:00:00,View,1")
                                  << "bad timestamp \"2021-02-30 10:00:00\" (not a recognised date-time)";
        QTest::newRow("not a date") << QByteArray("u9,yesterday,View,1")
                                    << "bad timestamp \"yesterday\" (not a recognised date-time)";
        QTest::newRow("missing date") << QByteArray("u9,,View,1") << "missing timestamp in column \"ts\"";
        QTest::newRow("invalid UTF-8") << QByteArray("u9,2021-01-01,Vi\xff\xfe"
                                                     "ew,1")
                                       << "invalid UTF-8";
        QTest::newRow("truncated UTF-8") << QByteArray("u\xc3,2021-01-01,View,1") << "invalid UTF-8";
        QTest::newRow("over-long field")
            << (QByteArray("u9,2021-01-01,View,\"") + QByteArray((1 << 20) + 1, '7') + "\"")
            << "field 4 is longer than 1 MiB";
        QTest::newRow("no ids") << QByteArray(",2021-01-01,View,1") << "no user id or anonymous id";
        QTest::newRow("bad price") << QByteArray("u9,2021-01-01,View,1.2.3") << "bad price \"1.2.3\"";
        QTest::newRow("over-long line") << (QByteArray("u9,2021-01-01,View,") + QByteArray(6 << 20, ' '))
                                        << "line 3 is longer than 4 MiB";
        QTest::newRow("10 MB field on one line")
            << (QByteArray("u9,2021-01-01,View,\"") + QByteArray(10'000'000, '7') + "\"")
            << "line 3 is longer than 4 MiB";
        // The quote pairs with the next line's first one: the record it makes is too wide, so it is given up
        // and the next line read on its own.
        QTest::newRow("unbalanced quote")
            << QByteArray("u9,\"2021-01-01,View,1")
            << "unbalanced quote (the record it opens has 5 fields, not 4) on line 3; reading goes on at line 4";
    }

    // Each bad row is rejected with its line number and reason; the good rows around it are imported.
    void badInput()
    {
        QFETCH(QByteArray, badLine);
        QFETCH(QString, reason);
        const std::string file = write("bad.csv", "user,ts,event,price\n"
                                                  "u1,2021-01-01 10:00:00,View,1\n" +
                                                      badLine.toStdString() +
                                                      "\n"
                                                      "\"u2\",\"2021-01-02\",\"Buy\",\"2.50\"\n");
        const auto report = run({file}, basicMapping());
        QCOMPARE(report.rowsRead, 3);
        QCOMPARE(report.imported, 2);
        QCOMPARE(report.rejected, 1);
        QCOMPARE(report.rejections.at(0).source, std::string("bad.csv"));
        QCOMPARE(report.rejections.at(0).line, 3);
        QCOMPARE(QString::fromStdString(report.rejections.at(0).reason), reason);
        QCOMPARE(sql("SELECT count(*) FROM events WHERE user_id IN ('u1', 'u2')"), 2);
        QCOMPARE(sql("SELECT count(*) FROM import_rejections WHERE line = 3"), 1);
    }

    // A quoted field still open after 4 MiB of lines (10 MB over 10,000 lines) is given up in bounded
    // memory: its first line is rejected and every line it swallowed is read (and counted) on its own.
    void quoteOpenOverManyLinesIsGivenUp()
    {
        std::string lines;
        for (int i = 0; i < 10'000; ++i) {
            lines += std::string(999, 'x') + '\n';
        }
        const std::string file = write("open.csv", "user,ts,event,price\n"
                                                   "u1,2021-01-01 10:00:00,View,1\n"
                                                   "u9,2021-01-01,\"\n" +
                                                       lines + "\",1\nu2,2021-01-02,Buy,2.50\n");
        const auto report = run({file}, basicMapping());
        QCOMPARE(report.imported, 2);
        QCOMPARE(report.rejected, 1 + 10'000 + 1);
        QCOMPARE(report.rejections.at(0).line, 3);
        QCOMPARE(report.rejections.at(0).reason,
                 std::string("unterminated quoted field (still open after 4 MiB) on line 3; reading goes on at "
                             "line 4"));
        QCOMPARE(report.rejections.at(1).line, 4);
        QCOMPARE(report.rejections.at(1).reason, std::string("only 1 field, the mapping needs 4"));
        QCOMPARE(sql("SELECT count(*) FROM events WHERE user_id IN ('u1', 'u2')"), 2);
    }

    // A 2 GiB line (made as it is read: no disk used) is rejected with its line number, the next row
    // imported, holding no more of it than the reader's cap: peak memory grows by far less than the line.
    void twoGibLineIsRejectedInBoundedMemory()
    {
        test::GeneratedInput input("two-gib.csv", "user,ts,event,price\nu1,2021-01-01 10:00:00,View,1\n",
                                   std::int64_t(2) << 30, '7', "\nu2,2021-01-02,Buy,2.50\n");
        const ingest::CsvMapping mapping = basicMapping();
        const std::int64_t peakBefore = test::peakRssBytes();
        const auto report = test::runImporter(
            m_ws, [&](ingest::ImportContext &ctx) { return ingest::importCsv(input, mapping, ctx); });
        const std::int64_t growth = test::peakRssBytes() - peakBefore;
        QCOMPARE(report.rowsRead, 3);
        QCOMPARE(report.imported, 2);
        QCOMPARE(report.rejected, 1);
        QCOMPARE(report.rejections.at(0).line, 3);
        QCOMPARE(report.rejections.at(0).reason, std::string("line 3 is longer than 4 MiB"));
        QCOMPARE(input.position(), input.size());
        QVERIFY2(growth < (64 << 20),
                 qPrintable(QStringLiteral("peak RSS grew by %1 MiB").arg(growth >> 20)));
    }

    void missingMappedColumnsRejectTheFile()
    {
        const std::string bad = write("nocol.csv", "user,when\nu1,2021-01-01\n");
        const std::string good = write("good.csv", "user,ts,event,price\nu1,2021-01-01,View,1\n");
        const auto report = run({bad, good}, basicMapping());
        QCOMPARE(report.imported, 1); // the other file still imports
        QCOMPARE(report.rejected, 1);
        QCOMPARE(report.rejections[0].line, 0);
        QCOMPARE(
            report.rejections[0].reason,
            std::string("nocol.csv: the mapped columns \"event\", \"ts\", \"price\" are not in the header"));
    }

    void emptyFileImportsNothing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("header");
        QTest::newRow("zero bytes") << QByteArray() << true;
        QTest::newRow("zero bytes, headerless") << QByteArray() << false;
        QTest::newRow("header only") << QByteArray("user,ts,event,price\n") << true;
        QTest::newRow("blank lines") << QByteArray("\n\n\r\n") << true;
    }

    void emptyFileImportsNothing()
    {
        QFETCH(QByteArray, content);
        QFETCH(bool, header);
        const std::string file = write("empty.csv", content.toStdString());
        ingest::CsvMapping m = basicMapping();
        m.hasHeader = header;
        if (!header) {
            m.userIdColumn = "1";
            m.timestampColumn = "2";
            m.eventColumn = "3";
            m.priceColumn = "4";
        }
        const auto report = run({file}, m);
        QCOMPARE(report.rowsRead, 0);
        QCOMPARE(report.imported, 0);
        QCOMPARE(report.rejected, 0);
    }

    void headerlessNumberedColumns()
    {
        const std::string file = write("nohead.txt", "a 20210101 3 1.5\nb 20210102 1 2\nc 20210103\n");
        ingest::CsvMapping m = headerlessBought();
        m.propertyColumns = {"3", "4"};
        m.propertyNames = {{"4", "amount"}};
        const auto report = run({file}, m);
        QCOMPARE(report.imported, 2);
        QCOMPARE(report.rejected, 1);
        QCOMPARE(report.rejections[0].reason, std::string("only 2 fields, the mapping needs 4"));
        QCOMPARE(text("SELECT properties FROM events WHERE user_id = 'a'"),
                 std::string(R"({"3":3,"amount":1.5})"));
    }

    // Found by fuzzing: a number the JSON readers cannot hold (beyond 64-bit integers or a double) is kept
    // as a string with its digits, so the stored properties stay readable by simdjson and SQLite alike.
    void outOfRangeNumbersStayStrings()
    {
        const std::string file =
            write("big.txt", "a 20210101 92233720368547758071 1e999 -9223372036854775808\n");
        ingest::CsvMapping m = headerlessBought();
        m.propertyColumns = {"3", "4", "5"};
        const auto report = run({file}, m);
        QCOMPARE(report.imported, 1);
        QCOMPARE(text("SELECT properties FROM events WHERE user_id = 'a'"),
                 std::string(R"({"3":"92233720368547758071","4":"1e999","5":-9223372036854775808})"));
    }

    void clashingPropertyKeysRejectTheFile()
    {
        const std::string file = write("clash.csv", "user,ts,event,price,a,b\nu,2021-01-01,V,1,x,y\n");
        ingest::CsvMapping m = basicMapping();
        m.propertyColumns = {"a", "b"};
        m.propertyNames = {{"b", "a"}};
        const auto report = run({file}, m);
        QCOMPARE(report.imported, 0);
        QCOMPARE(report.rejected, 1);
        QVERIFY2(report.rejections[0].reason.find("property key \"a\" twice") != std::string::npos,
                 report.rejections[0].reason.c_str());
    }

    void reimportAddsNothing()
    {
        const std::string file = write("again.csv", "inv,sku,name,qty,price,cust,date,country\n"
                                                    "400,A,Alpha,1,1,9,2021-01-01 10:00,UK\n"
                                                    "400,B,Beta,1,1,9,2021-01-01 10:00,UK\n"
                                                    ",B,Beta,1,1,9,2021-01-02 10:00,UK\n");
        const auto first = run({file}, orderMapping());
        QCOMPARE(first.imported, 2);
        const std::int64_t products = sql("SELECT count(*) FROM event_products");
        const auto second = run({file}, orderMapping());
        QCOMPARE(second.rowsRead, 3);
        QCOMPARE(second.imported, 0);
        QCOMPARE(second.duplicates, 2);
        QCOMPARE(sql("SELECT count(*) FROM events"), 2);
        QCOMPARE(sql("SELECT count(*) FROM event_products"), products);
    }

    void cancelLeavesWorkspaceUnchanged()
    {
        std::string content = "user,ts,event,price\n";
        for (int i = 0; i < 10000; ++i) {
            content += "u" + std::to_string(i % 50) + ",2021-01-01,View," + std::to_string(i) + "\n";
        }
        const std::string file = write("big.csv", content);
        run({write("seed.csv", "user,ts,event,price\nseed,2021-01-01,View,1\n")}, basicMapping());
        const std::string before = test::workspaceFingerprint(m_ws);
        CancelOnFirstProgress progress; // the importer reports progress every few thousand rows
        services::ImportSpec spec;
        spec.files = {file};
        spec.format = services::ImportFormat::Csv;
        spec.mapping = basicMapping();
        const auto result = services::ImportService(m_ws).run(spec, progress);
        QVERIFY(!result);
        QVERIFY(result.error().isCancelled());
        QCOMPARE(test::workspaceFingerprint(m_ws), before);
    }

private:
    /// Headerless, space-separated "USER YYYYMMDD ...", every line a "Bought" event.
    static ingest::CsvMapping headerlessBought()
    {
        ingest::CsvMapping m;
        m.hasHeader = false;
        m.delimiter = ' ';
        m.userIdColumn = "1";
        m.timestampColumn = "2";
        m.timestampFormat = "%Y%m%d";
        m.fixedEvent = "Bought";
        return m;
    }

    static ingest::CsvMapping orderMapping()
    {
        ingest::CsvMapping m;
        m.preset = "shop";
        m.userIdColumn = "cust";
        m.timestampColumn = "date";
        m.fixedEvent = "Order Completed";
        m.productIdColumn = "sku";
        m.priceColumn = "price";
        m.quantityColumn = "qty";
        m.orderIdColumn = "inv";
        m.refundPrefix = "C";
        m.guestIdPrefix = "guest:";
        m.currency = "GBP";
        m.propertyColumns = {"country"};
        m.productPropertyColumns = {"name"};
        return m;
    }

    std::string write(const char *name, const std::string &content)
    {
        return test::writeFile(m_dir.filePath(QString::fromLatin1(name)), content);
    }

    ingest::ImportReport run(const std::vector<std::string> &files, const ingest::CsvMapping &mapping)
    {
        services::ImportSpec spec;
        spec.files = files;
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
    std::string isoOf(const std::string &user)
    {
        // The user id comes from the test's own fixture.
        return iso(sql("SELECT ts FROM events WHERE user_id = '" + user + "'"));
    }

    QTemporaryDir m_dir;
    std::string m_ws;
    int m_count = 0;
};

QTEST_GUILESS_MAIN(TestCsvImport)
#include "tst_CsvImport.moc"
