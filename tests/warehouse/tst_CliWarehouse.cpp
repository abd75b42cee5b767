// SPDX-License-Identifier: GPL-3.0-or-later
// `awb` against a warehouse: generate writes the sample store into PostgreSQL in Segment's layout, traits and
// segment count run there and agree with the same commands on the workspace file; errors name the schema and
// never print a password.
#include "CliRun.h"
#include "warehouse/PgConnection.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using awb::test::awbRun;

class TestCliWarehouse : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        const QString server = qEnvironmentVariable("AWB_TEST_PG_URI");
        if (server.isEmpty()) {
            QSKIP("AWB_TEST_PG_URI is not set: run through ctest, whose fixture starts PostgreSQL");
        }
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("shop.awb"));
        m_uri = server + QStringLiteral("&options=-csearch_path%3Dcli_shop");
        const auto r = awbRun({QStringLiteral("generate"), QStringLiteral("--out"), m_ws,
                               QStringLiteral("--warehouse"), m_uri, QStringLiteral("--profiles"),
                               QStringLiteral("600"), QStringLiteral("--seed"), QStringLiteral("9")});
        if (r.exitCode != 0 && r.err.contains(QStringLiteral("Cannot connect"))) {
            QSKIP(qPrintable(QStringLiteral("no PostgreSQL server (is PostgreSQL installed?): ") + r.err));
        }
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Segment's warehouse layout")), qPrintable(r.out));
    }

    void traitsAreComputedInTheWarehouse()
    {
        const auto r = awbRun({QStringLiteral("traits"), m_uri, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("people")).toInteger(), 600);
        QVERIFY(o.value(QStringLiteral("events")).toInteger() > 10000);
    }

    void segmentCountsAgreeWithTheWorkspace_data()
    {
        QTest::addColumn<QStringList>("rule");
        QTest::addRow("lapsed VIPs") << QStringList{QStringLiteral("--template"),
                                                    QStringLiteral("lapsed-vips"), QStringLiteral("--param"),
                                                    QStringLiteral("spend=300")};
        QTest::addRow("returning, a month earlier")
            << QStringList{QStringLiteral("--template"), QStringLiteral("returning-visitors"),
                           QStringLiteral("--as-of"), QStringLiteral("2026-10-01")};
        QTest::addRow("loyal low spenders")
            << QStringList{QStringLiteral("--template"), QStringLiteral("loyal-low-spenders")};
    }

    void segmentCountsAgreeWithTheWorkspace()
    {
        QFETCH(QStringList, rule);
        const auto remote = awbRun(
            QStringList{QStringLiteral("segment"), QStringLiteral("count"), m_uri, QStringLiteral("--json")} +
            rule);
        QVERIFY2(remote.exitCode == 0, qPrintable(remote.err));
        const auto local = awbRun(
            QStringList{QStringLiteral("segment"), QStringLiteral("count"), m_ws, QStringLiteral("--json")} +
            rule);
        QVERIFY2(local.exitCode == 0, qPrintable(local.err));
        const QJsonObject r = QJsonDocument::fromJson(remote.out.toUtf8()).object();
        const QJsonObject l = QJsonDocument::fromJson(local.out.toUtf8()).object();
        QVERIFY(l.value(QStringLiteral("matching")).toInteger() > 0);
        QCOMPARE(r.value(QStringLiteral("matching")).toInteger(),
                 l.value(QStringLiteral("matching")).toInteger());
        QCOMPARE(r.value(QStringLiteral("profiles")).toInteger(),
                 l.value(QStringLiteral("profiles")).toInteger());
        QCOMPARE(r.value(QStringLiteral("now")).toString(), l.value(QStringLiteral("now")).toString());
    }

    // A segment saved in the warehouse exports the same rows, in every preset, as the same rule exported from
    // the workspace file (rows compared sorted: the warehouse writes in person-key order, the file in profile
    // order).
    void exportsMatchTheWorkspace_data()
    {
        QTest::addColumn<QString>("preset");
        for (const char *p : {"generic", "mailchimp", "klaviyo", "braze", "segment", "meta", "google"}) {
            QTest::newRow(p) << QString::fromLatin1(p);
        }
    }

    void exportsMatchTheWorkspace()
    {
        QFETCH(QString, preset);
        const QStringList rule = {QStringLiteral("--template"), QStringLiteral("lapsed-vips"),
                                  QStringLiteral("--param"), QStringLiteral("spend=300")};
        const auto saved = awbRun(QStringList{QStringLiteral("segment"), QStringLiteral("save"), m_uri,
                                              QStringLiteral("--name"), QStringLiteral("Lapsed VIPs")} +
                                  rule);
        QVERIFY2(saved.exitCode == 0, qPrintable(saved.err));
        const QString remoteFile = m_dir.filePath(QStringLiteral("remote.csv"));
        const QString localFile = m_dir.filePath(QStringLiteral("local.csv"));
        const auto remote = awbRun({QStringLiteral("segment"), QStringLiteral("export"), m_uri,
                                    QStringLiteral("--name"), QStringLiteral("Lapsed VIPs"),
                                    QStringLiteral("--preset"), preset, QStringLiteral("--out"), remoteFile});
        QVERIFY2(remote.exitCode == 0, qPrintable(remote.err));
        const auto local =
            awbRun(QStringList{QStringLiteral("segment"), QStringLiteral("export"), m_ws,
                               QStringLiteral("--preset"), preset, QStringLiteral("--out"), localFile} +
                   rule);
        QVERIFY2(local.exitCode == 0, qPrintable(local.err));
        const QStringList a = sortedRows(localFile);
        const QStringList b = sortedRows(remoteFile);
        QVERIFY(a.size() > 2);
        QCOMPARE(b, a);
    }

    void errorsNameTheSchemaAndHideThePassword()
    {
        QString uri = m_uri;
        uri.replace(QStringLiteral("cli_shop"), QStringLiteral("no_such_schema"));
        uri += QStringLiteral("&password=hunter2");
        const auto r = awbRun({QStringLiteral("segment"), QStringLiteral("count"), uri,
                               QStringLiteral("--template"), QStringLiteral("lapsed-vips")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("no_such_schema")), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("hunter2")), qPrintable(r.err));
        const auto templ = awbRun({QStringLiteral("segment"), QStringLiteral("count"), m_uri,
                                   QStringLiteral("--template"), QStringLiteral("ready-to-buy")});
        QCOMPARE(templ.exitCode, 2);
        QVERIFY2(templ.err.contains(QStringLiteral("warehouse mode")), qPrintable(templ.err));
        const auto list = awbRun({QStringLiteral("segment"), QStringLiteral("list"), m_uri});
        QCOMPARE(list.exitCode, 2);
        const auto score = awbRun(
            {QStringLiteral("score"), m_uri, QStringLiteral("--target"), QStringLiteral("Category=Beauty")});
        QCOMPARE(score.exitCode, 2);
        QVERIFY2(score.err.contains(QStringLiteral("does not run against a warehouse yet")),
                 qPrintable(score.err));
    }

    // The source mapping is stored once and changes what the traits read: with "Product Added" as the order
    // event, the people with an order are those who added a product (counted locally as an event condition).
    void theMappingIsStoredAndUsed()
    {
        const auto mapped = awbRun({QStringLiteral("traits"), m_uri, QStringLiteral("--order-event"),
                                    QStringLiteral("Product Added"), QStringLiteral("--order-value"),
                                    QStringLiteral("price")});
        QVERIFY2(mapped.exitCode == 0, qPrintable(mapped.err));
        const QString orders = m_dir.filePath(QStringLiteral("orders.json"));
        const QString added = m_dir.filePath(QStringLiteral("added.json"));
        writeRule(
            orders,
            R"({"type":"all","conditions":[{"type":"trait","trait":"order_count","op":">=","value":1}]})");
        writeRule(
            added,
            R"({"type":"all","conditions":[{"type":"event","event":"Product Added","count":"at_least","times":1}]})");
        const auto remote = awbRun({QStringLiteral("segment"), QStringLiteral("count"), m_uri,
                                    QStringLiteral("--rule"), orders, QStringLiteral("--json")});
        const auto local = awbRun({QStringLiteral("segment"), QStringLiteral("count"), m_ws,
                                   QStringLiteral("--rule"), added, QStringLiteral("--json")});
        QVERIFY2(remote.exitCode == 0 && local.exitCode == 0, qPrintable(remote.err + local.err));
        const qint64 matching = QJsonDocument::fromJson(remote.out.toUtf8())
                                    .object()
                                    .value(QStringLiteral("matching"))
                                    .toInteger();
        QVERIFY(matching > 0);
        QCOMPARE(matching, QJsonDocument::fromJson(local.out.toUtf8())
                               .object()
                               .value(QStringLiteral("matching"))
                               .toInteger());
        // Back to the defaults: the counts of orders again.
        const auto restored = awbRun({QStringLiteral("traits"), m_uri, QStringLiteral("--order-event"),
                                      QStringLiteral("Order Completed"), QStringLiteral("--order-value"),
                                      QStringLiteral("revenue,total")});
        QVERIFY2(restored.exitCode == 0, qPrintable(restored.err));
    }

    // A source whose identity columns and profile table are named otherwise (customer_id, visitor_id, a
    // customers table keyed by customer_ref) gives nobody until mapped, then the same counts and export rows
    // as Segment's layout; a column the schema does not have is refused by name, and the stored mapping is
    // kept.
    void identityColumnsAndTheProfileTableAreMapped()
    {
        const std::string server = qEnvironmentVariable("AWB_TEST_PG_URI").toStdString();
        const auto pg = awb::warehouse::PgConnection::connect(server);
        pg->execScript("DROP SCHEMA IF EXISTS cli_renamed CASCADE; CREATE SCHEMA cli_renamed");
        const auto tables = pg->exec("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                     "'cli_shop'");
        for (int i = 0; i < tables.rows(); ++i) {
            const std::string t = "\"" + std::string(tables.text(i, 0)) + "\"";
            pg->execScript("CREATE TABLE cli_renamed." + t + " AS SELECT * FROM cli_shop." + t);
        }
        const auto renames = pg->exec("SELECT table_name, column_name FROM information_schema.columns WHERE "
                                      "table_schema = 'cli_renamed' AND column_name IN ('user_id', "
                                      "'anonymous_id')");
        QVERIFY(renames.rows() > 4);
        for (int i = 0; i < renames.rows(); ++i) {
            const std::string column(renames.text(i, 1));
            pg->execScript("ALTER TABLE cli_renamed.\"" + std::string(renames.text(i, 0)) +
                           "\" RENAME COLUMN " + column + " TO " +
                           (column == "user_id" ? "customer_id" : "visitor_id"));
        }
        pg->execScript("ALTER TABLE cli_renamed.users RENAME TO customers; ALTER TABLE cli_renamed.customers "
                       "RENAME COLUMN id TO customer_ref");
        QString renamed = m_uri;
        renamed.replace(QStringLiteral("cli_shop"), QStringLiteral("cli_renamed"));
        const QStringList rule = {QStringLiteral("--template"), QStringLiteral("lapsed-vips"),
                                  QStringLiteral("--param"), QStringLiteral("spend=300")};
        const auto count = [&](const QString &uri) {
            const auto r = awbRun(QStringList{QStringLiteral("segment"), QStringLiteral("count"), uri,
                                              QStringLiteral("--json")} +
                                  rule);
            return r.exitCode == 0 ? QJsonDocument::fromJson(r.out.toUtf8()).object() : QJsonObject();
        };
        QCOMPARE(count(renamed).value(QStringLiteral("profiles")).toInteger(), 0);

        const auto wrong = awbRun({QStringLiteral("traits"), renamed, QStringLiteral("--user-id-column"),
                                   QStringLiteral("no_such_column")});
        QCOMPARE(wrong.exitCode, 2);
        QVERIFY2(wrong.err.contains(QStringLiteral("'no_such_column' (the user id column)")),
                 qPrintable(wrong.err));
        const auto mapped = awbRun({QStringLiteral("traits"), renamed, QStringLiteral("--user-id-column"),
                                    QStringLiteral("customer_id"), QStringLiteral("--anonymous-id-column"),
                                    QStringLiteral("visitor_id"), QStringLiteral("--profile-table"),
                                    QStringLiteral("customers"), QStringLiteral("--profile-key"),
                                    QStringLiteral("customer_ref")});
        QVERIFY2(mapped.exitCode == 0, qPrintable(mapped.err));
        QVERIFY2(mapped.out.contains(QStringLiteral("profiles customers.customer_ref")),
                 qPrintable(mapped.out));
        const QJsonObject expected = count(m_uri);
        QVERIFY(expected.value(QStringLiteral("matching")).toInteger() > 0);
        QCOMPARE(count(renamed), expected);

        // One option changed later keeps the rest of the stored mapping.
        const auto order = awbRun({QStringLiteral("traits"), renamed, QStringLiteral("--order-value"),
                                   QStringLiteral("revenue,total")});
        QVERIFY2(order.exitCode == 0, qPrintable(order.err));
        QVERIFY2(order.out.contains(QStringLiteral("user id column customer_id")), qPrintable(order.out));

        QStringList files;
        for (const QString &uri : {m_uri, renamed}) {
            const QString name = QStringLiteral("Mapped VIPs");
            const auto saved = awbRun(QStringList{QStringLiteral("segment"), QStringLiteral("save"), uri,
                                                  QStringLiteral("--name"), name} +
                                      rule);
            QVERIFY2(saved.exitCode == 0, qPrintable(saved.err));
            files << m_dir.filePath(QStringLiteral("mapped-%1.csv").arg(files.size()));
            const auto out = awbRun({QStringLiteral("segment"), QStringLiteral("export"), uri,
                                     QStringLiteral("--name"), name, QStringLiteral("--preset"),
                                     QStringLiteral("klaviyo"), QStringLiteral("--out"), files.back()});
            QVERIFY2(out.exitCode == 0, qPrintable(out.err));
        }
        const QStringList rows = sortedRows(files[0]);
        QVERIFY(rows.size() > 2);
        QVERIFY2(rows[1].contains(QLatin1Char('@')), qPrintable(rows[1])); // e-mail from the profile table
        QCOMPARE(sortedRows(files[1]), rows);
    }

    // Two source schemas keep their own segment of the same name, and the members and exports of each are its
    // own. Tables saved before segments were kept per schema get the column, their rows going to the schema
    // the traits were last computed for.
    void savedSegmentsAreKeptPerSourceSchema()
    {
        QString renamed = m_uri;
        renamed.replace(QStringLiteral("cli_shop"), QStringLiteral("cli_renamed"));
        const auto save = [](const QString &uri, const char *spend) {
            return awbRun({QStringLiteral("segment"), QStringLiteral("save"), uri, QStringLiteral("--name"),
                           QStringLiteral("Per schema"), QStringLiteral("--template"),
                           QStringLiteral("lapsed-vips"), QStringLiteral("--param"),
                           QStringLiteral("spend=") + QLatin1String(spend)});
        };
        const auto exported = [this](const QString &uri, const QString &file) {
            const auto r =
                awbRun({QStringLiteral("segment"), QStringLiteral("export"), uri, QStringLiteral("--name"),
                        QStringLiteral("Per schema"), QStringLiteral("--preset"), QStringLiteral("generic"),
                        QStringLiteral("--out"), m_dir.filePath(file)});
            return r.exitCode == 0 ? sortedRows(m_dir.filePath(file)) : QStringList{r.err};
        };
        QCOMPARE(save(m_uri, "300").exitCode, 0);
        const QStringList shop = exported(m_uri, QStringLiteral("shop.csv"));
        QCOMPARE(save(renamed, "1000").exitCode, 0);
        const QStringList other = exported(renamed, QStringLiteral("other.csv"));
        QVERIFY(other.size() > 1);
        QVERIFY2(shop.size() > other.size(), qPrintable(shop.join(QLatin1Char('\n'))));
        QCOMPARE(exported(m_uri, QStringLiteral("shop-again.csv")), shop);

        // The tables as an earlier version wrote them.
        QVERIFY(awbRun({QStringLiteral("traits"), m_uri}).exitCode == 0);
        const auto pg =
            awb::warehouse::PgConnection::connect(qEnvironmentVariable("AWB_TEST_PG_URI").toStdString());
        pg->execScript("DELETE FROM awb.segments WHERE source_schema <> 'cli_shop'; "
                       "DELETE FROM awb.segment_members WHERE source_schema <> 'cli_shop'; "
                       "DELETE FROM awb.segment_membership_log WHERE source_schema <> 'cli_shop'; "
                       "ALTER TABLE awb.segments DROP COLUMN source_schema; "
                       "ALTER TABLE awb.segment_members DROP COLUMN source_schema; "
                       "ALTER TABLE awb.segment_membership_log DROP COLUMN source_schema");
        QCOMPARE(exported(m_uri, QStringLiteral("upgraded.csv")), shop);
        QCOMPARE(pg->exec("SELECT count(*) FROM awb.segments WHERE source_schema = 'cli_shop'").int64(0, 0),
                 pg->exec("SELECT count(*) FROM awb.segments").int64(0, 0));
        QVERIFY(exported(renamed, QStringLiteral("gone.csv"))
                    .first()
                    .contains(QStringLiteral("No segment named")));
    }

private:
    static void writeRule(const QString &path, const char *root)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArrayLiteral("{\"version\":1,\"rule\":") + QByteArray(root) + QByteArrayLiteral("}"));
    }

    // The header, then the rows in sorted order.
    static QStringList sortedRows(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            return {};
        }
        QStringList rows = QString::fromUtf8(f.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        if (!rows.isEmpty()) {
            std::sort(rows.begin() + 1, rows.end());
        }
        return rows;
    }

    QTemporaryDir m_dir;
    QString m_ws;
    QString m_uri;
};

QTEST_GUILESS_MAIN(TestCliWarehouse)
#include "tst_CliWarehouse.moc"
