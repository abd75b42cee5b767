// SPDX-License-Identifier: GPL-3.0-or-later
// Audiences in warehouse mode: the interactions pulled from the warehouse are the workspace catalog's, the
// audience scored on them has the same members, ranks, control group and scores (compared exactly: the same
// code scores the same interactions in the same canonical numbering), scoring everyone in parts gives the
// same again, training on a sample stays close, re-creating it logs who entered and left, and `awb export
// URI` writes the workspace's file byte for byte.
#include "CliRun.h"
#include "WarehouseTestUtil.h"

#include "jobs/Progress.h"
#include "warehouse/WarehouseCatalog.h"
#include "warehouse/WarehouseTraits.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <set>
#include <tuple>

using awb::test::awbRun;

namespace {

using Interaction = std::tuple<std::string, std::string, std::int64_t, float, float>;

QStringList catalogArgs(const QString &target)
{
    return {QStringLiteral("catalog"),  target,
            QStringLiteral("--event"),  QStringLiteral("Order Completed=3"),
            QStringLiteral("--event"),  QStringLiteral("Product Added=2"),
            QStringLiteral("--event"),  QStringLiteral("Product Viewed=1"),
            QStringLiteral("--column"), QStringLiteral("Category=category"),
            QStringLiteral("--column"), QStringLiteral("Brand=brand")};
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestWarehouseAudience : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString why;
        m_server = awb::test::warehouseServer(why);
        if (m_server.empty()) {
            QSKIP(qPrintable(why));
        }
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("shop.awb"));
        m_uri = QString::fromStdString(m_server) + QStringLiteral("&options=-csearch_path%3Daudience_shop");
        auto r = awbRun({QStringLiteral("generate"), QStringLiteral("--out"), m_ws,
                         QStringLiteral("--warehouse"), m_uri, QStringLiteral("--profiles"),
                         QStringLiteral("700"), QStringLiteral("--seed"), QStringLiteral("4")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QStringList local = catalogArgs(m_ws);
        local << QStringLiteral("--build");
        r = awbRun(local);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = awbRun(catalogArgs(m_uri));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("order_completed")), qPrintable(r.out));
        r = awbRun({QStringLiteral("traits"), m_uri});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void pulledInteractionsAreTheWorkspaceCatalogs()
    {
        std::vector<Interaction> local;
        {
            const std::map<std::int64_t, std::string> keys = awb::test::personKeys(m_ws.toStdString());
            auto db =
                awb::store::Database::open(m_ws.toStdString(), awb::store::Database::OpenMode::ReadOnly);
            QVERIFY(db.hasValue());
            auto st = (*db)->prepare("SELECT c.profile_id, i.product_id, c.ts, c.weight, c.value FROM "
                                     "catalog_interactions c JOIN catalog_items i ON i.item = c.item");
            while (st.step()) {
                local.emplace_back(keys.at(st.int64(0)), st.text(1), st.int64(2),
                                   static_cast<float>(st.real(3)), static_cast<float>(st.real(4)));
            }
        }
        const auto pg = awb::warehouse::PgConnection::connect(m_uri.toStdString());
        const awb::warehouse::SourceTables source = awb::warehouse::readSourceTables(*pg, "audience_shop");
        const awb::warehouse::PulledCatalog pulled = awb::warehouse::pullInteractions(
            *pg, source, awb::warehouse::readCatalogDefinition(*pg, "audience_shop"),
            awb::ProgressSink::null());
        const awb::numeric::InteractionLog &log = pulled.input.data.log;
        QVERIFY(std::is_sorted(log.ts.begin(), log.ts.end()));
        std::vector<Interaction> warehouse;
        for (std::size_t k = 0; k < log.ts.size(); ++k) {
            warehouse.emplace_back(pulled.input.labels[static_cast<std::size_t>(log.profile[k])],
                                   pulled.input.productIds[static_cast<std::size_t>(log.item[k])], log.ts[k],
                                   log.weight[k], log.value[k]);
        }
        QVERIFY(local.size() > 5000);
        std::sort(local.begin(), local.end());
        std::sort(warehouse.begin(), warehouse.end());
        QCOMPARE(warehouse.size(), local.size());
        QVERIFY(warehouse == local);
        // Every person of the workspace, with the same label and first event.
        QCOMPARE(pulled.input.labels.size(), awb::test::personKeys(m_ws.toStdString()).size());
    }

    void audienceEqualsTheWorkspaces()
    {
        const QStringList create = {QStringLiteral("--name"),         QStringLiteral("electronics"),
                                    QStringLiteral("--target"),       QStringLiteral("Category=Electronics"),
                                    QStringLiteral("--size"),         QStringLiteral("10%"),
                                    QStringLiteral("--control-seed"), QStringLiteral("11")};
        auto r = awbRun(QStringList{QStringLiteral("audience"), QStringLiteral("create"), m_ws} + create);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = awbRun(QStringList{QStringLiteral("audience"), QStringLiteral("create"), m_uri} + create);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("in the warehouse")), qPrintable(r.out));

        // rank -> (person key, score, control), exactly.
        const auto local = localMembers("electronics");
        const auto warehouse = members("electronics");
        const auto pg = awb::warehouse::PgConnection::connect(m_uri.toStdString());
        QVERIFY(local.size() > 30);
        QCOMPARE(warehouse.size(), local.size());
        for (std::size_t i = 0; i < local.size(); ++i) {
            QCOMPARE(std::get<0>(warehouse[i]), std::get<0>(local[i]));
            // SQLite stores the score as a REAL, PostgreSQL as double precision: the same double.
            QCOMPARE(std::get<1>(warehouse[i]), std::get<1>(local[i]));
            QCOMPARE(std::get<2>(warehouse[i]), std::get<2>(local[i]));
        }

        // A smaller snapshot: the people past the new size left, nobody entered.
        QStringList smaller = create;
        smaller[5] = QStringLiteral("5%");
        r = awbRun(QStringList{QStringLiteral("audience"), QStringLiteral("create"), m_uri} + smaller);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto log = pg->exec("SELECT event_type, count(*) FROM awb.audience_membership_log GROUP BY "
                                  "event_type ORDER BY event_type");
        QCOMPARE(log.rows(), 2);
        QCOMPARE(log.int64(0, 1), static_cast<std::int64_t>(local.size())); // enter, first snapshot
        const std::int64_t now =
            pg->exec("SELECT count(*) FROM awb.audience_memberships WHERE audience_id = 1").int64(0, 0);
        QCOMPARE(log.int64(1, 1), static_cast<std::int64_t>(local.size()) - now); // exit
        QCOMPARE(pg->exec("SELECT count(*) FROM awb.audiences").int64(0, 0), 1);
        // Back to 10% for the export below.
        r = awbRun(QStringList{QStringLiteral("audience"), QStringLiteral("create"), m_uri} + create);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void populationsAreTheWorkspaces()
    {
        // Only the members of a saved segment, but not of an audience: the same members and scores as the
        // workspace's, in memory and streamed in parts.
        for (const QString &target : {m_ws, m_uri}) {
            auto r =
                awbRun({QStringLiteral("segment"), QStringLiteral("save"), target, QStringLiteral("--name"),
                        QStringLiteral("buyers"), QStringLiteral("--template"), QStringLiteral("lapsed-vips"),
                        QStringLiteral("--param"), QStringLiteral("spend=50"), QStringLiteral("--param"),
                        QStringLiteral("days=1")});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        const QStringList create = {QStringLiteral("--target"),       QStringLiteral("Category=Electronics"),
                                    QStringLiteral("--size"),         QStringLiteral("40%"),
                                    QStringLiteral("--control-seed"), QStringLiteral("5"),
                                    QStringLiteral("--only-in"),      QStringLiteral("buyers"),
                                    QStringLiteral("--exclude"),      QStringLiteral("electronics")};
        auto r = awbRun(QStringList{QStringLiteral("audience"), QStringLiteral("create"), m_ws,
                                    QStringLiteral("--name"), QStringLiteral("buyers-only")} +
                        create);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const QStringList &how :
             {QStringList{}, QStringList{QStringLiteral("--sample"), QStringLiteral("100%"),
                                         QStringLiteral("--parts"), QStringLiteral("2")}}) {
            r = awbRun(QStringList{QStringLiteral("audience"), QStringLiteral("create"), m_uri,
                                   QStringLiteral("--name"), QStringLiteral("buyers-only")} +
                       create + how);
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            const auto local = localMembers("buyers-only");
            QVERIFY(local.size() > 10);
            QVERIFY(members("buyers-only") == local);
        }
        // Nobody outside the segment, nobody of the excluded audience.
        const auto pg = awb::warehouse::PgConnection::connect(m_uri.toStdString());
        QCOMPARE(
            pg->exec("SELECT count(*) FROM awb.audience_memberships m JOIN awb.audiences a ON "
                     "a.audience_id = m.audience_id WHERE a.name = 'buyers-only' AND (m.person_id NOT IN "
                     "(SELECT person_key FROM awb.segment_members WHERE segment_name = 'buyers') OR "
                     "m.person_id IN (SELECT e.person_id FROM awb.audience_memberships e JOIN awb.audiences "
                     "x ON x.audience_id = e.audience_id WHERE x.name = 'electronics'))")
                .int64(0, 0),
            0);
    }

    void membershipConditionsAreTheWorkspaces()
    {
        // Rules on membership of an audience and of a saved segment (its rule compiled in place): the same
        // people as on the workspace file, saved and exported.
        const QStringList rules = {
            QStringLiteral(
                "{\"version\":1,\"rule\":{\"type\":\"all\",\"conditions\":["
                "{\"type\":\"membership\",\"kind\":\"audience\",\"name\":\"electronics\",\"in\":true},"
                "{\"type\":\"membership\",\"kind\":\"segment\",\"name\":\"buyers\",\"in\":false}]}}"),
            QStringLiteral(
                "{\"version\":1,\"rule\":{\"type\":\"any\",\"conditions\":["
                "{\"type\":\"membership\",\"kind\":\"segment\",\"name\":\"buyers\",\"in\":true},"
                "{\"type\":\"membership\",\"kind\":\"audience\",\"name\":\"buyers-only\",\"in\":false}]}}")};
        for (int i = 0; i < rules.size(); ++i) {
            const QString ruleFile = m_dir.filePath(QStringLiteral("membership-%1.json").arg(i));
            QFile f(ruleFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(rules[i].toUtf8());
            f.close();
            const QString name = QStringLiteral("by-membership-%1").arg(i);
            std::vector<QStringList> exported;
            for (const QString &target : {m_ws, m_uri}) {
                auto r = awbRun({QStringLiteral("segment"), QStringLiteral("save"), target,
                                 QStringLiteral("--name"), name, QStringLiteral("--rule"), ruleFile});
                QVERIFY2(r.exitCode == 0, qPrintable(r.err));
                const QString out =
                    m_dir.filePath(name + (target == m_ws ? QStringLiteral(".local.csv")
                                                          : QStringLiteral(".warehouse.csv")));
                r = awbRun({QStringLiteral("segment"), QStringLiteral("export"), target,
                            QStringLiteral("--name"), name, QStringLiteral("--preset"),
                            QStringLiteral("mailchimp"), QStringLiteral("--out"), out});
                QVERIFY2(r.exitCode == 0, qPrintable(r.err));
                QStringList lines =
                    QString::fromUtf8(fileBytes(out)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
                lines.sort();
                exported.push_back(lines);
            }
            qInfo("membership rule %d: %lld rows", i, static_cast<long long>(exported[0].size()) - 1);
            QVERIFY(exported[0].size() > 5);
            QCOMPARE(exported[1], exported[0]);
        }
        // Membership of an exported audience (campaign history) is refused by name.
        const QString exportedRule = m_dir.filePath(QStringLiteral("exported.json"));
        QFile f(exportedRule);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"version\":1,\"rule\":{\"type\":\"all\",\"conditions\":[{\"type\":\"membership\",\"kind\":"
                "\"exported\",\"name\":\"electronics\",\"in\":true}]}}");
        f.close();
        auto r = awbRun({QStringLiteral("segment"), QStringLiteral("count"), m_uri, QStringLiteral("--rule"),
                         exportedRule});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("exported audiences is not computed in warehouse mode")),
                 qPrintable(r.err));
    }

    void streamedScoringEqualsInMemory()
    {
        // The sample holds everyone, the people are scored in three parts: the same members and scores.
        auto r =
            awbRun({QStringLiteral("audience"), QStringLiteral("create"), m_uri, QStringLiteral("--name"),
                    QStringLiteral("parts"), QStringLiteral("--target"),
                    QStringLiteral("Category=Electronics"), QStringLiteral("--size"), QStringLiteral("10%"),
                    QStringLiteral("--control-seed"), QStringLiteral("11"), QStringLiteral("--sample"),
                    QStringLiteral("100%"), QStringLiteral("--parts"), QStringLiteral("3")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("scored in 3 parts")), qPrintable(r.out));
        const auto exact = members("electronics");
        QVERIFY(exact.size() > 30);
        QVERIFY(members("parts") == exact);
    }

    void sampledTrainingStaysClose()
    {
        // A memory budget below the catalog's interactions: trained on a sample, everyone scored in parts.
        auto r = awbRun({QStringLiteral("audience"), QStringLiteral("create"), m_uri,
                         QStringLiteral("--name"), QStringLiteral("sampled"), QStringLiteral("--target"),
                         QStringLiteral("Category=Electronics"), QStringLiteral("--size"),
                         QStringLiteral("10%"), QStringLiteral("--control-seed"), QStringLiteral("11"),
                         QStringLiteral("--memory"), QStringLiteral("12000")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("to train on a sample of")), qPrintable(r.out));
        const auto pg = awb::warehouse::PgConnection::connect(m_uri.toStdString());
        const auto info =
            pg->exec("SELECT scored, members, sample_share, parts, score_histogram FROM awb.audiences "
                     "WHERE name IN ('electronics', 'sampled') ORDER BY name");
        QCOMPARE(info.rows(), 2);
        QCOMPARE(info.int64(1, 0), info.int64(0, 0)); // everyone is scored
        QCOMPARE(info.int64(1, 1), info.int64(0, 1));
        QVERIFY(info.real(1, 2) < 1.0);
        QVERIFY(info.int64(1, 3) > 1);
        std::int64_t histogram = 0;
        for (const QString &bin : QString::fromUtf8(info.text(1, 4)).split(QLatin1Char(','))) {
            histogram += bin.toLongLong();
        }
        QCOMPARE(histogram, info.int64(1, 0));
        // Most members are the same people as with the whole store (49 of 52 measured on this store).
        const auto exact = members("electronics");
        const auto sampled = members("sampled");
        std::set<std::string> people;
        for (const auto &m : exact) {
            people.insert(std::get<0>(m));
        }
        std::size_t common = 0;
        for (const auto &m : sampled) {
            common += people.count(std::get<0>(m));
        }
        qInfo("sampled training: %zu of %zu members in common", common, exact.size());
        QVERIFY(common * 10 >= exact.size() * 7);
    }

    void exportEqualsTheWorkspaces()
    {
        for (const QString &preset : {QStringLiteral("mailchimp"), QStringLiteral("meta")}) {
            const QString local = m_dir.filePath(QStringLiteral("local-") + preset + QStringLiteral(".csv"));
            const QString remote =
                m_dir.filePath(QStringLiteral("warehouse-") + preset + QStringLiteral(".csv"));
            auto r = awbRun({QStringLiteral("export"), m_ws, QStringLiteral("--audience"),
                             QStringLiteral("electronics"), QStringLiteral("--preset"), preset,
                             QStringLiteral("--out"), local});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            r = awbRun({QStringLiteral("export"), m_uri, QStringLiteral("--audience"),
                        QStringLiteral("electronics"), QStringLiteral("--preset"), preset,
                        QStringLiteral("--out"), remote});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QVERIFY(fileBytes(local).count('\n') > 30);
            QCOMPARE(fileBytes(remote), fileBytes(local));
        }
    }

    void newEventsJoinPeopleFirst()
    {
        // An event after the last refresh joins a new anonymous id to a customer: creating an audience joins
        // the people again before pulling.
        const auto pg = awb::warehouse::PgConnection::connect(m_uri.toStdString());
        const std::string user(pg->exec("SELECT user_id FROM audience_shop.tracks WHERE user_id IS NOT NULL "
                                        "ORDER BY user_id LIMIT 1")
                                   .text(0, 0));
        pg->exec(
            "INSERT INTO audience_shop.tracks (id, anonymous_id, user_id, event, event_text, \"timestamp\", "
            "received_at) VALUES ('late-1', 'anon-late', $1, 'late_visit', 'Late Visit', "
            "'2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z')",
            {user});
        auto r =
            awbRun({QStringLiteral("audience"), QStringLiteral("create"), m_uri, QStringLiteral("--name"),
                    QStringLiteral("after-new-events"), QStringLiteral("--target"),
                    QStringLiteral("Category=Electronics"), QStringLiteral("--size"), QStringLiteral("100"),
                    QStringLiteral("--as-of"), QStringLiteral("2026-10-15")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto label = pg->exec("SELECT label FROM awb.identity_labels WHERE node = '1anon-late'");
        QCOMPARE(label.rows(), 1);
        QCOMPARE(std::string(label.text(0, 0)), "0" + user);
        pg->exec("DELETE FROM audience_shop.tracks WHERE id = 'late-1'");
    }

    void peopleAreStoredOncePerRefresh()
    {
        // awb.people holds every person of the events once, with the part their label's md5 puts them in.
        const auto pg = awb::warehouse::PgConnection::connect(m_uri.toStdString());
        const awb::warehouse::SourceTables source = awb::warehouse::readSourceTables(*pg, "audience_shop");
        const auto stored = pg->exec("SELECT count(*), count(DISTINCT person), sum(CASE WHEN part = "
                                     "substr(md5(person), 1, 4) THEN 1 ELSE 0 END) FROM awb.people");
        const auto grouped = pg->exec("SELECT count(*) FROM (" + awb::warehouse::peopleSql(source) + ") p");
        QVERIFY2(grouped.int64(0, 0) > 500, std::to_string(grouped.int64(0, 0)).c_str());
        QCOMPARE(stored.int64(0, 0), grouped.int64(0, 0));
        QCOMPARE(stored.int64(0, 1), grouped.int64(0, 0));
        QCOMPARE(stored.int64(0, 2), grouped.int64(0, 0));
        // A warehouse refreshed before the table existed: the people are joined again before the pull.
        pg->exec("DROP TABLE awb.people");
        auto r = awbRun({QStringLiteral("audience"), QStringLiteral("create"), m_uri,
                         QStringLiteral("--name"), QStringLiteral("people-again"), QStringLiteral("--target"),
                         QStringLiteral("Category=Electronics"), QStringLiteral("--size"),
                         QStringLiteral("50"), QStringLiteral("--parts"), QStringLiteral("2")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(pg->exec("SELECT count(*) FROM awb.people").int64(0, 0), grouped.int64(0, 0));
    }

    void listShowAndRemove()
    {
        // show prints the same members, scores and control flags as the workspace's audience.
        const QStringList show = {QStringLiteral("--name"), QStringLiteral("electronics"),
                                  QStringLiteral("--members"), QStringLiteral("1000")};
        auto local = awbRun(QStringList{QStringLiteral("audience"), QStringLiteral("show"), m_ws} + show);
        QVERIFY2(local.exitCode == 0, qPrintable(local.err));
        auto remote = awbRun(QStringList{QStringLiteral("audience"), QStringLiteral("show"), m_uri} + show);
        QVERIFY2(remote.exitCode == 0, qPrintable(remote.err));
        const auto memberLines = [](const QString &out) {
            return out.mid(out.indexOf(QStringLiteral("rank,")));
        };
        QVERIFY(memberLines(local.out).count(QLatin1Char('\n')) > 30);
        QCOMPARE(memberLines(remote.out), memberLines(local.out));
        QVERIFY2(remote.out.startsWith(QStringLiteral("audience 'electronics': live, ")),
                 qPrintable(remote.out));
        // list names every audience created in the warehouse, with its size and control group.
        auto r =
            awbRun({QStringLiteral("audience"), QStringLiteral("list"), m_uri, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray listed = QJsonDocument::fromJson(r.out.toUtf8()).array();
        const auto pg = awb::warehouse::PgConnection::connect(m_uri.toStdString());
        QCOMPARE(listed.size(), pg->exec("SELECT count(*) FROM awb.audiences").int64(0, 0));
        QJsonObject electronics;
        for (const QJsonValue &a : listed) {
            if (a[QStringLiteral("name")].toString() == QStringLiteral("electronics")) {
                electronics = a.toObject();
            }
        }
        QCOMPARE(electronics[QStringLiteral("size")].toInteger(),
                 static_cast<qint64>(members("electronics").size()));
        QCOMPARE(electronics[QStringLiteral("controlSeed")].toString(), QStringLiteral("11"));
        QCOMPARE(electronics[QStringLiteral("target")].toString(), QStringLiteral("Category = Electronics"));
        // remove takes the audience, its members and its log away, and nothing else.
        const std::int64_t others =
            pg->exec(
                  "SELECT count(*) FROM awb.audience_memberships m JOIN awb.audiences a ON a.audience_id = "
                  "m.audience_id WHERE a.name <> 'people-again'")
                .int64(0, 0);
        r = awbRun({QStringLiteral("audience"), QStringLiteral("remove"), m_uri, QStringLiteral("--name"),
                    QStringLiteral("people-again")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(pg->exec("SELECT count(*) FROM awb.audiences WHERE name = 'people-again'").int64(0, 0), 0);
        QCOMPARE(pg->exec("SELECT count(*) FROM awb.audience_memberships").int64(0, 0), others);
        QCOMPARE(
            pg->exec("SELECT count(*) FROM awb.audience_membership_log l WHERE NOT EXISTS (SELECT 1 FROM "
                     "awb.audiences a WHERE a.audience_id = l.audience_id)")
                .int64(0, 0),
            0);
    }

    void errorsNameWhatIsWrong()
    {
        auto r = awbRun({QStringLiteral("audience"), QStringLiteral("create"), m_uri,
                         QStringLiteral("--name"), QStringLiteral("x"), QStringLiteral("--target"),
                         QStringLiteral("Category=Nope"), QStringLiteral("--size"), QStringLiteral("5%")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("Category = 'Nope'")), qPrintable(r.err));
        r = awbRun({QStringLiteral("export"), m_uri, QStringLiteral("--audience"), QStringLiteral("missing"),
                    QStringLiteral("--preset"), QStringLiteral("mailchimp"), QStringLiteral("--out"),
                    m_dir.filePath(QStringLiteral("x.csv"))});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("No audience named 'missing'")), qPrintable(r.err));
        r = awbRun({QStringLiteral("audience"), QStringLiteral("results"), m_uri, QStringLiteral("--name"),
                    QStringLiteral("electronics")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("audience results reads a workspace file")),
                 qPrintable(r.err));
        r = awbRun({QStringLiteral("audience"), QStringLiteral("show"), m_uri, QStringLiteral("--name"),
                    QStringLiteral("missing")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("No audience named 'missing'")), qPrintable(r.err));
    }

private:
    // A workspace audience's members, by rank: (person key as the warehouse writes it, score, control).
    std::vector<std::tuple<std::string, double, bool>> localMembers(const char *name) const
    {
        std::vector<std::tuple<std::string, double, bool>> out;
        const std::map<std::int64_t, std::string> keys = awb::test::personKeys(m_ws.toStdString());
        auto db = awb::store::Database::open(m_ws.toStdString(), awb::store::Database::OpenMode::ReadOnly);
        if (!db) {
            return out;
        }
        auto st = (*db)->prepare("SELECT m.profile_id, m.score, m.control FROM audience_members m JOIN "
                                 "audiences a ON a.id = m.audience_id WHERE a.name = ? ORDER BY m.rank");
        st.bind(1, std::string(name));
        while (st.step()) {
            out.emplace_back(keys.at(st.int64(0)), st.real(1), st.int64(2) != 0);
        }
        return out;
    }

    // An audience's memberships in the warehouse, by rank: (person, score, control).
    std::vector<std::tuple<std::string, double, bool>> members(const char *name) const
    {
        std::vector<std::tuple<std::string, double, bool>> out;
        const auto pg = awb::warehouse::PgConnection::connect(m_uri.toStdString());
        const auto rows = pg->exec("SELECT m.person_id, CAST(m.score AS text), m.control FROM "
                                   "awb.audience_memberships m JOIN awb.audiences a ON a.audience_id = "
                                   "m.audience_id WHERE a.name = $1 ORDER BY m.rank",
                                   {std::string(name)});
        for (int i = 0; i < rows.rows(); ++i) {
            out.emplace_back(std::string(rows.text(i, 0)), std::stod(std::string(rows.text(i, 1))),
                             rows.text(i, 2) == "t");
        }
        return out;
    }

    QTemporaryDir m_dir;
    std::string m_server;
    QString m_ws;
    QString m_uri;
};

QTEST_GUILESS_MAIN(TestWarehouseAudience)
#include "tst_WarehouseAudience.moc"
