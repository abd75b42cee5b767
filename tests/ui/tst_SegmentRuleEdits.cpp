// SPDX-License-Identifier: GPL-3.0-or-later
// The segment builder's edits of a rule tree by path (insert, remove, move, negate, group mode, require),
// checked on the rule's JSON, and the key traits shown beside a rule's matches.
#include "segments/RuleEdits.h"
#include "segments/RuleJson.h"
#include "segments/RuleVocabulary.h"

#include <QTest>

using namespace awb;
using namespace awb::segments;
using awb::ui::NodePath;

Q_DECLARE_METATYPE(awb::ui::NodePath)

namespace {

// A condition "trait >= 1" named by its trait, so trees read compactly in the expectations.
Node c(const char *trait)
{
    return Node::traitCondition({trait, {}, {}, Op::Ge, {1.0}});
}

// all[a, any[b, c], d]
Rule sample()
{
    return Rule{Node::group(GroupMode::All, {c("a"), Node::group(GroupMode::Any, {c("b"), c("c")}), c("d")})};
}

// The tree as text: groups as mode[children], conditions by trait.
QString shape(const Node &n)
{
    if (n.type != Node::Type::Group) {
        return QString::fromStdString(n.trait.trait);
    }
    QStringList children;
    for (const Node &child : n.children) {
        children << shape(child);
    }
    return QString::fromLatin1(groupModeName(n.mode)) + QLatin1Char('[') + children.join(QLatin1Char(',')) +
           QLatin1Char(']');
}

} // namespace

class TestSegmentRuleEdits : public QObject
{
    Q_OBJECT

private slots:
    void edits_data()
    {
        QTest::addColumn<QString>("edit");
        QTest::addColumn<NodePath>("path");
        QTest::addColumn<bool>("applies");
        QTest::addColumn<QString>("after");
        const QString unchanged = QStringLiteral("all[a,any[b,c],d]");
        const auto row = [](const char *name, const char *edit, NodePath path, bool applies, QString after) {
            QTest::newRow(name) << QString::fromLatin1(edit) << path << applies << after;
        };
        row("remove nested", "remove", {1, 0}, true, QStringLiteral("all[a,any[c],d]"));
        row("remove group", "remove", {1}, true, QStringLiteral("all[a,d]"));
        row("remove root refused", "remove", {}, false, unchanged);
        row("remove out of range", "remove", {7}, false, unchanged);
        row("move down", "down", {0}, true, QStringLiteral("all[any[b,c],a,d]"));
        row("move up nested", "up", {1, 1}, true, QStringLiteral("all[a,any[c,b],d]"));
        row("move past the end refused", "down", {2}, false, unchanged);
        row("move first up refused", "up", {0}, false, unchanged);
        row("negate condition", "negate", {2}, true, QStringLiteral("all[a,any[b,c],none[d]]"));
        row("negate group", "negate", {1}, true, QStringLiteral("all[a,none[any[b,c]],d]"));
        row("negate root", "negate", {}, true, QStringLiteral("none[all[a,any[b,c],d]]"));
        row("insert into group", "insert", {1}, true, QStringLiteral("all[a,any[b,c,x],d]"));
        row("insert into condition refused", "insert", {0}, false, unchanged);
        row("mode of group", "mode", {1}, true, QStringLiteral("all[a,none[b,c],d]"));
        row("mode of condition refused", "mode", {0}, false, unchanged);
    }

    void edits()
    {
        QFETCH(QString, edit);
        QFETCH(NodePath, path);
        QFETCH(bool, applies);
        QFETCH(QString, after);
        Rule rule = sample();
        bool done = false;
        if (edit == QLatin1String("remove")) {
            done = ui::edits::remove(rule, path);
        } else if (edit == QLatin1String("up") || edit == QLatin1String("down")) {
            done = ui::edits::move(rule, path, edit == QLatin1String("up") ? -1 : 1);
        } else if (edit == QLatin1String("negate")) {
            done = ui::edits::negate(rule, path);
        } else if (edit == QLatin1String("insert")) {
            done = ui::edits::insert(rule, path, c("x"));
        } else if (edit == QLatin1String("mode")) {
            done = ui::edits::setMode(rule, path, GroupMode::None);
        }
        QCOMPARE(done, applies);
        QCOMPARE(shape(rule.root), after);
    }

    void negateTwiceRestoresTheRule()
    {
        for (const NodePath &path : {NodePath{}, NodePath{0}, NodePath{1}, NodePath{1, 1}}) {
            Rule rule = sample();
            QVERIFY(ui::edits::negate(rule, path));
            QVERIFY(ui::edits::negate(rule, path));
            QCOMPARE(ruleToJson(rule), ruleToJson(sample()));
        }
    }

    void requireAddsToAnAllRootOrWrapsIt()
    {
        Rule rule = sample();
        ui::edits::require(rule, {c("x"), c("y")});
        QCOMPARE(shape(rule.root), QStringLiteral("all[a,any[b,c],d,x,y]"));
        Rule any{Node::group(GroupMode::Any, {c("a"), c("b")})};
        ui::edits::require(any, {c("x")});
        QCOMPARE(shape(any.root), QStringLiteral("all[any[a,b],x]"));
    }

    void keyTraitsPutTheRuleTraitsFirst()
    {
        ui::RuleVocabulary v;
        for (const char *id : {"total_spend", "order_count", "last_purchase", "rfm_group", "sessions"}) {
            ui::TraitChoice t;
            t.info.id = id;
            v.traits.push_back(t);
        }
        ui::TraitChoice perValue;
        perValue.info.id = "value_spend";
        perValue.perValue = true;
        v.traits.push_back(perValue);
        const Rule rule{
            Node::group(GroupMode::All, {c("sessions"), c("value_spend"), c("rfm_group"), c("nope")})};
        QCOMPARE(v.keyTraits(rule), (std::vector<std::string>{"sessions", "rfm_group", "total_spend",
                                                              "order_count", "last_purchase"}));
    }
};

QTEST_MAIN(TestSegmentRuleEdits)
#include "tst_SegmentRuleEdits.moc"
