// SPDX-License-Identifier: GPL-3.0-or-later
// The segment builder on a generated sample store with its catalog: template counts equal the service's,
// edits recount after the debounce, undo / redo restore the rule, nested groups and negation, RFM cell
// clicks, templates that ask for a brand, save / rename / duplicate / delete, overlap, preview and export.
#include "SampleStoreFixture.h"
#include "SegmentsAreaTestUtil.h"
#include "TestUtil.h"
#include "TestWorkspaces.h"
#include "UiTestUtil.h"
#include "jobs/Progress.h"
#include "main/ShowError.h"
#include "models/DisplayFormat.h"
#include "segments/ConditionEditor.h"
#include "segments/GroupEditor.h"
#include "segments/LiveEvaluation.h"
#include "segments/PreviewModel.h"
#include "segments/RfmHeatMap.h"
#include "segments/RuleEditor.h"
#include "segments/RuleJson.h"
#include "segments/SegmentBuilder.h"
#include "segments/SegmentInsights.h"
#include "segments/SegmentListModel.h"
#include "segments/SegmentsArea.h"
#include "segments/TemplateDialog.h"
#include "services/SegmentService.h"
#include "services/WorkspaceService.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
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

segments::Rule allOf(std::vector<Node> children)
{
    return segments::Rule{Node::group(segments::GroupMode::All, std::move(children))};
}

// Clicks the destructive button (Delete, Discard) of a confirmation box.
void clickDestructive(QMessageBox *box)
{
    QVERIFY(box);
    for (QAbstractButton *b : box->buttons()) {
        if (box->buttonRole(b) == QMessageBox::DestructiveRole) {
            b->click();
            return;
        }
    }
    QFAIL("no destructive button");
}
} // namespace

class TestSegmentsArea : public QObject
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

    void templateCountEqualsTheService()
    {
        SegmentBuilder *builder = newSegment();
        QVERIFY(recount([&] { builder->applyTemplate(QStringLiteral("lapsed-vips"), {{"spend", "300"}}); }));
        QCOMPARE(builder->name(), QStringLiteral("Lapsed VIPs"));
        const auto table = m_area->live().table();
        const auto expected = service().fromTemplate("lapsed-vips", {{"spend", "300"}}, *table);
        QVERIFY(expected);
        QCOMPARE(builder->editor()->ruleJson(), segments::ruleToJson(*expected));
        const std::int64_t n = serviceCount(builder->editor()->rule());
        QVERIFY2(n > 0 && n < 800, qPrintable(QString::number(n)));
        QVERIFY(builder->count());
        QCOMPARE(builder->count()->matching, n);
        QCOMPARE(builder->count()->profiles, static_cast<std::int64_t>(table->size()));
        QVERIFY2(builder->insights()->countText().contains(ui::format::count(n)),
                 qPrintable(builder->insights()->countText()));
        // The rule's rows are shown: one per condition, each with its editor.
        QVERIFY(builder->editor()->conditionEditor({0}));
        QVERIFY(builder->editor()->conditionEditor({1}));
        QVERIFY(!builder->editor()->conditionEditor({2}));
        test::maybeScreenshot(m_area.get(), QStringLiteral("segment-builder"));
        // Usable in a 900 x 600 window: the area fits beside the navigator.
        QVERIFY2(m_area->minimumSizeHint().width() <= 740,
                 qPrintable(QString::number(m_area->minimumSizeHint().width())));
        m_area->resize(740, 540);
        test::maybeScreenshot(m_area.get(), QStringLiteral("segment-builder-small"));
    }

    void templateWithABrandAsksForIt()
    {
        SegmentBuilder *builder = newSegment();
        QAction *action = builder->findChild<QAction *>(QStringLiteral("template_top-brand-buyers"));
        QVERIFY(action);
        action->trigger();
        auto *dialog = builder->findChild<ui::TemplateDialog *>(QStringLiteral("templateDialog"));
        QVERIFY(dialog);
        // The brand list offers the catalog's brands, most buyers first, the first chosen.
        auto *brand = child<QComboBox>(dialog, "templateParam_brand");
        QVERIFY(brand->count() > 1);
        const QString chosen = brand->itemText(1);
        dialog->setParam("brand", chosen);
        test::maybeScreenshot(dialog, QStringLiteral("segment-template-dialog"));
        QVERIFY(recount([&] { dialog->accept(); }));
        const segments::Rule &rule = builder->editor()->rule();
        QCOMPARE(rule.root.children.size(), std::size_t(1));
        QCOMPARE(rule.root.children[0].trait.trait, std::string("value_spend"));
        QCOMPARE(rule.root.children[0].trait.column, std::string("Brand"));
        QCOMPARE(QString::fromStdString(rule.root.children[0].trait.columnValue), chosen);
        QCOMPARE(builder->count()->matching, serviceCount(rule));
        QVERIFY(builder->count()->matching > 0);
    }

    void editingAConditionRecountsAfterTheDebounce()
    {
        SegmentBuilder *builder = newSegment();
        QVERIFY(recount([&] { builder->applyTemplate(QStringLiteral("lapsed-vips"), {{"spend", "300"}}); }));
        const std::int64_t before = builder->count()->matching;
        ui::ConditionEditor *spend = builder->editor()->conditionEditor({0});
        QVERIFY(spend);
        auto *value = child<QDoubleSpinBox>(spend, "valueEdit");
        QCOMPARE(value->value(), 300.0);
        QSignalSpy shown(builder, &SegmentBuilder::countShown);
        value->setValue(100);
        // Counting waits for the debounce: nothing is counted for the new rule yet.
        QVERIFY(!builder->count());
        QVERIFY(shown.wait(kWaitMs));
        QCOMPARE(shown.count(), 1);
        const segments::Rule &rule = builder->editor()->rule();
        QCOMPARE(std::get<double>(rule.root.children[0].trait.values[0]), 100.0);
        QCOMPARE(builder->count()->matching, serviceCount(rule));
        QVERIFY(builder->count()->matching > before); // a lower bar lets more people in
        // Changing the operator keeps the value and recounts.
        auto *op = child<QComboBox>(spend, "opCombo");
        QVERIFY(recount([&] { choose(op, static_cast<int>(segments::Op::Lt)); }));
        QCOMPARE(builder->editor()->rule().root.children[0].trait.op, segments::Op::Lt);
        QCOMPARE(builder->count()->matching, serviceCount(builder->editor()->rule()));
    }

    void undoAndRedoRestoreTheRule()
    {
        SegmentBuilder *builder = newSegment();
        ui::RuleEditor *editor = builder->editor();
        const std::string empty = editor->ruleJson();
        QVERIFY(recount([&] { builder->applyTemplate(QStringLiteral("lapsed-vips")); }));
        const std::string fromTemplate = editor->ruleJson();
        auto *value = child<QDoubleSpinBox>(editor->conditionEditor({0}), "valueEdit");
        // Typing into one field is one undo step.
        value->setValue(1500);
        value->setValue(1200);
        const std::string edited = editor->ruleJson();
        QVERIFY(editor->removeNode({1}));
        const std::string removed = editor->ruleJson();
        QCOMPARE(editor->undoStack()->count(), 3);

        editor->undoAction()->trigger();
        QCOMPARE(editor->ruleJson(), edited);
        QVERIFY(editor->conditionEditor({1})); // the removed row is back
        editor->undoAction()->trigger();
        QCOMPARE(editor->ruleJson(), fromTemplate);
        QCOMPARE(child<QDoubleSpinBox>(editor->conditionEditor({0}), "valueEdit")->value(), 2000.0);
        // The keyboard: Ctrl+Z and Ctrl+Shift+Z inside the builder.
        m_area->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_area.get()));
        editor->setFocus();
        QTest::keyClick(editor, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(editor->ruleJson(), empty);
        QTest::keyClick(editor, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(editor->ruleJson(), fromTemplate);
        editor->redoAction()->trigger();
        editor->redoAction()->trigger();
        QCOMPARE(editor->ruleJson(), removed);
        QVERIFY(!editor->redoAction()->isEnabled());
        // The count follows the restored rule.
        QVERIFY(recount([&] { editor->undoAction()->trigger(); }));
        QCOMPARE(builder->count()->matching, serviceCount(editor->rule()));
        // Leaving with unsaved changes asks first.
        QVERIFY(builder->hasUnsavedChanges());
        QTest::mouseClick(child<QAbstractButton>(builder, "segmentBackButton"), Qt::LeftButton);
        QCOMPARE(m_area->page(), SegmentsArea::Page::Builder);
        clickDestructive(builder->findChild<QMessageBox *>(QStringLiteral("unsavedChangesBox")));
        QCOMPARE(m_area->page(), SegmentsArea::Page::List);
    }

    void nestedGroupsAndNegation()
    {
        SegmentBuilder *builder = newSegment();
        ui::RuleEditor *editor = builder->editor();
        // Root: a trait condition and a nested group, added with the buttons.
        ui::GroupEditor *root = editor->groupEditor({});
        QVERIFY(root);
        child<QToolButton>(root, "addConditionButton")
            ->menu()
            ->findChild<QAction *>(QStringLiteral("addTraitAction"))
            ->trigger();
        QCOMPARE(editor->rule().root.children.size(), std::size_t(1));
        QCOMPARE(editor->rule().root.children[0].trait.trait, std::string("total_spend"));
        QTest::mouseClick(child<QToolButton>(editor->groupEditor({}), "addGroupButton"), Qt::LeftButton);
        const Node *group = &editor->rule().root.children[1];
        QCOMPARE(group->type, Node::Type::Group);
        QCOMPARE(group->mode, segments::GroupMode::Any);
        // In the nested group: discount affinity is High, or one more condition on orders.
        auto *trait = child<QComboBox>(editor->conditionEditor({1, 0}), "traitCombo");
        choose(trait, QStringLiteral("discount_affinity"));
        QCOMPARE(editor->rule().root.children[1].children[0].trait.op, segments::Op::Is);
        ui::GroupEditor *nested = editor->groupEditor({1});
        QVERIFY(nested);
        child<QToolButton>(nested, "addConditionButton")
            ->menu()
            ->findChild<QAction *>(QStringLiteral("addTraitAction"))
            ->trigger();
        choose(child<QComboBox>(editor->conditionEditor({1, 1}), "traitCombo"),
               QStringLiteral("order_count"));
        const segments::Rule plain = editor->rule();
        QCOMPARE(plain.root.children[1].children.size(), std::size_t(2));

        // Negate the nested group with its Not button: none of (any of ...).
        QVERIFY(recount([&] {
            QTest::mouseClick(child<QToolButton>(editor->groupEditor({1}), "groupNegateButton"),
                              Qt::LeftButton);
        }));
        const segments::Rule &negated = editor->rule();
        QCOMPARE(negated.root.children[1].mode, segments::GroupMode::None);
        QCOMPARE(negated.root.children[1].children.size(), std::size_t(1));
        QCOMPARE(negated.root.children[1].children[0].mode, segments::GroupMode::Any);
        const std::int64_t n = serviceCount(negated);
        QCOMPARE(builder->count()->matching, n);
        // Semantics: (A and not G) = A - (A and G).
        QCOMPARE(n, serviceCount(allOf({plain.root.children[0]})) - serviceCount(plain));
        // Not again unwraps it.
        QTest::mouseClick(child<QToolButton>(editor->groupEditor({1}), "groupNegateButton"), Qt::LeftButton);
        QCOMPARE(editor->ruleJson(), segments::ruleToJson(plain));

        // Move the group up, then switch the root to "any".
        QTest::mouseClick(child<QToolButton>(editor->groupEditor({1}), "groupMoveUpButton"), Qt::LeftButton);
        QCOMPARE(editor->rule().root.children[0].type, Node::Type::Group);
        QCOMPARE(editor->rule().root.children[1].trait.trait, std::string("total_spend"));
        QVERIFY(recount([&] {
            choose(child<QComboBox>(editor->groupEditor({}), "groupModeCombo"),
                   static_cast<int>(segments::GroupMode::Any));
        }));
        QCOMPARE(editor->rule().root.mode, segments::GroupMode::Any);
        QCOMPARE(builder->count()->matching, serviceCount(editor->rule()));
        test::maybeScreenshot(m_area.get(), QStringLiteral("segment-nested"));
    }

    void eventAndMembershipConditions()
    {
        SegmentBuilder *builder = newSegment();
        ui::RuleEditor *editor = builder->editor();
        QVERIFY(recount([&] { QVERIFY(editor->addCondition({}, Node::Type::Event)); }));
        const Node &event = editor->rule().root.children[0];
        QCOMPARE(event.type, Node::Type::Event);
        QVERIFY(!event.event.event.empty()); // the most frequent event of the workspace
        QCOMPARE(builder->count()->matching, serviceCount(editor->rule()));
        ui::ConditionEditor *row = editor->conditionEditor({0});
        QVERIFY(recount([&] {
            choose(child<QComboBox>(row, "countCombo"), static_cast<int>(segments::CountOp::Never));
        }));
        QCOMPARE(editor->rule().root.children[0].event.countOp, segments::CountOp::Never);
        QCOMPARE(builder->count()->matching, serviceCount(editor->rule()));

        // Save it, then a new segment of the people not in it.
        builder->setName(QStringLiteral("Quiet lately"));
        QVERIFY(builder->save());
        const std::int64_t quiet = builder->count()->matching;
        builder = newSegment();
        QVERIFY(recount([&] { QVERIFY(builder->editor()->addCondition({}, Node::Type::Membership)); }));
        const Node &membership = builder->editor()->rule().root.children[0];
        QCOMPARE(membership.membership.name, std::string("Quiet lately"));
        QCOMPARE(builder->count()->matching, quiet);
        QVERIFY(recount([&] {
            choose(child<QComboBox>(builder->editor()->conditionEditor({0}), "membershipInCombo"), false);
        }));
        QCOMPARE(builder->count()->matching, builder->count()->profiles - quiet);
    }

    void rfmCellClickAddsItsConditions()
    {
        SegmentBuilder *builder = newSegment();
        QVERIFY(recount([&] { builder->editor()->addCondition({}, Node::Type::Trait); }));
        builder->insights()->showTab(ui::SegmentInsights::Tab::Rfm);
        ui::RfmHeatMap *map = builder->insights()->heatMap();
        QTRY_VERIFY(map->plotWidget()->isVisible() && !map->isEmpty());
        // The fullest cell.
        int recency = 1;
        int frequency = 1;
        for (int r = 1; r <= 5; ++r) {
            for (int f = 1; f <= 5; ++f) {
                if (map->grid()[r - 1][f - 1] > map->grid()[recency - 1][frequency - 1]) {
                    recency = r;
                    frequency = f;
                }
            }
        }
        const std::int64_t people = map->grid()[recency - 1][frequency - 1];
        QVERIFY(people > 0);
        test::maybeScreenshot(m_area.get(), QStringLiteral("segment-rfm"));
        QVERIFY(recount([&] {
            QTest::mouseClick(map->plotWidget(), Qt::LeftButton, {}, map->cellCentre(recency, frequency));
        }));
        const segments::Rule &rule = builder->editor()->rule();
        QCOMPARE(rule.root.children.size(), std::size_t(3));
        QCOMPARE(rule.root.children[1].trait.trait, std::string("rfm_recency"));
        QCOMPARE(std::get<double>(rule.root.children[1].trait.values[0]), double(recency));
        QCOMPARE(rule.root.children[2].trait.trait, std::string("rfm_frequency"));
        QCOMPARE(std::get<double>(rule.root.children[2].trait.values[0]), double(frequency));
        QCOMPARE(builder->count()->matching, people);
        // The grid now holds only that cell.
        QCOMPARE(map->grid()[recency - 1][frequency - 1], people);
    }

    void saveRenameDuplicateAndDelete()
    {
        SegmentBuilder *builder = newSegment();
        QVERIFY(!builder->save()); // a name is required
        QVERIFY(builder->statusText().contains(QStringLiteral("name")));
        QVERIFY(recount([&] { builder->applyTemplate(QStringLiteral("loyal-low-spenders")); }));
        builder->setName(QStringLiteral("Loyal"));
        QVERIFY(builder->save());
        ui::SegmentListModel *list = m_area->listModel();
        QAbstractItemModelTester tester(list, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(list->names(), QStringList{QStringLiteral("Loyal")});
        // The list shows how many people match now, and how many of them can be reached by e-mail.
        QTRY_COMPARE_WITH_TIMEOUT(list->index(0, ui::SegmentListModel::PeopleColumn).data().toString(),
                                  QStringLiteral("%1, %2 by e-mail")
                                      .arg(ui::format::count(builder->count()->matching),
                                           ui::format::count(builder->count()->reachableByEmail)),
                                  kWaitMs);

        // Rename through the list's dialog.
        m_area->showList();
        m_area->listView()->setCurrentIndex(m_area->listView()->model()->index(0, 0));
        QTest::mouseClick(child<QAbstractButton>(m_area.get(), "renameSegmentButton"), Qt::LeftButton);
        auto *rename = m_area->findChild<QInputDialog *>(QStringLiteral("renameSegmentDialog"));
        QVERIFY(rename);
        rename->setTextValue(QStringLiteral("Loyal low spenders"));
        rename->accept();
        QCOMPARE(list->names(), QStringList{QStringLiteral("Loyal low spenders")});
        QCOMPARE(m_area->duplicateSegment(QStringLiteral("Loyal low spenders")),
                 QStringLiteral("Loyal low spenders copy"));
        QCOMPARE(list->rowCount(), 2);
        QCOMPARE(service().rule("Loyal low spenders copy").value().root.children.size(), std::size_t(2));
        // A name in use is refused; editing the saved one and saving keeps one segment.
        QVERIFY(m_area->openSegment(QStringLiteral("Loyal low spenders")));
        QCOMPARE(m_area->page(), SegmentsArea::Page::Builder);
        builder->setName(QStringLiteral("Loyal low spenders copy"));
        QVERIFY(!builder->save());
        builder->setName(QStringLiteral("Loyal few"));
        QVERIFY(builder->save()); // renames the edited segment
        QCOMPARE(list->names().size(), 2);
        QVERIFY(list->names().contains(QStringLiteral("Loyal few")));

        // Delete asks first.
        m_area->showList();
        m_area->confirmRemove(QStringLiteral("Loyal few"));
        clickDestructive(m_area->findChild<QMessageBox *>(QStringLiteral("confirmRemoveBox")));
        QCOMPARE(list->names(), QStringList{QStringLiteral("Loyal low spenders copy")});
        QCOMPARE(service().list()->size(), std::size_t(1));
        test::maybeScreenshot(m_area.get(), QStringLiteral("segment-list"));
    }

    void previewAndOverlap()
    {
        SegmentBuilder *builder = newSegment();
        QVERIFY(recount([&] { builder->applyTemplate(QStringLiteral("lapsed-vips"), {{"spend", "300"}}); }));
        QVERIFY(builder->save());
        const segments::Rule vips = builder->editor()->rule();
        builder = newSegment();
        QVERIFY(recount([&] { builder->applyTemplate(QStringLiteral("discount-seekers")); }));
        ui::PreviewModel *preview = builder->insights()->preview();
        QAbstractItemModelTester tester(preview, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const std::int64_t seekers = builder->count()->matching;
        QCOMPARE(preview->rowCount(), static_cast<int>(std::min<std::int64_t>(seekers, 100)));
        QVERIFY(preview->columnCount() >= 4);
        QCOMPARE(preview->headerData(1, Qt::Horizontal).toString(), QStringLiteral("Discount affinity"));
        QCOMPARE(preview->index(0, 1).data().toString(), QStringLiteral("High"));

        QVERIFY(recount([&] { builder->insights()->setOverlapWith(QStringLiteral("Lapsed VIPs")); }));
        const std::int64_t both = serviceCount(allOf({builder->editor()->rule().root, vips.root}));
        builder->insights()->showTab(ui::SegmentInsights::Tab::Overlap);
        test::maybeScreenshot(m_area.get(), QStringLiteral("segment-overlap"));
        const QString text = builder->insights()->overlapText();
        QCOMPARE(text, QStringLiteral("both %1, only this %2, only Lapsed VIPs %3")
                           .arg(both)
                           .arg(seekers - both)
                           .arg(serviceCount(vips) - both));
    }

    void exportWritesTheMatchingProfiles()
    {
        SegmentBuilder *builder = newSegment();
        QVERIFY(recount([&] { builder->applyTemplate(QStringLiteral("lapsed-vips"), {{"spend", "300"}}); }));
        const std::int64_t n = builder->count()->matching;
        services::SegmentExportRequest request;
        request.outFile = m_store.filePath(QStringLiteral("vips.csv")).toStdString();
        QSignalSpy exported(builder, &SegmentBuilder::exported);
        QVERIFY(builder->exportCsv(request));
        QVERIFY(exported.wait(kWaitMs));
        QCOMPARE(countLines(QString::fromStdString(request.outFile)), n + 1);
        QVERIFY(builder->statusText().startsWith(QStringLiteral("exported %1 of %1").arg(n)));
    }

private:
    services::SegmentService service() const { return services::SegmentService(m_workspace.toStdString()); }

    std::int64_t serviceCount(const segments::Rule &rule) const
    {
        const auto count = service().count(rule, {}, ProgressSink::null());
        if (!count) {
            qWarning("service count failed: %s", count.error().message.c_str());
            return -1;
        }
        return count->matching;
    }

    SegmentBuilder *newSegment()
    {
        m_area->newSegment();
        return m_area->builder();
    }

    /// Runs edit and waits for the builder to show the count of the edited rule.
    template <typename Edit> bool recount(Edit edit) { return test::recount(*m_area, edit); }

    test::SampleStoreFixture m_store;
    QString m_workspace;
    std::unique_ptr<SegmentsArea> m_area;
};

QTEST_MAIN(TestSegmentsArea)
#include "tst_SegmentsArea.moc"
