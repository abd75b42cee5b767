// SPDX-License-Identifier: GPL-3.0-or-later
// DataBrowserService: filtered counts agree with plain SQL, pages follow their order without gaps or
// repeats, profile details follow merges, and bad files are refused.
#include "TestUtil.h"
#include "TestWorkspaces.h"
#include "services/DataBrowserService.h"

#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace awb;
using services::BrowseFilter;
using services::DataBrowserService;
using services::EventQuery;
using services::EventSort;
using services::ProfileQuery;
using services::ProfileSort;
using services::SortOrder;

Q_DECLARE_METATYPE(awb::services::EventSort)
Q_DECLARE_METATYPE(awb::services::SortOrder)
Q_DECLARE_METATYPE(awb::services::ProfileSort)

namespace {
constexpr int kProfiles = 40;
constexpr int kEventsPerProfile = 15;
constexpr std::int64_t kDayMs = 24 * test::kHourMs;

BrowseFilter makeFilter(const char *name, std::int64_t from, std::int64_t to, const char *text)
{
    BrowseFilter f;
    f.eventName = name;
    if (from) {
        f.fromMs = from;
    }
    if (to) {
        f.toMs = to;
    }
    f.text = text;
    return f;
}
} // namespace

class TestDataBrowserService : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = test::workspacePath(m_dir.path(), QStringLiteral("browse")).toStdString();
        test::buildBrowseWorkspace(m_path, kProfiles, kEventsPerProfile);
        auto opened = DataBrowserService::open(m_path);
        QVERIFY2(opened, opened ? "" : opened.error().message.c_str());
        m_service = std::move(opened).value();
    }

    void eventCountsMatchSql_data()
    {
        QTest::addColumn<BrowseFilter>("filter");
        QTest::addColumn<QString>("where");
        const std::int64_t from = test::kFixtureStartMs + 2 * kDayMs;
        const std::int64_t to = test::kFixtureStartMs + 5 * kDayMs;
        const QString ofUser1 = QStringLiteral("profile_id IN (SELECT profile_id FROM identities WHERE value "
                                               "LIKE '%user-1%')");
        QTest::newRow("everything") << makeFilter("", 0, 0, "") << QStringLiteral("1");
        QTest::newRow("by name") << makeFilter("Order Completed", 0, 0, "")
                                 << QStringLiteral(
                                        "name_id = (SELECT id FROM event_names WHERE name = 'Order "
                                        "Completed')");
        QTest::newRow("from") << makeFilter("", from, 0, "") << QStringLiteral("ts >= %1").arg(from);
        QTest::newRow("to") << makeFilter("", 0, to, "") << QStringLiteral("ts < %1").arg(to);
        QTest::newRow("range and name")
            << makeFilter("Page Viewed", from, to, "")
            << QStringLiteral(
                   "ts >= %1 AND ts < %2 AND name_id = (SELECT id FROM event_names WHERE name = 'Page "
                   "Viewed')")
                   .arg(from)
                   .arg(to);
        QTest::newRow("user id text") << makeFilter("", 0, 0, "user-1") << ofUser1;
        QTest::newRow("email text") << makeFilter("", 0, 0, "person2@")
                                    << QStringLiteral("profile_id IN (SELECT id FROM profiles WHERE email = "
                                                      "'person2@example.com')");
        QTest::newRow("anonymous id text, any case")
            << makeFilter("", 0, 0, "ANON-3") << QStringLiteral("anonymous_id LIKE 'anon-3%'");
        QTest::newRow("percent is literal") << makeFilter("", 0, 0, "%") << QStringLiteral("0");
        QTest::newRow("underscore is literal") << makeFilter("", 0, 0, "_") << QStringLiteral("0");
    }

    void eventCountsMatchSql()
    {
        QFETCH(BrowseFilter, filter);
        QFETCH(QString, where);
        EventQuery query;
        query.filter = filter;
        auto count = m_service->countEvents(query);
        QVERIFY(count);
        const std::int64_t expected =
            test::queryInt(m_path, "SELECT count(*) FROM events WHERE " + where.toStdString());
        QCOMPARE(*count, expected);
        if (where != QLatin1String("0")) {
            QVERIFY2(expected > 0, "the fixture has matching events");
        }
    }

    void eventPagesFollowTheOrder_data()
    {
        QTest::addColumn<EventSort>("sort");
        QTest::addColumn<SortOrder>("order");
        QTest::newRow("time, newest first") << EventSort::Time << SortOrder::Descending;
        QTest::newRow("time, oldest first") << EventSort::Time << SortOrder::Ascending;
        QTest::newRow("name A-Z") << EventSort::Name << SortOrder::Ascending;
        QTest::newRow("name Z-A") << EventSort::Name << SortOrder::Descending;
        QTest::newRow("profile") << EventSort::Profile << SortOrder::Ascending;
    }

    void eventPagesFollowTheOrder()
    {
        QFETCH(EventSort, sort);
        QFETCH(SortOrder, order);
        EventQuery query;
        query.sort = sort;
        query.order = order;
        std::vector<services::EventRow> all;
        for (std::int64_t offset = 0;; offset += 47) {
            auto page = m_service->events(query, offset, 47);
            QVERIFY(page);
            all.insert(all.end(), page->begin(), page->end());
            if (page->size() < 47) {
                break;
            }
        }
        std::set<std::int64_t> ids;
        for (const auto &e : all) {
            ids.insert(e.id);
        }
        QCOMPARE(static_cast<std::int64_t>(all.size()),
                 test::queryInt(m_path, "SELECT count(*) FROM events"));
        QCOMPARE(ids.size(), all.size());
        const int sign = order == SortOrder::Ascending ? 1 : -1;
        for (std::size_t i = 1; i < all.size(); ++i) {
            const auto &a = all[i - 1];
            const auto &b = all[i];
            const auto key = [sort](const services::EventRow &e) {
                return sort == EventSort::Name ? std::make_tuple(e.name, std::int64_t(0), e.timestampMs, e.id)
                       : sort == EventSort::Profile
                           ? std::make_tuple(std::string(), e.profileId, e.timestampMs, e.id)
                           : std::make_tuple(std::string(), std::int64_t(0), e.timestampMs, e.id);
            };
            QVERIFY2(sign > 0 ? key(a) < key(b) : key(b) < key(a),
                     qPrintable(QStringLiteral("rows %1, %2").arg(i - 1).arg(i)));
        }
    }

    void profileCountsAndOrders_data()
    {
        QTest::addColumn<BrowseFilter>("filter");
        QTest::addColumn<ProfileSort>("sort");
        QTest::addColumn<QString>("where");
        QTest::newRow("all by id") << makeFilter("", 0, 0, "") << ProfileSort::Id << QStringLiteral("1");
        QTest::newRow("email text") << makeFilter("", 0, 0, "person1") << ProfileSort::Email
                                    << QStringLiteral("email LIKE '%person1%'");
        QTest::newRow("performed in range")
            << makeFilter("", test::kFixtureStartMs + 1 * kDayMs, test::kFixtureStartMs + 2 * kDayMs, "")
            << ProfileSort::LastSeen
            << QStringLiteral("id IN (SELECT profile_id FROM events WHERE ts >= %1 AND ts < %2)")
                   .arg(test::kFixtureStartMs + 1 * kDayMs)
                   .arg(test::kFixtureStartMs + 2 * kDayMs);
        QTest::newRow("performed an identify") << makeFilter("Identify", 0, 0, "") << ProfileSort::FirstSeen
                                               << QStringLiteral("email IS NOT NULL");
    }

    void profileCountsAndOrders()
    {
        QFETCH(BrowseFilter, filter);
        QFETCH(ProfileSort, sort);
        QFETCH(QString, where);
        ProfileQuery query;
        query.filter = filter;
        query.sort = sort;
        auto count = m_service->countProfiles(query);
        QVERIFY(count);
        QCOMPARE(*count,
                 test::queryInt(m_path, "SELECT count(*) FROM profiles WHERE " + where.toStdString()));
        QVERIFY(*count > 0);
        auto rows = m_service->profiles(query, 0, 1000);
        QVERIFY(rows);
        QCOMPARE(static_cast<std::int64_t>(rows->size()), *count);
        for (std::size_t i = 1; i < rows->size(); ++i) {
            const auto &a = (*rows)[i - 1];
            const auto &b = (*rows)[i];
            switch (sort) {
            case ProfileSort::Id:
                QVERIFY(a.id < b.id);
                break;
            case ProfileSort::Email:
                QVERIFY(a.email <= b.email);
                break;
            case ProfileSort::FirstSeen:
                QVERIFY(a.firstSeenMs <= b.firstSeenMs);
                break;
            case ProfileSort::LastSeen:
                QVERIFY(a.lastSeenMs <= b.lastSeenMs);
                break;
            }
        }
        const auto &first = rows->front();
        QCOMPARE(first.eventCount, test::queryInt(m_path, "SELECT count(*) FROM events WHERE profile_id = " +
                                                              std::to_string(first.id)));
    }

    void profileRowsListUserIdsAndEmail()
    {
        ProfileQuery query;
        query.filter.text = "user-4";
        auto rows = m_service->profiles(query, 0, 10);
        QVERIFY(rows);
        QCOMPARE(rows->size(), std::size_t(1));
        QCOMPARE(rows->front().userIds, std::vector<std::string>{"user-4"});
        QCOMPARE(rows->front().email, std::string("person4@example.com"));
        QCOMPARE(rows->front().eventCount, kEventsPerProfile + 1);
    }

    void profileDetailFollowsMerges()
    {
        const std::string path = test::workspacePath(m_dir.path(), QStringLiteral("merged")).toStdString();
        const std::int64_t visitor = test::buildMergedProfileWorkspace(path);
        auto service = DataBrowserService::open(path);
        QVERIFY(service);
        QCOMPARE(test::queryInt(path, "SELECT count(*) FROM profiles"), 1);
        const std::int64_t merged = test::queryInt(path, "SELECT from_id FROM profile_merges");
        for (const std::int64_t id : {visitor, merged}) {
            auto detail = (*service)->profile(id);
            QVERIFY2(detail, detail ? "" : detail.error().message.c_str());
            QCOMPARE(detail->id, test::queryInt(path, "SELECT id FROM profiles"));
            QCOMPARE(detail->userIds, std::vector<std::string>{"user-merge"});
            QCOMPARE(detail->anonymousIds, std::vector<std::string>{"visitor-1"});
            QCOMPARE(detail->email, std::string("merge@example.com"));
            QCOMPARE(detail->eventCount, 4);
            QCOMPARE(detail->mergedProfiles, 1);
            const auto &attributes = detail->attributes;
            QVERIFY(std::find(attributes.begin(), attributes.end(),
                              std::pair<std::string, std::string>("city", "Paris")) != attributes.end());
            QVERIFY(std::find(attributes.begin(), attributes.end(),
                              std::pair<std::string, std::string>("first_name", "Ada")) != attributes.end());
        }
        auto missing = (*service)->profile(999);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, Error::Code::NotFound);
    }

    void eventNamesComeWithCounts()
    {
        auto names = m_service->eventNames();
        QVERIFY(names);
        QCOMPARE(names->size(), std::size_t(4));
        std::int64_t total = 0;
        for (const auto &n : *names) {
            total += n.count;
        }
        QCOMPARE(total, test::queryInt(m_path, "SELECT count(*) FROM events"));
        QVERIFY((*names)[0].count >= (*names)[1].count);
    }

    void refusesAFileThatIsNotAWorkspace()
    {
        const QString text = m_dir.filePath(QStringLiteral("notes.txt"));
        test::writeFile(text, "just some notes, not a database at all\n");
        auto opened = DataBrowserService::open(text.toStdString());
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, Error::Code::NotAWorkspace);
    }

private:
    QTemporaryDir m_dir;
    std::string m_path;
    std::unique_ptr<DataBrowserService> m_service;
};

QTEST_GUILESS_MAIN(TestDataBrowserService)
#include "tst_DataBrowserService.moc"
