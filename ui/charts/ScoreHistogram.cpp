// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/ScoreHistogram.h"

#include "charts/ChartPalette.h"

#include <qcustomplot.h>

#include <algorithm>

namespace awb::ui {

ScoreHistogram::ScoreHistogram(QWidget *parent) : ChartView(parent)
{
    setObjectName(QStringLiteral("scoreHistogram"));
    setTitle(tr("Likelihoods (blue: in the audience)"));
    setAxes(tr("Likelihood to engage (%)"), 10, tr("People"), 1, false);
    QCustomPlot *p = plot();
    m_out = new QCPBars(p->xAxis, p->yAxis);
    m_out->setName(tr("Left out"));
    m_out->setPen(Qt::NoPen);
    m_out->setBrush(palette::reference().lighter(125));
    m_in = new QCPBars(p->xAxis, p->yAxis);
    m_in->setName(tr("In the audience"));
    m_in->setPen(Qt::NoPen);
    m_in->setBrush(palette::series(0));
    clear();
}

void ScoreHistogram::clear(const QString &message)
{
    m_edges.clear();
    m_counts.clear();
    m_in->data()->clear();
    m_out->data()->clear();
    m_highlighted = 0;
    showEmpty(message.isEmpty() ? tr("Score a target to see how its likelihoods are spread.") : message);
}

void ScoreHistogram::setBins(const std::vector<double> &edges, const std::vector<std::int64_t> &counts)
{
    if (counts.empty() || edges.size() != counts.size() + 1) {
        clear(tr("Nobody could be scored for this target."));
        return;
    }
    clearGraphs();
    m_edges = edges;
    m_counts = counts;
    QCustomPlot *p = plot();
    const double xMax = std::max(edges.back() * 100.0, 1e-6);
    const auto yMax = static_cast<double>(*std::max_element(counts.begin(), counts.end()));
    setAxes(tr("Likelihood to engage (%)"), xMax, tr("People"), std::max(1.0, yMax * 1.08), false);
    p->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    p->xAxis->setNumberFormat(QStringLiteral("g"));
    const double width = (edges[1] - edges[0]) * 100.0;
    m_in->setWidth(width * 0.92);
    m_out->setWidth(width * 0.92);
    fill();
}

void ScoreHistogram::setCut(double likelihood)
{
    m_cut = likelihood;
    if (!m_counts.empty()) {
        fill();
    }
}

void ScoreHistogram::fill()
{
    QVector<double> inX;
    QVector<double> inY;
    QVector<double> outX;
    QVector<double> outY;
    m_highlighted = 0;
    for (std::size_t b = 0; b < m_counts.size(); ++b) {
        const double centre = (m_edges[b] + m_edges[b + 1]) * 50.0;
        const auto count = static_cast<double>(m_counts[b]);
        // A bin belongs to the audience when its upper edge reaches the cut.
        if (m_edges[b + 1] >= m_cut) {
            inX << centre;
            inY << count;
            ++m_highlighted;
        } else {
            outX << centre;
            outY << count;
        }
    }
    m_in->setData(inX, inY, true);
    m_out->setData(outX, outY, true);
    replot();
}

} // namespace awb::ui
