// SPDX-License-Identifier: GPL-3.0-or-later
// Profile attributes: recognised headers and consent values, a profiles CSV joined on user id, identify
// traits in the same store, the exports reading them, and the migration of version 5 workspaces.
#include "ShopFixture.h"
#include "TestUtil.h"
#include "audience/AudienceRepository.h"
#include "jobs/Progress.h"
#include "services/ExportService.h"
#include "services/ImportService.h"
#include "store/Database.h"
#include "store/Migrations.h"
#include "store/ProfileFields.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace awb;

namespace {

const char *kIdentify =
    "{\"type\":\"identify\",\"userId\":\"U1\",\"anonymousId\":\"a1\",\"timestamp\":\"2024-01-02T10:00:00Z\","
    "\"traits\":{\"email\":\"ann@example.com\",\"firstName\":\"Ann\",\"plan\":\"gold\","
    "\"address\":{\"city\":\"Oslo\",\"postalCode\":\"0150\"},\"accepts_marketing\":\"yes\"}}\n"
    "{\"type\":\"track\",\"event\":\"Product "
    "Viewed\",\"anonymousId\":\"a2\",\"timestamp\":\"2024-01-01T09:00:00Z\","
    "\"properties\":{\"product_id\":\"p1\"}}\n"
    "{\"type\":\"identify\",\"userId\":\"U1\",\"anonymousId\":\"a2\",\"timestamp\":\"2024-01-03T10:00:00Z\","
    "\"traits\":{\"lastName\":\"Berg\"}}\n";

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestProfileAttributes : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_ws = m_dir->filePath(QStringLiteral("w.awb")).toStdString();
    }

    void recognisedHeaders_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("key");
        QTest::newRow("spaced, capitalised") << "Email Address"
                                             << "email";
        QTest::newRow("snake case") << "first_name"
                                    << "first_name";
        QTest::newRow("camel case") << "lastName"
                                    << "last_name";
        QTest::newRow("zip with spaces") << "Zip Code"
                                         << "postal_code";
        QTest::newRow("nested trait path") << "address.postalCode"
                                           << "postal_code";
        QTest::newRow("customer prefix") << "customer_city"
                                         << "city";
        QTest::newRow("olist zip prefix") << "customer_zip_code_prefix"
                                          << "postal_code";
        QTest::newRow("province") << "Province"
                                  << "region";
        QTest::newRow("billing state") << "Billing State"
                                       << "region";
        QTest::newRow("country") << "COUNTRY"
                                 << "country";
        QTest::newRow("phone") << "Phone Number"
                               << "phone";
        QTest::newRow("birthday") << "date_of_birth"
                                  << "birthday";
        QTest::newRow("gender") << "Gender"
                                << "gender";
        QTest::newRow("accepts marketing") << "Accepts Marketing"
                                           << "email_consent";
        QTest::newRow("email opt in") << "email_opt_in"
                                      << "email_consent";
        QTest::newRow("subscribed") << "subscribed"
                                    << "email_consent";
        QTest::newRow("consent") << "Consent"
                                 << "email_consent";
        QTest::newRow("custom") << "Loyalty Tier"
                                << "";
        QTest::newRow("an id is not an attribute") << "customer_id"
                                                   << "";
    }

    void recognisedHeaders()
    {
        QFETCH(QString, header);
        QFETCH(QString, key);
        const auto field = store::recogniseProfileField(header.toStdString());
        QCOMPARE(field ? QString::fromLatin1(store::profileFieldKey(*field).data()) : QString(), key);
    }

    void consentValues_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("expected"); // 1 true, 0 false, -1 unknown, -2 unreadable
        for (const char *yes : {"true", "TRUE", "yes", "Y", "1", "subscribed"}) {
            QTest::newRow(yes) << yes << 1;
        }
        for (const char *no : {"false", "No", "n", "0", "unsubscribed"}) {
            QTest::newRow(no) << no << 0;
        }
        QTest::newRow("empty") << "" << -1;
        QTest::newRow("unreadable") << "maybe" << -2;
    }

    void consentValues()
    {
        QFETCH(QString, value);
        QFETCH(int, expected);
        bool ok = true;
        const std::optional<bool> consent = store::parseConsent(value.toStdString(), ok);
        QCOMPARE(!ok ? -2 : !consent ? -1 : int(*consent), expected);
    }

    void profilesCsvJoinsOnUserId()
    {
        QVERIFY(importJsonl(kIdentify).imported > 0);
        const std::string csv =
            write("people.csv", "External ID,Email Address,First Name,last_name,Zip Code,State,"
                                "accepts_marketing,Loyalty Tier\n"
                                "U1,ann@shop.example,Anne,Berg-Lund,0151,Oslo,no,silver\n"
                                "U7,new@shop.example,Ola,,,,1,\n"
                                ",,,,,,,\n"
                                "U8,x@example.com,X,,,,perhaps,\n"
                                ",nobody@example.com,,,,,,\n");
        const ingest::ImportReport report = importProfiles(csv);
        QCOMPARE(report.profileRows, 2);
        QCOMPARE(report.blank, 1);
        QCOMPARE(report.rejected, 2);
        QCOMPARE(report.rejections.at(0).line, 5);
        QVERIFY2(report.rejections.at(0).reason.find(
                     "bad consent \"perhaps\" in column \"accepts_marketing\"") != std::string::npos,
                 report.rejections.at(0).reason.c_str());
        QCOMPARE(report.rejections.at(1).reason, std::string("no user id"));
        // Keys sort as bytes: the custom "Loyalty Tier" comes first.
        QCOMPARE(attributes("U1"),
                 std::string("Loyalty Tier=silver;city=Oslo;email_consent=false;first_name=Anne;"
                             "last_name=Berg-Lund;plan=gold;postal_code=0151;region=Oslo"));
        QCOMPARE(text("SELECT email FROM profiles p JOIN identities i ON i.profile_id = p.id "
                      "WHERE i.value = 'U1'"),
                 std::string("ann@shop.example"));
        // An unknown user id gets a profile of its own; empty cells set nothing.
        QCOMPARE(attributes("U7"), std::string("email_consent=true;first_name=Ola"));
        QCOMPARE(sql("SELECT count(*) FROM events"), 3); // events untouched
    }

    void identifyTraitsLandInTheSamePlace()
    {
        QVERIFY(importJsonl(kIdentify).imported == 3);
        // a1 and a2 were two profiles until the second identify merged them: the attributes moved.
        QCOMPARE(attributes("U1"), std::string("city=Oslo;email_consent=true;first_name=Ann;last_name=Berg;"
                                               "plan=gold;postal_code=0150"));
        QCOMPARE(
            sql("SELECT count(*) FROM profile_attributes WHERE profile_id NOT IN (SELECT id FROM profiles)"),
            0);
        QCOMPARE(text("SELECT email FROM profiles WHERE email IS NOT NULL"), std::string("ann@example.com"));
    }

    void exportsUseTheAttributes()
    {
        const std::string csv =
            write("people.csv", "user_id,Email,First Name,Last Name,City,Zip,Country,Phone\n"
                                "U1,ann@example.com,Ann,Berg,Oslo,0150,NO,+47 22 00 00 00\n");
        QCOMPARE(importProfiles(csv).profileRows, 1);
        {
            auto db = store::Database::open(m_ws, store::Database::OpenMode::OpenExisting);
            QVERIFY(db);
            audience::AudienceRepository repo(**db);
            audience::AudienceInfo info;
            info.name = "A";
            info.target = {"Category", "Beauty", {}};
            info.horizonMs = 30LL * 86400000;
            info.sizeRule = audience::SizeRule::ofCount(1);
            info.id = repo.insert(info);
            {
                audience::AudienceRepository::MemberInserter insert(**db, info.id);
                insert.add(1, test::queryInt(m_ws, "SELECT profile_id FROM identities WHERE value = 'U1'"),
                           0.5);
            }
            info.eligible = info.size = 1;
            repo.markLive(info, "{}");
        }
        const QString mailchimp = m_dir->filePath(QStringLiteral("mc.csv"));
        QVERIFY(services::ExportService(m_ws).exportAudience(
            {"A", "mailchimp", mailchimp.toStdString(), {}, {}}, ProgressSink::null()));
        QCOMPARE(readAll(mailchimp),
                 QByteArray("Email Address,First Name,Last Name,Phone Number,City,Zip Code,"
                            "Country\r\nann@example.com,Ann,Berg,+4722000000,Oslo,0150,NO\r\n"));
        const QString google = m_dir->filePath(QStringLiteral("g.csv"));
        QVERIFY(services::ExportService(m_ws).exportAudience({"A", "google", google.toStdString(), {}, {}},
                                                             ProgressSink::null()));
        QVERIFY2(readAll(google).contains("ann@example.com,+4722000000,ann,berg,NO,0150"),
                 readAll(google).constData());
    }

    void migrationFromVersion5KeepsEverything()
    {
        QVERIFY(importJsonl(kIdentify).imported == 3);
        // Turn the workspace back into a version 5 one (without version 7's tables and columns): identify
        // traits as JSON in profiles.traits.
        {
            auto db = store::Database::open(m_ws, store::Database::OpenMode::OpenExisting);
            QVERIFY(db);
            (*db)->exec("DROP TABLE suppressions; ALTER TABLE exports DROP COLUMN include_unconsented;" // v8
                        "ALTER TABLE exports DROP COLUMN left_out;"
                        "DROP TABLE profile_attributes;"
                        "ALTER TABLE profiles ADD COLUMN traits TEXT NOT NULL DEFAULT '{}';"
                        "UPDATE profiles SET traits = '{\"firstName\":\"Ann\",\"lastName\":\"Berg\","
                        "\"address\":{\"city\":\"Oslo\",\"country\":\"NO\"},\"tags\":[\"a\",\"b\"],"
                        "\"email\":\"other@example.com\"}' WHERE email IS NOT NULL;"
                        "PRAGMA user_version = 5;");
        }
        const std::int64_t events = sql("SELECT count(*) FROM events");
        const std::string ids = text("SELECT group_concat(kind || value || profile_id) FROM identities");
        {
            auto db = store::Database::open(m_ws, store::Database::OpenMode::OpenExisting);
            QVERIFY(db);
            QCOMPARE((*db)->schemaVersion(), store::currentSchemaVersion());
        }
        QCOMPARE(sql("SELECT count(*) FROM events"), events);
        QCOMPARE(text("SELECT group_concat(kind || value || profile_id) FROM identities"), ids);
        QCOMPARE(attributes("U1"),
                 std::string("city=Oslo;country=NO;first_name=Ann;last_name=Berg;tags=[\"a\",\"b\"]"));
        QCOMPARE(text("SELECT email FROM profiles WHERE email IS NOT NULL"), std::string("ann@example.com"));
        QCOMPARE(sql("SELECT count(*) FROM pragma_table_info('profiles') WHERE name = 'traits'"), 0);
    }

private:
    std::string write(const char *name, const std::string &content)
    {
        return test::writeFile(m_dir->filePath(QString::fromLatin1(name)), content);
    }

    ingest::ImportReport importJsonl(const std::string &content)
    {
        services::ImportSpec spec;
        spec.files = {write("events.jsonl", content)};
        return run(spec);
    }

    ingest::ImportReport importProfiles(const std::string &file)
    {
        services::ImportSpec spec;
        spec.profileFiles = {file};
        return run(spec);
    }

    ingest::ImportReport run(const services::ImportSpec &spec)
    {
        auto report = services::ImportService(m_ws).run(spec, ProgressSink::null());
        if (!report) {
            qWarning("import failed: %s", report.error().message.c_str());
            return {};
        }
        return *report;
    }

    /// key=value;... of the profile holding that user id, sorted by key.
    std::string attributes(const std::string &userId)
    {
        // The user id comes from the test's own fixtures.
        return text("SELECT group_concat(key || '=' || value, ';') FROM (SELECT key, value FROM "
                    "profile_attributes WHERE profile_id = (SELECT profile_id FROM identities WHERE kind = 0 "
                    "AND value = '" +
                    userId + "') ORDER BY key)");
    }

    std::int64_t sql(const std::string &query) { return test::queryInt(m_ws, query); }
    std::string text(const std::string &query) { return test::queryText(m_ws, query); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::string m_ws;
};

QTEST_GUILESS_MAIN(TestProfileAttributes)
#include "tst_ProfileAttributes.moc"
