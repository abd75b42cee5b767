// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/MembershipConditionEditor.h"

#include "segments/RuleVocabulary.h"

#include <QComboBox>
#include <QSignalBlocker>

namespace awb::ui {

using segments::MembershipKind;

std::optional<segments::MembershipCondition>
MembershipConditionEditor::defaultCondition(const RuleVocabulary &vocabulary)
{
    for (const MembershipKind kind :
         {MembershipKind::Segment, MembershipKind::Audience, MembershipKind::Exported}) {
        const QStringList &names = vocabulary.names(static_cast<int>(kind));
        if (!names.isEmpty()) {
            return segments::MembershipCondition{kind, true, names.front().toStdString()};
        }
    }
    return std::nullopt;
}

MembershipConditionEditor::MembershipConditionEditor(segments::Node node, const RuleVocabulary &vocabulary,
                                                     QWidget *parent)
    : ConditionEditor(std::move(node), vocabulary, parent),
      m_in(addCombo(QStringLiteral("membershipInCombo"), tr("In or not in"))),
      m_kind(addCombo(QStringLiteral("membershipKindCombo"), tr("What kind of list"))),
      m_name(addCombo(QStringLiteral("membershipNameCombo"), tr("Which one")))
{
    setObjectName(QStringLiteral("membershipConditionEditor"));
    m_in->addItem(tr("Is in"), true);
    m_in->addItem(tr("Is not in"), false);
    selectData(m_in, m_node.membership.in);
    m_kind->addItem(tr("the segment"), static_cast<int>(MembershipKind::Segment));
    m_kind->addItem(tr("the audience"), static_cast<int>(MembershipKind::Audience));
    m_kind->addItem(tr("the exported audience"), static_cast<int>(MembershipKind::Exported));
    m_kind->setItemData(2, tr("Members of an audience that was exported to a file (campaign history)"),
                        Qt::ToolTipRole);
    selectData(m_kind, static_cast<int>(m_node.membership.kind));
    fillNames();

    connect(m_in, &QComboBox::activated, this, [this] {
        m_node.membership.in = m_in->currentData().toBool();
        commit(QStringLiteral("in"));
    });
    connect(m_kind, &QComboBox::activated, this, [this] {
        m_node.membership.kind = static_cast<MembershipKind>(m_kind->currentData().toInt());
        const QStringList &names = m_vocabulary.names(static_cast<int>(m_node.membership.kind));
        m_node.membership.name = names.isEmpty() ? std::string() : names.front().toStdString();
        fillNames();
        commit(QStringLiteral("kind"));
    });
    connect(m_name, &QComboBox::activated, this, [this] {
        m_node.membership.name = m_name->currentData().toString().toStdString();
        commit(QStringLiteral("name"));
    });
}

void MembershipConditionEditor::fillNames()
{
    const QSignalBlocker block(m_name);
    m_name->clear();
    for (const QString &name : m_vocabulary.names(static_cast<int>(m_node.membership.kind))) {
        m_name->addItem(name, name);
    }
    const QString current = QString::fromStdString(m_node.membership.name);
    if (current.isEmpty()) {
        m_name->setPlaceholderText(tr("(none saved yet)"));
        m_name->setCurrentIndex(-1);
        return;
    }
    selectData(m_name, current, tr("%1 (not found)").arg(current));
}

} // namespace awb::ui
