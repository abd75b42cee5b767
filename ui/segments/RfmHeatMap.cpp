// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/RfmHeatMap.h"

#include "charts/ChartPalette.h"
#include "models/DisplayFormat.h"
#include "traits/Scores.h"

#include <QToolTip>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace awb::ui {

namespace {

QSharedPointer<QCPAxisTickerText> scoreTicker()
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int s = 1; s <= 5; ++s) {
        ticker->addTick(s, QString::number(s));
    }
    return ticker;
}

} // namespace

RfmHeatMap::RfmHeatMap(QWidget *parent) : ChartView(parent), m_map(nullptr)
{
    setObjectName(QStringLiteral("rfmHeatMap"));
    setTitle(tr("People by RFM score (click a cell to keep only its people)"));
    QCustomPlot *p = plot();
    p->xAxis->setLabel(tr("Frequency score (5 = most orders)"));
    p->yAxis->setLabel(tr("Recency score (5 = bought most recently)"));
    for (QCPAxis *axis : {p->xAxis, p->yAxis}) {
        axis->setRange(0.5, 5.5);
        axis->setTicker(scoreTicker());
        axis->grid()->setVisible(false);
    }
    m_map = new QCPColorMap(p->xAxis, p->yAxis);
    m_map->data()->setSize(5, 5);
    m_map->data()->setRange(QCPRange(1, 5), QCPRange(1, 5));
    m_map->setInterpolate(false);
    QCPColorGradient gradient;
    gradient.setColorStopAt(0, QColor(0xf1, 0xf5, 0xfe));
    gradient.setColorStopAt(1, palette::series(0));
    m_map->setGradient(gradient);
    for (int r = 1; r <= 5; ++r) {
        for (int f = 1; f <= 5; ++f) {
            auto *label = new QCPItemText(p);
            label->position->setCoords(f, r);
            label->setPositionAlignment(Qt::AlignCenter);
            m_labels.push_back(label);
        }
    }
    p->setMouseTracking(true);
    p->setCursor(Qt::PointingHandCursor);
    connect(p, &QCustomPlot::mousePress, this, [this](QMouseEvent *event) {
        int r = 0;
        int f = 0;
        if (m_hasData && event->button() == Qt::LeftButton && cellAt(event->pos(), r, f)) {
            emit cellClicked(r, f);
        }
    });
    connect(p, &QCustomPlot::mouseMove, this, &RfmHeatMap::onMouseMove);
    clear();
}

void RfmHeatMap::clear(const QString &message)
{
    m_grid = {};
    m_hasData = false;
    m_map->setVisible(false);
    for (QCPItemText *label : m_labels) {
        label->setVisible(false);
    }
    showEmpty(message.isEmpty() ? tr("The grid appears with the count.") : message);
}

void RfmHeatMap::setGrid(const Grid &grid)
{
    m_grid = grid;
    std::int64_t max = 0;
    for (const auto &row : grid) {
        max = std::max(max, *std::max_element(row.begin(), row.end()));
    }
    if (max == 0) {
        clear(tr("Nobody here has bought anything: no RFM scores."));
        m_grid = grid;
        return;
    }
    clearGraphs();
    m_hasData = true;
    m_map->setVisible(true);
    for (int r = 1; r <= 5; ++r) {
        for (int f = 1; f <= 5; ++f) {
            const std::int64_t n = grid[static_cast<std::size_t>(r - 1)][static_cast<std::size_t>(f - 1)];
            m_map->data()->setCell(f - 1, r - 1, static_cast<double>(n));
            QCPItemText *label = m_labels[static_cast<std::size_t>((r - 1) * 5 + (f - 1))];
            label->setText(format::count(n));
            label->setColor(static_cast<double>(n) > 0.55 * static_cast<double>(max) ? Qt::white
                                                                                     : palette::text());
            label->setVisible(true);
        }
    }
    m_map->setDataRange(QCPRange(0, static_cast<double>(max)));
    replot();
}

QWidget *RfmHeatMap::plotWidget() const
{
    return plot();
}

QPoint RfmHeatMap::cellCentre(int recency, int frequency) const
{
    return {static_cast<int>(std::lround(plot()->xAxis->coordToPixel(frequency))),
            static_cast<int>(std::lround(plot()->yAxis->coordToPixel(recency)))};
}

bool RfmHeatMap::cellAt(const QPoint &pos, int &recency, int &frequency) const
{
    const double f = plot()->xAxis->pixelToCoord(pos.x());
    const double r = plot()->yAxis->pixelToCoord(pos.y());
    frequency = static_cast<int>(std::lround(f));
    recency = static_cast<int>(std::lround(r));
    return f >= 0.5 && f <= 5.5 && r >= 0.5 && r <= 5.5;
}

void RfmHeatMap::onMouseMove(QMouseEvent *event)
{
    int r = 0;
    int f = 0;
    if (!m_hasData || !cellAt(event->pos(), r, f)) {
        QToolTip::hideText();
        return;
    }
    const std::int64_t n = m_grid[static_cast<std::size_t>(r - 1)][static_cast<std::size_t>(f - 1)];
    QToolTip::showText(event->globalPosition().toPoint(),
                       tr("<b>%1</b><br>Recency %2, frequency %3: %4<br>Click to keep only them")
                           .arg(QString::fromStdString(traits::rfmGroup(r, f)))
                           .arg(r)
                           .arg(f)
                           .arg(format::plural(n, tr("%1 person"), tr("%1 people"))),
                       plot());
}

} // namespace awb::ui
