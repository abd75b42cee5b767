// SPDX-License-Identifier: GPL-3.0-or-later
// One group of a rule in the editor: "Match all / any / none of" its condition rows and nested groups, with
// buttons to add conditions and groups, and on each row to move it, negate it or remove it. Edits go to the
// RuleEditor, which records them for undo and rebuilds the groups after structural changes.
#pragma once

#include "segments/RuleEdits.h"

#include <QFrame>

namespace awb::ui {

class RuleEditor;

class GroupEditor : public QFrame
{
    Q_OBJECT
public:
    GroupEditor(RuleEditor &owner, const segments::Node &group, NodePath path, QWidget *parent = nullptr);

    const NodePath &path() const { return m_path; }

private:
    QWidget *createHeader(const segments::Node &group, int siblings);
    QWidget *createConditionRow(const segments::Node &node, const NodePath &path, int siblings);
    QWidget *createFooter();
    /// Move up / down, negate and remove buttons for the node at path among siblings; prefix starts their
    /// object names ("group" for a group's header).
    QWidget *createRowButtons(const NodePath &path, int siblings, QWidget *parent, const QString &prefix);

    RuleEditor &m_owner;
    NodePath m_path;
};

} // namespace awb::ui
