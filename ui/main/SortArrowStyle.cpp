// SPDX-License-Identifier: GPL-3.0-or-later
#include "main/SortArrowStyle.h"

#include <QStyleOption>

namespace awb::ui {

SortArrowStyle::SortArrowStyle() : QProxyStyle() {}

QStyle::PrimitiveElement SortArrowStyle::arrowFor(QStyleOptionHeader::SortIndicator indicator)
{
    return indicator == QStyleOptionHeader::SortDown ? PE_IndicatorArrowUp : PE_IndicatorArrowDown;
}

void SortArrowStyle::drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                                   const QWidget *widget) const
{
    const auto *header = qstyleoption_cast<const QStyleOptionHeader *>(option);
    if (element != PE_IndicatorHeaderArrow || !header || header->sortIndicator == QStyleOptionHeader::None) {
        QProxyStyle::drawPrimitive(element, option, painter, widget);
        return;
    }
    QStyleOption arrow(*option);
    QProxyStyle::drawPrimitive(arrowFor(header->sortIndicator), &arrow, painter, widget);
}

} // namespace awb::ui
