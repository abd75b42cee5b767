// SPDX-License-Identifier: GPL-3.0-or-later
#include "audiences/AudienceDetail.h"

#include "audiences/AudienceListModel.h"
#include "audiences/AudienceMembersModel.h"
#include "audiences/AudienceResultsPanel.h"
#include "audiences/ExportDialog.h"
#include "audiences/RecommendationOptions.h"
#include "charts/ChartPalette.h"
#include "charts/PropensityChart.h"
#include "charts/ScoreHistogram.h"
#include "data/DataTableView.h"
#include "jobs/JobProgressDialog.h"
#include "jobs/JobRunner.h"
#include "main/ShowError.h"
#include "models/DisplayFormat.h"
#include "services/AudienceService.h"
#include "widgets/ConfirmDelete.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace awb::ui {

AudienceDetail::AudienceDetail(QWidget *parent)
    : QWidget(parent), m_job(new JobRunner(this)), m_heading(new QLabel(this)), m_summary(new QLabel(this)),
      m_results(new AudienceResultsPanel(this)), m_chart(new PropensityChart(this)),
      m_histogram(new ScoreHistogram(this)), m_members(new AudienceMembersModel(this)),
      m_view(new DataTableView(this)), m_history(new QLabel(this)),
      m_export(new QPushButton(tr("&Export…"), this)),
      m_duplicate(new QPushButton(tr("D&uplicate with another size…"), this)),
      m_remove(new QPushButton(tr("&Delete…"), this))
{
    setObjectName(QStringLiteral("audienceDetail"));
    auto *back = new QToolButton(this);
    back->setObjectName(QStringLiteral("detailBackButton"));
    back->setText(tr("← Audiences"));
    back->setToolTip(tr("Back to the list of audiences (Esc)"));
    back->setShortcut(QKeySequence(Qt::Key_Escape));
    back->setAutoRaise(true);
    m_heading->setObjectName(QStringLiteral("detailHeading"));
    m_heading->setTextFormat(Qt::RichText);
    m_export->setObjectName(QStringLiteral("detailExportButton"));
    m_duplicate->setObjectName(QStringLiteral("detailDuplicateButton"));
    m_remove->setObjectName(QStringLiteral("detailRemoveButton"));
    auto *top = new QHBoxLayout;
    top->addWidget(back);
    top->addWidget(m_heading, 1);
    top->addWidget(m_export);
    top->addWidget(m_duplicate);
    top->addWidget(m_remove);

    m_summary->setObjectName(QStringLiteral("detailSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_history->setObjectName(QStringLiteral("detailHistory"));
    m_history->setWordWrap(true);
    m_history->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_history->setStyleSheet(QStringLiteral("color: %1;").arg(palette::mutedText().name()));
    m_view->setObjectName(QStringLiteral("membersView"));
    // Only rank and likelihood sort (the stored order, either way): the header keeps showing that order
    // when another column is clicked.
    m_view->setPagedModel(m_members, &AudienceMembersModel::isSortable, AudienceMembersModel::RankColumn,
                          Qt::AscendingOrder);
    m_view->setToolTip(tr("Members as stored at creation: rank and likelihood never change."));

    auto *charts = new QWidget(this);
    auto *chartsLayout = new QHBoxLayout(charts);
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    chartsLayout->addWidget(m_chart, 3);
    chartsLayout->addWidget(m_histogram, 2);
    charts->setMinimumHeight(220);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(charts);
    split->addWidget(m_view);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addWidget(m_results);
    layout->addWidget(split, 1);
    layout->addWidget(m_history);

    connect(back, &QToolButton::clicked, this, &AudienceDetail::backRequested);
    connect(m_export, &QPushButton::clicked, this, &AudienceDetail::exportAudience);
    connect(m_duplicate, &QPushButton::clicked, this, &AudienceDetail::duplicateDialog);
    connect(m_remove, &QPushButton::clicked, this, &AudienceDetail::confirmRemove);
    connect(m_members, &AudienceMembersModel::readFailed, this,
            [this](const Error &e) { showError(this, e); });
    connect(m_job, &JobRunner::failed, this, [this](const Error &e) { showError(this, e); });
    connect(m_job, &JobRunner::finished, this, [this] {
        if (m_job->title() == tr("Exporting")) {
            const auto &report = m_job->result<services::ExportReport>();
            if (!report.fileWritten) {
                // Nobody to write: ask before an empty file (the request asked not to write one).
                services::ExportRequest again = m_lastExport;
                again.writeEmptyFile = true;
                ExportDialog::askWriteEmpty(this, report, [this, again] { runExport(again); });
                return;
            }
            m_lastRecommendations =
                report.recommended ? RecommendationOptions::summary(*report.recommended) : QString();
            showHistory();
            emit exported(QString::fromStdString(report.toText()));
        } else {
            const auto &created = m_job->result<services::AudienceCreated>();
            emit duplicated(QString::fromStdString(created.audience.name));
        }
    });
}

void AudienceDetail::setWorkspace(const QString &path)
{
    m_path = path;
    m_info = {};
    m_quality = {};
    m_members->setAudience(path, {}, 0);
}

bool AudienceDetail::showAudience(const QString &name)
{
    services::AudienceService service(m_path.toStdString());
    auto info = service.get(name.toStdString());
    if (!info) {
        showError(this, info.error());
        return false;
    }
    auto quality = service.quality(name.toStdString());
    if (m_info.name != info->name) {
        m_lastRecommendations.clear();
    }
    m_info = *info;
    m_quality = quality ? *quality : audience::AudienceQuality{};
    const bool live = m_info.status == audience::AudienceStatus::Live;
    m_heading->setText(QStringLiteral("<h3 style=\"margin:0\">%1</h3><span style=\"color:%2\">%3</span>")
                           .arg(name.toHtmlEscaped(), palette::mutedText().name(),
                                QString::fromStdString(m_info.statusText()).toHtmlEscaped()));
    m_summary->setText(summaryHtml());
    m_export->setEnabled(live);
    m_duplicate->setEnabled(live);
    if (live && m_quality.eligible > 0) {
        m_chart->setQuality(m_quality);
        const double share = static_cast<double>(m_info.size) / static_cast<double>(m_quality.eligible);
        m_chart->setMarker(100.0 * share);
        m_histogram->setBins(m_quality.histogramEdges, m_quality.histogramCounts);
        // The likelihood at the cut, from the frozen series (its nearest percent point).
        const auto at = static_cast<std::size_t>(std::llround(100.0 * share));
        m_histogram->setCut(at < m_quality.likelihoodAtCut.size() ? m_quality.likelihoodAtCut[at] : 0.0);
    } else {
        m_chart->clear(tr("This audience is still being computed."));
        m_histogram->clear(tr("This audience is still being computed."));
    }
    m_members->setAudience(m_path, name, live ? m_info.size : 0);
    m_results->setAudience(m_path, m_info);
    m_view->resizeColumnsToContents();
    showHistory();
    return true;
}

QString AudienceDetail::summaryHtml() const
{
    const QString muted = palette::mutedText().name();
    QString html =
        tr("<b>%1</b> · as of %2 · %3 of %4 eligible (%5)%6 · who could enter: %7 · created %8")
            .arg(AudienceListModel::targetText(m_info).toHtmlEscaped(), format::date(m_info.asOfMs),
                 format::count(m_info.size), format::count(m_info.eligible),
                 QString::fromStdString(m_info.sizeRule.toString()),
                 m_quality.reachableByEmail < 0 ? QString()
                                                : tr(", %1 reachable by e-mail at creation")
                                                      .arg(format::count(m_quality.reachableByEmail)),
                 QString::fromStdString(m_quality.population).toHtmlEscaped(),
                 format::timestamp(m_info.createdAtMs));
    if (m_info.control.share > 0) {
        html += tr("<br>Control group: %1 of the %2 members (%3) held out within each score decile, never "
                   "exported; muted in the list (seed %4)")
                    .arg(format::count(m_info.controlSize), format::count(m_info.size),
                         QString::fromStdString(m_info.control.shareText()),
                         QString::number(m_info.control.seed));
    }
    if (!m_quality.backtest.empty()) {
        const numeric::Quality &model = m_quality.backtest.front();
        double bestBaseline = 0;
        for (std::size_t i = 1; i < m_quality.backtest.size(); ++i) {
            bestBaseline = std::max(bestBaseline, m_quality.backtest[i].auc);
        }
        // Audiences created before the backtest population was recorded say how many profiles it had.
        const QString over = m_quality.backtestPopulation.empty()
                                 ? tr("%1 among %2")
                                       .arg(format::plural(static_cast<std::int64_t>(model.positives),
                                                           tr("%1 engager"), tr("%1 engagers")),
                                            format::plural(static_cast<std::int64_t>(model.rows),
                                                           tr("%1 profile"), tr("%1 profiles")))
                                 : QString::fromStdString(m_quality.backtestPopulation);
        const QString measured =
            model.label == numeric::kInsufficientData
                ? tr("too few engagers to measure a quality")
                : tr("AUC %1 (best baseline %2)").arg(model.auc, 0, 'f', 3).arg(bestBaseline, 0, 'f', 3);
        html += tr("<br><span style=\"color:%1\">Backtest at creation: <b>%2</b>, %3; %4.</span>")
                    .arg(muted, QString::fromStdString(model.label).toHtmlEscaped(), measured,
                         over.toHtmlEscaped());
    }
    if (!m_info.description.empty()) {
        html += QStringLiteral("<br>") + QString::fromStdString(m_info.description).toHtmlEscaped();
    }
    return html;
}

void AudienceDetail::showHistory()
{
    auto history = services::ExportService(m_path.toStdString()).history(m_info.name);
    QStringList lines;
    if (history) {
        for (const audience::ExportRecord &r : *history) {
            QString consent;
            if (r.includedWithoutConsent) {
                consent = tr(" · unsubscribed and non-consenting people included on request");
            } else if (r.leftOut > 0) {
                consent = tr(" · %1 left out (suppressed or declined e-mail)").arg(format::count(r.leftOut));
            }
            lines << tr("Exported %1 to %2 (%3) on %4%5")
                         .arg(format::plural(r.rows, tr("%1 row"), tr("%1 rows")),
                              QString::fromStdString(r.file),
                              QString::fromStdString(exports::presetName(r.preset)),
                              format::timestamp(r.createdAtMs), consent);
        }
    }
    if (!lines.isEmpty() && !m_lastRecommendations.isEmpty()) {
        lines.insert(1, m_lastRecommendations); // under the export it belongs to, the newest
    }
    m_history->setText(lines.isEmpty() ? tr("Not exported yet.") : lines.join(QLatin1Char('\n')));
}

QString AudienceDetail::exportsText() const
{
    return m_history->text();
}

ExportDialog *AudienceDetail::exportAudience()
{
    if (m_info.name.empty() || m_job->isRunning()) {
        return nullptr;
    }
    auto *dialog = new ExportDialog(audienceName(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { runExport(dialog->request()); });
    dialog->open();
    return dialog;
}

bool AudienceDetail::runExport(const services::ExportRequest &request)
{
    if (m_job->isRunning()) {
        return false;
    }
    const std::string path = m_path.toStdString();
    m_lastExport = request;
    const bool started = m_job->start(tr("Exporting"), [path, request](ProgressSink &progress) {
        return services::ExportService(path).exportAudience(request, progress);
    });
    if (started) {
        JobProgressDialog::follow(*m_job, this);
    }
    return started;
}

void AudienceDetail::duplicateDialog()
{
    if (m_info.name.empty() || m_job->isRunning()) {
        return;
    }
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setWindowTitle(tr("Duplicate %1").arg(audienceName()));
    auto *name = new QLineEdit(tr("%1 (copy)").arg(audienceName()), dialog);
    auto *size = new QLineEdit(QString::fromStdString(m_info.sizeRule.toString()), dialog);
    size->setToolTip(tr("A percentage of the eligible profiles (10%) or an exact count (5000)"));
    auto *note =
        new QLabel(tr("The copy re-scores the same target as of the same date; this audience stays as "
                      "it is."),
                   dialog);
    note->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("New name"), name);
    form->addRow(tr("Size"), size);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(note);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, dialog, [this, dialog, name, size] {
        auto rule = audience::SizeRule::parse(size->text().trimmed().toStdString());
        if (!rule) {
            showError(dialog, rule.error());
            return;
        }
        dialog->accept();
        duplicate(name->text().trimmed(), *rule);
    });
    dialog->open();
}

bool AudienceDetail::duplicate(const QString &newName, const audience::SizeRule &size)
{
    if (m_job->isRunning() || m_info.name.empty()) {
        return false;
    }
    const std::string path = m_path.toStdString();
    const bool started =
        m_job->start(tr("Duplicating"), [path, name = m_info.name, newName = newName.toStdString(),
                                         size](ProgressSink &progress) {
            return services::AudienceService(path).duplicate(name, newName, size, progress);
        });
    if (started) {
        JobProgressDialog::follow(*m_job, this);
    }
    return started;
}

void AudienceDetail::confirmRemove()
{
    if (m_info.name.empty()) {
        return;
    }
    confirmDelete(
        this, tr("Delete audience"),
        tr("Delete the audience \"%1\" and its %2? Files already exported stay; this cannot be undone.")
            .arg(audienceName(), format::plural(m_info.size, tr("%1 member"), tr("%1 members"))),
        [this] { removeAudience(); });
}

bool AudienceDetail::removeAudience()
{
    const QString name = audienceName();
    const auto outcome = services::AudienceService(m_path.toStdString()).remove(name.toStdString());
    if (!outcome) {
        showError(this, outcome.error());
        return false;
    }
    m_info = {};
    m_members->setAudience(m_path, {}, 0);
    emit removed(name);
    return true;
}

} // namespace awb::ui
