// SPDX-License-Identifier: GPL-3.0-or-later
// ProfileTableModel under QAbstractItemModelTester: filters and sorts agree with SQL.
#include "TestUtil.h"
#include "TestWorkspaces.h"
#include "models/ProfileTableModel.h"
#include "services/DataBrowserService.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using namespace awb;
using awb::ui::ProfileTableModel;

class TestProfileTableModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = test::workspacePath(m_dir.path(), QStringLiteral("profiles")).toStdString();
        test::buildBrowseWorkspace(m_path, 90, 4);
        auto opened = services::DataBrowserService::open(m_path);
        QVERIFY(opened);
        m_service = std::move(opened).value();
    }

    void init()
    {
        m_model = std::make_unique<ProfileTableModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_model->setPageSize(16);
        m_model->setService(m_service.get());
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void listsEveryProfileWithItsIdentities()
    {
        QCOMPARE(m_model->rowCount(), 90);
        // Sorted by id: the first profile is user-0's.
        QCOMPARE(m_model->index(0, ProfileTableModel::UserIdsColumn).data().toString(),
                 QStringLiteral("user-0"));
        QCOMPARE(m_model->index(0, ProfileTableModel::EmailColumn).data().toString(),
                 QStringLiteral("person0@example.com"));
        QCOMPARE(m_model->index(0, ProfileTableModel::EventCountColumn).data().toLongLong(), 5);
        QCOMPARE(m_model->index(1, ProfileTableModel::UserIdsColumn).data().toString(), QString());
        QCOMPARE(m_model->index(1, ProfileTableModel::EventCountColumn).data().toLongLong(), 4);
        QCOMPARE(m_model->index(0, ProfileTableModel::FirstSeenColumn).data().toString(),
                 QStringLiteral("2026-03-01 00:00:00"));
        QCOMPARE(m_model->index(89, 0).data(ProfileTableModel::IdRole).toLongLong(),
                 test::queryInt(m_path, "SELECT max(id) FROM profiles"));
    }

    void textFilterMatchesIdsAndEmails_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("where");
        QTest::newRow("user id") << QStringLiteral("user-1")
                                 << QStringLiteral(
                                        "id IN (SELECT profile_id FROM identities WHERE value LIKE "
                                        "'user-1%')");
        QTest::newRow("anonymous id")
            << QStringLiteral("anon-8")
            << QStringLiteral("id IN (SELECT profile_id FROM identities WHERE value "
                              "LIKE 'anon-8%')");
        QTest::newRow("email domain")
            << QStringLiteral("@EXAMPLE.com") << QStringLiteral("email IS NOT NULL");
        QTest::newRow("nothing") << QStringLiteral("nobody-here") << QStringLiteral("0");
    }

    void textFilterMatchesIdsAndEmails()
    {
        QFETCH(QString, text);
        QFETCH(QString, where);
        services::BrowseFilter filter;
        filter.text = text.toStdString();
        m_model->setFilter(filter);
        QCOMPARE(m_model->totalCount(),
                 test::queryInt(m_path, "SELECT count(*) FROM profiles WHERE " + where.toStdString()));
    }

    void sortsByEmailWithEmptyOnesLast()
    {
        m_model->sort(ProfileTableModel::EmailColumn, Qt::DescendingOrder);
        const int withEmail =
            int(test::queryInt(m_path, "SELECT count(*) FROM profiles WHERE email IS NOT NULL"));
        for (int row = 1; row < withEmail; ++row) {
            QVERIFY(m_model->index(row - 1, ProfileTableModel::EmailColumn).data().toString() >
                    m_model->index(row, ProfileTableModel::EmailColumn).data().toString());
        }
        for (int row = withEmail; row < m_model->rowCount(); ++row) {
            QVERIFY(m_model->index(row, ProfileTableModel::EmailColumn).data().toString().isEmpty());
        }
    }

    void sortsByLastSeen()
    {
        m_model->sort(ProfileTableModel::LastSeenColumn, Qt::DescendingOrder);
        QCOMPARE(m_model->index(0, 0).data(ProfileTableModel::IdRole).toLongLong(),
                 test::queryInt(m_path, "SELECT id FROM profiles ORDER BY last_seen DESC, id DESC LIMIT 1"));
        for (int row = 1; row < m_model->rowCount(); ++row) {
            QVERIFY(m_model->index(row - 1, ProfileTableModel::LastSeenColumn).data().toString() >=
                    m_model->index(row, ProfileTableModel::LastSeenColumn).data().toString());
        }
        QVERIFY(!ProfileTableModel::isSortable(ProfileTableModel::EventCountColumn));
    }

private:
    QTemporaryDir m_dir;
    std::string m_path;
    std::unique_ptr<services::DataBrowserService> m_service;
    std::unique_ptr<ProfileTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(TestProfileTableModel)
#include "tst_ProfileTableModel.moc"
