// SPDX-License-Identifier: GPL-3.0-or-later
// The list of segments shows each rule in words (the whole text as tooltip) and the user's note: for saved
// rule and static segments and unreadable rules, and through the builder on a sample store, where a
// template leaves the note empty and the summary follows edits of the rule.
#include "SampleStoreFixture.h"
#include "SegmentsAreaTestUtil.h"
#include "UiTestUtil.h"
#include "jobs/Progress.h"
#include "models/DisplayFormat.h"
#include "segments/ConditionEditor.h"
#include "segments/RuleEditor.h"
#include "segments/RuleJson.h"
#include "segments/SegmentBuilder.h"
#include "segments/SegmentListModel.h"
#include "segments/SegmentsArea.h"
#include "services/SegmentService.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QTableView>
#include <QTest>

using namespace awb;
using awb::test::child;
using awb::ui::SegmentListModel;
using segments::Node;

namespace {

constexpr std::int64_t kNov21 = 1795219200000; // 2026-11-21T00:00:00Z

segments::SavedSegment ruleSegment(const char *name, const char *note, double spend)
{
    segments::SavedSegment s;
    s.name = name;
    s.description = note;
    s.ruleJson = segments::ruleToJson(segments::Rule{Node::group(
        segments::GroupMode::All,
        {Node::traitCondition({"total_spend", {}, {}, segments::Op::Ge, {spend}}),
         Node::eventCondition({"Product Viewed", {}, segments::CountOp::Never, 1, std::nullopt, {}, {}})})});
    s.updatedAtMs = kNov21;
    return s;
}

QString text(const SegmentListModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.index(row, column).data(role).toString();
}

} // namespace

class TestSegmentListModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { m_store.create(); }

    void cleanup()
    {
        QVERIFY2(m_store.errors().isEmpty(), qPrintable(m_store.errorText()));
        m_area.reset();
        m_store.removeCopy();
    }

    void rulesInWordsAndNotes()
    {
        SegmentListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.headerData(SegmentListModel::RuleColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Rule"));
        QCOMPARE(model.headerData(SegmentListModel::NoteColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Note"));
        segments::SavedSegment frozen = ruleSegment("Big spenders, mailed", "", 1500);
        frozen.kind = segments::SegmentKind::Static;
        frozen.frozenFrom = "Big spenders";
        frozen.createdAtMs = kNov21 + 3600 * 1000;
        frozen.asOfMs = kNov21;
        segments::SavedSegment broken = ruleSegment("Broken", "", 1);
        broken.ruleJson = "{";
        model.setSegments({ruleSegment("Big spenders", "For the winter mailing", 1500), frozen, broken});
        QVERIFY(model.hasNotes());

        QCOMPARE(text(model, 0, SegmentListModel::RuleColumn),
                 QStringLiteral("Total spend at least 1,500 and never performed Product Viewed"));
        QCOMPARE(text(model, 0, SegmentListModel::RuleColumn, Qt::ToolTipRole),
                 text(model, 0, SegmentListModel::RuleColumn));
        QCOMPARE(text(model, 0, SegmentListModel::NoteColumn), QStringLiteral("For the winter mailing"));
        QCOMPARE(text(model, 0, SegmentListModel::NoteColumn, Qt::ToolTipRole),
                 QStringLiteral("For the winter mailing"));
        // A static segment says what it was frozen from and when; the list cuts it, the tooltip has it all.
        QCOMPARE(
            text(model, 1, SegmentListModel::RuleColumn, Qt::ToolTipRole),
            QStringLiteral("Frozen from “Big spenders” on 2026-11-21: total spend at least 1,500 and never "
                           "performed Product Viewed"));
        QCOMPARE(
            text(model, 1, SegmentListModel::RuleColumn),
            QStringLiteral("Frozen from “Big spenders” on 2026-11-21: total spend at least 1,500 … and 1 "
                           "more condition"));
        QVERIFY(text(model, 1, SegmentListModel::NoteColumn).isEmpty());
        QVERIFY(text(model, 2, SegmentListModel::RuleColumn)
                    .startsWith(QStringLiteral("The rule cannot be read")));
        // Sorting by the rule sorts by its words.
        QCOMPARE(model.index(0, SegmentListModel::RuleColumn).data(SegmentListModel::SortRole).toString(),
                 text(model, 0, SegmentListModel::RuleColumn).toLower());
        model.setSegments({ruleSegment("Big spenders", "", 1500)});
        QVERIFY(!model.hasNotes());
    }

    void longRulesAreCutWithTheWholeTextAsTooltip()
    {
        segments::Rule rule{Node::group(segments::GroupMode::Any)};
        for (int i = 1; i <= 12; ++i) {
            rule.root.children.push_back(Node::membershipCondition(
                {segments::MembershipKind::Segment, true, "Campaign " + std::to_string(i)}));
        }
        segments::SavedSegment s = ruleSegment("Any campaign", "", 0);
        s.ruleJson = segments::ruleToJson(rule);
        SegmentListModel model;
        model.setSegments({s});
        const QString shown = text(model, 0, SegmentListModel::RuleColumn);
        const QString full = text(model, 0, SegmentListModel::RuleColumn, Qt::ToolTipRole);
        QVERIFY2(shown.startsWith(QStringLiteral("Any of: in segment “Campaign 1”, in segment “Campaign 2”")),
                 qPrintable(shown));
        QVERIFY2(shown.endsWith(QStringLiteral(" more conditions")), qPrintable(shown));
        QVERIFY(shown.size() <= int(segments::kBriefSummaryChars));
        QVERIFY(full.endsWith(QStringLiteral("in segment “Campaign 12”")));
    }

    void aTemplateEditedAndSavedIsListedAsEdited()
    {
        openArea();
        ui::SegmentBuilder *builder = m_area->builder();
        m_area->newSegment();
        QVERIFY(test::recount(*m_area, [&] {
            builder->applyTemplate(QStringLiteral("lapsed-vips"), {{"spend", "300"}});
        }));
        auto *note = child<QLineEdit>(builder, "segmentNoteEdit");
        // The template names the segment but writes no note: its description would go stale with the rule.
        QCOMPARE(builder->name(), QStringLiteral("Lapsed VIPs"));
        QVERIFY(note->text().isEmpty());
        auto *spend = child<QDoubleSpinBox>(builder->editor()->conditionEditor({0}), "valueEdit");
        QVERIFY(test::recount(*m_area, [&] { spend->setValue(450); }));
        QTest::keyClicks(note, QStringLiteral("For the winter mailing"));
        QVERIFY(builder->save());

        SegmentListModel *list = m_area->listModel();
        QAbstractItemModelTester tester(list, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int row = list->rowOf(QStringLiteral("Lapsed VIPs"));
        QVERIFY(row >= 0);
        // (The column shows as much as fits its width; the tooltip the whole text.)
        QCOMPARE(text(*list, row, SegmentListModel::RuleColumn, Qt::ToolTipRole),
                 QStringLiteral("Total spend at least 450 and last purchase more than 45 days ago"));
        QCOMPARE(text(*list, row, SegmentListModel::NoteColumn), QStringLiteral("For the winter mailing"));
        QVERIFY(!m_area->listView()->isColumnHidden(SegmentListModel::NoteColumn));

        // Reopened: the note is there to edit; a note alone is a change to save.
        QVERIFY(m_area->openSegment(QStringLiteral("Lapsed VIPs")));
        QCOMPARE(note->text(), QStringLiteral("For the winter mailing"));
        QVERIFY(!builder->hasUnsavedChanges());
        note->clear();
        QTest::keyClicks(note, QStringLiteral("Winter mailing, sent"));
        QVERIFY(builder->hasUnsavedChanges());
        QVERIFY(builder->save());
        QVERIFY(!builder->hasUnsavedChanges());
        QCOMPARE(text(*list, list->rowOf(QStringLiteral("Lapsed VIPs")), SegmentListModel::NoteColumn),
                 QStringLiteral("Winter mailing, sent"));

        // Frozen, it says from what and when, with the rule then.
        const auto frozen =
            services::SegmentService(m_workspace.toStdString())
                .freeze("Lapsed VIPs", "Lapsed VIPs, mailed", m_area->live().table(), ProgressSink::null());
        QVERIFY2(frozen, frozen ? "" : frozen.error().message.c_str());
        m_area->reload();
        // The sample's traits end with its last event, before today: the summary names both days.
        const QString today = ui::format::date(frozen->createdAtMs);
        const QString asOf = ui::format::date(frozen->asOfMs);
        QVERIFY(asOf != today);
        QCOMPARE(text(*list, list->rowOf(QStringLiteral("Lapsed VIPs, mailed")), SegmentListModel::RuleColumn,
                      Qt::ToolTipRole),
                 QStringLiteral(
                     "Frozen from “Lapsed VIPs” on %1 (traits as of %2): total spend at least 450 and last "
                     "purchase more than 45 days ago")
                     .arg(today, asOf));
        saveMore();
        m_area->showList();
        for (const QSize size : {QSize(1280, 800), QSize(750, 600)}) {
            m_area->resize(size);
            test::maybeScreenshot(m_area.get(),
                                  QStringLiteral("segment-list-%1x%2").arg(size.width()).arg(size.height()));
        }
    }

private:
    void openArea()
    {
        m_workspace = m_store.freshCopy();
        QVERIFY(!m_workspace.isEmpty());
        test::openSegmentsArea(m_area, m_workspace);
    }

    // A few more segments, so a screenshot shows rules of several shapes.
    void saveMore()
    {
        services::SegmentService service(m_workspace.toStdString());
        const auto &table = *m_area->live().table();
        for (const char *name : {"loyal-low-spenders", "new-visitors", "dormant", "potential-vips"}) {
            auto rule = service.fromTemplate(name, {}, table);
            QVERIFY2(rule, rule ? "" : rule.error().message.c_str());
            QVERIFY(service.save(name, "", *rule));
        }
        segments::Rule nested{Node::group(
            segments::GroupMode::All,
            {Node::traitCondition({"total_spend", {}, {}, segments::Op::Ge, {250.0}}),
             Node::group(
                 segments::GroupMode::Any,
                 {Node::eventCondition({"Order Completed", {}, segments::CountOp::AtLeast, 2, 30, {}, {}}),
                  Node::membershipCondition({segments::MembershipKind::Segment, true, "Lapsed VIPs"})}),
             Node::group(segments::GroupMode::None,
                         {Node::traitCondition(
                              {"discount_affinity", {}, {}, segments::Op::Is, {std::string("High")}}),
                          Node::traitCondition({"rfm_group",
                                                {},
                                                {},
                                                segments::Op::In,
                                                {std::string("Hibernating"), std::string("Lost")}})})})};
        QVERIFY(service.save("Engaged full-price buyers", "Spring test", nested));
        m_area->reload();
    }

    test::SampleStoreFixture m_store;
    QString m_workspace;
    std::unique_ptr<ui::SegmentsArea> m_area;
};

QTEST_MAIN(TestSegmentListModel)
#include "tst_SegmentListModel.moc"
