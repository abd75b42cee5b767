// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/ModelPage.h"

#include "catalog/QualityTableModel.h"
#include "charts/CalibrationChart.h"
#include "charts/ChartPalette.h"
#include "charts/GainChart.h"
#include "jobs/JobRunner.h"
#include "jobs/ProgressBarSteps.h"
#include "main/ShowError.h"
#include "models/DisplayFormat.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace awb::ui {

namespace {
constexpr int kHorizons[] = {7, 14, 30, 60, 90};
constexpr int kDefaultHorizon = 30;
} // namespace

ModelPage::ModelPage(QWidget *parent)
    : QWidget(parent), m_job(new JobRunner(this)), m_byValue(new QRadioButton(tr("Column value"), this)),
      m_byProduct(new QRadioButton(tr("Product"), this)), m_column(new QComboBox(this)),
      m_value(new QComboBox(this)), m_product(new QLineEdit(this)), m_horizon(new QComboBox(this)),
      m_train(new QPushButton(tr("Train and score"), this)), m_cancel(new QPushButton(tr("Cancel"), this)),
      m_bar(new QProgressBar(this)), m_status(new QLabel(this)), m_summary(new QLabel(this)),
      m_note(new QLabel(this)), m_quality(new QualityTableModel(this)), m_qualityView(new QTableView(this)),
      m_gain(new GainChart(this)), m_calibration(new CalibrationChart(this))
{
    setObjectName(QStringLiteral("modelPage"));
    m_status->setObjectName(QStringLiteral("modelStatusLabel"));
    m_status->setWordWrap(true);
    m_bar->setObjectName(QStringLiteral("modelProgressBar"));
    m_bar->setRange(0, kProgressBarSteps);
    m_bar->setMaximumWidth(260);
    m_bar->hide();
    m_cancel->setObjectName(QStringLiteral("modelCancelButton"));
    m_cancel->hide();
    m_summary->setObjectName(QStringLiteral("modelSummaryLabel"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_note->setObjectName(QStringLiteral("modelNoteLabel"));
    m_note->setWordWrap(true);
    m_note->setStyleSheet(QStringLiteral("color: %1; background: #fef3c7; border: 1px solid #fcd34d; "
                                         "border-radius: 4px; padding: 6px;")
                              .arg(palette::warning().name()));
    m_note->hide();
    m_qualityView->setObjectName(QStringLiteral("modelQualityView"));
    m_qualityView->setModel(m_quality);
    m_qualityView->verticalHeader()->hide();
    m_qualityView->setSelectionMode(QAbstractItemView::NoSelection);
    m_qualityView->setFocusPolicy(Qt::NoFocus);
    m_qualityView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_qualityView->horizontalHeader()->setSectionResizeMode(QualityTableModel::ScoreColumn,
                                                            QHeaderView::ResizeToContents);
    m_qualityView->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Header plus the four rows (model and three baselines), without scrolling.
    m_qualityView->setFixedHeight(m_qualityView->horizontalHeader()->sizeHint().height() +
                                  4 * m_qualityView->verticalHeader()->defaultSectionSize() + 4);

    auto *run = new QHBoxLayout;
    run->addWidget(m_status, 1);
    run->addWidget(m_bar);
    run->addWidget(m_cancel);
    auto *charts = new QHBoxLayout;
    charts->addWidget(m_gain, 3);
    charts->addWidget(m_calibration, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createTargetBar());
    layout->addLayout(run);
    layout->addWidget(m_summary);
    layout->addWidget(m_note);
    layout->addWidget(m_qualityView);
    layout->addLayout(charts, 1);

    connect(m_train, &QPushButton::clicked, this, &ModelPage::train);
    connect(m_cancel, &QPushButton::clicked, this, &ModelPage::cancel);
    connectJob();
    m_status->setText(tr("Choose what to model, then Train and score."));
}

ModelPage::~ModelPage() = default;

void ModelPage::connectJob()
{
    connect(m_job, &JobRunner::progressChanged, this,
            [this](qint64 done, qint64 total, const QString &stage) {
                if (!m_job->isCancelRequested() && !stage.isEmpty()) {
                    m_status->setText(stage + QStringLiteral("…"));
                }
                showJobProgress(m_bar, done, total);
            });
    connect(m_job, &JobRunner::finished, this, &ModelPage::onFinished);
    connect(m_job, &JobRunner::cancelled, this, [this] { onStopped(tr("Cancelled."), false); });
    connect(m_job, &JobRunner::failed, this, [this](const Error &e) {
        onStopped(QString::fromStdString(e.message), true);
        showError(this, e);
    });
}

QWidget *ModelPage::createTargetBar()
{
    auto *bar = new QWidget(this);
    m_byValue->setObjectName(QStringLiteral("modelByValueRadio"));
    m_byProduct->setObjectName(QStringLiteral("modelByProductRadio"));
    auto *group = new QButtonGroup(bar);
    group->addButton(m_byValue);
    group->addButton(m_byProduct);
    m_byValue->setChecked(true);
    m_column->setObjectName(QStringLiteral("modelColumnCombo"));
    m_value->setObjectName(QStringLiteral("modelValueCombo"));
    m_value->setEditable(true);
    m_value->setInsertPolicy(QComboBox::NoInsert);
    m_value->setMinimumContentsLength(18);
    m_product->setObjectName(QStringLiteral("modelProductEdit"));
    m_product->setPlaceholderText(tr("Product id"));
    m_product->setEnabled(false);
    m_horizon->setObjectName(QStringLiteral("modelHorizonCombo"));
    for (int days : kHorizons) {
        m_horizon->addItem(format::plural(days, tr("%1 day"), tr("%1 days")), days);
    }
    m_horizon->setCurrentIndex(m_horizon->findData(kDefaultHorizon));
    m_train->setObjectName(QStringLiteral("modelTrainButton"));
    m_train->setDefault(true);

    // Two rows, so that the page fits a 900 px window: what to model on the left, when and run on the right.
    auto *layout = new QGridLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_byValue, 0, 0);
    layout->addWidget(m_column, 0, 1);
    layout->addWidget(m_value, 0, 2);
    layout->addWidget(m_byProduct, 1, 0);
    layout->addWidget(m_product, 1, 1, 1, 2);
    layout->setColumnStretch(2, 1);
    layout->setColumnMinimumWidth(3, 12);
    layout->addWidget(new QLabel(tr("Engage within"), bar), 0, 4);
    layout->addWidget(m_horizon, 0, 5);
    layout->addWidget(m_train, 1, 5);

    connect(m_byValue, &QRadioButton::toggled, this, [this](bool byValue) {
        m_column->setEnabled(byValue);
        m_value->setEnabled(byValue);
        m_product->setEnabled(!byValue);
    });
    connect(m_column, &QComboBox::currentIndexChanged, this, &ModelPage::fillValues);
    return bar;
}

void ModelPage::setCatalog(const QString &workspacePath, std::vector<ColumnValues> columns)
{
    if (workspacePath != m_path) {
        cancel();
        m_result.reset();
        m_quality->clear();
        m_gain->clear();
        m_calibration->clear();
        m_summary->clear();
        m_note->hide();
        m_status->setText(tr("Choose what to model, then Train and score."));
    }
    m_path = workspacePath;
    m_columns = std::move(columns);
    const QString current = m_column->currentText();
    const QSignalBlocker blocker(m_column);
    m_column->clear();
    for (const ColumnValues &c : m_columns) {
        m_column->addItem(c.column);
    }
    m_column->setCurrentIndex(qMax(0, m_column->findText(current)));
    fillValues();
    // A catalog without columns can only target products.
    m_byValue->setEnabled(!m_columns.empty());
    if (m_columns.empty()) {
        m_byProduct->setChecked(true);
    }
}

void ModelPage::fillValues()
{
    const QString current = m_value->currentText();
    m_value->clear();
    const int c = m_column->currentIndex();
    if (c < 0 || c >= static_cast<int>(m_columns.size())) {
        return;
    }
    for (const catalog::ValueCount &v : m_columns[static_cast<std::size_t>(c)].values) {
        m_value->addItem(QString::fromStdString(v.value));
        m_value->setItemData(
            m_value->count() - 1,
            tr("%1, %2").arg(format::plural(v.products, tr("%1 product"), tr("%1 products")),
                             format::plural(v.interactions, tr("%1 interaction"), tr("%1 interactions"))),
            Qt::ToolTipRole);
    }
    const int keep = m_value->findText(current);
    m_value->setCurrentIndex(keep >= 0 ? keep : 0);
}

void ModelPage::setTarget(const QString &column, const QString &value)
{
    m_byValue->setChecked(true);
    m_column->setCurrentIndex(qMax(0, m_column->findText(column)));
    const int index = m_value->findText(value);
    if (index >= 0) {
        m_value->setCurrentIndex(index);
    } else {
        m_value->setEditText(value);
    }
}

void ModelPage::setProductTarget(const QString &productId)
{
    m_byProduct->setChecked(true);
    m_product->setText(productId);
}

void ModelPage::setHorizonDays(int days)
{
    m_horizon->setCurrentIndex(qMax(0, m_horizon->findData(days)));
}

std::optional<services::ScoreRequest> ModelPage::request() const
{
    services::ScoreRequest r;
    r.horizonMs = m_horizon->currentData().toLongLong() * services::kDayMs;
    if (m_byProduct->isChecked()) {
        r.target.productId = m_product->text().trimmed().toStdString();
        return r.target.productId.empty() ? std::nullopt : std::optional(r);
    }
    r.target.column = m_column->currentText().toStdString();
    r.target.value = m_value->currentText().trimmed().toStdString();
    return r.target.column.empty() || r.target.value.empty() ? std::nullopt : std::optional(r);
}

bool ModelPage::train()
{
    if (m_job->isRunning() || m_path.isEmpty()) {
        return false;
    }
    const auto r = request();
    if (!r) {
        onStopped(m_byProduct->isChecked() ? tr("Type a product id to model.")
                                           : tr("Choose a column and a value to model."),
                  true);
        return false;
    }
    const std::string path = m_path.toStdString();
    setRunning(true);
    m_clock.start();
    m_status->setStyleSheet({});
    m_status->setText(tr("Training and scoring %1…").arg(QString::fromStdString(r->target.describe())));
    return m_job->start(tr("Training and scoring"), [path, request = *r](ProgressSink &progress) {
        return services::ScoringService(path).score(request, progress);
    });
}

void ModelPage::cancel()
{
    if (m_job->isRunning()) {
        m_job->cancel();
        m_cancel->setEnabled(false);
        m_status->setText(tr("Cancelling…"));
    }
}

void ModelPage::setRunning(bool running)
{
    m_train->setEnabled(!running);
    m_bar->setVisible(running);
    m_bar->setRange(0, 0);
    m_cancel->setVisible(running);
    m_cancel->setEnabled(running);
}

void ModelPage::onFinished()
{
    setRunning(false);
    m_result = m_job->result<services::ScoreResult>();
    showResult(*m_result);
    m_status->setText(tr("Trained and scored in %1 s.").arg(m_clock.elapsed() / 1000.0, 0, 'f', 1));
    emit resultShown();
}

void ModelPage::onStopped(const QString &message, bool isError)
{
    setRunning(false);
    m_status->setStyleSheet(isError ? QStringLiteral("color: %1;").arg(palette::error().name()) : QString());
    m_status->setText(message);
}

void ModelPage::showResult(const services::ScoreResult &result)
{
    const double expected =
        std::accumulate(result.ranked.begin(), result.ranked.end(), 0.0,
                        [](double sum, const services::ScoredProfile &p) { return sum + p.probability; });
    const qint64 horizonDays = m_horizon->currentData().toLongLong();
    const std::int64_t backtestStart = result.nowMs - horizonDays * services::kDayMs;
    m_summary->setText(
        tr("<b>%1</b> · %2 scored as of %3 · about <b>%4</b> expected to engage within %5.<br>"
           "<span style=\"color:%6\">Backtest: trained on the history before %7, measured on who engaged "
           "from %7 "
           "to %3.</span>")
            .arg(QString::fromStdString(result.target).toHtmlEscaped(),
                 format::plural(static_cast<std::int64_t>(result.ranked.size()), tr("%1 profile"),
                                tr("%1 profiles")),
                 format::date(result.nowMs), format::count(std::llround(expected)),
                 format::plural(horizonDays, tr("%1 day"), tr("%1 days")), palette::mutedText().name(),
                 format::date(backtestStart)));
    const bool showNote = result.fallback || !result.note.empty();
    m_note->setVisible(showNote);
    m_note->setText(
        result.fallback
            ? tr("The model fell back to its best baseline: %1").arg(QString::fromStdString(result.note))
            : QString::fromStdString(result.note));
    m_quality->setQualities(result.backtest);
    std::vector<GainSeries> series;
    for (const numeric::Quality &q : result.backtest) {
        series.push_back({QualityTableModel::displayName(q.name), q.gain});
    }
    if (!result.backtest.empty() && result.backtest.front().positives == 0) {
        m_gain->clear(tr("Nobody engaged with the target in the backtest window: there is no gain to show."));
    } else {
        m_gain->setSeries(series);
    }
    std::vector<CalibrationPoint> bins;
    if (!result.backtest.empty()) {
        for (const numeric::CalibrationBin &b : result.backtest.front().calibration) {
            bins.push_back({b.meanPredicted, b.observedRate, b.count});
        }
    }
    m_calibration->setBins(QualityTableModel::displayName(
                               result.backtest.empty() ? std::string("model") : result.backtest.front().name),
                           bins);
}

} // namespace awb::ui
