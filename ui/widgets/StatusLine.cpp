// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/StatusLine.h"

#include "charts/ChartPalette.h"

#include <QResizeEvent>

namespace awb::ui {

StatusLine::StatusLine(QWidget *parent) : QLabel(parent)
{
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    setFixedHeight(fontMetrics().height() + 4);
    setTextFormat(Qt::PlainText);
}

void StatusLine::showMessage(const QString &text, bool error)
{
    m_message = text;
    setStyleSheet(QStringLiteral("color: %1;").arg((error ? palette::error() : palette::mutedText()).name()));
    setToolTip(text);
    elide();
}

void StatusLine::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    elide();
}

void StatusLine::elide()
{
    setText(fontMetrics().elidedText(m_message, Qt::ElideRight, std::max(0, width() - 2)));
}

} // namespace awb::ui
