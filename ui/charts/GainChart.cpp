// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/GainChart.h"

#include "charts/ChartPalette.h"

#include <qcustomplot.h>

namespace awb::ui {

GainChart::GainChart(QWidget *parent) : ChartView(parent)
{
    setObjectName(QStringLiteral("gainChart"));
    setTitle(tr("Cumulative gain"));
    setAxes(tr("Audience (top % of profiles by score)"), 100, tr("Engagers found"), 100, true);
    clear();
}

void GainChart::clear(const QString &message)
{
    showEmpty(message.isEmpty() ? tr("Train a model to see how many engagers each audience size finds.")
                                : message);
}

void GainChart::setSeries(const std::vector<GainSeries> &series)
{
    if (series.empty()) {
        clear();
        return;
    }
    clearGraphs();
    QCustomPlot *p = plot();
    for (std::size_t s = 0; s < series.size(); ++s) {
        const std::vector<double> &gain = series[s].gain;
        QVector<double> x;
        QVector<double> y;
        const double step = gain.size() > 1 ? 100.0 / static_cast<double>(gain.size() - 1) : 0.0;
        for (std::size_t i = 0; i < gain.size(); ++i) {
            x << step * static_cast<double>(i);
            y << 100.0 * gain[i];
        }
        QCPGraph *graph = p->addGraph();
        graph->setName(series[s].name);
        graph->setData(x, y, true);
        graph->setPen(QPen(palette::series(static_cast<int>(s)), s == 0 ? 3.0 : 1.6));
    }
    QCPGraph *random = p->addGraph();
    random->setName(tr("Random"));
    random->setData({0.0, 100.0}, {0.0, 100.0}, true);
    random->setPen(QPen(palette::reference(), 1.4, Qt::DashLine));
    p->legend->setVisible(true);
    p->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    replot();
}

} // namespace awb::ui
