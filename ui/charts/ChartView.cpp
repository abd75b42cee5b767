// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/ChartView.h"

#include "charts/ChartPalette.h"

#include <QContextMenuEvent>
#include <QFileDialog>
#include <QFontMetrics>
#include <QMenu>
#include <QVBoxLayout>

#include <qcustomplot.h>

namespace awb::ui {

namespace {

// Tick labels with a percent sign; the values are already percentages.
class PercentTicker : public QCPAxisTicker
{
protected:
    QString getTickLabel(double tick, const QLocale &locale, QChar formatChar, int precision) override
    {
        return QCPAxisTicker::getTickLabel(tick, locale, formatChar, precision) + QLatin1Char('%');
    }
};

// A widget that was never shown can get a resize to an empty size (QWidget::grab sends pending resizes to
// hidden children); QCustomPlot would replot into empty paint buffers and warn.
class Plot : public QCustomPlot
{
public:
    using QCustomPlot::QCustomPlot;

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        if (event->size().isEmpty()) {
            QWidget::resizeEvent(event);
            return;
        }
        QCustomPlot::resizeEvent(event);
    }
};

/// text in lines no wider than width (px) in metrics, broken at spaces; a word wider than that stays whole.
QString wrapped(const QString &text, const QFontMetrics &metrics, int width)
{
    QStringList lines;
    QString line;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString longer = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
        if (!line.isEmpty() && metrics.horizontalAdvance(longer) > width) {
            lines << line;
            line = word;
        } else {
            line = longer;
        }
    }
    lines << line;
    return lines.join(QLatin1Char('\n'));
}

void styleAxis(QCPAxis *axis)
{
    axis->setBasePen(QPen(palette::reference()));
    axis->setTickPen(QPen(palette::reference()));
    axis->setSubTickPen(Qt::NoPen);
    axis->setTickLabelColor(palette::text());
    axis->setLabelColor(palette::text());
    axis->grid()->setPen(QPen(palette::grid(), 1));
    axis->grid()->setZeroLinePen(Qt::NoPen);
}

} // namespace

ChartView::ChartView(QWidget *parent) : QWidget(parent), m_plot(new Plot(this))
{
    m_plot->setObjectName(QStringLiteral("chartPlot"));
    m_plot->setBackground(QBrush(Qt::white));
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->setAntialiasedElements(QCP::aeAll);
    styleAxis(m_plot->xAxis);
    styleAxis(m_plot->yAxis);
    // Room for the last x tick label: QCustomPlot drops labels that would leave the widget.
    m_plot->axisRect()->setMinimumMargins(QMargins(12, 12, 28, 12));
    m_plot->legend->setBorderPen(QPen(palette::grid()));
    m_plot->legend->setBrush(QBrush(QColor(255, 255, 255, 230)));
    m_plot->legend->setTextColor(palette::text());

    m_emptyText = new QCPItemText(m_plot);
    m_emptyText->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_emptyText->position->setCoords(0.5, 0.5);
    m_emptyText->setColor(palette::mutedText());
    m_emptyText->setTextAlignment(Qt::AlignCenter);
    m_emptyText->setVisible(false);
    // Re-wrapped once the plot knows its size, before it draws: a long message is never cut at the edges.
    connect(m_plot, &QCustomPlot::afterLayout, this, &ChartView::wrapEmptyText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
}

ChartView::~ChartView() = default;

void ChartView::setTitle(const QString &title)
{
    if (!m_title) {
        m_plot->plotLayout()->insertRow(0);
        QFont font = this->font();
        font.setBold(true);
        m_title = new QCPTextElement(m_plot, title, font);
        m_title->setTextColor(palette::text());
        m_plot->plotLayout()->addElement(0, 0, m_title);
    }
    m_titleText = title;
    wrapTitle();
    replot();
}

bool ChartView::wrapTitle()
{
    if (!m_title) {
        return false;
    }
    constexpr int kPadding = 8; // px kept free on each side of the title
    const QString text =
        wrapped(m_titleText, QFontMetrics(m_title->font()), qMax(80, width() - 2 * kPadding));
    if (text == m_title->text()) {
        return false;
    }
    m_title->setText(text);
    return true;
}

bool ChartView::savePng(const QString &path, int width, int height)
{
    return m_plot->savePng(path, width, height);
}

bool ChartView::savePdf(const QString &path, int width, int height)
{
    return m_plot->savePdf(path, width, height);
}

int ChartView::graphCount() const
{
    return m_plot->graphCount();
}

QString ChartView::graphName(int graph) const
{
    return graph >= 0 && graph < m_plot->graphCount() ? m_plot->graph(graph)->name() : QString();
}

int ChartView::pointCount(int graph) const
{
    return graph >= 0 && graph < m_plot->graphCount() ? m_plot->graph(graph)->data()->size() : 0;
}

bool ChartView::isEmpty() const
{
    return m_empty;
}

QSize ChartView::sizeHint() const
{
    return {420, 300};
}

QSize ChartView::minimumSizeHint() const
{
    return {240, 180};
}

void ChartView::showEmpty(const QString &message)
{
    clearGraphs();
    m_empty = true;
    m_plot->legend->setVisible(false);
    m_emptyMessage = message;
    m_emptyText->setText(message);
    m_emptyText->setVisible(true);
    replot();
}

void ChartView::wrapEmptyText()
{
    if (!m_emptyText->visible()) {
        return;
    }
    constexpr int kPadding = 16; // px kept free on each side of the message
    const int width = m_plot->axisRect()->width() - 2 * kPadding;
    m_emptyText->setText(wrapped(m_emptyMessage, QFontMetrics(m_emptyText->font()), qMax(80, width)));
}

void ChartView::clearGraphs()
{
    m_plot->clearGraphs();
    m_emptyText->setVisible(false);
    m_empty = false;
}

void ChartView::setAxes(const QString &xLabel, double xMax, const QString &yLabel, double yMax, bool percent)
{
    m_plot->xAxis->setLabel(xLabel);
    m_plot->yAxis->setLabel(yLabel);
    m_plot->xAxis->setRange(0, xMax);
    m_plot->yAxis->setRange(0, yMax);
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setTicker(percent ? QSharedPointer<QCPAxisTicker>(new PercentTicker)
                                : QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        axis->ticker()->setTickCount(5);
    }
}

void ChartView::setRightAxis(const QString &label, double max, bool percent)
{
    QCPAxis *axis = m_plot->yAxis2;
    if (!axis->visible()) {
        styleAxis(axis);
        axis->grid()->setVisible(false);
        axis->setVisible(true);
    }
    axis->setLabel(label);
    axis->setRange(0, max);
    axis->setTicker(percent ? QSharedPointer<QCPAxisTicker>(new PercentTicker)
                            : QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    axis->ticker()->setTickCount(5);
}

void ChartView::placeLegendBelow(int columns)
{
    auto *row = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(m_plot->plotLayout()->rowCount(), 0, row);
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    row->addElement(0, 0, m_plot->legend);
    row->setMargins(QMargins(0, 0, 0, 4));
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setWrap(columns);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->plotLayout()->setRowStretchFactor(m_plot->plotLayout()->rowCount() - 1, 0.001);
}

void ChartView::replot()
{
    // The charts here change once per result (not per slider step), so the buffers are redrawn at once
    // and only the repaint is queued: a grab or an export right after an update shows the new data. A
    // hidden or not yet laid out plot has no paint buffer to draw into: showEvent() replots it.
    if (m_plot->isVisible() && !m_plot->size().isEmpty()) {
        m_plot->replot(QCustomPlot::rpQueuedRefresh);
    }
}

void ChartView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_plot->replot(QCustomPlot::rpQueuedRefresh);
}

void ChartView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // A narrow chart (900 x 600 windows) would cut a one-line title at both ends.
    if (wrapTitle()) {
        replot();
    }
}

void ChartView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    menu.addAction(tr("Save as PNG…"), this, [this] { exportDialog(false); });
    menu.addAction(tr("Save as PDF…"), this, [this] { exportDialog(true); });
    menu.exec(event->globalPos());
}

void ChartView::exportDialog(bool pdf)
{
    const QString filter = pdf ? tr("PDF files (*.pdf)") : tr("PNG images (*.png)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Save chart"), QString(), filter);
    if (!path.isEmpty()) {
        pdf ? savePdf(path) : savePng(path);
    }
}

} // namespace awb::ui
