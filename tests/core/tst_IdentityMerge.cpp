// SPDX-License-Identifier: GPL-3.0-or-later
// Identity resolution through JSONL imports: anonymous visitors who log in become one profile, whatever
// order the calls arrive in, in chains, across files, and among many other profiles.
#include "TestUtil.h"
#include "jobs/Progress.h"
#include "services/ImportService.h"
#include "store/Database.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>
#include <set>

using namespace awb;

namespace {

/// One call of a scenario; ts in seconds since 2024-01-01.
struct Call
{
    std::string messageId;
    std::string userId;
    std::string anonymousId;
    int ts = 0;
    bool identify = false;
};

constexpr std::int64_t kEpoch2024 = 1704067200000;

std::string line(const Call &c)
{
    std::string s = c.identify ? R"J({"type":"identify")J" : R"J({"type":"track","event":"Viewed")J";
    s += ",\"messageId\":\"" + c.messageId + "\",\"timestamp\":" + std::to_string(kEpoch2024 + c.ts * 1000);
    if (!c.userId.empty()) {
        s += ",\"userId\":\"" + c.userId + "\"";
    }
    if (!c.anonymousId.empty()) {
        s += ",\"anonymousId\":\"" + c.anonymousId + "\"";
    }
    if (c.identify) {
        s += ",\"traits\":{\"email\":\"" + c.userId + "@example.com\"}";
    }
    return s + "}\n";
}

using Partition = std::set<std::set<std::string>>;

} // namespace

class TestIdentityMerge : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    // An anonymous visitor (A), the same visitor identifying (A + U), the user on another device (B + U),
    // the user without device id, and an unrelated visitor (C): in all 120 arrival orders the events end
    // up in the same two profiles, with the same identities, seen range and one merge per extra profile.
    void everyArrivalOrderGivesTheSamePartition()
    {
        std::vector<Call> calls = {
            {"anon-view", "", "A", 10},    {"login", "U", "A", 20, true}, {"user-view", "U", "", 30},
            {"other-device", "U", "B", 5}, {"stranger", "", "C", 15},
        };
        const Partition expected = {{"anon-view", "login", "user-view", "other-device"}, {"stranger"}};
        std::vector<int> order = {0, 1, 2, 3, 4};
        int runs = 0;
        do {
            std::string content;
            for (int i : order) {
                content += line(calls[static_cast<std::size_t>(i)]);
            }
            const std::string ws = workspace(runs);
            const auto report = importText(ws, content);
            const QByteArray where = "order " + QByteArray::number(runs);
            QVERIFY2(report.imported == 5, where);
            QVERIFY2(partition(ws) == expected, where);
            checkConsistency(ws, where);
            const auto ids = identitiesOf(ws, "U");
            QVERIFY2(ids == (std::set<std::string>{"0:U", "1:A", "1:B"}), where);
            QVERIFY2(test::queryInt(ws, "SELECT count(*) FROM profiles") == 2, where);
            QVERIFY2(test::queryInt(ws, "SELECT count(*) FROM profile_merges") == report.profilesCreated - 2,
                     where);
            QVERIFY2(report.profilesMerged == report.profilesCreated - 2, where);
            QVERIFY2(test::queryInt(ws, "SELECT count(*) FROM identity_links") == 2, where);
            const std::string owner = "(SELECT profile_id FROM identities WHERE kind = 0 AND value = 'U')";
            QVERIFY2(test::queryInt(ws, "SELECT first_seen FROM profiles WHERE id = " + owner) ==
                         kEpoch2024 + 5000,
                     where);
            QVERIFY2(test::queryInt(ws, "SELECT last_seen FROM profiles WHERE id = " + owner) ==
                         kEpoch2024 + 30000,
                     where);
            QVERIFY2(test::queryText(ws, "SELECT email FROM profiles WHERE id = " + owner) == "U@example.com",
                     where);
            ++runs;
        } while (std::next_permutation(order.begin(), order.end()));
        QCOMPARE(runs, 120);
    }

    // Two visitors become one user in turn (A -> U, then B -> U), and B keeps browsing: one profile, and
    // the merge record of the first merge follows the survivor of the second.
    void chainOfMergesEndsInOneProfile()
    {
        const std::string ws = workspace(0);
        const auto report = importText(ws, line({"a1", "", "A", 1}) + line({"b1", "", "B", 2}) +
                                               line({"u1", "U", "", 3}) + line({"link-b", "U", "B", 4}) +
                                               line({"link-a", "U", "A", 5}) + line({"b2", "", "B", 6}));
        QCOMPARE(report.profilesCreated, 3);
        QCOMPARE(report.profilesMerged, 2);
        QCOMPARE(partition(ws), Partition({{"a1", "b1", "u1", "link-b", "link-a", "b2"}}));
        checkConsistency(ws, "chain");
        // Profile 1 (A) survives; both merge rows point at it.
        QCOMPARE(test::queryText(ws, "SELECT group_concat(from_id || '>' || into_id, ' ') FROM "
                                     "(SELECT * FROM profile_merges ORDER BY from_id)"),
                 std::string("2>1 3>1"));
    }

    // The same people arriving in separate imports: lookups go through the workspace, not only the cache.
    void mergesAcrossImports()
    {
        const std::string ws = workspace(0);
        importText(ws, line({"a1", "", "A", 1}) + line({"u1", "U", "", 2}));
        QCOMPARE(test::queryInt(ws, "SELECT count(*) FROM profiles"), 2);
        const auto report = importText(ws, line({"login", "U", "A", 3}) + line({"a2", "", "A", 4}));
        QCOMPARE(report.profilesCreated, 0);
        QCOMPARE(report.profilesMerged, 1);
        QCOMPARE(partition(ws), Partition({{"a1", "u1", "login", "a2"}}));
        checkConsistency(ws, "across imports");
        QCOMPARE(test::queryInt(ws, "SELECT first_seen FROM profiles"), kEpoch2024 + 1000);
        QCOMPARE(test::queryInt(ws, "SELECT last_seen FROM profiles"), kEpoch2024 + 4000);
    }

    // Many profiles, one of them joining the chain late: only the linked ones merge.
    void lateMergeAmongManyProfiles()
    {
        const std::string ws = workspace(0);
        std::string content;
        for (int i = 0; i < 6000; ++i) {
            content += line({"f" + std::to_string(i), "filler" + std::to_string(i % 500), "", i % 1000});
        }
        content += line({"a1", "", "A", 1}) + line({"b1", "", "B", 2}) + line({"u1", "U", "", 3}) +
                   line({"link-b", "U", "B", 4}) + line({"link-a", "U", "A", 5}) + line({"b2", "", "B", 6}) +
                   line({"f-link", "filler7", "A", 7});
        const auto report = importText(ws, content);
        QCOMPARE(report.imported, 6007);
        QCOMPARE(report.profilesCreated, 503);
        QCOMPARE(report.profilesMerged, 3);
        const Partition parts = partition(ws);
        QCOMPARE(parts.size(), std::size_t(500));
        std::set<std::string> merged = {"a1", "b1", "u1", "link-b", "link-a", "b2", "f-link"};
        for (int i = 7; i < 6000; i += 500) {
            merged.insert("f" + std::to_string(i));
        }
        QVERIFY(parts.count(merged) == 1);
        checkConsistency(ws, "late merge");
        const std::string owner = "(SELECT profile_id FROM identities WHERE kind = 0 AND value = 'filler7')";
        QCOMPARE(test::queryInt(ws, "SELECT first_seen FROM profiles WHERE id = " + owner),
                 kEpoch2024 + 1000);
        QCOMPARE(test::queryInt(ws, "SELECT last_seen FROM profiles WHERE id = " + owner),
                 kEpoch2024 + 507000);
    }

private:
    std::string workspace(int n)
    {
        return m_dir.filePath(QStringLiteral("merge%1-%2.awb").arg(++m_count).arg(n)).toStdString();
    }

    ingest::ImportReport importText(const std::string &ws, const std::string &content)
    {
        const std::string file = test::writeFile(m_dir.filePath(QStringLiteral("calls.jsonl")), content);
        services::ImportSpec spec;
        spec.files = {file};
        auto report = services::ImportService(ws).run(spec, ProgressSink::null());
        if (!report) {
            qFatal("import failed: %s", report.error().message.c_str());
        }
        return std::move(report).value();
    }

    /// The events grouped by profile, as sets of message ids.
    static Partition partition(const std::string &ws)
    {
        auto db = open(ws);
        auto st = db->prepare("SELECT profile_id, message_id FROM events");
        std::map<std::int64_t, std::set<std::string>> byProfile;
        while (st.step()) {
            byProfile[st.int64(0)].insert(st.text(1));
        }
        Partition p;
        for (auto &[profile, events] : byProfile) {
            p.insert(events);
        }
        return p;
    }

    /// The identities ("kind:value") of the profile owning user id userId.
    static std::set<std::string> identitiesOf(const std::string &ws, const std::string &userId)
    {
        auto db = open(ws);
        auto st = db->prepare("SELECT kind || ':' || value FROM identities WHERE profile_id = "
                              "(SELECT profile_id FROM identities WHERE kind = 0 AND value = ?)");
        st.bind(1, userId);
        std::set<std::string> out;
        while (st.step()) {
            out.insert(st.text(0));
        }
        return out;
    }

    /// No dangling references: events and identities point at live profiles, merged profiles are gone,
    /// merge records point at live profiles, every profile has an event.
    static void checkConsistency(const std::string &ws, const QByteArray &where)
    {
        QVERIFY2(test::queryInt(ws, "SELECT count(*) FROM pragma_foreign_key_check") == 0, where);
        QVERIFY2(test::queryInt(ws, "SELECT count(*) FROM profile_merges WHERE from_id IN "
                                    "(SELECT id FROM profiles)") == 0,
                 where);
        QVERIFY2(test::queryInt(ws, "SELECT count(*) FROM profiles WHERE id NOT IN "
                                    "(SELECT profile_id FROM events)") == 0,
                 where);
        QVERIFY2(test::queryInt(ws, "SELECT count(*) FROM profiles WHERE first_seen IS NULL OR "
                                    "first_seen > last_seen") == 0,
                 where);
    }

    static std::unique_ptr<store::Database> open(const std::string &ws)
    {
        auto db = store::Database::open(ws, store::Database::OpenMode::ReadOnly);
        if (!db) {
            qFatal("cannot open %s", ws.c_str());
        }
        return std::move(db).value();
    }

    QTemporaryDir m_dir;
    int m_count = 0;
};

QTEST_GUILESS_MAIN(TestIdentityMerge)
#include "tst_IdentityMerge.moc"
