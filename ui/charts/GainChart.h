// SPDX-License-Identifier: GPL-3.0-or-later
// Cumulative gain: the share of engagers found within the top x % of the audience, per score, against
// the random diagonal.
#pragma once

#include "charts/ChartView.h"

#include <vector>

namespace awb::ui {

struct GainSeries
{
    QString name;
    /// Share of all engagers (0..1) found in the top i % of profiles, for i = 0..100 (101 points; any
    /// other count n is spread evenly over 0..100 %).
    std::vector<double> gain;
};

class GainChart : public ChartView
{
    Q_OBJECT
public:
    explicit GainChart(QWidget *parent = nullptr);

    /// Draws the series (the first one, the model, emphasised; colours from the palette in order) and
    /// the random diagonal as the last graph. An empty list shows the empty message.
    void setSeries(const std::vector<GainSeries> &series);
    /// Shows the empty state: message, or the default invitation to train a model.
    void clear(const QString &message = {});
};

} // namespace awb::ui
