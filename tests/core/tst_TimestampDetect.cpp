// SPDX-License-Identifier: GPL-3.0-or-later
// Time format detection from sample values: every known layout, month-first and day-first dates told
// apart by a day over 12 or reported as ambiguous, and the samples read from a CSV file or its lookup.
#include "TestUtil.h"
#include "ingest/CsvMapping.h"
#include "ingest/Timestamp.h"
#include "ingest/TimestampDetect.h"

#include <QTemporaryDir>
#include <QTest>

using namespace awb;
using Outcome = ingest::TimestampDetection::Outcome;

class TestTimestampDetect : public QObject
{
    Q_OBJECT

private slots:
    void detects_data()
    {
        // samples are separated by '|'.
        QTest::addColumn<QByteArray>("samples");
        QTest::addColumn<QByteArray>("format");
        QTest::addColumn<QByteArray>("firstAsIso"); ///< the first sample read with the format, as UTC
        const auto row = [](const char *name, const char *samples, const char *format, const char *iso) {
            QTest::newRow(name) << QByteArray(samples) << QByteArray(format) << QByteArray(iso);
        };
        row("iso", "2024-03-05T14:02:11Z|2024-03-13T01:00:00.250+01:00", "", "2024-03-05T14:02:11.000Z");
        row("sql", "2017-10-02 10:56:33| 2017-10-13 08:00:00 ", "", "2017-10-02T10:56:33.000Z");
        row("shopify offset", "2024-03-05 14:02:11 -0500", "", "2024-03-05T19:02:11.000Z");
        row("epoch s", "964982703|1445714835", "", "2000-07-30T18:45:03.000Z");
        row("epoch ms", "1445714835123", "", "2015-10-24T19:27:15.123Z");
        row("yyyymmdd", "19970101|19970112", "%Y%m%d", "1997-01-01T00:00:00.000Z");
        row("M/D/YYYY H:MM", "10/2/2017 10:56|10/13/2017 8:00|", "%m/%d/%Y %H:%M", "2017-10-02T10:56:00.000Z");
        row("D/M/YYYY H:MM", "2/10/2017 10:56|13/10/2017 8:00", "%d/%m/%Y %H:%M", "2017-10-02T10:56:00.000Z");
        row("M/D/YYYY H:MM:SS", "12/31/2023 23:59:59", "%m/%d/%Y %H:%M:%S", "2023-12-31T23:59:59.000Z");
        row("D/M/YYYY", "31/12/2023", "%d/%m/%Y", "2023-12-31T00:00:00.000Z");
        row("M/D/YYYY h:mm AM", "3/25/2024 2:05 PM", "%m/%d/%Y %I:%M %p", "2024-03-25T14:05:00.000Z");
        row("D.M.YYYY", "05.03.2024 14:02", "%d.%m.%Y %H:%M", "2024-03-05T14:02:00.000Z");
        row("YYYY/MM/DD", "2024/03/05 14:02:11", "%Y/%m/%d %H:%M:%S", "2024-03-05T14:02:11.000Z");
        row("D Mon YYYY", "5 Mar 2024", "%d %b %Y", "2024-03-05T00:00:00.000Z");
    }

    void detects()
    {
        QFETCH(QByteArray, samples);
        QFETCH(QByteArray, format);
        QFETCH(QByteArray, firstAsIso);
        std::vector<std::string> values;
        for (const QByteArray &v : samples.split('|')) {
            values.push_back(v.toStdString());
        }
        const ingest::TimestampDetection d = ingest::detectTimestampFormat(values);
        QCOMPARE(d.outcome, Outcome::Detected);
        QCOMPARE(QByteArray::fromStdString(d.format), format);
        const auto ms = ingest::parseTimestamp(values.front(), d.format);
        QVERIFY(ms);
        QCOMPARE(QByteArray::fromStdString(ingest::formatTimestamp(*ms)), firstAsIso);
    }

    void everyDayUpTo12IsAmbiguous()
    {
        const ingest::TimestampDetection d =
            ingest::detectTimestampFormat({"3/5/2024 10:00", "12/1/2024 9:30", "1/12/2024 8:00"});
        QCOMPARE(d.outcome, Outcome::Ambiguous);
        QCOMPARE(d.candidates, (std::vector<std::string>{"%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M"}));
        QCOMPARE(d.example, std::string("3/5/2024 10:00"));
        QCOMPARE(ingest::timestampFormatOrder(d.candidates[0]), std::string("month first"));
        QCOMPARE(ingest::timestampFormatOrder(d.candidates[1]), std::string("day first"));
        // One day over 12 settles it.
        QCOMPARE(ingest::detectTimestampFormat({"3/5/2024 10:00", "3/25/2024 10:00"}).format,
                 std::string("%m/%d/%Y %H:%M"));
    }

    void unreadableOrEmptySamples()
    {
        const ingest::TimestampDetection mixed =
            ingest::detectTimestampFormat({"2024-03-05", "yesterday", "2024-03-06"});
        QCOMPARE(mixed.outcome, Outcome::Unknown);
        QCOMPARE(mixed.example, std::string("yesterday"));
        const ingest::TimestampDetection none = ingest::detectTimestampFormat({"", "  "});
        QCOMPARE(none.outcome, Outcome::Unknown);
        QCOMPARE(none.samples, std::size_t(0));
    }

    void everyKnownFormatIsUsable()
    {
        for (const std::string &f : ingest::knownTimestampFormats()) {
            QVERIFY2(ingest::checkTimestampFormat(f).empty(), f.c_str());
        }
    }

    void readsTheColumnFromTheFileOrItsLookup()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string items = test::writeFile(dir.filePath(QStringLiteral("items.csv")),
                                                  "order_id,product_id,shipped\no1,p1,2017-10-02\no2,p2,\n");
        test::writeFile(dir.filePath(QStringLiteral("orders.csv")),
                        "order_id,order_purchase_timestamp\no1,10/2/2017 10:56\no2,10/13/2017 8:00\n");
        ingest::CsvMapping m;
        m.timestampColumn = "shipped";
        auto own = ingest::detectCsvTimestampFormat(items, m);
        QVERIFY(own);
        QCOMPARE(own->outcome, Outcome::Detected);
        QCOMPARE(own->samples, std::size_t(1));
        m.lookups.push_back({"orders", "orders.csv", "order_id", "order_id", true, {}});
        m.timestampColumn = "orders.order_purchase_timestamp";
        auto joined = ingest::detectCsvTimestampFormat(items, m);
        QVERIFY2(joined, joined ? "" : joined.error().message.c_str());
        QCOMPARE(joined->format, std::string("%m/%d/%Y %H:%M"));
        m.timestampColumn = "when";
        auto missing = ingest::detectCsvTimestampFormat(items, m);
        QVERIFY(!missing);
        QVERIFY2(missing.error().message.find("items.csv: no column \"when\"") != std::string::npos,
                 missing.error().message.c_str());
    }

};

QTEST_GUILESS_MAIN(TestTimestampDetect)
#include "tst_TimestampDetect.moc"
