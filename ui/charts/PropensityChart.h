// SPDX-License-Identifier: GPL-3.0-or-later
// The size picker's chart: for every audience size (percent of eligible profiles), the likelihood at the
// cut, the audience's average likelihood, the share of expected engagers it holds, the backtest's actual
// gain and the random diagonal, with a vertical marker at the chosen size.
#pragma once

#include "charts/ChartView.h"

#include <vector>

class QCPItemStraightLine;
class QCPItemText;

namespace awb::audience {
struct AudienceQuality;
}

namespace awb::ui {

class PropensityChart : public ChartView
{
    Q_OBJECT
public:
    explicit PropensityChart(QWidget *parent = nullptr);

    /// Draws the series of a scored population (AudienceQuality's 101-point arrays): shares on the left
    /// axis, likelihoods on the right one. No eligible profile: the empty message.
    void setQuality(const audience::AudienceQuality &quality);
    /// Moves the marker to an audience size in percent of the eligible profiles (0..100). Only the marker's
    /// layer is redrawn: cheap enough for every slider step.
    void setMarker(double percent);
    double marker() const { return m_marker; }
    /// Shows the empty state: message, or the default invitation to score a target.
    void clear(const QString &message = {});

private:
    QCPItemStraightLine *m_line;
    QCPItemText *m_label;
    double m_marker = 0;
};

} // namespace awb::ui
