// SPDX-License-Identifier: GPL-3.0-or-later
// The segment builder with profile-attribute and reachable-by-preset conditions, on the five people of
// AttributeWorkspace.h: the attributes are offered under "Profile" with their known values (most frequent
// first), boolean attributes take "is true / is false", the reachable-by conditions sit with the other
// reachability traits, and the builder's count equals the service's.
#include "AttributeWorkspace.h"
#include "SegmentsAreaTestUtil.h"
#include "UiTestUtil.h"
#include "jobs/Progress.h"
#include "segments/ConditionEditor.h"
#include "segments/RuleEditor.h"
#include "segments/RuleJson.h"
#include "segments/RuleVocabulary.h"
#include "services/SegmentService.h"

#include <QComboBox>
#include <QTemporaryDir>

#include <algorithm>

using namespace awb;

namespace {

segments::Rule attributeRule()
{
    std::string json = "{'version':1,'rule':{'type':'all','conditions':["
                       "{'type':'trait','trait':'attribute:city','op':'is','value':'Paris'},"
                       "{'type':'trait','trait':'attribute:vip','op':'is_true'},"
                       "{'type':'trait','trait':'attribute:birthday','op':'before','value':'1995-01-01'},"
                       "{'type':'trait','trait':'attribute:points','op':'>=','value':10},"
                       "{'type':'trait','trait':'reachable:mailchimp','op':'is','value':'Yes'}]}}";
    std::replace(json.begin(), json.end(), '\'', '"');
    return *segments::ruleFromJson(json);
}

QStringList itemTexts(const QComboBox *combo)
{
    QStringList out;
    for (int i = 0; i < combo->count(); ++i) {
        out << combo->itemText(i);
    }
    return out;
}

} // namespace

class TestAttributeConditions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        std::string error;
        m_ws = test::makeAttributeWorkspace(m_dir.path(), error);
        QVERIFY2(!m_ws.empty(), error.c_str());
    }

    void builderShowsAttributeConditions()
    {
        std::unique_ptr<ui::SegmentsArea> area;
        test::openSegmentsArea(area, QString::fromStdString(m_ws));
        area->newSegment();
        ui::SegmentBuilder *builder = area->builder();
        QVERIFY(test::recount(*area,
                              [&] { builder->editor()->setRule(attributeRule(), QStringLiteral("test")); }));
        const auto expected = services::SegmentService(m_ws).count(attributeRule(), {}, ProgressSink::null());
        QVERIFY(expected);
        QCOMPARE(builder->count()->matching, expected->matching);
        QCOMPARE(builder->count()->matching, std::int64_t(1)); // ann

        // The trait picker groups the attributes under "Profile", reachability after them.
        ui::ConditionEditor *city = builder->editor()->conditionEditor({0});
        QVERIFY(city);
        auto *traitCombo = test::child<QComboBox>(city, "traitCombo");
        const QStringList items = itemTexts(traitCombo);
        const qsizetype profile = items.indexOf(QStringLiteral("Profile"));
        const qsizetype reach = items.indexOf(QStringLiteral("Reachability"));
        QVERIFY2(profile >= 0 && reach > profile, qPrintable(items.join(QLatin1Char('|'))));
        for (const char *label : {"City", "Birthday", "ZIP / postal code", "plan", "points", "vip"}) {
            const qsizetype at = items.indexOf(QString::fromUtf8(label));
            QVERIFY2(at > profile && at < reach, label);
        }
        QVERIFY(items.indexOf(QStringLiteral("Reachable by Mailchimp")) > reach);
        QCOMPARE(traitCombo->currentText(), QStringLiteral("City"));

        // Known values, most frequent first; the boolean attribute's operators.
        const ui::TraitChoice *plan = builder->editor()->vocabulary()->trait("attribute:plan");
        QVERIFY(plan);
        QCOMPARE(plan->values, (QStringList{QStringLiteral("Gold"), QStringLiteral("Silver")}));
        auto *vipOp = test::child<QComboBox>(builder->editor()->conditionEditor({1}), "opCombo");
        QCOMPARE(itemTexts(vipOp),
                 (QStringList{QStringLiteral("is true"), QStringLiteral("is false"),
                              QStringLiteral("has a value"), QStringLiteral("has no value")}));
        QCOMPARE(vipOp->currentText(), QStringLiteral("is true"));

        // Choosing "is false" re-counts: only bob is not a VIP, and he wrote his city "paris".
        QVERIFY(test::recount(*area, [&] { test::choose(vipOp, static_cast<int>(segments::Op::IsFalse)); }));
        QCOMPARE(builder->editor()->rule().root.children[1].trait.op, segments::Op::IsFalse);
        QCOMPARE(builder->count()->matching, std::int64_t(0));
        QVERIFY(test::recount(*area, [&] { test::choose(vipOp, static_cast<int>(segments::Op::IsTrue)); }));
        QCOMPARE(builder->count()->matching, std::int64_t(1));
        test::maybeScreenshot(area.get(), QStringLiteral("segment-builder-attributes"));
    }

private:
    QTemporaryDir m_dir;
    std::string m_ws;
};

QTEST_MAIN(TestAttributeConditions)
#include "tst_AttributeConditions.moc"
