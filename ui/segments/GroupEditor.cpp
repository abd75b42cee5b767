// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/GroupEditor.h"

#include "charts/ChartPalette.h"
#include "segments/ConditionEditor.h"
#include "segments/RuleEditor.h"
#include "segments/RuleVocabulary.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QToolButton>
#include <QVBoxLayout>

#include <array>

namespace awb::ui {

using segments::GroupMode;
using segments::Node;

namespace {

// Left border colour of a group by depth, so nesting reads at a glance.
QColor depthColour(std::size_t depth)
{
    static const std::array<QColor, 4> colours{QColor(0x1d, 0x4e, 0xd8), QColor(0x05, 0x96, 0x69),
                                               QColor(0xd9, 0x77, 0x06), QColor(0x9c, 0x27, 0xb0)};
    return colours[depth % colours.size()];
}

QToolButton *smallButton(const QString &text, const QString &toolTip, const QString &objectName,
                         QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(toolTip);
    b->setObjectName(objectName);
    b->setAutoRaise(true);
    return b;
}

} // namespace

GroupEditor::GroupEditor(RuleEditor &owner, const Node &group, NodePath path, QWidget *parent)
    : QFrame(parent), m_owner(owner), m_path(std::move(path))
{
    setObjectName(QStringLiteral("groupEditor"));
    const QColor colour = depthColour(m_path.size());
    setStyleSheet(QStringLiteral("QFrame#groupEditor { border: 1px solid %1; border-left: 3px solid %2; "
                                 "border-radius: 4px; background: %3; }")
                      .arg(palette::grid().name(), colour.name(),
                           m_path.empty() ? QStringLiteral("#fbfcfe") : QStringLiteral("#f6f8fb")));
    const segments::Node *parentGroup =
        m_path.empty() ? nullptr : nodeAt(owner.rule(), NodePath(m_path.begin(), m_path.end() - 1));
    const int siblings = parentGroup ? static_cast<int>(parentGroup->children.size()) : 1;

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(createHeader(group, siblings));
    for (std::size_t i = 0; i < group.children.size(); ++i) {
        NodePath child = m_path;
        child.push_back(static_cast<int>(i));
        const Node &node = group.children[i];
        if (node.type == Node::Type::Group) {
            auto *nested = new GroupEditor(owner, node, child, this);
            owner.registerWidget(child, nested);
            layout->addWidget(nested);
        } else {
            layout->addWidget(createConditionRow(node, child, static_cast<int>(group.children.size())));
        }
    }
    if (group.children.empty()) {
        auto *empty = new QLabel(group.mode == GroupMode::Any ? tr("No conditions yet: nobody matches.")
                                                              : tr("No conditions yet: everyone matches."),
                                 this);
        empty->setObjectName(QStringLiteral("emptyGroupLabel"));
        empty->setStyleSheet(QStringLiteral("color: %1; padding: 4px;").arg(palette::mutedText().name()));
        layout->addWidget(empty);
    }
    layout->addWidget(createFooter());
}

QWidget *GroupEditor::createHeader(const Node &group, int siblings)
{
    auto *header = new QWidget(this);
    auto *row = new QHBoxLayout(header);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel(m_path.empty() ? tr("People who match") : tr("Match"), header));
    auto *mode = new QComboBox(header);
    mode->setObjectName(QStringLiteral("groupModeCombo"));
    mode->addItem(tr("all"), static_cast<int>(GroupMode::All));
    mode->addItem(tr("any"), static_cast<int>(GroupMode::Any));
    mode->addItem(tr("none"), static_cast<int>(GroupMode::None));
    mode->setItemData(0, tr("Every condition must hold (AND)"), Qt::ToolTipRole);
    mode->setItemData(1, tr("At least one condition must hold (OR)"), Qt::ToolTipRole);
    mode->setItemData(2, tr("No condition may hold (NOT)"), Qt::ToolTipRole);
    mode->setCurrentIndex(mode->findData(static_cast<int>(group.mode)));
    mode->setToolTip(mode->currentData(Qt::ToolTipRole).toString());
    row->addWidget(mode);
    row->addWidget(new QLabel(tr("of the following"), header));
    row->addStretch(1);
    if (!m_path.empty()) {
        row->addWidget(createRowButtons(m_path, siblings, header, QStringLiteral("group")));
    }
    connect(mode, &QComboBox::activated, this, [this, mode] {
        m_owner.setGroupMode(m_path, static_cast<GroupMode>(mode->currentData().toInt()));
    });
    return header;
}

QWidget *GroupEditor::createConditionRow(const Node &node, const NodePath &path, int siblings)
{
    auto *frame = new QFrame(this);
    frame->setObjectName(QStringLiteral("conditionRow"));
    frame->setStyleSheet(QStringLiteral("QFrame#conditionRow { background: white; border: 1px solid %1; "
                                        "border-radius: 3px; }")
                             .arg(palette::grid().name()));
    auto *row = new QHBoxLayout(frame);
    row->setContentsMargins(6, 3, 2, 3);
    ConditionEditor *editor = ConditionEditor::create(node, *m_owner.vocabulary(), frame);
    m_owner.registerWidget(path, editor);
    row->addWidget(editor, 1);
    row->addWidget(createRowButtons(path, siblings, frame, {}), 0, Qt::AlignTop);
    connect(editor, &ConditionEditor::edited, this, [this, path](const Node &edited, const QString &field) {
        m_owner.editNode(path, edited, field);
    });
    return frame;
}

QWidget *GroupEditor::createFooter()
{
    auto *footer = new QWidget(this);
    auto *row = new QHBoxLayout(footer);
    row->setContentsMargins(0, 0, 0, 0);
    auto *add = smallButton(tr("+ Condition"), tr("Add a condition to this group"),
                            QStringLiteral("addConditionButton"), footer);
    add->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(add);
    const auto addAction = [&](const QString &text, const char *name, Node::Type type) {
        QAction *a = menu->addAction(text, this, [this, type] { m_owner.addCondition(m_path, type); });
        a->setObjectName(QString::fromLatin1(name));
        return a;
    };
    addAction(tr("On a trait (spend, orders, RFM, predictions…)"), "addTraitAction", Node::Type::Trait);
    addAction(tr("On events (performed, never performed…)"), "addEventAction", Node::Type::Event)
        ->setEnabled(!m_owner.vocabulary()->events.isEmpty());
    QAction *membership =
        addAction(tr("In a segment or audience"), "addMembershipAction", Node::Type::Membership);
    const RuleVocabulary &v = *m_owner.vocabulary();
    membership->setEnabled(!v.segments.isEmpty() || !v.audiences.isEmpty() || !v.exported.isEmpty());
    if (!membership->isEnabled()) {
        membership->setText(tr("In a segment or audience (none saved yet)"));
    }
    add->setMenu(menu);
    auto *nest = smallButton(tr("+ Group"), tr("Add a nested group (e.g. any of several conditions)"),
                             QStringLiteral("addGroupButton"), footer);
    connect(nest, &QToolButton::clicked, this, [this] { m_owner.addGroup(m_path); });
    row->addWidget(add);
    row->addWidget(nest);
    row->addStretch(1);
    return footer;
}

QWidget *GroupEditor::createRowButtons(const NodePath &path, int siblings, QWidget *parent,
                                       const QString &prefix)
{
    auto *box = new QWidget(parent);
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    // "negateButton" on a condition row, "groupNegateButton" on a group's header.
    const auto name = [&](const QString &base) {
        return prefix.isEmpty() ? base : prefix + base.at(0).toUpper() + base.mid(1);
    };
    auto *up = smallButton(QStringLiteral("↑"), tr("Move up"), name(QStringLiteral("moveUpButton")), box);
    auto *down =
        smallButton(QStringLiteral("↓"), tr("Move down"), name(QStringLiteral("moveDownButton")), box);
    auto *negate = smallButton(tr("Not"), tr("Negate: match the people this does not match"),
                               name(QStringLiteral("negateButton")), box);
    auto *remove = smallButton(QStringLiteral("✕"), tr("Remove"), name(QStringLiteral("removeButton")), box);
    up->setEnabled(path.back() > 0);
    down->setEnabled(path.back() + 1 < siblings);
    for (QToolButton *b : {up, down, negate, remove}) {
        row->addWidget(b);
    }
    connect(up, &QToolButton::clicked, this, [this, path] { m_owner.moveNode(path, -1); });
    connect(down, &QToolButton::clicked, this, [this, path] { m_owner.moveNode(path, +1); });
    connect(negate, &QToolButton::clicked, this, [this, path] { m_owner.negateNode(path); });
    connect(remove, &QToolButton::clicked, this, [this, path] { m_owner.removeNode(path); });
    return box;
}

} // namespace awb::ui
