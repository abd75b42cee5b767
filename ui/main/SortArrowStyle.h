// SPDX-License-Identifier: GPL-3.0-or-later
// Header sort arrows that point the way the values go: up for ascending (smallest first), down for
// descending (largest or newest first), whatever the platform style draws by default.
#pragma once

#include <QProxyStyle>
#include <QStyleOptionHeader>

namespace awb::ui {

class SortArrowStyle : public QProxyStyle
{
    Q_OBJECT
public:
    /// Wraps the application's default style (owned by the application once set with QApplication::setStyle).
    SortArrowStyle();

    /// The arrow drawn for a header's sort indicator: QHeaderView marks ascending as SortDown and
    /// descending as SortUp, which Fusion draws as a down and an up arrow.
    static PrimitiveElement arrowFor(QStyleOptionHeader::SortIndicator indicator);

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget = nullptr) const override;
};

} // namespace awb::ui
