// SPDX-License-Identifier: GPL-3.0-or-later
// The editor of one condition of a rule (trait, event or membership): its widgets flow over as many lines
// as the width needs. It edits a copy of the node and reports every change with the field that changed.
#pragma once

#include "segments/Rule.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace awb::ui {

class FlowLayout;
struct RuleVocabulary;

class ConditionEditor : public QWidget
{
    Q_OBJECT
public:
    /// The editor for the kind of node (a trait, event or membership condition).
    static ConditionEditor *create(const segments::Node &node, const RuleVocabulary &vocabulary,
                                   QWidget *parent);

    const segments::Node &node() const { return m_node; }

signals:
    /// The user changed the condition; edits of the same field follow each other merge into one undo step.
    void edited(const awb::segments::Node &node, const QString &field);

protected:
    ConditionEditor(segments::Node node, const RuleVocabulary &vocabulary, QWidget *parent);

    FlowLayout *flow() const { return m_flow; }
    void commit(const QString &field);
    /// A combo box added to the flow (items: text, data).
    QComboBox *addCombo(const QString &objectName, const QString &toolTip);
    QLabel *addLabel(const QString &text);

    segments::Node m_node;
    const RuleVocabulary &m_vocabulary;

private:
    FlowLayout *m_flow;
};

/// Selects the item whose data is value (adding it, marked unknown, when missing) without emitting.
void selectData(QComboBox *combo, const QVariant &value, const QString &unknownText = {});

} // namespace awb::ui
