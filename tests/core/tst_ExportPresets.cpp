// SPDX-License-Identifier: GPL-3.0-or-later
// Export presets end to end (workspace -> ExportService -> file) against hand-written rows, and the CSV
// writer's quoting, formula-injection neutralising, UTF-8 repair and atomic write.
#include "TestUtil.h"
#include "audience/AudienceRepository.h"
#include "export/CsvWriter.h"
#include "ingest/CsvReader.h"
#include "ingest/InputFile.h"
#include "jobs/Progress.h"
#include "services/ExportService.h"
#include "store/Database.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace awb;

namespace {

struct Member
{
    std::int64_t profileId;
    double score;
};

using Attributes = std::vector<std::pair<std::string, std::string>>;

// p1: every attribute (email in profiles.email); p2: user id and a name only; p3: anonymous id, email as
// an attribute (as a foreign tool could have stored it).
const Attributes kFullAttributes = {
    {"first_name", "Ann-Marie"}, {"last_name", "O'Lee"},      {"phone", "020 7946 0958"},   {"plan", "gold"},
    {"city", "London"},          {"postal_code", "SW1A 1AA"}, {"country", "United Kingdom"}};

void addProfile(store::Database &db, std::int64_t id, const char *email, const Attributes &attributes)
{
    auto st = db.prepare("INSERT INTO profiles (id, email) VALUES (?, ?)");
    st.bind(1, id).bind(2, email ? email : "");
    if (!email) {
        st.bindNull(2);
    }
    st.run();
    auto attribute = db.prepare("INSERT INTO profile_attributes (profile_id, key, value) VALUES (?, ?, ?)");
    for (const auto &[key, value] : attributes) {
        attribute.bind(1, id).bind(2, key).bind(3, value).run();
    }
}

void addIdentity(store::Database &db, int kind, const char *value, std::int64_t profileId)
{
    auto st = db.prepare("INSERT INTO identities (kind, value, profile_id) VALUES (?, ?, ?)");
    st.bind(1, kind).bind(2, value).bind(3, profileId).run();
}

void addAudience(store::Database &db, const std::string &name, const std::vector<Member> &members)
{
    audience::AudienceRepository repo(db);
    audience::AudienceInfo info;
    info.name = name;
    info.target = {"Category", "Beauty", {}};
    info.horizonMs = 30LL * 86400000;
    info.sizeRule = audience::SizeRule::ofCount(static_cast<std::int64_t>(members.size()));
    info.id = repo.insert(info);
    audience::AudienceRepository::MemberInserter insert(db, info.id);
    for (std::size_t i = 0; i < members.size(); ++i) {
        insert.add(static_cast<std::int64_t>(i + 1), members[i].profileId, members[i].score);
    }
    info.eligible = info.size = static_cast<std::int64_t>(members.size());
    repo.markLive(info, "{}");
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Cancels at the first progress report.
class CancelAtFirstValue : public ProgressSink
{
public:
    void setRange(std::int64_t) override {}
    void setValue(std::int64_t) override { m_cancelled = true; }
    void setStage(const std::string &) override {}
    bool isCancelled() const override { return m_cancelled; }

private:
    bool m_cancelled = false;
};

} // namespace

class TestExportPresets : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("w%1.awb").arg(++m_runs)).toStdString(); // fresh per test row
        auto db = store::Database::open(m_ws, store::Database::OpenMode::CreateIfMissing);
        QVERIFY(db);
        store::Database &d = **db;
        addProfile(d, 1, " Ann.Lee+vip@GMail.com ", kFullAttributes);
        addIdentity(d, 0, "u1", 1);
        addIdentity(d, 1, "a2", 1);
        addIdentity(d, 1, "a1", 1);
        addProfile(d, 2, nullptr, {{"first_name", "Bob"}});
        addIdentity(d, 0, "u2", 2);
        addProfile(d, 3, nullptr, {{"email", "c@example.com"}});
        addIdentity(d, 1, "a3", 3);
        addAudience(d, "A", {{1, 0.25}, {2, 0.125}, {3, 0.0625}});
    }

    void presetHeaderAndRows_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("columns");
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("firstRow");
        QTest::addColumn<int>("written");
        QTest::addColumn<QString>("skipReason"); // of the one skipped row, empty = none skipped
        const QString mc =
            QStringLiteral("ann.lee+vip@gmail.com,Ann-Marie,O'Lee,+442079460958,London,SW1A 1AA,GB");
        QTest::newRow("mailchimp") << "mailchimp"
                                   << ""
                                   << "Email Address,First Name,Last Name,Phone Number,City,Zip Code,Country"
                                   << mc << 2 << "no valid email";
        QTest::newRow("klaviyo") << "klaviyo"
                                 << ""
                                 << "Email,First Name,Last Name,Phone Number,City,Zip Code,Country" << mc << 2
                                 << "no valid email";
        QTest::newRow("braze") << "braze"
                               << ""
                               << "external_id,email,first_name,last_name,country,phone,home_city"
                               << "u1,ann.lee+vip@gmail.com,Ann-Marie,O'Lee,GB,+442079460958,London" << 2
                               << "no user id";
        QTest::newRow("meta") << "meta"
                              << ""
                              << "email,phone,fn,ln,ct,st,zip,country"
                              << "ad44ca2338089f3fd32b3458edf1db8bc60c311ef438c3079114b13ee89bec20,"
                                 "35e206e5dec4c89b9e8b71b8c32724a5bb518483ac5a20c6617d738375b3b823,"
                                 "2322d03565a46ece1e31e5ef0d5f79f5a0ee0dc96ff666e52948e52e0298850e,"
                                 "264cced1c790dab89e48493a975deec761a298c71109c4f6cddcf6f92965bb81,"
                                 "6089854c94ca5454b76be6752c562901a985f64c9a946f62976aeab593b83161,,"
                                 "949af780a19e6f6d4b99d7044743348dbbb7ab2245fe146863573b23d02c5890,"
                                 "0b407281768f0e833afef47ed464b6571d01ca4d53c12ce5c51d1462f4ad6677"
                              << 2 << "no valid email or phone";
        QTest::newRow("google") << "google"
                                << ""
                                << "Email,Phone,First Name,Last Name,Country,Zip"
                                << "annlee+vip@gmail.com,+442079460958,annmarie,olee,GB,sw1a1" << 2
                                << "no valid email or phone";
        QTest::newRow("google-hashed") << "google-hashed"
                                       << ""
                                       << "Email,Phone,First Name,Last Name,Country,Zip"
                                       << "43c4962e14edc574edb68f40291f882bfd42641e8cdbb04275555d11efd2cc8e,"
                                          "f0bf0228144d9fe2bdf1da2d8ca698f17bf1410ee688b075c27062e47b6f0b6d,"
                                          "2322d03565a46ece1e31e5ef0d5f79f5a0ee0dc96ff666e52948e52e0298850e,"
                                          "264cced1c790dab89e48493a975deec761a298c71109c4f6cddcf6f92965bb81,"
                                          "GB,sw1a1"
                                       << 2 << "no valid email or phone";
        QTest::newRow("segment")
            << "segment"
            << ""
            << "key,external_ids"
            << "u1,\"{\"\"user_id\"\":\"\"u1\"\",\"\"anonymous_ids\"\":[\"\"a1\"\",\"\"a2\"\"],"
               "\"\"email\"\":\"\"ann.lee+vip@gmail.com\"\"}\""
            << 3 << "";
        QTest::newRow("generic") << "generic"
                                 << "user_id,anonymous_id,email,phone,country,zip,plan,score,rank"
                                 << "user_id,anonymous_id,email,phone,country,zip,plan,score,rank"
                                 << "u1,a1,ann.lee+vip@gmail.com,+442079460958,GB,SW1A 1AA,gold,0.25,1" << 3
                                 << "";
        QTest::newRow("generic default") << "generic"
                                         << ""
                                         << "user_id,email,first_name,last_name,score,rank"
                                         << "u1,ann.lee+vip@gmail.com,Ann-Marie,O'Lee,0.25,1" << 3 << "";
    }

    void presetHeaderAndRows()
    {
        QFETCH(QString, preset);
        QFETCH(QString, columns);
        QFETCH(QString, header);
        QFETCH(QString, firstRow);
        QFETCH(int, written);
        QFETCH(QString, skipReason);
        const QString out = m_dir.filePath(preset + QStringLiteral(".csv"));
        services::ExportRequest request{"A", preset.toStdString(), out.toStdString(), {}, {}};
        for (const QString &c : columns.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            request.columns.push_back(c.toStdString());
        }
        const auto report = services::ExportService(m_ws).exportAudience(request, ProgressSink::null());
        QVERIFY2(report, report ? "" : report.error().message.c_str());
        const QStringList lines = QString::fromUtf8(readAll(out)).split(QStringLiteral("\r\n"));
        QCOMPARE(lines.size(),
                 static_cast<qsizetype>(written + 2)); // header, rows, empty after the last CRLF
        QCOMPARE(lines.at(0), header);
        QCOMPARE(lines.at(1), firstRow);
        QCOMPARE(report->members, std::int64_t(3));
        QCOMPARE(report->written, static_cast<std::int64_t>(written));
        QCOMPARE(report->skipped, static_cast<std::int64_t>(3 - written));
        if (!skipReason.isEmpty()) {
            QCOMPARE(report->skippedByReason.size(), std::size_t(1));
            QCOMPARE(QString::fromStdString(report->skippedByReason.front().first), skipReason);
        }
        const auto history = services::ExportService(m_ws).history("A");
        QVERIFY(history);
        QCOMPARE(history->size(), std::size_t(1));
        QCOMPARE(history->front().rows, static_cast<std::int64_t>(written));
        QCOMPARE(history->front().preset, preset.toStdString());
    }

    void unknownPresetAndColumn()
    {
        services::ExportService service(m_ws);
        const std::string out = m_dir.filePath(QStringLiteral("x.csv")).toStdString();
        const auto bad = service.exportAudience({"A", "myspace", out, {}, {}}, ProgressSink::null());
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, Error::Code::InvalidInput);
        QVERIFY(bad.error().message.find("mailchimp") != std::string::npos);
        QVERIFY(!service.exportAudience({"A", "generic", out, {"a..b"}, {}}, ProgressSink::null()));
        const auto missing = service.exportAudience({"nope", "generic", out, {}, {}}, ProgressSink::null());
        QCOMPARE(missing.error().code, Error::Code::NotFound);
        QVERIFY(!QFile::exists(QString::fromStdString(out)));
    }

    void presetsNameTheirProduct_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("name");
        QTest::newRow("mailchimp") << "mailchimp"
                                   << "Mailchimp";
        QTest::newRow("klaviyo") << "klaviyo"
                                 << "Klaviyo";
        QTest::newRow("braze") << "braze"
                               << "Braze";
        QTest::newRow("meta") << "meta"
                              << "Meta custom audience (hashed)";
        QTest::newRow("google") << "google"
                                << "Google Customer Match";
        QTest::newRow("google-hashed") << "google-hashed"
                                       << "Google Customer Match (hashed)";
        QTest::newRow("segment") << "segment"
                                 << "Segment";
        QTest::newRow("generic") << "generic"
                                 << "Generic CSV";
        QTest::newRow("unknown id: itself") << "myspace"
                                            << "myspace";
    }

    void presetsNameTheirProduct()
    {
        QFETCH(QString, id);
        QFETCH(QString, name);
        QCOMPARE(QString::fromStdString(exports::presetName(id.toStdString())), name);
    }

    void everyPresetHasADistinctName()
    {
        std::set<std::string> names;
        for (const exports::PresetInfo &p : exports::presetList()) {
            QVERIFY2(!p.name.empty() && p.name != p.id, p.id.c_str());
            QVERIFY2(names.insert(p.name).second, p.name.c_str());
            QVERIFY(exports::makePreset(p.id));
        }
    }

    void cells_data()
    {
        QTest::addColumn<QByteArray>("cell");
        QTest::addColumn<bool>("numeric");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("formula =") << QByteArray("=1+1") << false << QByteArray("'=1+1");
        QTest::newRow("formula +") << QByteArray("+1") << false << QByteArray("'+1");
        QTest::newRow("formula -") << QByteArray("-1") << false << QByteArray("'-1");
        QTest::newRow("formula @") << QByteArray("@SUM(A1:A2)") << false << QByteArray("'@SUM(A1:A2)");
        QTest::newRow("formula tab") << QByteArray("\tx") << false << QByteArray("'\tx");
        QTest::newRow("formula CR") << QByteArray("\rx") << false << QByteArray("\"'\rx\"");
        QTest::newRow("formula with comma") << QByteArray("=A1,B1") << false << QByteArray("\"'=A1,B1\"");
        QTest::newRow("negative number") << QByteArray("-0.5") << true << QByteArray("-0.5");
        QTest::newRow("e164 phone") << QByteArray("+442079460958") << true << QByteArray("+442079460958");
        QTest::newRow("plain") << QByteArray("Ann") << false << QByteArray("Ann");
        QTest::newRow("inner minus") << QByteArray("a-1") << false << QByteArray("a-1");
        QTest::newRow("comma") << QByteArray("a,b") << false << QByteArray("\"a,b\"");
        QTest::newRow("quote") << QByteArray("say \"hi\"") << false << QByteArray("\"say \"\"hi\"\"\"");
        QTest::newRow("newline") << QByteArray("line1\nline2") << false << QByteArray("\"line1\nline2\"");
        QTest::newRow("crlf") << QByteArray("a\r\nb") << false << QByteArray("\"a\r\nb\"");
        QTest::newRow("invalid utf8")
            << QByteArray("Jo\xff\xc3") << false << QByteArray("Jo\xEF\xBF\xBD\xEF\xBF\xBD");
        QTest::newRow("overlong") << QByteArray("\xc0\xaf") << false
                                  << QByteArray("\xEF\xBF\xBD\xEF\xBF\xBD");
        QTest::newRow("valid utf8") << QByteArray("Zo\xc3\xab \xe2\x82\xac") << false
                                    << QByteArray("Zo\xc3\xab \xe2\x82\xac");
    }

    void cells()
    {
        QFETCH(QByteArray, cell);
        QFETCH(bool, numeric);
        QFETCH(QByteArray, expected);
        std::string out;
        exports::CsvWriter::appendCell(out, cell.toStdString(),
                                       numeric ? exports::CellKind::Numeric : exports::CellKind::Text);
        QCOMPARE(QByteArray::fromStdString(out), expected);
        QVERIFY(exports::CsvWriter::isValidUtf8(out));
    }

    void injectionAndUtf8EndToEnd()
    {
        {
            auto db = store::Database::open(m_ws, store::Database::OpenMode::OpenExisting);
            QVERIFY(db);
            // Invalid UTF-8 bytes inside a trait, a formula as a name, a comma and quote in another.
            addProfile(**db, 4, "d@example.com",
                       {{"first_name", "=HYPERLINK(\"http://x\")"}, {"last_name", "L\xff\xfe, Jr"}});
            addIdentity(**db, 0, "-u4", 4);
            addAudience(**db, "B", {{4, -0.5}});
        }
        const QString out = m_dir.filePath(QStringLiteral("b.csv"));
        const auto report = services::ExportService(m_ws).exportAudience(
            {"B", "generic", out.toStdString(), {"user_id", "first_name", "last_name", "score"}, {}},
            ProgressSink::null());
        QVERIFY(report);
        const QByteArray bytes = readAll(out);
        QVERIFY(exports::CsvWriter::isValidUtf8(bytes.toStdString()));
        QCOMPARE(
            bytes,
            QByteArray("user_id,first_name,last_name,score\r\n"
                       "'-u4,\"'=HYPERLINK(\"\"http://x\"\")\",\"L\xEF\xBF\xBD\xEF\xBF\xBD, Jr\",-0.5\r\n"));
    }

    // Profiles whose names, a custom trait and an anonymous id hold formulas (= + - @ tab CR), quotes,
    // line breaks and invalid UTF-8: the export reads back with CsvReader cell for cell, and no text cell
    // starts a formula. Trait cells are trimmed; anonymous ids are written as stored.
    void hostileTraitsReadBack()
    {
        const char *fffd = "\xEF\xBF\xBD";
        const struct
        {
            std::string value, trimmed, raw;
        } cases[] = {
            {"=1+1", "'=1+1", "'=1+1"},
            {"+33 6 12 34 56 78", "'+33 6 12 34 56 78", "'+33 6 12 34 56 78"},
            {"-2+3", "'-2+3", "'-2+3"},
            {"@SUM(A1:A9)", "'@SUM(A1:A9)", "'@SUM(A1:A9)"},
            {"\t=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0", "'\t=cmd|' /C calc'!A0"},
            {"\r=1+1", "'=1+1", "'\r=1+1"},
            {"  -  spaced ", "'-  spaced", "  -  spaced "},
            {"=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")",
             "'=HYPERLINK(\"http://x\",\"y\")"},
            {"say \"hi\", ok", "say \"hi\", ok", "say \"hi\", ok"},
            {"two\nlines", "two\nlines", "two\nlines"},
            // CsvReader reads a CRLF inside a quoted field as LF (tst_CsvReader "embedded crlf").
            {"crlf\r\nend", "crlf\nend", "crlf\nend"},
            {"Jo\xff\xfe", std::string("Jo") + fffd + fffd, std::string("Jo") + fffd + fffd},
            {"=\xff", std::string("'=") + fffd, std::string("'=") + fffd},
            {"\xc3(@", std::string(fffd) + "(@", std::string(fffd) + "(@"},
            {"Zo\xc3\xab \xe2\x98\x83", "Zo\xc3\xab \xe2\x98\x83", "Zo\xc3\xab \xe2\x98\x83"},
        };
        const std::int64_t n = std::size(cases);
        {
            auto db = store::Database::open(m_ws, store::Database::OpenMode::OpenExisting);
            QVERIFY(db);
            std::vector<Member> members;
            for (std::int64_t i = 0; i < n; ++i) {
                const std::string &v = cases[i].value;
                const std::int64_t id = 100 + i;
                addProfile(**db, id, nullptr, {{"first_name", v}, {"last_name", v}, {"plan", v}});
                addIdentity(**db, 0, ("h" + std::to_string(i)).c_str(), id);
                addIdentity(**db, 1, v.c_str(), id);
                members.push_back({id, 1.0 / static_cast<double>(i + 1)});
            }
            addAudience(**db, "H", members);
        }
        const QString out = m_dir.filePath(QStringLiteral("h.csv"));
        const auto report = services::ExportService(m_ws).exportAudience(
            {"H",
             "generic",
             out.toStdString(),
             {"user_id", "anonymous_id", "first_name", "last_name", "plan", "score"},
             {}},
            ProgressSink::null());
        QVERIFY(report);
        QVERIFY(exports::CsvWriter::isValidUtf8(readAll(out).toStdString()));

        auto file = ingest::InputFile::open(out.toStdString());
        QVERIFY(file);
        ingest::CsvReader reader(**file, ',');
        ingest::CsvReader::Record record;
        QVERIFY(reader.next(record));
        QCOMPARE(record.fields(), (std::vector<std::string>{"user_id", "anonymous_id", "first_name",
                                                            "last_name", "plan", "score"}));
        for (std::int64_t i = 0; i < n; ++i) {
            QVERIFY(reader.next(record));
            QVERIFY2(record.error.empty(), record.error.c_str());
            const std::vector<std::string> cells = record.fields();
            QCOMPARE(cells.size(), std::size_t(6));
            QCOMPARE(cells[0], "h" + std::to_string(i));
            QCOMPARE(cells[1], cases[i].raw);
            QCOMPARE(cells[2], cases[i].trimmed);
            QCOMPARE(cells[3], cases[i].trimmed);
            QCOMPARE(cells[4], cases[i].trimmed);
            for (std::size_t c = 0; c < 5; ++c) { // score (column 6) is a number: "-0.5" stays as is
                QVERIFY2(cells[c].empty() ||
                             std::string_view("=+-@\t\r").find(cells[c][0]) == std::string::npos,
                         cells[c].c_str());
            }
        }
        QVERIFY(!reader.next(record));
    }

    void mergedMemberExportsSurvivor()
    {
        {
            auto db = store::Database::open(m_ws, store::Database::OpenMode::OpenExisting);
            QVERIFY(db);
            // Profile 9 was a member, then merged into profile 1 (also a member, ranked after it).
            (*db)->exec("INSERT INTO profile_merges (from_id, into_id) VALUES (9, 1)");
            addAudience(**db, "M", {{9, 0.5}, {1, 0.25}, {2, 0.125}});
        }
        const QString out = m_dir.filePath(QStringLiteral("m.csv"));
        const auto report = services::ExportService(m_ws).exportAudience(
            {"M", "generic", out.toStdString(), {"user_id", "rank"}, {}}, ProgressSink::null());
        QVERIFY(report);
        QCOMPARE(readAll(out), QByteArray("user_id,rank\r\nu1,1\r\nu2,3\r\n"));
        QCOMPARE(report->written, std::int64_t(2));
        QCOMPARE(report->skipped, std::int64_t(1));
    }

    void failedExportLeavesNothing()
    {
        // A folder that does not exist: clean failure, no file.
        const QString missing = m_dir.filePath(QStringLiteral("absent/dir/out.csv"));
        const auto noDir = services::ExportService(m_ws).exportAudience(
            {"A", "generic", missing.toStdString(), {}, {}}, ProgressSink::null());
        QVERIFY(!noDir);
        QCOMPARE(noDir.error().code, Error::Code::Io);
        QVERIFY(noDir.error().message.find("absent/dir/out.csv") != std::string::npos);
        QVERIFY(!QFile::exists(missing));
        QVERIFY(!QDir(m_dir.filePath(QStringLiteral("absent"))).exists());

        // An export cancelled half way: the previous file at the path is intact, no temporary file left.
        {
            auto db = store::Database::open(m_ws, store::Database::OpenMode::OpenExisting);
            QVERIFY(db);
            addAudience(**db, "Big", std::vector<Member>(10000, Member{1, 0.5}));
        }
        const QString sub = m_dir.filePath(QStringLiteral("out"));
        QVERIFY(QDir().mkpath(sub));
        const QString path = sub + QStringLiteral("/big.csv");
        test::writeFile(path, "previous content\n");
        CancelAtFirstValue cancel;
        const auto cancelled = services::ExportService(m_ws).exportAudience(
            {"Big", "generic", path.toStdString(), {}, {}}, cancel);
        QVERIFY(!cancelled);
        QVERIFY(cancelled.error().isCancelled());
        QCOMPARE(readAll(path), QByteArray("previous content\n"));
        QCOMPARE(QDir(sub).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("big.csv")});
        const auto history = services::ExportService(m_ws).history("Big");
        QVERIFY(history);
        QVERIFY(history->empty());

        // The same export without cancelling replaces the file.
        QVERIFY(services::ExportService(m_ws).exportAudience({"Big", "generic", path.toStdString(), {}, {}},
                                                             ProgressSink::null()));
        QCOMPARE(readAll(path).count("\r\n"), qsizetype(10001));
    }

    void writerDiscardKeepsPrevious()
    {
        const QString path = m_dir.filePath(QStringLiteral("w.csv"));
        test::writeFile(path, "old\n");
        {
            exports::CsvWriter writer(path.toStdString());
            QVERIFY(writer.open());
            writer.writeHeader({"a"});
            writer.writeRow({"1"});
            // Destroyed without commit: as if the export had failed.
        }
        QCOMPARE(readAll(path), QByteArray("old\n"));
        exports::CsvWriter writer(path.toStdString());
        QVERIFY(writer.open());
        writer.writeHeader({"a"});
        QVERIFY(writer.commit());
        QCOMPARE(readAll(path), QByteArray("a\r\n"));
    }

private:
    QTemporaryDir m_dir;
    std::string m_ws;
    int m_runs = 0;
};

QTEST_GUILESS_MAIN(TestExportPresets)
#include "tst_ExportPresets.moc"
