// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/CalibrationChart.h"

#include "charts/ChartPalette.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace awb::ui {

namespace {
// The axes' common upper end: the largest value with some room, rounded up to a multiple of 5 %.
double axisMax(double largestPercent)
{
    return std::clamp(std::ceil(largestPercent * 1.1 / 5.0) * 5.0, 5.0, 100.0);
}
} // namespace

CalibrationChart::CalibrationChart(QWidget *parent) : ChartView(parent)
{
    setObjectName(QStringLiteral("calibrationChart"));
    setTitle(tr("Calibration"));
    setAxes(tr("Predicted probability"), 100, tr("Observed engagement rate"), 100, true);
    clear();
}

void CalibrationChart::clear(const QString &message)
{
    showEmpty(message.isEmpty() ? tr("Train a model to compare its probabilities with what happened.")
                                : message);
}

void CalibrationChart::setBins(const QString &name, const std::vector<CalibrationPoint> &bins)
{
    QVector<double> x;
    QVector<double> y;
    double largest = 0;
    for (const CalibrationPoint &bin : bins) {
        if (bin.count == 0) {
            continue;
        }
        x << 100.0 * bin.predicted;
        y << 100.0 * bin.observed;
        largest = std::max({largest, x.back(), y.back()});
    }
    if (x.isEmpty()) {
        clear();
        return;
    }
    clearGraphs();
    const double max = axisMax(largest);
    setAxes(tr("Predicted probability"), max, tr("Observed engagement rate"), max, true);
    QCustomPlot *p = plot();
    QCPGraph *graph = p->addGraph();
    graph->setName(name);
    graph->setData(x, y, true);
    graph->setPen(QPen(palette::series(0), 2.0));
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, palette::series(0), Qt::white, 7));
    QCPGraph *diagonal = p->addGraph();
    diagonal->setName(tr("Perfectly calibrated"));
    diagonal->setData({0.0, max}, {0.0, max}, true);
    diagonal->setPen(QPen(palette::reference(), 1.4, Qt::DashLine));
    p->legend->setVisible(true);
    p->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    replot();
}

} // namespace awb::ui
