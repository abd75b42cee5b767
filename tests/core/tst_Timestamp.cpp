// SPDX-License-Identifier: GPL-3.0-or-later
// Event timestamp parsing (ISO 8601 variants, plain date-times, Unix times) and formatting.
#include "ingest/Timestamp.h"

#include <QTest>

#include <optional>
#include <string>

using namespace awb;

Q_DECLARE_METATYPE(std::optional<std::int64_t>)

namespace {
// 2024-03-05T12:34:56Z in milliseconds since the epoch.
constexpr std::int64_t kBase = 1709642096000;
} // namespace

class TestTimestamp : public QObject
{
    Q_OBJECT

private slots:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<std::optional<std::int64_t>>("expected");
        using O = std::optional<std::int64_t>;
        QTest::newRow("iso Z") << QStringLiteral("2024-03-05T12:34:56Z") << O(kBase);
        QTest::newRow("iso lower z") << QStringLiteral("2024-03-05t12:34:56z") << O(kBase);
        QTest::newRow("iso millis") << QStringLiteral("2024-03-05T12:34:56.789Z") << O(kBase + 789);
        QTest::newRow("iso one fraction digit") << QStringLiteral("2024-03-05T12:34:56.5Z") << O(kBase + 500);
        QTest::newRow("iso nanoseconds truncated")
            << QStringLiteral("2024-03-05T12:34:56.123456789Z") << O(kBase + 123);
        QTest::newRow("iso +02:00") << QStringLiteral("2024-03-05T12:34:56+02:00") << O(kBase - 2 * 3600000);
        QTest::newRow("iso +0200") << QStringLiteral("2024-03-05T12:34:56+0200") << O(kBase - 2 * 3600000);
        QTest::newRow("iso +02") << QStringLiteral("2024-03-05T12:34:56+02") << O(kBase - 2 * 3600000);
        QTest::newRow("iso -05:30") << QStringLiteral("2024-03-05T12:34:56-05:30") << O(kBase + 330 * 60000);
        QTest::newRow("iso fraction and offset")
            << QStringLiteral("2024-03-05T12:34:56.250+01:00") << O(kBase + 250 - 3600000);
        QTest::newRow("iso no zone is UTC") << QStringLiteral("2024-03-05T12:34:56") << O(kBase);
        QTest::newRow("iso no seconds") << QStringLiteral("2024-03-05T12:34Z") << O(kBase - 56000);
        QTest::newRow("space separated") << QStringLiteral("2024-03-05 12:34:56") << O(kBase);
        QTest::newRow("online retail style") << QStringLiteral("2010-12-01 08:26:00") << O(1291191960000);
        QTest::newRow("surrounding spaces") << QStringLiteral("  2024-03-05 12:34:56 ") << O(kBase);
        QTest::newRow("date only") << QStringLiteral("2000-01-01") << O(946684800000);
        QTest::newRow("leap day") << QStringLiteral("2024-02-29") << O(1709164800000);
        QTest::newRow("before the epoch") << QStringLiteral("1969-12-31T23:59:59Z") << O(-1000);
        QTest::newRow("unix seconds") << QStringLiteral("1709642096") << O(kBase);
        QTest::newRow("unix seconds fraction") << QStringLiteral("1709642096.5") << O(kBase + 500);
        QTest::newRow("unix milliseconds") << QStringLiteral("1709642096789") << O(kBase + 789);
        QTest::newRow("unix zero") << QStringLiteral("0") << O(0);

        QTest::newRow("bad: February 30th") << QStringLiteral("2021-02-30") << O();
        QTest::newRow("bad: February 29th, not leap") << QStringLiteral("2023-02-29T00:00:00Z") << O();
        QTest::newRow("bad: month 13") << QStringLiteral("2021-13-01") << O();
        QTest::newRow("bad: day 0") << QStringLiteral("2021-01-00") << O();
        QTest::newRow("bad: hour 25") << QStringLiteral("2021-01-01T25:00:00Z") << O();
        QTest::newRow("bad: minute 60") << QStringLiteral("2021-01-01 10:60") << O();
        QTest::newRow("bad: offset hour 19") << QStringLiteral("2021-01-01T10:00:00+19:00") << O();
        QTest::newRow("bad: trailing text") << QStringLiteral("2021-01-01T10:00:00Z junk") << O();
        QTest::newRow("bad: empty fraction") << QStringLiteral("2021-01-01T10:00:00.Z") << O();
        QTest::newRow("bad: garbage") << QStringLiteral("yesterday") << O();
        QTest::newRow("bad: empty") << QString() << O();
        QTest::newRow("bad: blank") << QStringLiteral("   ") << O();
        QTest::newRow("bad: negative unix") << QStringLiteral("-5") << O();
        QTest::newRow("bad: number with text") << QStringLiteral("1709642096abc") << O();
        QTest::newRow("bad: beyond year 9999") << QStringLiteral("1e18") << O();
        QTest::newRow("bad: slashes") << QStringLiteral("2021/01/01") << O();
    }

    void parses()
    {
        QFETCH(QString, text);
        QFETCH(std::optional<std::int64_t>, expected);
        const std::optional<std::int64_t> got = ingest::parseTimestamp(text.toStdString());
        QCOMPARE(got.has_value(), expected.has_value());
        if (expected) {
            QCOMPARE(*got, *expected);
        }
    }

    void formats_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("epoch") << qint64(0) << QStringLiteral("1970-01-01T00:00:00.000Z");
        QTest::newRow("base") << qint64(kBase + 789) << QStringLiteral("2024-03-05T12:34:56.789Z");
        QTest::newRow("leap day") << qint64(1709164800000) << QStringLiteral("2024-02-29T00:00:00.000Z");
        QTest::newRow("before the epoch") << qint64(-1) << QStringLiteral("1969-12-31T23:59:59.999Z");
        QTest::newRow("year 2000") << qint64(946684800000) << QStringLiteral("2000-01-01T00:00:00.000Z");
    }

    void formats()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(ingest::formatTimestamp(ms)), text);
        QCOMPARE(ingest::parseTimestamp(text.toStdString()), std::optional<std::int64_t>(ms));
    }

    // Every day boundary over four centuries (incl. 1900 and 2100, not leap; 2000, leap) survives
    // format -> parse, and consecutive days are exactly 86,400,000 ms apart.
    void roundTripsEveryDay()
    {
        const std::int64_t first = ingest::daysFromCivil(1900, 1, 1);
        const std::int64_t last = ingest::daysFromCivil(2300, 1, 1);
        QCOMPARE(last - first, std::int64_t(146097)); // days in a 400-year Gregorian cycle
        for (std::int64_t day = first; day < last; ++day) {
            const std::int64_t ms = day * 86400000 + 12 * 3600000 + 345;
            const std::string text = ingest::formatTimestamp(ms);
            const auto parsed = ingest::parseTimestamp(text);
            if (!parsed || *parsed != ms) {
                QFAIL(("round trip failed for " + text).c_str());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestTimestamp)
#include "tst_Timestamp.moc"
