// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/ConditionEditor.h"

#include "segments/EventConditionEditor.h"
#include "segments/FlowLayout.h"
#include "segments/MembershipConditionEditor.h"
#include "segments/TraitConditionEditor.h"

#include <QComboBox>
#include <QLabel>
#include <QSignalBlocker>

namespace awb::ui {

ConditionEditor *ConditionEditor::create(const segments::Node &node, const RuleVocabulary &vocabulary,
                                         QWidget *parent)
{
    switch (node.type) {
    case segments::Node::Type::Trait:
        return new TraitConditionEditor(node, vocabulary, parent);
    case segments::Node::Type::Event:
        return new EventConditionEditor(node, vocabulary, parent);
    case segments::Node::Type::Membership:
        return new MembershipConditionEditor(node, vocabulary, parent);
    case segments::Node::Type::Group:
        break;
    }
    return nullptr;
}

ConditionEditor::ConditionEditor(segments::Node node, const RuleVocabulary &vocabulary, QWidget *parent)
    : QWidget(parent), m_node(std::move(node)), m_vocabulary(vocabulary), m_flow(new FlowLayout(this, 4))
{
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void ConditionEditor::commit(const QString &field)
{
    emit edited(m_node, field);
}

QComboBox *ConditionEditor::addCombo(const QString &objectName, const QString &toolTip)
{
    auto *combo = new QComboBox(this);
    combo->setObjectName(objectName);
    combo->setToolTip(toolTip);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    combo->setMaxVisibleItems(20);
    m_flow->addWidget(combo);
    return combo;
}

QLabel *ConditionEditor::addLabel(const QString &text)
{
    auto *label = new QLabel(text, this);
    m_flow->addWidget(label);
    return label;
}

void selectData(QComboBox *combo, const QVariant &value, const QString &unknownText)
{
    const QSignalBlocker block(combo);
    int index = combo->findData(value);
    if (index < 0) {
        combo->addItem(unknownText.isEmpty() ? value.toString() : unknownText, value);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
}

} // namespace awb::ui
