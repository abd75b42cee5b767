// SPDX-License-Identifier: GPL-3.0-or-later
// How the scores are spread (Braze-style): people per likelihood bin, the bins inside the audience (at or
// above the likelihood at the cut) highlighted.
#pragma once

#include "charts/ChartView.h"

#include <cstdint>
#include <vector>

class QCPBars;

namespace awb::ui {

class ScoreHistogram : public ChartView
{
    Q_OBJECT
public:
    explicit ScoreHistogram(QWidget *parent = nullptr);

    /// edges: counts.size() + 1 likelihoods (0..1) bounding equal-width bins. Empty: the empty message.
    void setBins(const std::vector<double> &edges, const std::vector<std::int64_t> &counts);
    /// Highlights the bins whose upper edge is at or above the likelihood at the cut (0..1); redraws at once.
    void setCut(double likelihood);
    /// Bars drawn as in the audience (for tests).
    int highlightedBins() const { return m_highlighted; }
    void clear(const QString &message = {});

private:
    void fill();

    QCPBars *m_in = nullptr;
    QCPBars *m_out = nullptr;
    std::vector<double> m_edges;
    std::vector<std::int64_t> m_counts;
    double m_cut = 1.0;
    int m_highlighted = 0;
};

} // namespace awb::ui
