// SPDX-License-Identifier: GPL-3.0-or-later
// The RFM grid as a heat map: people per recency score (rows, 5 = most recent) and frequency score
// (columns, 5 = most orders), the colour growing with the people in a cell, each cell labelled with its
// count and named by its RFM group in a tooltip. Clicking a cell reports its scores.
#pragma once

#include "charts/ChartView.h"

#include <array>
#include <cstdint>
#include <vector>

class QCPColorMap;
class QCPItemText;
class QMouseEvent;

namespace awb::ui {

class RfmHeatMap : public ChartView
{
    Q_OBJECT
public:
    using Grid = std::array<std::array<std::int64_t, 5>, 5>; ///< [recency - 1][frequency - 1]

    explicit RfmHeatMap(QWidget *parent = nullptr);

    void setGrid(const Grid &grid);
    void clear(const QString &message = {});
    const Grid &grid() const { return m_grid; }
    /// The centre of a cell in the coordinates of plotWidget() (scores 1..5).
    QPoint cellCentre(int recency, int frequency) const;
    /// The widget that takes the clicks.
    QWidget *plotWidget() const;

signals:
    void cellClicked(int recency, int frequency);

private:
    /// The scores under a point of the plot widget; false outside the grid.
    bool cellAt(const QPoint &pos, int &recency, int &frequency) const;
    void onMouseMove(QMouseEvent *event);

    QCPColorMap *m_map;
    std::vector<QCPItemText *> m_labels;
    Grid m_grid{};
    bool m_hasData = false;
};

} // namespace awb::ui
