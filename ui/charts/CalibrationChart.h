// SPDX-License-Identifier: GPL-3.0-or-later
// Calibration: the observed engagement rate against the mean predicted probability per score bin, with
// the diagonal of perfect calibration.
#pragma once

#include "charts/ChartView.h"

#include <cstddef>
#include <vector>

namespace awb::ui {

struct CalibrationPoint
{
    double predicted = 0;  ///< mean predicted probability in the bin (0..1)
    double observed = 0;   ///< share of the bin's profiles that engaged (0..1)
    std::size_t count = 0; ///< profiles in the bin; empty bins are not drawn
};

class CalibrationChart : public ChartView
{
    Q_OBJECT
public:
    explicit CalibrationChart(QWidget *parent = nullptr);

    /// Draws the bins of one score as points joined by a line, then the diagonal. Both axes share one
    /// range, fitted to the data (so the diagonal stays at 45 degrees). No non-empty bin: the empty message.
    void setBins(const QString &name, const std::vector<CalibrationPoint> &bins);
    /// Shows the empty state: message, or the default invitation to train a model.
    void clear(const QString &message = {});
};

} // namespace awb::ui
