// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end tests of awb segment and awb traits on a generated sample store, and of the CDNOW model
// parameters through awb traits --model-params (skipped without ../shared/data).
#include "AttributeWorkspace.h"
#include "CliRun.h"
#include "TestUtil.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

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

QJsonObject jsonOf(const Run &run)
{
    return QJsonDocument::fromJson(run.out.toUtf8()).object();
}

} // namespace

class TestCliSegment : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("s.awb"));
        const Run gen = awbRun(QStringList{QStringLiteral("generate"), QStringLiteral("--out"), m_ws} +
                               args({"--profiles", "800", "--days", "120"}));
        QVERIFY2(gen.exitCode == 0, qPrintable(gen.err));
        const Run cat = awbRun(QStringList{QStringLiteral("catalog"), m_ws} +
                               args({"--event", "Order Completed", "--event", "Product Viewed", "--column",
                                     "Category=category", "--column", "Brand=brand", "--build"}));
        QVERIFY2(cat.exitCode == 0, qPrintable(cat.err));
    }

    void countTemplateAndSameRuleFromFile()
    {
        const Run text = segment({"count"}, {"--template", "lapsed-vips", "--param", "spend=500"});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        QVERIFY2(text.out.contains(QStringLiteral(" of 800 profiles (")), qPrintable(text.out));
        const Run json = segment({"count"}, {"--template", "lapsed-vips", "--param", "spend=500", "--json"});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject o = jsonOf(json);
        QCOMPARE(o.value(QStringLiteral("profiles")).toInt(), 800);
        const int matching = o.value(QStringLiteral("matching")).toInt();
        QVERIFY(matching > 0);
        QVERIFY(text.out.startsWith(QString::number(matching) + QStringLiteral(" of")));
        // The rule the template produced, saved to a file and counted again, gives the same count.
        const QString file = m_dir.filePath(QStringLiteral("lapsed.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(o.value(QStringLiteral("rule")).toObject()).toJson());
        f.close();
        const Run again = segment({"count"}, {"--rule", qPrintable(file)});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY(again.out.startsWith(QString::number(matching) + QStringLiteral(" of 800")));
    }

    void errorsNameTheProblem_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad op")
            << "{\"version\":1,\"rule\":{\"type\":\"all\",\"conditions\":[{\"type\":\"trait\","
               "\"trait\":\"total_spend\",\"op\":\"is\",\"value\":\"x\"}]}}"
            << "rule.conditions[0].op: 'is' does not apply to number trait 'total_spend'";
        QTest::newRow("not json") << "{"
                                  << "rule: not a JSON object";
    }

    void errorsNameTheProblem()
    {
        QFETCH(QString, rule);
        QFETCH(QString, message);
        const QString file = m_dir.filePath(QStringLiteral("bad.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(rule.toUtf8());
        f.close();
        const Run run = segment({"count"}, {"--rule", qPrintable(file)});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }

    void unknownTemplateAndMissingParam()
    {
        const Run unknown = segment({"count"}, {"--template", "vips"});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains(QStringLiteral("unknown template 'vips' (lapsed-vips, aov-builders")));
        const Run missing = segment({"count"}, {"--template", "top-brand-buyers"});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(QStringLiteral("needs --param brand=")), qPrintable(missing.err));
        const Run templates = awbRun(args({"segment", "templates"}));
        QCOMPARE(templates.exitCode, 0);
        QVERIFY(templates.out.contains(QStringLiteral("dormant")));
    }

    void saveListShowExportRemove()
    {
        QCOMPARE(
            segment({"save"}, {"--name", "Seekers", "--template", "discount-seekers", "--description", "d"})
                .exitCode,
            0);
        const Run list = segment({"list"}, {"--json"});
        QCOMPARE(list.exitCode, 0);
        const QJsonArray all = QJsonDocument::fromJson(list.out.toUtf8()).array();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Seekers"));
        QCOMPARE(all.at(0).toObject().value(QStringLiteral("summary")).toString(),
                 QStringLiteral("Discount affinity is High"));
        QCOMPARE(segment({"list"}, {}).out,
                 QStringLiteral("Seekers\n  rule: Discount affinity is High\n  note: d\n"));
        const Run show = segment({"show"}, {"--name", "Seekers"});
        QVERIFY(show.out.contains(QStringLiteral("discount_affinity")));
        const Run inSaved = segment({"count"}, {"--name", "Seekers", "--json"});
        const int n = jsonOf(inSaved).value(QStringLiteral("matching")).toInt();
        QVERIFY(n > 0);
        const QString out = m_dir.filePath(QStringLiteral("seekers.csv"));
        const Run exported = segment(
            {"export"}, {"--name", "Seekers", "--out", qPrintable(out), "--columns", "user_id,email"});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        QFile csv(out);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().split('\n');
        QCOMPARE(lines.front(), QByteArray("user_id,email\r"));
        QCOMPARE(lines.size(), n + 2); // header, rows, and the empty piece after the last CRLF
        QCOMPARE(segment({"remove"}, {"--name", "Seekers"}).exitCode, 0);
        QCOMPARE(segment({"remove"}, {"--name", "Seekers"}).exitCode, 1);
    }

    void freezeListShowAndUseAStaticSegment()
    {
        QCOMPARE(segment({"save"}, {"--name", "Lapsed", "--template", "lapsed-vips", "--param", "spend=300"})
                     .exitCode,
                 0);
        const int live = jsonOf(segment({"count"}, {"--name", "Lapsed", "--json"}))
                             .value(QStringLiteral("matching"))
                             .toInt();
        QVERIFY(live > 0);
        // The default name carries today's date; --as names it, --as-of freezes an earlier moment. By default
        // 10% of the members are held out as a control group: stored, never exported nor counted as members.
        const Run frozen =
            awbRun({QStringLiteral("segment"), QStringLiteral("freeze"), m_ws, QStringLiteral("Lapsed")});
        QVERIFY2(frozen.exitCode == 0, qPrintable(frozen.err));
        const QString today = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate);
        const QString name = QStringLiteral("Lapsed (frozen %1)").arg(today);
        const int held = static_cast<int>(std::lround(0.1 * live));
        QVERIFY(held > 0);
        QVERIFY2(frozen.out.startsWith(QStringLiteral("froze 'Lapsed' as static segment '%1' as of ").arg(name)) &&
                     frozen.out.contains(
                         QStringLiteral(": static: %1 people, control group 10% (%2 held out, not exported; seed ")
                             .arg(live)
                             .arg(held)),
                 qPrintable(frozen.out));
        const Run earlier = segment({"freeze"}, {"--name", "Lapsed", "--as", "Lapsed in May", "--as-of",
                                                 "2026-05-01", "--control", "0"});
        QVERIFY2(earlier.exitCode == 0, qPrintable(earlier.err));
        const Run show = segment({"show"}, {"--name", "Lapsed in May"});
        QCOMPARE(show.exitCode, 0);
        const QJsonObject o = jsonOf(show);
        QCOMPARE(o.value(QStringLiteral("kind")).toString(), QStringLiteral("static"));
        QCOMPARE(o.value(QStringLiteral("frozen_from")).toString(), QStringLiteral("Lapsed"));
        QCOMPARE(o.value(QStringLiteral("controlSize")).toInt(), 0);
        QVERIFY2(o.value(QStringLiteral("as_of")).toString().startsWith(QStringLiteral("2026-05-01")),
                 qPrintable(show.out));
        QVERIFY(o.value(QStringLiteral("definition")).toObject().contains(QStringLiteral("rule")));

        // Counted and exported as its frozen members without the control group, listed as static.
        const Run count = segment({"count"}, {"--name", qPrintable(name), "--json"});
        QCOMPARE(jsonOf(count).value(QStringLiteral("matching")).toInt(), live - held);
        const QString out = m_dir.filePath(QStringLiteral("frozen.csv"));
        QCOMPARE(segment({"export"}, {"--name", qPrintable(name), "--out", qPrintable(out)}).exitCode, 0);
        QFile csv(out);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().count('\n'), live - held + 1);
        const Run list = segment({"list"}, {});
        // Listed with what it was frozen from and when (the traits' day too, as it was earlier: the sample
        // ends before today), and the rule then in words.
        QVERIFY2(
            list.out.contains(
                QStringLiteral("%1\n  rule: Frozen from “Lapsed” on %2 (traits as of ").arg(name, today)),
            qPrintable(list.out));
        QVERIFY2(list.out.contains(
                     QStringLiteral("): total spend at least 300 and last purchase more than 45 days ago\n"
                                    "  static: %1 people, control group 10% (%2 held out")
                         .arg(live)
                         .arg(held)),
                 qPrintable(list.out));
        bool listed = false;
        for (const QJsonValue v :
             QJsonDocument::fromJson(segment({"list"}, {"--json"}).out.toUtf8()).array()) {
            if (v.toObject().value(QStringLiteral("name")).toString() == name) {
                listed = v.toObject().value(QStringLiteral("kind")).toString() == QStringLiteral("static") &&
                         v.toObject().value(QStringLiteral("members")).toInt() == live &&
                         v.toObject().value(QStringLiteral("controlSize")).toInt() == held;
            }
        }
        QVERIFY(listed);

        // The same seed holds out the same people; a share over 50% is refused.
        for (const char *copy : {"Seeded A", "Seeded B"}) {
            QCOMPARE(segment({"freeze"}, {"--name", "Lapsed", "--as", copy, "--control", "30%", "--control-seed", "7"})
                         .exitCode,
                     0);
            QCOMPARE(segment({"export"}, {"--name", copy, "--out", qPrintable(m_dir.filePath(QString::fromLatin1(copy)))})
                         .exitCode,
                     0);
        }
        QFile a(m_dir.filePath(QStringLiteral("Seeded A")));
        QFile b(m_dir.filePath(QStringLiteral("Seeded B")));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const QByteArray seeded = a.readAll();
        QCOMPARE(seeded, b.readAll());
        QCOMPARE(seeded.count('\n'), live - static_cast<int>(std::lround(0.3 * live)) + 1);
        QCOMPARE(segment({"freeze"}, {"--name", "Lapsed", "--as", "Too many", "--control", "60%"}).exitCode, 2);

        // Refusals: a taken name, an unknown segment, saving a rule over a static segment.
        const Run taken = segment({"freeze"}, {"--name", "Lapsed", "--as", "Lapsed in May"});
        QCOMPARE(taken.exitCode, 2);
        QVERIFY2(taken.err.contains(QStringLiteral("exists already")), qPrintable(taken.err));
        const Run unknown = segment({"freeze"}, {"--name", "Nope"});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains(QStringLiteral("No saved segment named 'Nope'")),
                 qPrintable(unknown.err));
        const Run overwrite = segment({"save"}, {"--name", "Lapsed in May", "--template", "dormant"});
        QCOMPARE(overwrite.exitCode, 2);
        QVERIFY2(overwrite.err.contains(QStringLiteral("static segment")), qPrintable(overwrite.err));
        QCOMPARE(segment({"remove"}, {"--name", "Lapsed in May"}).exitCode, 0);
    }

    void traitsOfOneProfileAndModels()
    {
        const QString user = QString::fromStdString(test::queryText(
            m_ws.toStdString(), "SELECT i.value FROM identities i JOIN events e ON e.profile_id = "
                                "i.profile_id WHERE i.kind = 0 AND e.name_id = (SELECT id FROM "
                                "event_names WHERE name = 'Order Completed') LIMIT 1"));
        const Run p = awbRun(
            {QStringLiteral("traits"), m_ws, QStringLiteral("--profile"), user, QStringLiteral("--json")});
        QVERIFY2(p.exitCode == 0, qPrintable(p.err));
        const QJsonObject traits = jsonOf(p).value(QStringLiteral("traits")).toObject();
        QVERIFY(traits.value(QStringLiteral("order_count")).toDouble() >= 1);
        QVERIFY(!traits.value(QStringLiteral("rfm_group")).toString().isEmpty());
        QVERIFY(traits.contains(QStringLiteral("top_value:Brand")));
        const Run m = awbRun(
            {QStringLiteral("traits"), m_ws, QStringLiteral("--model-params"), QStringLiteral("--json")});
        QCOMPARE(m.exitCode, 0);
        QVERIFY(jsonOf(m).value(QStringLiteral("fitted")).toBool());
        const Run list = awbRun({QStringLiteral("traits"), m_ws});
        QVERIFY(list.out.contains(QStringLiteral("churn_risk")));
        QCOMPARE(
            awbRun({QStringLiteral("traits"), m_ws, QStringLiteral("--time-unit"), QStringLiteral("months")})
                .exitCode,
            2);
    }

    void cdnowModelParams()
    {
        const QString data = test::sharedDataDir();
        if (data.isEmpty()) {
            QSKIP("../shared/data is absent: the CDNOW model-parameter check needs cdnow/CDNOW_sample.txt");
        }
        const QString mapping = m_dir.filePath(QStringLiteral("cdnow-sample.json"));
        test::writeFile(
            mapping, "{\"preset\":\"cdnow-sample\",\"delimiter\":\" \",\"hasHeader\":false,"
                     "\"userIdColumn\":\"2\",\"fixedEvent\":\"Order Completed\",\"timestampColumn\":\"3\","
                     "\"timestampFormat\":\"%Y%m%d\",\"propertyColumns\":[\"4\",\"5\"],"
                     "\"propertyNames\":{\"4\":\"quantity\",\"5\":\"revenue\"},\"numberRepeatedRows\":true}");
        const QString ws = m_dir.filePath(QStringLiteral("cdnow.awb"));
        const Run imported =
            awbRun({QStringLiteral("import"), ws, data + QStringLiteral("/cdnow/CDNOW_sample.txt"),
                    QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--mapping"), mapping});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        const Run run =
            awbRun({QStringLiteral("traits"), ws, QStringLiteral("--as-of"), QStringLiteral("1997-10-01"),
                    QStringLiteral("--model-params"), QStringLiteral("--time-unit"), QStringLiteral("weeks"),
                    QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject o = jsonOf(run);
        const QJsonObject bg = o.value(QStringLiteral("bg_nbd")).toObject();
        const QJsonObject gg = o.value(QStringLiteral("gamma_gamma")).toObject();
        const auto near = [](const QJsonObject &x, const char *key, double expected, double tol) {
            return std::abs(x.value(QLatin1String(key)).toDouble() - expected) <= tol;
        };
        QVERIFY2(near(bg, "r", 0.243, 0.001) && near(bg, "alpha", 4.414, 0.005) &&
                     near(bg, "a", 0.793, 0.002) && near(bg, "b", 2.426, 0.005) &&
                     near(bg, "log_likelihood", -9582.4, 0.1),
                 qPrintable(run.out));
        QVERIFY2(near(gg, "p", 6.25, 0.01) && near(gg, "q", 3.74, 0.01) && near(gg, "v", 15.44, 0.05),
                 qPrintable(run.out));
        QCOMPARE(bg.value(QStringLiteral("customers")).toInt(), 2357);
        QCOMPARE(gg.value(QStringLiteral("customers")).toInt(), 946);
    }

    // Profile-attribute and reachable-by-preset conditions from a rule file, counted by the real process
    // over the five people of AttributeWorkspace.h: Paris in any case (ann, bob), VIP (ann, cat), reachable
    // by Mailchimp (ann, dan; bob refused consent): ann alone passes all three.
    void countAttributeRule()
    {
        QTemporaryDir dir;
        std::string error;
        const std::string ws = test::makeAttributeWorkspace(dir.path(), error);
        QVERIFY2(!ws.empty(), error.c_str());
        const std::string rule = test::writeFile(
            dir.filePath(QStringLiteral("rule.json")),
            QStringLiteral("{'version':1,'rule':{'type':'all','conditions':["
                           "{'type':'trait','trait':'attribute:city','op':'contains','value':'paris'},"
                           "{'type':'trait','trait':'attribute:vip','op':'is_true'},"
                           "{'type':'trait','trait':'reachable:mailchimp','op':'is','value':'Yes'}]}}")
                .replace(QLatin1Char('\''), QLatin1Char('"'))
                .toStdString());
        const QStringList common{QStringLiteral("segment"),    QStringLiteral("count"),
                                 QString::fromStdString(ws),   QStringLiteral("--rule"),
                                 QString::fromStdString(rule), QStringLiteral("--as-of"),
                                 QStringLiteral("2026-03-10")};
        const Run json = awbRun(common + QStringList{QStringLiteral("--json")});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const QJsonObject o = jsonOf(json);
        QCOMPARE(o.value(QStringLiteral("matching")).toInt(), 1);
        QCOMPARE(o.value(QStringLiteral("profiles")).toInt(), 5);
        QCOMPARE(o.value(QStringLiteral("reachable_by_email")).toInt(), 1);
        // An unknown attribute is named, with the ones the workspace has.
        const std::string bad = test::writeFile(
            dir.filePath(QStringLiteral("bad.json")),
            QStringLiteral("{'version':1,'rule':{'type':'all','conditions':["
                           "{'type':'trait','trait':'attribute:town','op':'is','value':'Paris'}]}}")
                .replace(QLatin1Char('\''), QLatin1Char('"'))
                .toStdString());
        const Run refused =
            awbRun(QStringList{QStringLiteral("segment"), QStringLiteral("count"), QString::fromStdString(ws),
                               QStringLiteral("--rule"), QString::fromStdString(bad)});
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.err.contains(
                     QStringLiteral("unknown profile attribute 'town' (attributes: birthday, city")),
                 qPrintable(refused.err));
    }

private:
    Run segment(std::initializer_list<const char *> sub, std::initializer_list<const char *> rest)
    {
        QStringList a{QStringLiteral("segment")};
        a += args(sub);
        a << m_ws;
        a += args(rest);
        return awbRun(a);
    }

    QTemporaryDir m_dir;
    QString m_ws;
};

QTEST_GUILESS_MAIN(TestCliSegment)
#include "tst_CliSegment.moc"
