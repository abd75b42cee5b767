// SPDX-License-Identifier: GPL-3.0-or-later
// Sort arrows point the way the values go (issue 12): a table sorted largest first shows a down arrow.
#include "main/SortArrowStyle.h"

#include <QHeaderView>
#include <QStandardItemModel>
#include <QStyleOptionHeader>
#include <QTest>

using awb::ui::SortArrowStyle;

namespace {
class Header : public QHeaderView
{
public:
    using QHeaderView::QHeaderView;
    QStyleOptionHeader optionFor(int section) const
    {
        QStyleOptionHeader option;
        initStyleOptionForIndex(&option, section);
        return option;
    }
};
} // namespace

class TestSortArrows : public QObject
{
    Q_OBJECT

private slots:
    void arrowsFollowTheOrder_data()
    {
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::addColumn<int>("arrow");
        QTest::newRow("ascending: up") << Qt::AscendingOrder << int(QStyle::PE_IndicatorArrowUp);
        QTest::newRow("descending: down") << Qt::DescendingOrder << int(QStyle::PE_IndicatorArrowDown);
    }

    void arrowsFollowTheOrder()
    {
        QFETCH(Qt::SortOrder, order);
        QFETCH(int, arrow);
        QStandardItemModel model(2, 3);
        Header header(Qt::Horizontal);
        header.setModel(&model);
        header.setSortIndicatorShown(true);
        header.setSortIndicator(1, order);
        QCOMPARE(int(SortArrowStyle::arrowFor(header.optionFor(1).sortIndicator)), arrow);
    }
};

QTEST_MAIN(TestSortArrows)
#include "tst_SortArrows.moc"
