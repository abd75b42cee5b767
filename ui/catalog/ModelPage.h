// SPDX-License-Identifier: GPL-3.0-or-later
// The Model tab: pick a target (a column value or a product) and a horizon, train and score in the
// background, then show the backtest quality against the baselines with gain and calibration charts.
#pragma once

#include "catalog/CatalogValuesModel.h"
#include "services/ScoringService.h"

#include <QElapsedTimer>
#include <QWidget>

#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QTableView;

namespace awb::ui {

class CalibrationChart;
class GainChart;
class JobRunner;
class QualityTableModel;

class ModelPage : public QWidget
{
    Q_OBJECT
public:
    explicit ModelPage(QWidget *parent = nullptr);
    ~ModelPage() override;

    /// The workspace and its catalog's column values to pick targets from; clears any previous result
    /// when the workspace changes. A running job is cancelled.
    void setCatalog(const QString &workspacePath, std::vector<ColumnValues> columns);
    /// Selects a column-value target (typing the value when it is not among the listed ones).
    void setTarget(const QString &column, const QString &value);
    void setProductTarget(const QString &productId);
    /// 7, 14, 30, 60 or 90.
    void setHorizonDays(int days);
    /// Starts "Train and score" for the current target; false (with a message) when there is none or a
    /// job runs.
    bool train();
    void cancel();

    JobRunner &job() const { return *m_job; }
    QualityTableModel *qualityModel() const { return m_quality; }
    GainChart *gainChart() const { return m_gain; }
    CalibrationChart *calibrationChart() const { return m_calibration; }
    const std::optional<services::ScoreResult> &result() const { return m_result; }

signals:
    /// A training run ended with a result shown.
    void resultShown();

private:
    QWidget *createTargetBar();
    void connectJob();
    void fillValues();
    std::optional<services::ScoreRequest> request() const;
    void onFinished();
    void onStopped(const QString &message, bool isError);
    void setRunning(bool running);
    void showResult(const services::ScoreResult &result);

    QString m_path;
    std::vector<ColumnValues> m_columns;
    std::optional<services::ScoreResult> m_result;
    JobRunner *m_job;
    QElapsedTimer m_clock;
    QRadioButton *m_byValue;
    QRadioButton *m_byProduct;
    QComboBox *m_column;
    QComboBox *m_value;
    QLineEdit *m_product;
    QComboBox *m_horizon;
    QPushButton *m_train;
    QPushButton *m_cancel;
    QProgressBar *m_bar;
    QLabel *m_status;
    QLabel *m_summary;
    QLabel *m_note;
    QualityTableModel *m_quality;
    QTableView *m_qualityView;
    GainChart *m_gain;
    CalibrationChart *m_calibration;
};

} // namespace awb::ui
