// SPDX-License-Identifier: GPL-3.0-or-later
// The segment builder's top row: back to the list, the name and an optional note, the templates menu,
// undo / redo, export, freeze and save. It only reports what was clicked; the builder acts on it.
#pragma once

#include <QWidget>

#include <vector>

class QAction;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace awb::ui {

class SegmentToolbar : public QWidget
{
    Q_OBJECT
public:
    /// undo and redo: the rule editor's actions (their texts become the buttons' tooltips).
    SegmentToolbar(QAction *undo, QAction *redo, QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    /// The segment's free-text note, shown beside its rule in the list of segments.
    QLineEdit *noteEdit() const { return m_note; }
    QToolButton *templatesButton() const { return m_templates; }
    QPushButton *freezeButton() const { return m_freeze; }
    /// A static segment is shown: its name, note, templates, history, freeze and save are not for editing
    /// (an empty note is hidden). Call it once the note is filled in.
    void setStaticMode(bool on);

signals:
    void backClicked();
    void templateChosen(const QString &name);
    void exportClicked();
    void freezeClicked();
    void saveClicked();

private:
    QToolButton *historyButton(QAction *action, const QString &text, const QString &keys, const char *name);

    QLineEdit *m_name;
    QLineEdit *m_note;
    QToolButton *m_templates;
    QPushButton *m_freeze;
    QPushButton *m_save;
    std::vector<QWidget *> m_editing; ///< hidden for a static segment
};

} // namespace awb::ui
