// SPDX-License-Identifier: GPL-3.0-or-later
// The rule being built: the tree of groups and condition rows in a scroll area, and its undo history.
// Every edit goes through here: it is applied to the rule, recorded as an undo step holding the rule's JSON
// before and after (typing in one field merges into one step), and announced with ruleChanged().
#pragma once

#include "segments/Rule.h"
#include "segments/RuleEdits.h"

#include <QWidget>

#include <functional>
#include <map>
#include <memory>

class QAction;
class QScrollArea;
class QUndoStack;

namespace awb::ui {

class ConditionEditor;
class GroupEditor;
struct RuleVocabulary;

class RuleEditor : public QWidget
{
    Q_OBJECT
public:
    explicit RuleEditor(QWidget *parent = nullptr);
    ~RuleEditor() override;

    /// What the editors offer; until it is set the editor says the traits are being computed.
    void setVocabulary(std::shared_ptr<const RuleVocabulary> vocabulary);
    const RuleVocabulary *vocabulary() const { return m_vocabulary.get(); }

    /// Starts over with rule (a new or opened segment): the undo history is cleared.
    void resetRule(const segments::Rule &rule);
    /// Replaces the whole rule as one undo step (a template).
    void setRule(const segments::Rule &rule, const QString &undoText);
    const segments::Rule &rule() const { return m_rule; }
    std::string ruleJson() const;

    /// Shows the rule without letting it be edited (a static segment's origin).
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }

    QUndoStack *undoStack() const { return m_undo; }
    /// Undo (Ctrl+Z) and redo (Ctrl+Shift+Z) for a toolbar; their shortcuts work inside the builder.
    QAction *undoAction() const { return m_undoAction; }
    QAction *redoAction() const { return m_redoAction; }

    // Undoable edits (see RuleEdits.h); false when the path does not apply or nothing changed.
    bool editNode(const NodePath &path, const segments::Node &node, const QString &field);
    bool addCondition(const NodePath &groupPath, segments::Node::Type type);
    bool addGroup(const NodePath &groupPath);
    bool removeNode(const NodePath &path);
    bool moveNode(const NodePath &path, int delta);
    bool negateNode(const NodePath &path);
    bool setGroupMode(const NodePath &path, segments::GroupMode mode);
    /// Adds conditions every match must also pass (edits::require) as one undo step.
    bool require(std::vector<segments::Node> conditions, const QString &undoText);

    /// The editor of the condition at path, or nullptr (for tests).
    ConditionEditor *conditionEditor(const NodePath &path) const;
    GroupEditor *groupEditor(const NodePath &path) const;
    /// Called by the group editors while building.
    void registerWidget(const NodePath &path, QWidget *widget);

signals:
    void ruleChanged();

private:
    friend class RuleCommand;
    /// Applies an edit to a copy of the rule and records it; rebuild after structural edits.
    bool change(const QString &text, const std::function<bool(segments::Rule &)> &edit, bool rebuild,
                const QString &mergeKey = {});
    /// Undo / redo: the rule from its JSON, widgets rebuilt.
    void apply(const std::string &json);
    void rebuild();
    segments::Node newCondition(segments::Node::Type type) const;

    segments::Rule m_rule;
    std::shared_ptr<const RuleVocabulary> m_vocabulary;
    QUndoStack *m_undo;
    QAction *m_undoAction;
    QAction *m_redoAction;
    QScrollArea *m_scroll;
    std::map<NodePath, QWidget *> m_widgets;
    bool m_readOnly = false;
};

} // namespace awb::ui
