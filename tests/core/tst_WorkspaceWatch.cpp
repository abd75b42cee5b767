// SPDX-License-Identifier: GPL-3.0-or-later
// Several writers on one workspace: the watch tells which areas changed after another connection committed
// (segments, events, audiences' exports, the catalog) and nothing when nobody did; a segment editor's save
// is checked against the workspace (taken names, a version saved or deleted elsewhere, overwrite, rename).
#include "TraitTestUtil.h"
#include "segments/RuleJson.h"
#include "services/SegmentService.h"
#include "services/WorkspaceWatch.h"
#include "store/Database.h"

#include <QElapsedTimer>
#include <QTest>

using namespace awb;
using namespace awb::segments;

namespace {

Rule ordersAtLeast(int n)
{
    auto rule = ruleFromJson(test::j("{'version':1,'rule':{'type':'all','conditions':[{'type':'trait',"
                                     "'trait':'order_count','op':'>=','value':") +
                             std::to_string(n) + "}]}}");
    if (!rule) {
        qFatal("bad rule: %s", rule.error().message.c_str());
    }
    return std::move(rule).value();
}

services::SegmentEdit edit(const std::string &name, int orders,
                           std::optional<SavedSegment> opened = std::nullopt)
{
    services::SegmentEdit e;
    e.name = name;
    e.rule = ordersAtLeast(orders);
    e.opened = std::move(opened);
    return e;
}

void execSql(const std::string &path, const char *sql)
{
    auto db = store::Database::open(path, store::Database::OpenMode::OpenExisting);
    QVERIFY(db);
    (*db)->exec(sql);
}

} // namespace

class TestWorkspaceWatch : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_scratch.next();
        test::buildTraitFixture(m_scratch);
        m_ws = m_scratch.workspace();
    }

    void nothingChangedReportsNothing()
    {
        auto watch = services::WorkspaceWatch::open(m_ws);
        QVERIFY(watch);
        for (int i = 0; i < 3; ++i) {
            const auto changes = (*watch)->poll();
            QVERIFY(changes);
            QVERIFY(!changes->any());
        }
        // Reading through other connections is not a change.
        QVERIFY(services::SegmentService(m_ws).list());
        QVERIFY(!(*watch)->poll()->any());
    }

    void eachAreaIsToldApart()
    {
        auto opened = services::WorkspaceWatch::open(m_ws);
        QVERIFY(opened);
        services::WorkspaceWatch &watch = **opened;

        QVERIFY(services::SegmentService(m_ws).save("Buyers", "", ordersAtLeast(1)));
        auto changes = watch.poll();
        QVERIFY(changes);
        QVERIFY(changes->segments);
        QVERIFY(!changes->events && !changes->audiences && !changes->catalog);
        QVERIFY(!watch.poll()->any()); // told once

        QVERIFY(services::SegmentService(m_ws).rename("Buyers", "Customers"));
        QVERIFY(watch.poll()->segments);
        QVERIFY(services::SegmentService(m_ws).remove("Customers"));
        QVERIFY(watch.poll()->segments);

        // An import by another connection: events (the catalog's build is not touched).
        m_scratch.run(
            {m_scratch.write("more.jsonl", {test::j("{'type':'track','event':'Page Viewed','userId':"
                                                    "'zoe','timestamp':'2026-03-01T10:00:00Z'}")})});
        changes = watch.poll();
        QVERIFY(changes->events);
        QVERIFY(!changes->segments && !changes->catalog);

        execSql(m_ws, "INSERT INTO exports (audience_name, preset, file, rows, created_at) "
                      "VALUES ('A', 'generic', '/tmp/a.csv', 3, 1)");
        changes = watch.poll();
        QVERIFY(changes->audiences);
        QVERIFY(!changes->events && !changes->segments);

        execSql(m_ws, "UPDATE catalog_columns SET property = 'brand' WHERE name = 'Category'");
        changes = watch.poll();
        QVERIFY(changes->catalog);
        QVERIFY(!changes->events && !changes->segments && !changes->audiences);
    }

    void aWriteLockElsewhereNeverBlocksTheWatch()
    {
        auto watch = services::WorkspaceWatch::open(m_ws);
        QVERIFY(watch);
        auto writer = store::Database::open(m_ws, store::Database::OpenMode::OpenExisting);
        QVERIFY(writer);
        (*writer)->exec("BEGIN IMMEDIATE");
        (*writer)->exec("INSERT INTO segments (name, description, rule, created_at, updated_at) "
                        "VALUES ('pending', '', '{}', 1, 1)");
        QElapsedTimer timer;
        timer.start();
        const auto during = (*watch)->poll();
        QVERIFY(during);
        QVERIFY(!during->any()); // not committed yet
        QVERIFY(timer.elapsed() < 1000);
        (*writer)->exec("COMMIT");
        QVERIFY((*watch)->poll()->segments);
    }

    void aNewSegmentNeedsAFreeName()
    {
        services::SegmentService service(m_ws);
        const auto first = service.saveEdited(edit("Buyers", 1));
        QVERIFY2(first, first ? "" : first.error().message.c_str());
        QCOMPARE(first->name, std::string("Buyers"));
        QVERIFY(first->id > 0);
        // Another window saved "Buyers" first: a new segment of that name is refused, not merged.
        const auto second = service.saveEdited(edit("Buyers", 2));
        QVERIFY(!second);
        QCOMPARE(second.error().code, Error::Code::InvalidInput);
        QVERIFY(second.error().message.find("exists already") != std::string::npos);
        QCOMPARE(service.find("Buyers")->ruleJson, ruleToJson(ordersAtLeast(1)));
    }

    void aSegmentSavedElsewhereSinceOpenedIsAConflict()
    {
        services::SegmentService service(m_ws);
        QVERIFY(service.save("Buyers", "", ordersAtLeast(1)));
        const SavedSegment openedHere = *service.find("Buyers");
        const SavedSegment openedThere = *service.find("Buyers");

        const auto there = service.saveEdited(edit("Buyers", 2, openedThere));
        QVERIFY(there);
        QVERIFY(there->updatedAtMs > openedThere.updatedAtMs); // a new version, even within one millisecond

        const auto here = service.saveEdited(edit("Buyers", 3, openedHere));
        QVERIFY(!here);
        QCOMPARE(here.error().code, Error::Code::Conflict);
        QVERIFY(here.error().message.find("changed in another window") != std::string::npos);
        QCOMPARE(service.find("Buyers")->ruleJson, ruleToJson(ordersAtLeast(2))); // theirs kept

        auto overwrite = edit("Buyers", 3, openedHere);
        overwrite.overwrite = true;
        const auto forced = service.saveEdited(overwrite);
        QVERIFY(forced);
        QCOMPARE(forced->id, openedHere.id);
        QCOMPARE(service.find("Buyers")->ruleJson, ruleToJson(ordersAtLeast(3)));

        // Saving again from the stored version is no conflict.
        QVERIFY(service.saveEdited(edit("Buyers", 4, *forced)));
    }

    void aSegmentDeletedElsewhereIsAConflictUntilSavedAnyway()
    {
        services::SegmentService service(m_ws);
        QVERIFY(service.save("Buyers", "", ordersAtLeast(1)));
        const SavedSegment opened = *service.find("Buyers");
        QVERIFY(service.remove("Buyers"));
        const auto refused = service.saveEdited(edit("Buyers", 2, opened));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, Error::Code::Conflict);
        QVERIFY(refused.error().message.find("deleted") != std::string::npos);
        QVERIFY(!service.find("Buyers"));
        auto again = edit("Buyers", 2, opened);
        again.overwrite = true;
        QVERIFY(service.saveEdited(again));
        QCOMPARE(service.find("Buyers")->ruleJson, ruleToJson(ordersAtLeast(2)));
    }

    void aRenameInTheEditorKeepsTheSegmentAndChecksTheNewName()
    {
        services::SegmentService service(m_ws);
        QVERIFY(service.save("Buyers", "", ordersAtLeast(1)));
        QVERIFY(service.save("Loyal", "", ordersAtLeast(3)));
        const SavedSegment opened = *service.find("Buyers");
        const auto taken = service.saveEdited(edit("Loyal", 2, opened));
        QVERIFY(!taken);
        QCOMPARE(taken.error().code, Error::Code::InvalidInput);
        const auto renamed = service.saveEdited(edit("Repeat buyers", 2, opened));
        QVERIFY(renamed);
        QCOMPARE(renamed->id, opened.id);
        QVERIFY(!service.find("Buyers"));
        QCOMPARE(service.find("Loyal")->ruleJson, ruleToJson(ordersAtLeast(3)));
        QCOMPARE(service.list()->size(), std::size_t(2));
    }

private:
    test::JsonlScratch m_scratch;
    std::string m_ws;
};

QTEST_GUILESS_MAIN(TestWorkspaceWatch)
#include "tst_WorkspaceWatch.moc"
