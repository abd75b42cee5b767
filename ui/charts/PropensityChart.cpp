// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/PropensityChart.h"

#include "audience/AudienceQuality.h"
#include "charts/ChartPalette.h"

#include <qcustomplot.h>

#include <algorithm>

namespace awb::ui {

namespace {

const QString kMarkerLayer = QStringLiteral("marker");

// Spreads n values evenly over 0..100 % of the audience.
void addSeries(QCustomPlot *plot, QCPAxis *valueAxis, const QString &name, const std::vector<double> &values,
               const QPen &pen)
{
    QVector<double> x;
    QVector<double> y;
    const double step = values.size() > 1 ? 100.0 / static_cast<double>(values.size() - 1) : 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        x << step * static_cast<double>(i);
        y << 100.0 * values[i];
    }
    QCPGraph *graph = plot->addGraph(plot->xAxis, valueAxis);
    graph->setName(name);
    graph->setData(x, y, true);
    graph->setPen(pen);
}

} // namespace

PropensityChart::PropensityChart(QWidget *parent) : ChartView(parent)
{
    setObjectName(QStringLiteral("propensityChart"));
    setTitle(tr("Audience size against likelihood and reach"));
    setAxes(tr("Audience (top % of eligible profiles)"), 100, tr("Share of engagers"), 100, true);
    setRightAxis(tr("Likelihood to engage"), 10, true);
    QCustomPlot *p = plot();
    // The marker lives on its own buffered layer: a slider step redraws that layer only.
    p->addLayer(kMarkerLayer, p->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    p->layer(kMarkerLayer)->setMode(QCPLayer::lmBuffered);
    m_line = new QCPItemStraightLine(p);
    m_line->setLayer(kMarkerLayer);
    m_line->setPen(QPen(palette::text(), 1.5, Qt::SolidLine));
    m_line->point1->setCoords(0, 0);
    m_line->point2->setCoords(0, 1);
    m_label = new QCPItemText(p);
    m_label->setLayer(kMarkerLayer);
    m_label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_label->setPadding(QMargins(4, 2, 4, 2));
    m_label->setColor(palette::text());
    m_label->setBrush(QBrush(QColor(255, 255, 255, 220)));
    // Five series would hide the curves inside the plot.
    placeLegendBelow(2);
    clear();
}

void PropensityChart::clear(const QString &message)
{
    m_line->setVisible(false);
    m_label->setVisible(false);
    showEmpty(message.isEmpty() ? tr("Score a target to see how likelihood and reach change with the "
                                     "audience size.")
                                : message);
}

void PropensityChart::setQuality(const audience::AudienceQuality &q)
{
    if (q.eligible <= 0 || q.likelihoodAtCut.empty()) {
        clear(tr("Nobody could be scored for this target."));
        return;
    }
    clearGraphs();
    QCustomPlot *p = plot();
    addSeries(p, p->yAxis, tr("Expected reach"), q.expectedShare, QPen(palette::series(0), 3.0));
    if (!q.backtestGain.empty() && !q.backtest.empty() && q.backtest.front().positives > 0) {
        addSeries(p, p->yAxis, tr("Backtest gain"), q.backtestGain,
                  QPen(palette::series(2), 1.8, Qt::DashDotLine));
    }
    addSeries(p, p->yAxis2, tr("Likelihood at cut"), q.likelihoodAtCut, QPen(palette::series(1), 1.8));
    addSeries(p, p->yAxis2, tr("Avg. likelihood"), q.averageLikelihood, QPen(palette::series(3), 1.8));
    addSeries(p, p->yAxis, tr("Random"), {0.0, 1.0}, QPen(palette::reference(), 1.4, Qt::DashLine));
    const double top = q.likelihoodAtCut.front() * 100.0;
    setRightAxis(tr("Likelihood to engage"), std::max(1.0, top * 1.1), true);
    p->legend->setVisible(true);
    m_line->setVisible(true);
    m_label->setVisible(true);
    replot();
    setMarker(m_marker);
}

void PropensityChart::setMarker(double percent)
{
    m_marker = std::clamp(percent, 0.0, 100.0);
    m_line->point1->setCoords(m_marker, 0);
    m_line->point2->setCoords(m_marker, 1);
    // The label stays inside the plot: left of the line past the middle.
    const bool right = m_marker < 60;
    m_label->setPositionAlignment((right ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignTop);
    m_label->position->setCoords(m_marker + (right ? 0.8 : -0.8), 0.04);
    m_label->setText(tr("Top %1%").arg(m_marker, 0, 'g', m_marker < 10 ? 2 : 3));
    if (isVisible() && !isEmpty()) {
        plot()->layer(kMarkerLayer)->replot();
    }
}

} // namespace awb::ui
