// SPDX-License-Identifier: GPL-3.0-or-later
// The wrapper every chart derives from: owns the QCustomPlot, its styling, an empty-state message and
// PNG / PDF export. Charts receive value structs; they never query anything.
#pragma once

#include <QWidget>

class QCustomPlot;
class QCPItemText;
class QCPTextElement;

namespace awb::ui {

class ChartView : public QWidget
{
    Q_OBJECT
public:
    explicit ChartView(QWidget *parent = nullptr);
    ~ChartView() override;

    /// The title drawn inside the plot (so that exports carry it).
    void setTitle(const QString &title);
    /// Exports the current picture; width / height 0 = the widget's size. False when the file can't be
    /// written.
    bool savePng(const QString &path, int width = 0, int height = 0);
    bool savePdf(const QString &path, int width = 0, int height = 0);

    /// What is drawn, for tests and accessibility: graphs (lines) with their names and point counts.
    int graphCount() const;
    QString graphName(int graph) const;
    int pointCount(int graph) const;
    /// True while the chart shows its empty-state message instead of data.
    bool isEmpty() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    QCustomPlot *plot() const { return m_plot; }
    /// Removes every graph and shows message in the middle of the plot.
    void showEmpty(const QString &message);
    /// Removes every graph and the empty message: the subclass then adds its graphs and calls replot().
    void clearGraphs();
    /// Axis labels and fixed ranges [0, max]; tick labels get a % sign when percent is set (the values are
    /// then already in percent).
    void setAxes(const QString &xLabel, double xMax, const QString &yLabel, double yMax, bool percent);
    /// The right-hand y axis (hidden until called): label, fixed range [0, max], % ticks like setAxes.
    void setRightAxis(const QString &label, double max, bool percent);
    /// Moves the legend out of the plot to a row below it, columns entries to a row (for charts whose
    /// curves fill the plot).
    void placeLegendBelow(int columns);
    /// One queued replot per update.
    void replot();
    void contextMenuEvent(QContextMenuEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void exportDialog(bool pdf);
    /// Breaks the empty-state message into lines that fit the plot's current width.
    void wrapEmptyText();
    /// Breaks the title into lines that fit the widget's width; whether its text changed.
    bool wrapTitle();

    QCustomPlot *m_plot;
    QCPTextElement *m_title = nullptr;
    QString m_titleText;
    QCPItemText *m_emptyText = nullptr;
    QString m_emptyMessage;
    bool m_empty = true;
};

} // namespace awb::ui
