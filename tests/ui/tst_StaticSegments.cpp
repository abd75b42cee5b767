// SPDX-License-Identifier: GPL-3.0-or-later
// The segment builder on a generated sample store, beyond plain rules: freezing a segment into a static one
// (from the list and the builder, default name, never re-evaluated, read-only view with its banner, export,
// duplicate, edit as a new segment, rename and delete), the as-of date of the traits, and the event
// condition's property filters (add, edit, remove; counts equal the service's).
#include "SampleStoreFixture.h"
#include "SegmentsAreaTestUtil.h"
#include "TestUtil.h"
#include "TestWorkspaces.h"
#include "UiTestUtil.h"
#include "jobs/JobRunner.h"
#include "jobs/Progress.h"
#include "main/ShowError.h"
#include "models/DisplayFormat.h"
#include "segments/AsOfPicker.h"
#include "segments/EventConditionEditor.h"
#include "segments/LiveEvaluation.h"
#include "segments/PropertyFilterEditor.h"
#include "segments/RuleEditor.h"
#include "segments/RuleJson.h"
#include "segments/SegmentBuilder.h"
#include "segments/SegmentFreezer.h"
#include "segments/SegmentInsights.h"
#include "segments/SegmentListModel.h"
#include "segments/SegmentsArea.h"
#include "segments/StaticSegmentBanner.h"
#include "services/SegmentService.h"
#include "services/WorkspaceService.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QFile>
#include <QInputDialog>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUndoStack>

using namespace awb;
using awb::test::child;
using awb::test::choose;
using awb::test::countLines;
using awb::ui::SegmentBuilder;
using awb::ui::SegmentsArea;
using segments::Node;

namespace {
constexpr int kWaitMs = test::kSegmentsWaitMs;
} // namespace

class TestStaticSegments : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { m_store.create(); }

    void init()
    {
        m_workspace = m_store.freshCopy();
        QVERIFY(!m_workspace.isEmpty());
        test::openSegmentsArea(m_area, m_workspace);
    }

    void cleanup()
    {
        QVERIFY2(m_store.errors().isEmpty(), qPrintable(m_store.errorText()));
        m_area.reset();
        m_store.removeCopy();
    }

    void freezeFromTheListOpensItReadOnly()
    {
        const std::int64_t vips = saveLapsedVips();
        ui::SegmentListModel *list = m_area->listModel();
        QAbstractItemModelTester tester(list, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_area->showList();
        selectRow(QStringLiteral("Lapsed VIPs"));
        QVERIFY(child<QToolButton>(m_area.get(), "freezeListButton")->isEnabled());
        QTest::mouseClick(child<QToolButton>(m_area.get(), "freezeListButton"), Qt::LeftButton);
        auto *dialog = m_area->findChild<QInputDialog *>(QStringLiteral("freezeSegmentDialog"));
        QVERIFY(dialog);
        const QString today = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate);
        const QString name = QStringLiteral("Lapsed VIPs (frozen %1)").arg(today);
        QCOMPARE(dialog->textValue(), name);
        QVERIFY(dialog->labelText().contains(QStringLiteral("never change")));
        test::maybeScreenshot(dialog, QStringLiteral("segment-freeze-dialog"));
        QVERIFY(openedAfter([&] { dialog->accept(); }));

        // Listed as static with its members and date; opened read-only under the banner.
        const int row = list->rowOf(name);
        QVERIFY(row >= 0);
        QCOMPARE(list->index(row, ui::SegmentListModel::KindColumn).data().toString(),
                 QStringLiteral("Static"));
        QVERIFY(list->index(row, ui::SegmentListModel::RuleColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("Frozen from “Lapsed VIPs” on %1: ").arg(today)));
        // Frozen with the default control group: 10% held out, never exported nor counted as members.
        const std::int64_t held = service().find(name.toStdString())->controlSize;
        QCOMPARE(held, static_cast<std::int64_t>(std::llround(0.1 * static_cast<double>(vips))));
        QVERIFY(held > 0);
        QCOMPARE(list->index(row, ui::SegmentListModel::PeopleColumn).data().toString(),
                 ui::format::count(vips - held));
        QVERIFY(list->index(row, 0).data(ui::SegmentListModel::StaticRole).toBool());
        SegmentBuilder *builder = m_area->builder();
        QCOMPARE(m_area->page(), SegmentsArea::Page::Builder);
        QVERIFY(builder->isStatic());
        QVERIFY(builder->editor()->isReadOnly());
        auto *banner = child<ui::StaticSegmentBanner>(builder, "staticSegmentBanner");
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(QStringLiteral("%1 people").arg(ui::format::count(vips))) &&
                     banner->text().contains(QStringLiteral("Control group: %1 of them (10%)").arg(held)),
                 qPrintable(banner->text()));
        QVERIFY(!child<QAbstractButton>(builder, "saveSegmentButton")->isVisible());
        QVERIFY(!child<QAbstractButton>(builder, "freezeSegmentButton")->isVisible());
        QVERIFY(child<QLineEdit>(builder, "segmentNameEdit")->isReadOnly());
        QVERIFY(!builder->save());
        QVERIFY(!builder->editor()->addCondition({}, Node::Type::Trait)); // read-only
        QVERIFY(builder->count());
        QCOMPARE(builder->count()->matching, vips - held);
        test::maybeScreenshot(m_area.get(), QStringLiteral("segment-static"));
        m_area->showList();
        selectRow(name);
        QVERIFY(!child<QToolButton>(m_area.get(), "freezeListButton")->isEnabled()); // frozen already
        test::maybeScreenshot(m_area.get(), QStringLiteral("segment-list-static"));
    }

    void staticSegmentIsNeverReEvaluated()
    {
        const std::int64_t vips = saveLapsedVips();
        QVERIFY(openedAfter(
            [&] { m_area->freezer().freeze(QStringLiteral("Lapsed VIPs"), QStringLiteral("Then")); }));
        // A lower bar for the source: more people now, the same frozen members.
        QVERIFY(m_area->openSegment(QStringLiteral("Lapsed VIPs")));
        SegmentBuilder *builder = m_area->builder();
        segments::Rule lower = builder->editor()->rule();
        lower.root.children[0].trait.values = {100.0};
        QVERIFY(recount([&] { builder->editor()->setRule(lower, QStringLiteral("lower")); }));
        QVERIFY(builder->save());
        QVERIFY(builder->count()->matching > vips);
        QCOMPARE(service().find("Then")->memberCount, vips);
        const std::int64_t held = service().find("Then")->controlSize;
        // "In segment Then" in a new rule is the frozen members, its control group left out.
        m_area->newSegment();
        QVERIFY(recount([&] {
            builder->editor()->setRule(services::SegmentService::inSegment("Then"), QStringLiteral("in"));
        }));
        QCOMPARE(builder->count()->matching, vips - held);

        // Export writes the frozen members; duplicate gives a rule segment with the rule it was frozen from.
        // (The unsaved "in segment" rule is dropped first: opening another segment over it would ask.)
        builder->discardChanges();
        QVERIFY(recount([&] { QVERIFY(m_area->openSegment(QStringLiteral("Then"))); }));
        services::SegmentExportRequest out;
        out.outFile = m_store.filePath(QStringLiteral("then.csv")).toStdString();
        QSignalSpy exported(builder, &SegmentBuilder::exported);
        QVERIFY(builder->exportCsv(out));
        QVERIFY(exported.wait(kWaitMs));
        QCOMPARE(countLines(QString::fromStdString(out.outFile)), vips - held + 1);
        const QString copy = m_area->duplicateSegment(QStringLiteral("Then"));
        QCOMPARE(copy, QStringLiteral("Then copy"));
        const auto duplicated = service().find("Then copy");
        QVERIFY(duplicated && !duplicated->isStatic());
        QCOMPARE(duplicated->ruleJson, service().find("Then")->ruleJson);
        // Rename and delete work as for any segment.
        QVERIFY(m_area->renameSegment(QStringLiteral("Then"), QStringLiteral("Kept")));
        QCOMPARE(service().find("Kept")->memberCount, vips);
        QVERIFY(m_area->removeSegment(QStringLiteral("Kept")));
        QCOMPARE(m_area->listModel()->rowOf(QStringLiteral("Kept")), -1);
    }

    void builderFreezesTheSavedSegmentAndEditsACopy()
    {
        SegmentBuilder *builder = newSegment();
        QVERIFY(recount([&] { builder->applyTemplate(QStringLiteral("dormant")); }));
        // Not saved yet: nothing to freeze.
        QVERIFY(!builder->requestFreeze());
        QVERIFY(builder->statusText().contains(QStringLiteral("Save the segment first")));
        QVERIFY(builder->save());
        const std::int64_t dormant = builder->count()->matching;
        QTest::mouseClick(child<QAbstractButton>(builder, "freezeSegmentButton"), Qt::LeftButton);
        auto *dialog = m_area->findChild<QInputDialog *>(QStringLiteral("freezeSegmentDialog"));
        QVERIFY(dialog);
        dialog->setTextValue(QStringLiteral("Dormant in November"));
        QVERIFY(openedAfter([&] { dialog->accept(); }));
        QVERIFY(builder->isStatic());
        QCOMPARE(builder->name(), QStringLiteral("Dormant in November"));
        QCOMPARE(builder->count()->matching, dormant - service().find("Dormant in November")->controlSize);

        // Its rule as a new, unsaved rule segment.
        const std::string origin = builder->editor()->ruleJson();
        QVERIFY(recount([&] {
            QTest::mouseClick(child<QAbstractButton>(builder, "editStaticCopyButton"), Qt::LeftButton);
        }));
        QVERIFY(!builder->isStatic());
        QVERIFY(!builder->editor()->isReadOnly());
        QVERIFY(builder->editedSegment().isEmpty());
        QCOMPARE(builder->editor()->ruleJson(), origin);
        QCOMPARE(builder->name(), QStringLiteral("Dormant copy"));
        QVERIFY(builder->hasUnsavedChanges());
        QCOMPARE(builder->count()->matching, dormant); // nothing happened in between
    }

    void asOfDateRecomputesTheTraitsAndDatesTheFreeze()
    {
        QVERIFY(saveLapsedVips() > 0);
        SegmentBuilder *builder = m_area->builder();
        const std::int64_t profilesNow = builder->count()->profiles;
        const std::int64_t latest = m_area->live().table()->nowMs;
        ui::AsOfPicker *picker = builder->insights()->asOfPicker();
        QVERIFY(!picker->asOf());
        // Sixty days before the latest data.
        const QDate day = QDateTime::fromMSecsSinceEpoch(latest, Qt::UTC).date().addDays(-60);
        QSignalSpy loaded(&m_area->live(), &ui::LiveEvaluation::loaded);
        QVERIFY(recount([&] {
            choose(child<QComboBox>(picker, "asOfCombo"), 1);
            child<QDateEdit>(picker, "asOfDateEdit")->setDate(day);
        }));
        QVERIFY(loaded.count() >= 1);
        const std::int64_t asOf = QDateTime(day, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        QCOMPARE(m_area->live().asOf(), std::optional<std::int64_t>(asOf));
        QCOMPARE(m_area->live().table()->nowMs, asOf);
        services::TraitRequest request;
        request.asOfMs = asOf;
        const auto expected = service().count(builder->editor()->rule(), request, ProgressSink::null());
        QVERIFY(expected);
        QCOMPARE(builder->count()->matching, expected->matching);
        QCOMPARE(builder->count()->profiles, expected->profiles);
        QVERIFY(expected->profiles < profilesNow); // people first seen in the last 60 days are not there yet
        QVERIFY(expected->matching > 0);
        test::maybeScreenshot(m_area.get(), QStringLiteral("segment-as-of"));

        // Freezing now uses that day: in the default name and as the snapshot's moment.
        const QString name =
            m_area->freezer().defaultName(QStringLiteral("Lapsed VIPs"), m_area->listModel()->names());
        QCOMPARE(name, QStringLiteral("Lapsed VIPs (as of %1)").arg(day.toString(Qt::ISODate)));
        QVERIFY(openedAfter([&] { m_area->freezer().freeze(QStringLiteral("Lapsed VIPs"), name); }));
        const auto frozen = service().find(name.toStdString());
        QVERIFY(frozen);
        QCOMPARE(frozen->asOfMs, asOf);
        QCOMPARE(frozen->memberCount, expected->matching);
        // Back to now.
        QVERIFY(recount([&] { choose(child<QComboBox>(picker, "asOfCombo"), 0); }));
        QVERIFY(!m_area->live().asOf());
    }

    void eventPropertyFilters()
    {
        SegmentBuilder *builder = newSegment();
        ui::RuleEditor *editor = builder->editor();
        QVERIFY(recount([&] { QVERIFY(editor->addCondition({}, Node::Type::Event)); }));
        auto *event = qobject_cast<ui::EventConditionEditor *>(editor->conditionEditor({0}));
        QVERIFY(event);
        auto *eventCombo = child<QComboBox>(event, "eventCombo");
        eventCombo->setCurrentText(QStringLiteral("Order Completed"));
        QVERIFY(recount([&] { emit eventCombo->activated(eventCombo->currentIndex()); }));
        const std::int64_t orders = builder->count()->matching;
        ui::PropertyFilterEditor *filters = event->filterEditor();
        QCOMPARE(filters->filters().size(), std::size_t(0));

        // "+ where": the most common known property of the event, with a sensible test.
        QVERIFY(recount(
            [&] { QTest::mouseClick(child<QToolButton>(filters, "addFilterButton"), Qt::LeftButton); }));
        QCOMPARE(editor->rule().root.children[0].event.where.size(), std::size_t(1));
        QWidget *row = filters->row(0);
        QVERIFY(row);
        auto *property = child<QComboBox>(row, "filterPropertyCombo");
        QVERIFY2(property->findText(QStringLiteral("revenue")) >= 0, qPrintable(property->currentText()));
        QVERIFY(property->findText(QStringLiteral("products[].category")) >= 0);
        QVERIFY(!property->currentText().isEmpty());
        QCOMPARE(builder->count()->matching, serviceCount(editor->rule()));

        // revenue at least its median: numbers and their operators.
        QVERIFY(pick(property, QStringLiteral("revenue")));
        row = filters->row(0);
        choose(child<QComboBox>(row, "filterOpCombo"), static_cast<int>(segments::Op::Ge));
        const QString median = QString::fromStdString(test::queryText(
            m_workspace.toStdString(),
            "SELECT json_extract(properties, '$.revenue') FROM events WHERE name_id = (SELECT id FROM "
            "event_names WHERE name = 'Order Completed') ORDER BY 1 LIMIT 1 OFFSET (SELECT count(*) / 2 FROM "
            "events WHERE name_id = (SELECT id FROM event_names WHERE name = 'Order Completed'))"));
        const int steps = editor->undoStack()->count();
        QVERIFY(recount([&] {
            child<QComboBox>(filters->row(0), "filterValueCombo")
                ->setCurrentText(median + QStringLiteral("1"));
        }));
        QVERIFY(
            recount([&] { child<QComboBox>(filters->row(0), "filterValueCombo")->setCurrentText(median); }));
        const segments::PropertyFilter &f = editor->rule().root.children[0].event.where[0];
        QCOMPARE(f.property, std::string("revenue"));
        QCOMPARE(f.op, segments::Op::Ge);
        QCOMPARE(std::get<double>(f.values.at(0)), median.toDouble());
        const std::int64_t big = builder->count()->matching;
        QCOMPARE(big, serviceCount(editor->rule()));
        QVERIFY2(big > 0 && big < orders, qPrintable(QStringLiteral("%1 of %2").arg(big).arg(orders)));
        QCOMPARE(editor->undoStack()->count(), steps + 1); // typing a value is one undo step

        // and a product category: texts, with the values seen on recent orders.
        QVERIFY(recount(
            [&] { QTest::mouseClick(child<QToolButton>(filters, "addFilterButton"), Qt::LeftButton); }));
        QVERIFY(pick(child<QComboBox>(filters->row(1), "filterPropertyCombo"),
                     QStringLiteral("products[].category")));
        auto *value = child<QComboBox>(filters->row(1), "filterValueCombo");
        QVERIFY(value->count() >= 2);
        const QString before = value->currentText();
        const QString chosen = value->itemText(before == value->itemText(0) ? 1 : 0);
        QVERIFY(recount([&] { value->setCurrentText(chosen); }));
        const segments::EventCondition &e = editor->rule().root.children[0].event;
        QCOMPARE(e.where.size(), std::size_t(2));
        QCOMPARE(e.where[1].op, segments::Op::Is);
        QCOMPARE(QString::fromStdString(std::get<std::string>(e.where[1].values.at(0))), chosen);
        QCOMPARE(builder->count()->matching, serviceCount(editor->rule()));
        QVERIFY(builder->count()->matching <= big);
        test::maybeScreenshot(m_area.get(), QStringLiteral("segment-event-filters"));

        // Undo restores the value before; removing a filter counts without it.
        editor->undoAction()->trigger();
        QCOMPARE(QString::fromStdString(
                     std::get<std::string>(editor->rule().root.children[0].event.where.at(1).values.at(0))),
                 before);
        event = qobject_cast<ui::EventConditionEditor *>(editor->conditionEditor({0}));
        QVERIFY(recount([&] {
            QTest::mouseClick(child<QToolButton>(event->filterEditor()->row(0), "removeFilterButton"),
                              Qt::LeftButton);
        }));
        QCOMPARE(editor->rule().root.children[0].event.where.size(), std::size_t(1));
        QCOMPARE(editor->rule().root.children[0].event.where[0].property, std::string("products[].category"));
        QCOMPARE(builder->count()->matching, serviceCount(editor->rule()));
    }

private:
    services::SegmentService service() const { return services::SegmentService(m_workspace.toStdString()); }

    std::int64_t serviceCount(const segments::Rule &rule) const
    {
        const auto count = service().count(rule, {}, ProgressSink::null());
        return count ? count->matching : -1;
    }

    SegmentBuilder *newSegment()
    {
        m_area->newSegment();
        return m_area->builder();
    }

    /// Saves the Lapsed VIPs template (spend 300) and returns its count.
    std::int64_t saveLapsedVips()
    {
        SegmentBuilder *builder = newSegment();
        if (!recount([&] {
                builder->applyTemplate(QStringLiteral("lapsed-vips"), {{"spend", "300"}});
            }) ||
            !builder->save()) {
            return -1;
        }
        return builder->count()->matching;
    }

    void selectRow(const QString &name)
    {
        QTableView *view = m_area->listView();
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            const QModelIndex index = view->model()->index(r, 0);
            if (index.data(ui::SegmentListModel::NameRole).toString() == name) {
                view->setCurrentIndex(index);
                return;
            }
        }
        QFAIL(qPrintable(QStringLiteral("no row %1").arg(name)));
    }

    /// Chooses text in a combo box as the user would, and waits for the recount (none when unchanged).
    bool pick(QComboBox *combo, const QString &text)
    {
        if (combo->currentText() == text) {
            return true;
        }
        const int index = combo->findText(text);
        if (index < 0) {
            return false;
        }
        combo->setCurrentIndex(index);
        return recount([&] { emit combo->activated(index); });
    }

    /// Runs edit and waits for the builder to show the count of the edited rule.
    template <typename Edit> bool recount(Edit edit) { return test::recount(*m_area, edit); }

    /// Runs start (a freeze) and waits until the frozen segment is open and counted.
    template <typename Start> bool openedAfter(Start start)
    {
        QSignalSpy frozen(&m_area->freezer(), &ui::SegmentFreezer::frozen);
        QSignalSpy shown(m_area->builder(), &SegmentBuilder::countShown);
        start();
        return (frozen.count() > 0 || frozen.wait(kWaitMs)) && (shown.count() > 0 || shown.wait(kWaitMs)) &&
               m_area->builder()->count().has_value();
    }

    test::SampleStoreFixture m_store;
    QString m_workspace;
    std::unique_ptr<SegmentsArea> m_area;
};

QTEST_MAIN(TestStaticSegments)
#include "tst_StaticSegments.moc"
