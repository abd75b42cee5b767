// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end tests of awb audience and awb export, run as a separate process on a generated sample store.
#include "CliRun.h"
#include "TestUtil.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace awb;
using test::awbRun;
using test::Run;

namespace {

QStringList args(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *a : list) {
        out << QString::fromUtf8(a);
    }
    return out;
}

QByteArray firstLine(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readLine().trimmed() : QByteArray();
}
} // namespace

class TestCliAudience : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("s.awb"));
        const Run gen =
            awbRun({QStringLiteral("generate"), QStringLiteral("--out"), m_ws, QStringLiteral("--profiles"),
                    QStringLiteral("600"), QStringLiteral("--days"), QStringLiteral("120")});
        QVERIFY2(gen.exitCode == 0, qPrintable(gen.err));
        const Run cat = awbRun(QStringList{QStringLiteral("catalog"), m_ws} +
                               args({"--event", "Order Completed", "--event", "Product Added", "--event",
                                     "Product Viewed", "--column", "Category=category", "--build"}));
        QVERIFY2(cat.exitCode == 0, qPrintable(cat.err));
    }

    void usageListsCommands()
    {
        const Run none = awbRun({});
        QVERIFY(none.err.contains(QStringLiteral("audience")));
        QVERIFY(none.err.contains(QStringLiteral("export")));
        const Run help = awbRun(args({"export", "--help"}));
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains(QStringLiteral("google-hashed")), qPrintable(help.out));
        const Run sub = awbRun(args({"audience", "frobnicate"}));
        QCOMPARE(sub.exitCode, 2);
    }

    void createListExportShowDuplicateRemove()
    {
        const QString created = m_dir.filePath(QStringLiteral("created.csv"));
        const Run create =
            awbRun(QStringList{QStringLiteral("audience"), QStringLiteral("create"), m_ws} +
                   args({"--name", "Beauty fans", "--target", "Category=Beauty", "--size", "5%", "--horizon",
                         "30d", "--export", "generic", "--columns", "user_id,email,score", "--out"}) +
                   QStringList{created});
        QVERIFY2(create.exitCode == 0, qPrintable(create.err));
        QVERIFY2(
            // Candidates are the profiles with a user id (424 of the 600 generated ones have one).
            create.out.contains(QStringLiteral("audience 'Beauty fans': live, 22 people (5% of 424 scored, ")),
            qPrintable(create.out));
        // 10% of the 22 held out as a control group by default: 20 members exported.
        QVERIFY2(create.out.contains(QStringLiteral("control group 10% (2 held out, not exported; seed ")),
                 qPrintable(create.out));
        QVERIFY2(create.out.contains(QStringLiteral("members:  20\n  control:  2 members held out, not exported")),
                 qPrintable(create.out));
        QVERIFY2(create.out.contains(QStringLiteral("written:  20")), qPrintable(create.out));
        QCOMPARE(firstLine(created), QByteArray("user_id,email,score"));
        // Before creating, the reach of the chosen size and the population of the backtest.
        QVERIFY2(create.out.contains(QStringLiteral("scored 424 profiles (identified people); top 22: ")) &&
                     create.out.contains(QStringLiteral(" reachable by e-mail; backtest over ")) &&
                     create.out.contains(QStringLiteral(" identified people with history, ")),
                 qPrintable(create.out));

        const Run again =
            awbRun(QStringList{QStringLiteral("audience"), QStringLiteral("create"), m_ws} +
                   args({"--name", "Beauty fans", "--target", "Category=Beauty", "--size", "10"}));
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains(QStringLiteral("already exists")), qPrintable(again.err));

        const Run list = awbRun(
            QStringList{QStringLiteral("audience"), QStringLiteral("list"), m_ws, QStringLiteral("--json")});
        QCOMPARE(list.exitCode, 0);
        const QJsonArray all = QJsonDocument::fromJson(list.out.toUtf8()).array();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.at(0).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("live"));
        QCOMPARE(all.at(0).toObject().value(QStringLiteral("size")).toInt(), 22);

        const QString meta = m_dir.filePath(QStringLiteral("meta.csv"));
        const Run exp =
            awbRun(QStringList{QStringLiteral("export"), m_ws} +
                   args({"--audience", "Beauty fans", "--preset", "meta", "--out"}) + QStringList{meta});
        QVERIFY2(exp.exitCode == 0, qPrintable(exp.err));
        QVERIFY2(exp.out.contains(QStringLiteral("members:  20")), qPrintable(exp.out));
        QCOMPARE(firstLine(meta), QByteArray("email,phone,fn,ln,ct,st,zip,country"));

        const Run show = awbRun(QStringList{QStringLiteral("audience"), QStringLiteral("show"), m_ws} +
                                args({"--name", "Beauty fans", "--members", "3"}));
        QCOMPARE(show.exitCode, 0);
        QVERIFY2(show.out.contains(QStringLiteral("\n1,")) && show.out.contains(QStringLiteral("\n3,")) &&
                     !show.out.contains(QStringLiteral("\n4,")),
                 qPrintable(show.out));

        const Run dup = awbRun(QStringList{QStringLiteral("audience"), QStringLiteral("duplicate"), m_ws} +
                               args({"--name", "Beauty fans", "--new-name", "Beauty wide", "--size", "100"}));
        QVERIFY2(dup.exitCode == 0, qPrintable(dup.err));
        QVERIFY2(dup.out.contains(QStringLiteral("live, 100 people")), qPrintable(dup.out));

        const Run rm = awbRun(QStringList{QStringLiteral("audience"), QStringLiteral("remove"), m_ws} +
                              args({"--name", "Beauty fans"}));
        QCOMPARE(rm.exitCode, 0);
        const Run after = awbRun({QStringLiteral("audience"), QStringLiteral("list"), m_ws});
        QVERIFY2(!after.out.contains(QStringLiteral("'Beauty fans'")) &&
                     after.out.contains(QStringLiteral("Beauty wide")),
                 qPrintable(after.out));
    }

    void controlGroupShareAndSeed()
    {
        const auto create = [&](const char *name, const char *share, const char *seed) {
            return awbRun(QStringList{QStringLiteral("audience"), QStringLiteral("create"), m_ws} +
                          args({"--name", name, "--target", "Category=Beauty", "--size", "40", "--control", share,
                                "--control-seed", seed}));
        };
        const Run a = create("Held A", "25%", "5");
        QVERIFY2(a.exitCode == 0, qPrintable(a.err));
        QVERIFY2(a.out.contains(QStringLiteral("control group 25% (10 held out, not exported; seed 5)")),
                 qPrintable(a.out));
        QVERIFY(create("Held B", "25%", "5").exitCode == 0);
        QVERIFY(create("Held C", "25%", "6").exitCode == 0);
        const auto controlColumn = [&](const char *name) {
            const Run show = awbRun(QStringList{QStringLiteral("audience"), QStringLiteral("show"), m_ws} +
                                    args({"--name", name, "--members", "100"}));
            QStringList flags;
            for (const QString &line : show.out.split(QLatin1Char('\n'))) {
                if (!line.isEmpty() && line.at(0).isDigit()) {
                    flags << line.section(QLatin1Char(','), 3, 3);
                }
            }
            return flags;
        };
        const QStringList flagsA = controlColumn("Held A");
        QCOMPARE(flagsA.size(), 40);
        QCOMPARE(flagsA.count(QStringLiteral("1")), 10);
        QCOMPARE(controlColumn("Held B"), flagsA); // the same seed draws the same members
        QVERIFY(controlColumn("Held C") != flagsA);

        const Run none = create("Held D", "0", "1");
        QVERIFY2(none.exitCode == 0 && !none.out.contains(QStringLiteral("control group")), qPrintable(none.out));
        const Run tooMany = create("Held E", "60%", "1");
        QCOMPARE(tooMany.exitCode, 2);
        QVERIFY2(tooMany.err.contains(QStringLiteral("--control")), qPrintable(tooMany.err));
    }

    void sampleWithCatalogAndPopulation()
    {
        // awb generate --with-catalog gives a workspace ready for audiences; --exclude keeps a first
        // audience's members out of the next one.
        const QString ws = m_dir.filePath(QStringLiteral("with-catalog.awb"));
        const Run generate = awbRun(QStringList{QStringLiteral("generate"), QStringLiteral("--out"), ws} +
                                    args({"--profiles", "400", "--with-catalog"}));
        QVERIFY2(generate.exitCode == 0, qPrintable(generate.err));
        const Run show = awbRun({QStringLiteral("catalog"), ws, QStringLiteral("--show")});
        QVERIFY2(show.out.contains(QStringLiteral("Brand = brand")), qPrintable(show.out));
        const Run first = awbRun(QStringList{QStringLiteral("audience"), QStringLiteral("create"), ws} +
                                 args({"--name", "A", "--target", "Category=Beauty", "--size", "25%"}));
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const Run second =
            awbRun(QStringList{QStringLiteral("audience"), QStringLiteral("create"), ws} +
                   args({"--name", "B", "--target", "Category=Beauty", "--size", "100%", "--exclude", "A"}));
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        const Run list = awbRun(
            QStringList{QStringLiteral("audience"), QStringLiteral("list"), ws, QStringLiteral("--json")});
        const QJsonArray all = QJsonDocument::fromJson(list.out.toUtf8()).array();
        QCOMPARE(all.size(), 2);
        QJsonObject a;
        QJsonObject b;
        for (const QJsonValue v : all) {
            (v.toObject().value(QStringLiteral("name")).toString() == QStringLiteral("A") ? a : b) =
                v.toObject();
        }
        QCOMPARE(b.value(QStringLiteral("size")).toInt(),
                 a.value(QStringLiteral("eligible")).toInt() - a.value(QStringLiteral("size")).toInt());
        const Run unknown =
            awbRun(QStringList{QStringLiteral("audience"), QStringLiteral("create"), ws} +
                   args({"--name", "C", "--target", "Category=Beauty", "--size", "5%", "--only-in", "Nope"}));
        QVERIFY(unknown.exitCode != 0);
        QVERIFY2(unknown.err.contains(QStringLiteral("No audience or segment named 'Nope'. Audiences: 'B', "
                                                     "'A'; segments: none.")),
                 qPrintable(unknown.err));

        // A saved segment's name works too (audiences are looked up first): only its members may enter.
        const Run saved = awbRun(QStringList{QStringLiteral("segment"), QStringLiteral("save"), ws} +
                                 args({"--name", "Buyers", "--template", "high-value"}));
        QVERIFY2(saved.exitCode == 0, qPrintable(saved.err));
        const Run count = awbRun(QStringList{QStringLiteral("segment"), QStringLiteral("count"), ws} +
                                 args({"--name", "Buyers"}));
        const int buyers = count.out.section(QLatin1Char(' '), 0, 0).toInt();
        QVERIFY2(buyers > 0, qPrintable(count.out));
        const Run inSegment = awbRun(
            QStringList{QStringLiteral("audience"), QStringLiteral("create"), ws} +
            args({"--name", "D", "--target", "Category=Beauty", "--size", "100%", "--only-in", "Buyers"}));
        QVERIFY2(inSegment.exitCode == 0, qPrintable(inSegment.err));
        QVERIFY2(inSegment.out.contains(QStringLiteral("live, %1 people").arg(buyers)),
                 qPrintable(inSegment.out));
        // --everyone lets guests and anonymous visitors in.
        const Run everyone =
            awbRun(QStringList{QStringLiteral("audience"), QStringLiteral("create"), ws} +
                   args({"--name", "E", "--target", "Category=Beauty", "--size", "5%", "--everyone"}));
        QVERIFY2(everyone.exitCode == 0, qPrintable(everyone.err));
        QVERIFY2(everyone.out.contains(QStringLiteral(" profiles (everyone); top ")) &&
                     everyone.out.contains(QStringLiteral("backtest over ")) &&
                     !everyone.out.contains(QStringLiteral("identified")),
                 qPrintable(everyone.out));
    }

    void evaluateNamesItsCandidates()
    {
        // Quality is measured on identified people by default (the report says so); --everyone adds guests.
        const QStringList common = args({"--as-of", "2026-10-01", "--horizon", "30d", "--target", "Category=Beauty"});
        const Run identified = awbRun(QStringList{QStringLiteral("evaluate"), m_ws} + common);
        QVERIFY2(identified.exitCode == 0, qPrintable(identified.err));
        QVERIFY2(identified.out.contains(QStringLiteral("candidates: profiles with a user id seen before")),
                 qPrintable(identified.out));
        const Run everyone =
            awbRun(QStringList{QStringLiteral("evaluate"), m_ws} + common + QStringList{QStringLiteral("--everyone")});
        QVERIFY2(everyone.exitCode == 0, qPrintable(everyone.err));
        QVERIFY2(everyone.out.contains(QStringLiteral("candidates: everyone seen before")), qPrintable(everyone.out));
        QVERIFY(everyone.out != identified.out);
    }

    void exportErrors()
    {
        const Run create = awbRun(QStringList{QStringLiteral("audience"), QStringLiteral("create"), m_ws} +
                                  args({"--name", "Errors", "--target", "Category=Beauty", "--size", "10"}));
        QVERIFY2(create.exitCode == 0, qPrintable(create.err));
        const QString out = m_dir.filePath(QStringLiteral("e.csv"));
        const Run preset =
            awbRun(QStringList{QStringLiteral("export"), m_ws} +
                   args({"--audience", "Errors", "--preset", "myspace", "--out"}) + QStringList{out});
        QCOMPARE(preset.exitCode, 2);
        QVERIFY2(preset.err.contains(QStringLiteral("Unknown export preset")), qPrintable(preset.err));
        const Run missing =
            awbRun(QStringList{QStringLiteral("export"), m_ws} +
                   args({"--audience", "Nobody", "--preset", "generic", "--out"}) + QStringList{out});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(QStringLiteral("No audience named 'Nobody'")), qPrintable(missing.err));
        const QString noDir = m_dir.filePath(QStringLiteral("no/such/dir.csv"));
        const Run dir =
            awbRun(QStringList{QStringLiteral("export"), m_ws} +
                   args({"--audience", "Errors", "--preset", "generic", "--out"}) + QStringList{noDir});
        QCOMPARE(dir.exitCode, 1);
        QVERIFY(!QFile::exists(noDir));
        QVERIFY(!QFile::exists(out));
        const Run usage = awbRun(QStringList{QStringLiteral("export"), m_ws});
        QCOMPARE(usage.exitCode, 2);

        // Recommended items: bad options name what is wrong; good ones add the columns and the backtest.
        const auto withRecs = [&](std::initializer_list<const char *> more) {
            return awbRun(QStringList{QStringLiteral("export"), m_ws} +
                          args({"--audience", "Errors", "--preset", "braze", "--out"}) + QStringList{out} +
                          args(more));
        };
        const Run strategy = withRecs({"--recs", "2", "--rec-strategy", "magic"});
        QVERIFY(strategy.exitCode != 0);
        QVERIFY2(strategy.err.contains(QStringLiteral("Unknown recommendation strategy 'magic'")),
                 qPrintable(strategy.err));
        const Run count = withRecs({"--recs", "many"});
        QCOMPARE(count.exitCode, 2);
        const Run price = withRecs({"--recs", "2", "--rec-price", "cheap"});
        QVERIFY2(price.err.contains(QStringLiteral("Price range 'cheap'")), qPrintable(price.err));
        QVERIFY(!QFile::exists(out));
        const Run ok = withRecs({"--recs", "2", "--rec-filter", "Category=Beauty|Home", "--rec-exclude", "bought,cart"});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
        QVERIFY2(ok.out.contains(QStringLiteral("recommended items: blend (personal, else bestsellers)")) &&
                     ok.out.contains(QStringLiteral("backtest bestsellers: hit rate")),
                 qPrintable(ok.out));
        QCOMPARE(firstLine(out), QByteArray("external_id,email,first_name,last_name,country,phone,home_city,"
                                            "rec_1_id,rec_1_price,rec_1_category,rec_2_id,rec_2_price,rec_2_category"));
        const Run meta = awbRun(QStringList{QStringLiteral("export"), m_ws} +
                                args({"--audience", "Errors", "--preset", "meta", "--recs", "2", "--out"}) +
                                QStringList{m_dir.filePath(QStringLiteral("m.csv"))});
        QVERIFY(meta.exitCode != 0);
        QVERIFY2(meta.err.contains(QStringLiteral("identifiers only")), qPrintable(meta.err));
    }

private:
    QTemporaryDir m_dir;
    QString m_ws;
};

QTEST_GUILESS_MAIN(TestCliAudience)
#include "tst_CliAudience.moc"
