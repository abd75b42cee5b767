// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/RuleEditor.h"

#include "charts/ChartPalette.h"
#include "segments/ConditionEditor.h"
#include "segments/EventConditionEditor.h"
#include "segments/GroupEditor.h"
#include "segments/MembershipConditionEditor.h"
#include "segments/RuleJson.h"
#include "segments/RuleVocabulary.h"
#include "segments/TraitConditionEditor.h"

#include <QAction>
#include <QLabel>
#include <QPointer>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

namespace awb::ui {

using segments::Node;

/// One edit of the rule: its JSON before and after. The first redo (when pushed) does nothing: the edit
/// is already applied and shown.
class RuleCommand : public QUndoCommand
{
public:
    RuleCommand(RuleEditor &editor, std::string before, std::string after, const QString &text,
                QString mergeKey)
        : QUndoCommand(text), m_editor(editor), m_before(std::move(before)), m_after(std::move(after)),
          m_mergeKey(std::move(mergeKey))
    {}

    void undo() override { m_editor.apply(m_before); }
    void redo() override
    {
        if (m_pushed) {
            m_editor.apply(m_after);
        }
        m_pushed = true;
    }
    int id() const override { return m_mergeKey.isEmpty() ? -1 : 1; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *o = static_cast<const RuleCommand *>(other);
        if (o->m_mergeKey != m_mergeKey) {
            return false;
        }
        m_after = o->m_after;
        setObsolete(m_after == m_before);
        return true;
    }

private:
    RuleEditor &m_editor;
    std::string m_before;
    std::string m_after;
    QString m_mergeKey;
    bool m_pushed = false;
};

RuleEditor::RuleEditor(QWidget *parent)
    : QWidget(parent), m_undo(new QUndoStack(this)), m_undoAction(m_undo->createUndoAction(this, tr("Undo"))),
      m_redoAction(m_undo->createRedoAction(this, tr("Redo"))), m_scroll(new QScrollArea(this))
{
    setObjectName(QStringLiteral("ruleEditor"));
    m_rule.root = Node::group(segments::GroupMode::All);
    m_undoAction->setObjectName(QStringLiteral("undoAction"));
    m_redoAction->setObjectName(QStringLiteral("redoAction"));
    m_undoAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    m_redoAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    for (QAction *a : {m_undoAction, m_redoAction}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
    }
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setObjectName(QStringLiteral("ruleScrollArea"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_scroll);
    rebuild();
}

RuleEditor::~RuleEditor() = default;

void RuleEditor::setVocabulary(std::shared_ptr<const RuleVocabulary> vocabulary)
{
    m_vocabulary = std::move(vocabulary);
    rebuild();
}

void RuleEditor::resetRule(const segments::Rule &rule)
{
    m_undo->clear();
    m_rule = rule;
    rebuild();
    emit ruleChanged();
}

void RuleEditor::setRule(const segments::Rule &rule, const QString &undoText)
{
    change(
        undoText,
        [&](segments::Rule &r) {
            r = rule;
            return true;
        },
        true);
}

std::string RuleEditor::ruleJson() const
{
    return segments::ruleToJson(m_rule);
}

void RuleEditor::setReadOnly(bool readOnly)
{
    if (readOnly != m_readOnly) {
        m_readOnly = readOnly;
        rebuild();
    }
}

bool RuleEditor::change(const QString &text, const std::function<bool(segments::Rule &)> &edit,
                        bool rebuildAfter, const QString &mergeKey)
{
    segments::Rule next = m_rule;
    if (m_readOnly || !edit(next)) {
        return false;
    }
    std::string before = segments::ruleToJson(m_rule);
    std::string after = segments::ruleToJson(next);
    if (before == after) {
        return false;
    }
    m_rule = std::move(next);
    m_undo->push(new RuleCommand(*this, std::move(before), std::move(after), text, mergeKey));
    if (rebuildAfter) {
        rebuild();
    }
    emit ruleChanged();
    return true;
}

void RuleEditor::apply(const std::string &json)
{
    auto rule = segments::ruleFromJson(json);
    if (!rule) {
        return; // written by ruleToJson: cannot happen
    }
    m_rule = std::move(*rule);
    rebuild();
    emit ruleChanged();
}

bool RuleEditor::editNode(const NodePath &path, const Node &node, const QString &field)
{
    QString key;
    for (const int i : path) {
        key += QString::number(i) + QLatin1Char('/');
    }
    // The row shows the edit already; consecutive edits of one field of one row merge into one undo step.
    return change(
        tr("Edit condition"), [&](segments::Rule &r) { return edits::replace(r, path, node); }, false,
        key + field);
}

Node RuleEditor::newCondition(Node::Type type) const
{
    const RuleVocabulary &v = *m_vocabulary;
    if (type == Node::Type::Event) {
        return Node::eventCondition(EventConditionEditor::defaultCondition(v));
    }
    if (type == Node::Type::Membership) {
        if (auto m = MembershipConditionEditor::defaultCondition(v)) {
            return Node::membershipCondition(*m);
        }
    }
    const TraitChoice *trait = v.trait("total_spend");
    if (!trait && !v.traits.empty()) {
        trait = &v.traits.front();
    }
    return trait ? Node::traitCondition(TraitConditionEditor::defaultCondition(*trait, v)) : Node::group({});
}

bool RuleEditor::addCondition(const NodePath &groupPath, Node::Type type)
{
    if (!m_vocabulary) {
        return false;
    }
    const Node node = newCondition(type);
    return change(
        tr("Add condition"), [&](segments::Rule &r) { return edits::insert(r, groupPath, node); }, true);
}

bool RuleEditor::addGroup(const NodePath &groupPath)
{
    const Node *parent = nodeAt(m_rule, groupPath);
    if (!m_vocabulary || !parent || parent->type != Node::Type::Group) {
        return false;
    }
    // A nested group is mostly an OR inside an AND (or the other way round), with a first condition to edit.
    const auto mode =
        parent->mode == segments::GroupMode::All ? segments::GroupMode::Any : segments::GroupMode::All;
    const Node group = Node::group(mode, {newCondition(Node::Type::Trait)});
    return change(
        tr("Add group"), [&](segments::Rule &r) { return edits::insert(r, groupPath, group); }, true);
}

bool RuleEditor::removeNode(const NodePath &path)
{
    return change(
        tr("Remove"), [&](segments::Rule &r) { return edits::remove(r, path); }, true);
}

bool RuleEditor::moveNode(const NodePath &path, int delta)
{
    return change(
        delta < 0 ? tr("Move up") : tr("Move down"),
        [&](segments::Rule &r) { return edits::move(r, path, delta); }, true);
}

bool RuleEditor::negateNode(const NodePath &path)
{
    return change(
        tr("Negate"), [&](segments::Rule &r) { return edits::negate(r, path); }, true);
}

bool RuleEditor::setGroupMode(const NodePath &path, segments::GroupMode mode)
{
    return change(
        tr("Change group"), [&](segments::Rule &r) { return edits::setMode(r, path, mode); }, true);
}

bool RuleEditor::require(std::vector<Node> conditions, const QString &undoText)
{
    return change(
        undoText,
        [&](segments::Rule &r) {
            edits::require(r, std::move(conditions));
            return true;
        },
        true);
}

ConditionEditor *RuleEditor::conditionEditor(const NodePath &path) const
{
    const auto it = m_widgets.find(path);
    return it == m_widgets.end() ? nullptr : qobject_cast<ConditionEditor *>(it->second);
}

GroupEditor *RuleEditor::groupEditor(const NodePath &path) const
{
    const auto it = m_widgets.find(path);
    return it == m_widgets.end() ? nullptr : qobject_cast<GroupEditor *>(it->second);
}

void RuleEditor::registerWidget(const NodePath &path, QWidget *widget)
{
    m_widgets[path] = widget;
}

void RuleEditor::rebuild()
{
    const int scrolled = m_scroll->verticalScrollBar()->value();
    // The edit may come from a button inside the old widgets: delete them once its signal has returned.
    if (QWidget *old = m_scroll->takeWidget()) {
        old->hide();
        old->deleteLater();
    }
    m_widgets.clear();
    auto *content = new QWidget;
    content->setObjectName(QStringLiteral("ruleContent"));
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 4, 0);
    if (m_vocabulary) {
        auto *root = new GroupEditor(*this, m_rule.root, {}, content);
        registerWidget({}, root);
        layout->addWidget(root);
        auto *hint =
            new QLabel(tr("+ Condition tests a trait, events or membership of a segment; + Group nests "
                          "conditions to combine them with any / all / none; Not negates a row. "
                          "Ctrl+Z undoes an edit."),
                       content);
        hint->setObjectName(QStringLiteral("ruleHintLabel"));
        hint->setWordWrap(true);
        hint->setStyleSheet(QStringLiteral("color: %1; padding: 4px 2px;").arg(palette::mutedText().name()));
        hint->setVisible(!m_readOnly);
        layout->addWidget(hint);
        root->setEnabled(!m_readOnly);
    } else {
        auto *waiting = new QLabel(tr("Computing the traits of every profile…"), content);
        waiting->setStyleSheet(QStringLiteral("color: %1; padding: 12px;").arg(palette::mutedText().name()));
        layout->addWidget(waiting);
    }
    layout->addStretch(1);
    m_scroll->setWidget(content);
    QTimer::singleShot(0, this, [bar = QPointer<QScrollBar>(m_scroll->verticalScrollBar()), scrolled] {
        if (bar) {
            bar->setValue(scrolled);
        }
    });
}

} // namespace awb::ui
