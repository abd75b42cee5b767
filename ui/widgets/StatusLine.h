// SPDX-License-Identifier: GPL-3.0-or-later
// A one-line status message that always keeps its place, so showing or clearing a message never moves what is
// below it: a long message is elided to the width, with the whole of it in the tooltip.
#pragma once

#include <QLabel>

namespace awb::ui {

class StatusLine : public QLabel
{
    Q_OBJECT
public:
    explicit StatusLine(QWidget *parent = nullptr);

    /// Shows text (muted, or in the error colour); an empty text clears the line but keeps its height.
    void showMessage(const QString &text, bool error = false);
    void clearMessage() { showMessage({}); }
    /// The whole message shown, empty when none.
    const QString &message() const { return m_message; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void elide();

    QString m_message;
};

} // namespace awb::ui
