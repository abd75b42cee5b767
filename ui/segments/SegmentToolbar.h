// SPDX-License-Identifier: GPL-3.0-or-later
// The segment builder's top row: back to the list, the name, the templates menu, undo / redo, export and
// save. It only reports what was clicked; the builder acts on it.
#pragma once

#include <QWidget>

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
    QToolButton *templatesButton() const { return m_templates; }

signals:
    void backClicked();
    void templateChosen(const QString &name);
    void exportClicked();
    void saveClicked();

private:
    QToolButton *historyButton(QAction *action, const QString &text, const QString &keys, const char *name);

    QLineEdit *m_name;
    QToolButton *m_templates;
};

} // namespace awb::ui
