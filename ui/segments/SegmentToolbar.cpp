// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/SegmentToolbar.h"

#include "segments/TemplateDialog.h"
#include "services/SegmentService.h"

#include <QAction>
#include <QGridLayout>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>

namespace awb::ui {

SegmentToolbar::SegmentToolbar(QAction *undo, QAction *redo, QWidget *parent)
    : QWidget(parent), m_name(new QLineEdit(this)), m_note(new QLineEdit(this)),
      m_templates(new QToolButton(this)), m_freeze(new QPushButton(tr("&Freeze…"), this)),
      m_save(new QPushButton(tr("&Save"), this))
{
    setObjectName(QStringLiteral("segmentToolbar"));
    auto *back = new QToolButton(this);
    back->setObjectName(QStringLiteral("segmentBackButton"));
    back->setText(tr("← Segments"));
    back->setToolTip(tr("Back to the list of segments"));
    back->setAutoRaise(true);
    m_name->setObjectName(QStringLiteral("segmentNameEdit"));
    m_name->setPlaceholderText(tr("Name the segment to save it"));
    m_name->setMaxLength(200);
    m_name->setMinimumWidth(140);
    m_note->setObjectName(QStringLiteral("segmentNoteEdit"));
    m_note->setPlaceholderText(tr("Note (optional): who the segment is for, where it was used…"));
    m_note->setToolTip(tr("A note of your own, shown beside the rule in the list of segments"));
    m_note->setMaxLength(500);
    m_templates->setObjectName(QStringLiteral("templatesButton"));
    m_templates->setText(tr("Templates"));
    m_templates->setToolTip(tr("Replace the rule with a ready-made one to edit"));
    m_templates->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_templates);
    for (const segments::TemplateInfo &t : services::SegmentService::templates()) {
        const QString name = QString::fromStdString(t.name);
        // "…": the template asks for a catalog value first.
        QAction *a = menu->addAction(QString::fromStdString(t.label) +
                                         (TemplateDialog::needsInput(t) ? QStringLiteral("…") : QString()),
                                     this, [this, name] { emit templateChosen(name); });
        a->setObjectName(QStringLiteral("template_") + name);
        a->setToolTip(QString::fromStdString(t.description));
    }
    menu->setToolTipsVisible(true);
    m_templates->setMenu(menu);
    auto *exportButton = new QPushButton(tr("&Export…"), this);
    exportButton->setObjectName(QStringLiteral("exportSegmentButton"));
    exportButton->setToolTip(tr("Write the matching profiles to a CSV file for a marketing tool"));
    m_freeze->setObjectName(QStringLiteral("freezeSegmentButton"));
    m_freeze->setToolTip(tr("Keep the people the saved segment matches now as a static segment that never "
                            "changes"));
    m_save->setObjectName(QStringLiteral("saveSegmentButton"));
    m_save->setShortcut(QKeySequence::Save);
    m_save->setToolTip(tr("Save the segment under its name (Ctrl+S)"));

    // The buttons on the name's row, the note under the name to the right edge (a row of its own keeps the
    // builder usable in narrow windows).
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setVerticalSpacing(4);
    int column = 0;
    const auto add = [&](QWidget *w) { grid->addWidget(w, 0, column++); };
    add(back);
    add(m_name);
    grid->setColumnStretch(1, 1);
    m_editing = {m_templates, historyButton(undo, tr("↶ Undo"), tr("Ctrl+Z"), "undoButton"),
                 historyButton(redo, tr("↷ Redo"), tr("Ctrl+Shift+Z"), "redoButton")};
    for (QWidget *w : m_editing) {
        add(w);
    }
    add(exportButton);
    add(m_freeze);
    add(m_save);
    grid->addWidget(m_note, 1, 1, 1, column - 1);
    m_editing.push_back(m_freeze);
    m_editing.push_back(m_save);
    connect(back, &QToolButton::clicked, this, &SegmentToolbar::backClicked);
    connect(exportButton, &QPushButton::clicked, this, &SegmentToolbar::exportClicked);
    connect(m_freeze, &QPushButton::clicked, this, &SegmentToolbar::freezeClicked);
    connect(m_save, &QPushButton::clicked, this, &SegmentToolbar::saveClicked);
    connect(m_name, &QLineEdit::returnPressed, this, &SegmentToolbar::saveClicked);
    connect(m_note, &QLineEdit::returnPressed, this, &SegmentToolbar::saveClicked);
}

void SegmentToolbar::setStaticMode(bool on)
{
    for (QWidget *w : m_editing) {
        w->setVisible(!on);
    }
    m_name->setReadOnly(on);
    m_note->setReadOnly(on);
    // A static segment without a note has nothing to show there.
    m_note->setVisible(!on || !m_note->text().isEmpty());
}

QToolButton *SegmentToolbar::historyButton(QAction *action, const QString &text, const QString &keys,
                                           const char *name)
{
    // A fixed short label; the action's text names the step ("Undo Add condition") in the tooltip.
    auto *b = new QToolButton(this);
    b->setObjectName(QString::fromLatin1(name));
    b->setText(text);
    b->setAutoRaise(true);
    const auto sync = [b, action, keys] {
        b->setEnabled(action->isEnabled());
        b->setToolTip(action->text() + QStringLiteral(" (") + keys + QLatin1Char(')'));
    };
    connect(action, &QAction::changed, b, sync);
    connect(b, &QToolButton::clicked, action, &QAction::trigger);
    sync();
    return b;
}

} // namespace awb::ui
