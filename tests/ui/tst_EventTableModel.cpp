// SPDX-License-Identifier: GPL-3.0-or-later
// EventTableModel under QAbstractItemModelTester: counts, filters and sorts agree with SQL, across pages.
#include "TestUtil.h"
#include "TestWorkspaces.h"
#include "models/EventTableModel.h"
#include "services/DataBrowserService.h"

#include <sqlite3.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace awb;
using awb::ui::EventTableModel;

Q_DECLARE_METATYPE(awb::services::BrowseFilter)

namespace {
constexpr int kPageSize = 64; // small, so that the fixture spans many pages
constexpr std::int64_t kDayMs = 24 * test::kHourMs;
} // namespace

class TestEventTableModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = test::workspacePath(m_dir.path(), QStringLiteral("events")).toStdString();
        test::buildBrowseWorkspace(m_path, 40, 15);
        auto opened = services::DataBrowserService::open(m_path);
        QVERIFY(opened);
        m_service = std::move(opened).value();
    }

    void init()
    {
        m_model = std::make_unique<EventTableModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_model->setPageSize(kPageSize);
        m_model->setService(m_service.get());
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void isEmptyWithoutAWorkspace()
    {
        EventTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(EventTableModel::ColumnCount));
    }

    void filtersMatchSqlCounts_data()
    {
        QTest::addColumn<services::BrowseFilter>("filter");
        QTest::addColumn<QString>("where");
        services::BrowseFilter byName;
        byName.eventName = "Product Viewed";
        services::BrowseFilter byDates;
        byDates.fromMs = test::kFixtureStartMs + kDayMs;
        byDates.toMs = test::kFixtureStartMs + 3 * kDayMs;
        services::BrowseFilter byText;
        byText.text = "anon-1";
        services::BrowseFilter all3 = byDates;
        all3.eventName = "Page Viewed";
        all3.text = "user-2";
        QTest::newRow("event name") << byName
                                    << QStringLiteral("name_id = (SELECT id FROM event_names WHERE name = "
                                                      "'Product Viewed')");
        QTest::newRow("date range")
            << byDates << QStringLiteral("ts >= %1 AND ts < %2").arg(*byDates.fromMs).arg(*byDates.toMs);
        QTest::newRow("anonymous id contains") << byText << QStringLiteral("anonymous_id LIKE '%anon-1%'");
        QTest::newRow("all three")
            << all3
            << QStringLiteral(
                   "ts >= %1 AND ts < %2 AND name_id = (SELECT id FROM event_names WHERE name = 'Page "
                   "Viewed') AND user_id LIKE 'user-2%'")
                   .arg(*byDates.fromMs)
                   .arg(*byDates.toMs);
    }

    void filtersMatchSqlCounts()
    {
        QFETCH(services::BrowseFilter, filter);
        QFETCH(QString, where);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_model->setFilter(filter);
        QCOMPARE(reset.count(), 1);
        const std::int64_t expected =
            test::queryInt(m_path, "SELECT count(*) FROM events WHERE " + where.toStdString());
        QVERIFY(expected > 0);
        QCOMPARE(m_model->rowCount(), int(expected));
        QCOMPARE(m_model->totalCount(), expected);
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const QString name = m_model->index(row, EventTableModel::NameColumn).data().toString();
            const qint64 ts = m_model->index(row, 0).data(EventTableModel::TimestampRole).toLongLong();
            if (!filter.eventName.empty()) {
                QCOMPARE(name.toStdString(), filter.eventName);
            }
            if (filter.fromMs) {
                QVERIFY(ts >= *filter.fromMs && ts < *filter.toMs);
            }
        }
        QVERIFY(!m_model->lastError());
    }

    void headerSortsInSql_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::newRow("time ascending") << int(EventTableModel::TimeColumn) << Qt::AscendingOrder;
        QTest::newRow("time descending") << int(EventTableModel::TimeColumn) << Qt::DescendingOrder;
        QTest::newRow("name ascending") << int(EventTableModel::NameColumn) << Qt::AscendingOrder;
        QTest::newRow("name descending") << int(EventTableModel::NameColumn) << Qt::DescendingOrder;
        QTest::newRow("profile ascending") << int(EventTableModel::ProfileColumn) << Qt::AscendingOrder;
    }

    void headerSortsInSql()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        m_model->sort(column, order);
        QCOMPARE(m_model->rowCount(), int(test::queryInt(m_path, "SELECT count(*) FROM events")));
        const int role = column == EventTableModel::TimeColumn      ? int(EventTableModel::TimestampRole)
                         : column == EventTableModel::ProfileColumn ? int(EventTableModel::ProfileIdRole)
                                                                    : int(Qt::DisplayRole);
        for (int row = 1; row < m_model->rowCount(); ++row) {
            const QVariant a = m_model->index(row - 1, column).data(role);
            const QVariant b = m_model->index(row, column).data(role);
            const auto cmp = QVariant::compare(a, b);
            QVERIFY2(order == Qt::AscendingOrder ? cmp <= 0 : cmp >= 0,
                     qPrintable(QStringLiteral("row %1").arg(row)));
        }
    }

    void unsortableColumnsKeepTheOrder()
    {
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        const QVariant first = m_model->index(0, 0).data(EventTableModel::IdRole);
        m_model->sort(EventTableModel::PropertiesColumn, Qt::AscendingOrder);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(m_model->index(0, 0).data(EventTableModel::IdRole), first);
    }

    void rowsOnEveryPageMatchSql_data()
    {
        QTest::addColumn<int>("row");
        for (const int row : {0, kPageSize - 1, kPageSize, 3 * kPageSize + 5, 619}) {
            QTest::addRow("row %d", row) << row;
        }
    }

    void rowsOnEveryPageMatchSql()
    {
        QFETCH(int, row);
        // The default order is newest first.
        const std::int64_t expected = test::queryInt(
            m_path, "SELECT id FROM events ORDER BY ts DESC, id DESC LIMIT 1 OFFSET " + std::to_string(row));
        QCOMPARE(m_model->index(row, 0).data(EventTableModel::IdRole).toLongLong(), expected);
        const std::string name = test::queryText(
            m_path, "SELECT n.name FROM events e JOIN event_names n ON n.id = e.name_id WHERE e.id = " +
                        std::to_string(expected));
        QCOMPARE(m_model->index(row, EventTableModel::NameColumn).data().toString().toStdString(), name);
    }

    void showsFormattedCells()
    {
        m_model->sort(EventTableModel::TimeColumn, Qt::AscendingOrder);
        QCOMPARE(m_model->index(0, EventTableModel::TimeColumn).data().toString(),
                 QStringLiteral("2026-03-01 00:00:00"));
        QCOMPARE(m_model->index(0, EventTableModel::UserIdColumn).data().toString(),
                 QStringLiteral("user-0"));
        QCOMPARE(m_model->index(0, EventTableModel::PropertiesColumn).data().toString(),
                 QStringLiteral("{\"n\":0,\"profile\":0}"));
        QVERIFY(m_model->index(0, EventTableModel::PropertiesColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("\"profile\": 0")));
        QCOMPARE(m_model->headerData(EventTableModel::TimeColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Time (UTC)"));
    }

    void oneProfilesTimeline()
    {
        const std::int64_t profile =
            test::queryInt(m_path, "SELECT profile_id FROM identities WHERE value = 'user-6'");
        m_model->setProfileId(profile);
        QCOMPARE(m_model->rowCount(), 16);
        for (int row = 0; row < m_model->rowCount(); ++row) {
            QCOMPARE(m_model->index(row, 0).data(EventTableModel::ProfileIdRole).toLongLong(), profile);
        }
        // Newest first: the identify call closes the history.
        QCOMPARE(m_model->index(0, EventTableModel::NameColumn).data().toString(),
                 QStringLiteral("Identify"));
    }

    void aFailingReadIsReportedOnceAndShowsNoRows()
    {
        const std::string path = test::workspacePath(m_dir.path(), QStringLiteral("broken")).toStdString();
        test::buildBrowseWorkspace(path, 2, 2);
        auto service = services::DataBrowserService::open(path);
        QVERIFY(service);
        EventTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setService(service->get());
        QCOMPARE(model.rowCount(), 5); // 2 x 2 events and one identify call
        // Another program breaks the file under the open connection.
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, "ALTER TABLE events RENAME TO gone", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
        QSignalSpy failed(&model, &ui::PagedTableModel::readFailed);
        model.refresh();
        QCOMPARE(failed.count(), 1);
        QVERIFY(model.lastError());
        QCOMPARE(model.lastError()->code, Error::Code::Database);
        QCOMPARE(model.rowCount(), 0);
    }

private:
    QTemporaryDir m_dir;
    std::string m_path;
    std::unique_ptr<services::DataBrowserService> m_service;
    std::unique_ptr<EventTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(TestEventTableModel)
#include "tst_EventTableModel.moc"
