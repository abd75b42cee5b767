// SPDX-License-Identifier: GPL-3.0-or-later
// The builder's read-outs beside the rule: the live count and share of all profiles (or the progress of
// computing the traits), then tabs with a preview of the first matching profiles, the RFM grid heat map and
// the overlap with another saved segment.
#pragma once

#include "segments/LiveEvaluation.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;

namespace awb::ui {

class AsOfPicker;
class PreviewModel;
class RfmHeatMap;

class SegmentInsights : public QWidget
{
    Q_OBJECT
public:
    enum class Tab
    {
        Preview,
        Rfm,
        Overlap,
    };

    explicit SegmentInsights(QWidget *parent = nullptr);

    /// Computing the traits: progress (total 0 = unknown) with a Cancel button.
    void showLoading(qint64 done, qint64 total, const QString &stage);
    /// A message instead of a count (no workspace, a failed load, a rule to fix); error shows it in red.
    void showMessage(const QString &text, bool error);
    /// The rule changed: the count shown is about to be replaced.
    void showPending();
    void showResult(const EvaluationResult &result, const RuleVocabulary *vocabulary);

    /// Saved segments to compare with (the one being edited left out).
    void setSegments(const QStringList &names);
    QString overlapWith() const;
    void setOverlapWith(const QString &name);
    void showTab(Tab tab);

    QString countText() const;
    QString shareText() const;
    QString messageText() const;
    QString overlapText() const;
    RfmHeatMap *heatMap() const { return m_heatMap; }
    /// When the traits are computed (now or a past day), beside the count.
    AsOfPicker *asOfPicker() const { return m_asOf; }
    PreviewModel *preview() const { return m_preview; }

signals:
    void overlapChanged();
    void rfmCellClicked(int recency, int frequency);
    void cancelRequested();

private:
    QWidget *createCountCard();
    QWidget *createOverlapTab();

    QLabel *m_count;
    AsOfPicker *m_asOf;
    QLabel *m_share;
    QProgressBar *m_bar;
    QLabel *m_message;
    QPushButton *m_cancel;
    QTabWidget *m_tabs;
    PreviewModel *m_preview;
    QTableView *m_previewView;
    RfmHeatMap *m_heatMap;
    QLabel *m_rfmNote;
    QComboBox *m_overlapWith;
    QLabel *m_overlap;
};

} // namespace awb::ui
