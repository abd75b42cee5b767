// SPDX-License-Identifier: GPL-3.0-or-later
// ProfilePage: a merged profile shows all its identities, its traits and its timeline, newest first.
#include "TestUtil.h"
#include "TestWorkspaces.h"
#include "data/ProfilePage.h"
#include "models/EventTableModel.h"
#include "services/DataBrowserService.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace awb;

namespace {
QStringList column(const QAbstractItemModel *model, int c)
{
    QStringList values;
    for (int row = 0; row < model->rowCount(); ++row) {
        values << model->index(row, c).data().toString();
    }
    return values;
}
} // namespace

class TestProfilePage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = test::workspacePath(m_dir.path(), QStringLiteral("merged")).toStdString();
        m_visitor = test::buildMergedProfileWorkspace(m_path);
        auto opened = services::DataBrowserService::open(m_path);
        QVERIFY(opened);
        m_service = std::move(opened).value();
    }

    void showsEveryIdentityOfAMergedProfile_data()
    {
        QTest::addColumn<bool>("viaMergedId");
        QTest::newRow("surviving id") << false;
        QTest::newRow("id merged away") << true;
    }

    void showsEveryIdentityOfAMergedProfile()
    {
        QFETCH(bool, viaMergedId);
        const std::int64_t survivor = test::queryInt(m_path, "SELECT id FROM profiles");
        const std::int64_t asked =
            viaMergedId ? test::queryInt(m_path, "SELECT from_id FROM profile_merges") : m_visitor;
        ui::ProfilePage page;
        page.resize(1100, 700);
        page.show();
        const Result<void> shown = page.showProfile(*m_service, asked);
        QVERIFY2(shown, shown ? "" : shown.error().message.c_str());
        QCOMPARE(page.profileId(), survivor);

        auto *identities = page.findChild<QTableView *>(QStringLiteral("profileIdentitiesTable"));
        QVERIFY(identities);
        QAbstractItemModelTester tester(identities->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(column(identities->model(), 1),
                 (QStringList{QStringLiteral("user-merge"), QStringLiteral("visitor-1"),
                              QStringLiteral("merge@example.com")}));
        QCOMPARE(column(identities->model(), 0),
                 (QStringList{QStringLiteral("User ID"), QStringLiteral("Anonymous ID"),
                              QStringLiteral("Email")}));

        auto *traits = page.findChild<QTableView *>(QStringLiteral("profileTraitsTable"));
        QVERIFY(traits);
        const QStringList keys = column(traits->model(), 0);
        const QStringList values = column(traits->model(), 1);
        QVERIFY(keys.contains(QStringLiteral("city")));
        QCOMPARE(values.at(keys.indexOf(QStringLiteral("city"))), QStringLiteral("Paris"));
        QCOMPARE(values.at(keys.indexOf(QStringLiteral("first_name"))), QStringLiteral("Ada"));

        auto *timeline = page.findChild<QTableView *>(QStringLiteral("profileTimelineTable"));
        QVERIFY(timeline);
        QCOMPARE(column(timeline->model(), ui::EventTableModel::NameColumn),
                 (QStringList{QStringLiteral("Identify"), QStringLiteral("Order Completed"),
                              QStringLiteral("Product Viewed"), QStringLiteral("Page Viewed")}));

        auto *title = page.findChild<QLabel *>(QStringLiteral("profileTitleLabel"));
        QVERIFY(title->text().contains(QStringLiteral("merge@example.com")));
        auto *summary = page.findChild<QLabel *>(QStringLiteral("profileSummaryLabel"));
        QVERIFY(summary->text().contains(QStringLiteral("4 events")));
        QVERIFY(summary->text().contains(QStringLiteral("merged from 2 profiles")));
    }

    void anUnknownProfileIsAnErrorAndKeepsThePage()
    {
        ui::ProfilePage page;
        QVERIFY(page.showProfile(*m_service, m_visitor));
        const Result<void> shown = page.showProfile(*m_service, 4242);
        QVERIFY(!shown);
        QCOMPARE(shown.error().code, Error::Code::NotFound);
        QCOMPARE(page.profileId(), test::queryInt(m_path, "SELECT id FROM profiles"));
    }

private:
    QTemporaryDir m_dir;
    std::string m_path;
    std::int64_t m_visitor = 0;
    std::unique_ptr<services::DataBrowserService> m_service;
};

QTEST_MAIN(TestProfilePage)
#include "tst_ProfilePage.moc"
