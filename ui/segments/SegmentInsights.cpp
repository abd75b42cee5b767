// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/SegmentInsights.h"

#include "charts/ChartPalette.h"
#include "jobs/ProgressBarSteps.h"
#include "models/DisplayFormat.h"
#include "segments/AsOfPicker.h"
#include "segments/PreviewModel.h"
#include "segments/RfmHeatMap.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace awb::ui {

namespace {

QString muted(const QString &css = {})
{
    return QStringLiteral("color: %1; %2").arg(palette::mutedText().name(), css);
}
} // namespace

SegmentInsights::SegmentInsights(QWidget *parent)
    : QWidget(parent), m_count(new QLabel(this)), m_asOf(new AsOfPicker(this)), m_share(new QLabel(this)),
      m_bar(new QProgressBar(this)), m_message(new QLabel(this)),
      m_cancel(new QPushButton(tr("Cancel"), this)), m_tabs(new QTabWidget(this)),
      m_preview(new PreviewModel(this)), m_previewView(new QTableView(this)), m_heatMap(new RfmHeatMap(this)),
      m_rfmNote(new QLabel(this)), m_overlapWith(new QComboBox(this)), m_overlap(new QLabel(this))
{
    setObjectName(QStringLiteral("segmentInsights"));
    m_previewView->setObjectName(QStringLiteral("previewView"));
    m_previewView->setModel(m_preview);
    m_previewView->verticalHeader()->hide();
    m_previewView->verticalHeader()->setDefaultSectionSize(m_previewView->fontMetrics().height() + 8);
    m_previewView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_previewView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_previewView->horizontalHeader()->setStretchLastSection(true);
    m_previewView->setToolTip(tr("The first matching profiles (by profile id)"));
    auto *rfmPage = new QWidget(this);
    auto *rfmLayout = new QVBoxLayout(rfmPage);
    rfmLayout->setContentsMargins(0, 4, 0, 0);
    m_heatMap->setMinimumSize(240, 200);
    rfmLayout->addWidget(m_heatMap, 1);
    m_rfmNote->setObjectName(QStringLiteral("rfmNoteLabel"));
    m_rfmNote->setWordWrap(true);
    m_rfmNote->setStyleSheet(muted());
    rfmLayout->addWidget(m_rfmNote);
    m_tabs->setObjectName(QStringLiteral("insightTabs"));
    m_tabs->addTab(m_previewView, tr("Preview"));
    m_tabs->addTab(rfmPage, tr("RFM grid"));
    m_tabs->addTab(createOverlapTab(), tr("Overlap"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(createCountCard());
    layout->addWidget(m_tabs, 1);

    connect(m_cancel, &QPushButton::clicked, this, &SegmentInsights::cancelRequested);
    connect(m_heatMap, &RfmHeatMap::cellClicked, this, &SegmentInsights::rfmCellClicked);
    connect(m_overlapWith, &QComboBox::activated, this, &SegmentInsights::overlapChanged);
    showMessage(tr("Open a workspace to build segments."), false);
}

QWidget *SegmentInsights::createCountCard()
{
    auto *card = new QFrame(this);
    card->setObjectName(QStringLiteral("countCard"));
    card->setStyleSheet(QStringLiteral("QFrame#countCard { background: #f9fafb; border: 1px solid %1; "
                                       "border-radius: 6px; }")
                            .arg(palette::grid().name()));
    m_count->setObjectName(QStringLiteral("countLabel"));
    m_count->setTextFormat(Qt::RichText);
    m_share->setObjectName(QStringLiteral("shareLabel"));
    m_share->setStyleSheet(muted());
    m_bar->setObjectName(QStringLiteral("shareBar"));
    m_bar->setRange(0, kProgressBarSteps);
    m_bar->setTextVisible(false);
    m_bar->setFixedHeight(8);
    m_message->setObjectName(QStringLiteral("countMessageLabel"));
    m_message->setWordWrap(true);
    m_cancel->setObjectName(QStringLiteral("cancelTraitsButton"));
    m_cancel->hide();
    auto *top = new QHBoxLayout;
    top->addWidget(m_count, 1);
    top->addWidget(m_cancel, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(card);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(4);
    layout->addLayout(top);
    // A row of its own: "as of the last event, 2026-10-31 (UTC)" is cut beside the count in a narrow window.
    layout->addWidget(m_asOf, 0, Qt::AlignLeft);
    layout->addWidget(m_share);
    layout->addWidget(m_bar);
    layout->addWidget(m_message);
    return card;
}

QWidget *SegmentInsights::createOverlapTab()
{
    auto *page = new QWidget(this);
    m_overlapWith->setObjectName(QStringLiteral("overlapCombo"));
    m_overlapWith->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_overlapWith->setMinimumContentsLength(16);
    m_overlap->setObjectName(QStringLiteral("overlapLabel"));
    m_overlap->setTextFormat(Qt::RichText);
    m_overlap->setWordWrap(true);
    m_overlap->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto *form = new QFormLayout;
    form->addRow(tr("Compare with"), m_overlapWith);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(m_overlap, 1);
    return page;
}

void SegmentInsights::showLoading(qint64 done, qint64 total, const QString &stage)
{
    m_count->setText(QStringLiteral("<span style=\"font-size:x-large; color:%1\"><b>…</b></span>")
                         .arg(palette::mutedText().name()));
    m_share->setText(stage.isEmpty() ? tr("Computing the traits of every profile…")
                                     : stage + QStringLiteral("…"));
    showJobProgress(m_bar, done, total);
    m_message->setStyleSheet(muted());
    m_message->setText(tr("This happens once per workspace; counts then update as you edit."));
    m_cancel->show();
}

void SegmentInsights::showMessage(const QString &text, bool error)
{
    m_cancel->hide();
    m_bar->setRange(0, kProgressBarSteps);
    m_bar->setValue(0);
    m_count->setText(QStringLiteral("<span style=\"font-size:x-large; color:%1\"><b>–</b></span>")
                         .arg(palette::mutedText().name()));
    m_share->clear();
    m_message->setStyleSheet(error ? QStringLiteral("color: %1;").arg(palette::error().name()) : muted());
    m_message->setText(text);
    m_preview->clear();
    m_heatMap->clear();
    m_rfmNote->clear();
    m_overlap->clear();
}

void SegmentInsights::showPending()
{
    m_message->setStyleSheet(muted());
    m_message->setText(tr("Counting…"));
}

void SegmentInsights::showResult(const EvaluationResult &result, const RuleVocabulary *vocabulary)
{
    if (result.error) {
        showMessage(
            tr("Fix the rule to see the count: %1").arg(QString::fromStdString(result.error->message)), true);
        return;
    }
    m_cancel->hide();
    const services::SegmentCount &c = result.count;
    m_count->setText(format::plural(c.matching,
                                    tr("<span style=\"font-size:x-large\"><b>%1</b></span> person"),
                                    tr("<span style=\"font-size:x-large\"><b>%1</b></span> people")));
    // Who can be reached among them: guests and anonymous visitors are people, but not customers to mail.
    m_share->setText(tr("%1 of %2 · %3 identified · %4 reachable by e-mail")
                         .arg(format::percent(c.share),
                              format::plural(c.profiles, tr("%1 profile"), tr("%1 profiles")),
                              format::count(c.identified), format::count(c.reachableByEmail)));
    m_share->setToolTip(
        tr("Identified: people with a user id (known customers, not guests or anonymous "
           "visitors). Reachable by e-mail: an e-mail address, not on the suppression list, and e-mail consent "
           "not refused."));
    m_bar->setRange(0, kProgressBarSteps);
    m_bar->setValue(static_cast<int>(std::lround(c.share * kProgressBarSteps)));
    m_message->setStyleSheet(muted());
    m_message->setText(tr("Traits %1.").arg(AsOfPicker::describe(m_asOf->asOf(), c.nowMs)));
    m_preview->setRows(result.preview, result.previewTraits, vocabulary);
    m_previewView->resizeColumnsToContents();
    m_heatMap->setGrid(result.rfm);
    QStringList rfmNotes;
    if (result.withoutRfm > 0) {
        rfmNotes << format::plural(result.withoutRfm,
                                   tr("%1 of the matching people has no orders, so no RFM scores."),
                                   tr("%1 of the matching people have no orders, so no RFM scores."));
    }
    if (result.frequencyScores > 0 && result.frequencyScores < 5) {
        // The tie rule gives equal order counts one score and never skips one: columns past the last
        // used score stay empty for everyone, not for lack of matching people.
        rfmNotes << tr("Frequency separates the buyers into only %1 scores (F1 to F%2): most of them have the "
                       "same few order counts, and equal counts share a score.")
                        .arg(result.frequencyScores)
                        .arg(result.frequencyScores);
    }
    m_rfmNote->setText(rfmNotes.join(QLatin1Char(' ')));
    if (result.overlapWith.empty()) {
        m_overlap->setText(
            QStringLiteral("<span style=\"color:%1\">%2</span>")
                .arg(palette::mutedText().name(), m_overlapWith->count() == 0
                                                      ? tr("Save another segment to compare with it.")
                                                      : tr("Choose a saved segment.")));
    } else if (result.overlapError) {
        m_overlap->setText(QString::fromStdString(result.overlapError->message).toHtmlEscaped());
    } else {
        const services::SegmentOverlap &o = *result.overlap;
        const QString other = QString::fromStdString(result.overlapWith).toHtmlEscaped();
        const auto row = [](const QColor &colour, const QString &label, std::int64_t n) {
            return QStringLiteral("<tr><td><span style=\"color:%1\">■</span> %2</td>"
                                  "<td align=\"right\">&nbsp;&nbsp;<b>%3</b></td></tr>")
                .arg(colour.name(), label, format::count(n));
        };
        const std::int64_t mine = o.both + o.onlyA;
        const QString share =
            mine > 0
                ? tr("%1 of this segment is also in %2.")
                      .arg(format::percent(static_cast<double>(o.both) / static_cast<double>(mine)), other)
                : QString();
        m_overlap->setText(
            QStringLiteral("<table cellpadding=\"3\">%1%2%3</table><p style=\"color:%4\">%5</p>")
                .arg(row(palette::series(3), tr("In both"), o.both),
                     row(palette::series(0), tr("Only in this segment"), o.onlyA),
                     row(palette::series(1), tr("Only in %1").arg(other), o.onlyB),
                     palette::mutedText().name(), share));
        m_overlap->setAccessibleName(tr("both %1, only this %2, only %3 %4")
                                         .arg(o.both)
                                         .arg(o.onlyA)
                                         .arg(QString::fromStdString(result.overlapWith))
                                         .arg(o.onlyB));
    }
}

void SegmentInsights::setSegments(const QStringList &names)
{
    const QString current = overlapWith();
    m_overlapWith->clear();
    m_overlapWith->addItem(tr("(none)"), QString());
    for (const QString &name : names) {
        m_overlapWith->addItem(name, name);
    }
    m_overlapWith->setCurrentIndex(std::max(0, m_overlapWith->findData(current)));
}

QString SegmentInsights::overlapWith() const
{
    return m_overlapWith->currentData().toString();
}

void SegmentInsights::setOverlapWith(const QString &name)
{
    m_overlapWith->setCurrentIndex(std::max(0, m_overlapWith->findData(name)));
    emit overlapChanged();
}

void SegmentInsights::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(static_cast<int>(tab));
}

QString SegmentInsights::countText() const
{
    return m_count->text();
}

QString SegmentInsights::shareText() const
{
    return m_share->text();
}

QString SegmentInsights::messageText() const
{
    return m_message->text();
}

QString SegmentInsights::overlapText() const
{
    return m_overlap->accessibleName();
}

} // namespace awb::ui
