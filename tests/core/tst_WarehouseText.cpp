// SPDX-License-Identifier: GPL-3.0-or-later
// The text rules of warehouse mode that need no server: Segment's snake_case names, times as ISO text, URIs
// without their passwords, and the portable-SQL lint.
#include "warehouse/PgConnection.h"
#include "warehouse/SnakeCase.h"
#include "warehouse/WarehouseTime.h"
#include "warehouse/WarehouseTraits.h"

#include <QTest>

using namespace awb::warehouse;

class TestWarehouseText : public QObject
{
    Q_OBJECT

private slots:
    void snakeCaseFollowsSegment_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        // The examples of Segment's schema documentation and go-snakecase's tests.
        QTest::newRow("words") << QStringLiteral("Order Completed") << QStringLiteral("order_completed");
        QTest::newRow("camel") << QStringLiteral("signUp") << QStringLiteral("sign_up");
        QTest::newRow("symbols") << QStringLiteral("FOO:BAR$BAZ") << QStringLiteral("foo_bar_baz");
        QTest::newRow("dot") << QStringLiteral("something.com") << QStringLiteral("something_com");
        QTest::newRow("acronym") << QStringLiteral("HTTPServer") << QStringLiteral("http_server");
        QTest::newRow("digits") << QStringLiteral("address2Line") << QStringLiteral("address2_line");
        QTest::newRow("non-ASCII dropped") << QStringLiteral("Zoë Größe") << QStringLiteral("zo_gre");
        QTest::newRow("edges trimmed") << QStringLiteral("  _id_ ") << QStringLiteral("id");
    }

    void snakeCaseFollowsSegment()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(snakeCase(name.toStdString())), expected);
    }

    void namesAndConstantsAreQuoted()
    {
        QCOMPARE(sqlName("order"), std::string("\"order\""));
        QCOMPARE(sqlName("a\"b"), std::string("\"a\"\"b\""));
        QCOMPARE(sqlText("Can't Lose Them"), std::string("'Can''t Lose Them'"));
    }

    void timesAreIsoTextInUtc()
    {
        QCOMPARE(isoTime(0), std::string("1970-01-01 00:00:00.000+00"));
        QCOMPARE(isoTime(1790000000123), std::string("2026-09-21 14:13:20.123+00"));
        QCOMPARE(isoTime(-5), std::string("1969-12-31 23:59:59.995+00"));
    }

    void passwordsAreNeverShown_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("shown");
        QTest::newRow("user info") << QStringLiteral("postgresql://ann:s3cret@db:5432/shop")
                                   << QStringLiteral("postgresql://ann:***@db:5432/shop");
        QTest::newRow("parameter") << QStringLiteral(
                                          "postgresql:///shop?host=/run/pg&password=s3cret&user=ann")
                                   << QStringLiteral("postgresql:///shop?host=/run/pg&password=***&user=ann");
        QTest::newRow("both") << QStringLiteral("postgres://a:b@h/d?password=c")
                              << QStringLiteral("postgres://a:***@h/d?password=***");
        QTest::newRow("none") << QStringLiteral("postgresql:///shop?host=/tmp")
                              << QStringLiteral("postgresql:///shop?host=/tmp");
    }

    void passwordsAreNeverShown()
    {
        QFETCH(QString, uri);
        QFETCH(QString, shown);
        QCOMPARE(QString::fromStdString(redactedUri(uri.toStdString())), shown);
        QVERIFY(isWarehouseUri(uri.toStdString()));
        QVERIFY(!isWarehouseUri("store.awb"));
    }

    void theLintFindsWhatIsNotPortable()
    {
        QCOMPARE(portabilityProblems("SELECT count(*) FILTER (WHERE x) FROM t").size(), std::size_t(1));
        QCOMPARE(portabilityProblems("select ntile(5) over (order by v) from t").size(), std::size_t(1));
        QCOMPARE(portabilityProblems("SELECT a FROM t WHERE b LIKE 'x%'").size(), std::size_t(1));
        QCOMPARE(
            portabilityProblems("SELECT sum(v) OVER (ORDER BY t RANGE\n   BETWEEN UNBOUNDED PRECEDING AND "
                                "CURRENT ROW) FROM t")
                .size(),
            std::size_t(1));
        QCOMPARE(portabilityProblems("SELECT a IS DISTINCT FROM b, array_agg(c) FROM t").size(),
                 std::size_t(2));
        // Names that merely contain a forbidden word are fine.
        QCOMPARE(portabilityProblems("SELECT likely, filtered, arrays_seen, t.range_end FROM t").size(),
                 std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestWarehouseText)
#include "tst_WarehouseText.moc"
