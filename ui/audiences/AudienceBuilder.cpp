// SPDX-License-Identifier: GPL-3.0-or-later
#include "audiences/AudienceBuilder.h"

#include "audiences/ExportDialog.h"
#include "audiences/SizePicker.h"
#include "audiences/TargetPicker.h"
#include "audience/ControlGroup.h"
#include "charts/ChartPalette.h"
#include "charts/PropensityChart.h"
#include "charts/ScoreHistogram.h"
#include "jobs/JobRunner.h"
#include "jobs/ProgressBarSteps.h"
#include "main/ShowError.h"
#include "models/DisplayFormat.h"
#include "services/AudienceService.h"
#include "services/ExportService.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace awb::ui {

namespace {

constexpr double kSizeNoteAbove = 20.0; // percent

QLabel *mutedLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setStyleSheet(QStringLiteral("color: %1;").arg(palette::mutedText().name()));
    label->setWordWrap(true);
    return label;
}

} // namespace

AudienceBuilder::AudienceBuilder(QWidget *parent)
    : QWidget(parent), m_job(new JobRunner(this)), m_target(new TargetPicker(this)),
      m_size(new SizePicker(this)), m_chart(new PropensityChart(this)), m_histogram(new ScoreHistogram(this)),
      m_sizeNote(new QLabel(this)), m_qualityNote(new QLabel(this)), m_status(new QLabel(this)), m_bar(new QProgressBar(this)),
      m_cancel(new QPushButton(tr("Cancel"), this)), m_name(new QLineEdit(this)),
      m_nameError(new QLabel(this)), m_description(new QLineEdit(this)),
      m_destinations(new QListWidget(this)),
      m_includeAll(new QCheckBox(tr("Include people on the suppression list or who declined e-mail"), this)),
      m_control(new QDoubleSpinBox(this)),
      m_folder(new QLineEdit(this)),
      m_create(new QPushButton(tr("&Create audience"), this)), m_results(new QWidget(this))
{
    setObjectName(QStringLiteral("audienceBuilder"));
    auto *back = new QToolButton(this);
    back->setObjectName(QStringLiteral("builderBackButton"));
    back->setText(tr("← Audiences"));
    back->setToolTip(tr("Back to the list of audiences (Esc)"));
    back->setShortcut(QKeySequence(Qt::Key_Escape));
    back->setAutoRaise(true);
    auto *title = new QLabel(tr("<h3 style=\"margin:0\">New recommendation audience</h3>"), this);
    auto *top = new QHBoxLayout;
    top->addWidget(back);
    top->addWidget(title, 1);

    m_status->setObjectName(QStringLiteral("builderStatusLabel"));
    m_status->setWordWrap(true);
    m_bar->setObjectName(QStringLiteral("builderProgressBar"));
    m_bar->setRange(0, kProgressBarSteps);
    m_bar->setMaximumWidth(220);
    m_bar->hide();
    m_cancel->setObjectName(QStringLiteral("builderCancelButton"));
    m_cancel->hide();
    auto *run = new QHBoxLayout;
    run->addWidget(m_status, 1);
    run->addWidget(m_bar);
    run->addWidget(m_cancel);

    auto *resultsLayout = new QVBoxLayout(m_results);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(createSizeSection(), 1);
    resultsLayout->addWidget(createNameSection());
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(8, 0, 0, 0);
    rightLayout->addLayout(run);
    rightLayout->addWidget(m_results, 1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(right);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("builderSplitter"));
    split->setChildrenCollapsible(false);
    m_target->setMinimumWidth(280);
    split->addWidget(m_target);
    split->addWidget(scroll);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setSizes({320, 900});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(back, &QToolButton::clicked, this, &AudienceBuilder::backRequested);
    connect(m_cancel, &QPushButton::clicked, this, &AudienceBuilder::cancel);
    connect(m_target, &TargetPicker::scoreRequested, this, &AudienceBuilder::score);
    connect(m_target, &TargetPicker::changed, this, &AudienceBuilder::invalidateScores);
    connect(m_size, &SizePicker::sizeChanged, this, &AudienceBuilder::onSizeChanged);
    connect(m_create, &QPushButton::clicked, this, &AudienceBuilder::create);
    connect(m_name, &QLineEdit::textChanged, this, [this] {
        const QString error = validateName();
        m_nameError->setText(error);
        m_nameError->setVisible(!error.isEmpty() && !m_name->text().isEmpty());
    });
    connect(m_name, &QLineEdit::returnPressed, m_create, &QPushButton::click);
    connectJob();
    reset();
}

AudienceBuilder::~AudienceBuilder() = default;

QWidget *AudienceBuilder::createSizeSection()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("<b>2. Choose the size</b>"), box));
    layout->addWidget(m_size);
    layout->addWidget(createReadouts());
    m_sizeNote->setObjectName(QStringLiteral("sizeNoteLabel"));
    m_sizeNote->setWordWrap(true);
    m_sizeNote->setText(tr("Past 20%, each added person is less likely to engage: as the audience grows, the "
                           "propensity to engage typically decreases."));
    m_sizeNote->setStyleSheet(QStringLiteral("color: %1; background: #fef3c7; border: 1px solid #fcd34d; "
                                             "border-radius: 4px; padding: 4px;")
                                  .arg(palette::warning().name()));
    m_sizeNote->hide();
    layout->addWidget(m_sizeNote);
    auto *charts = new QHBoxLayout;
    m_chart->setMinimumSize(240, 260);
    m_histogram->setMinimumSize(170, 260);
    charts->addWidget(m_chart, 3);
    charts->addWidget(m_histogram, 2);
    layout->addLayout(charts, 1);
    return box;
}

QWidget *AudienceBuilder::createReadouts()
{
    auto *box = new QWidget(this);
    auto *grid = new QHBoxLayout(box);
    grid->setContentsMargins(0, 4, 0, 4);
    const QString names[] = {QStringLiteral("readoutSize"), QStringLiteral("readoutAverage"),
                             QStringLiteral("readoutLift"), QStringLiteral("readoutExpected"),
                             QStringLiteral("readoutQuality")};
    for (const QString &name : names) {
        auto *label = new QLabel(box);
        label->setObjectName(name);
        label->setTextFormat(Qt::RichText);
        label->setWordWrap(true);
        label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
        label->setStyleSheet(QStringLiteral("QLabel { background: #f9fafb; border: 1px solid %1; "
                                            "border-radius: 4px; padding: 6px; }")
                                 .arg(palette::grid().name()));
        label->setMinimumWidth(80);
        // The value and up to three lines of caption, so the layout never clips a card.
        label->setMinimumHeight(label->fontMetrics().lineSpacing() * 5 + 12);
        grid->addWidget(label, 1);
        m_readouts.push_back(label);
    }
    return box;
}

QWidget *AudienceBuilder::createNameSection()
{
    auto *box = new QWidget(this);
    m_name->setObjectName(QStringLiteral("audienceNameEdit"));
    m_name->setPlaceholderText(tr("Required, unique"));
    m_name->setMaxLength(200);
    m_nameError->setObjectName(QStringLiteral("audienceNameError"));
    m_nameError->setStyleSheet(QStringLiteral("color: %1;").arg(palette::error().name()));
    m_nameError->hide();
    m_description->setObjectName(QStringLiteral("audienceDescriptionEdit"));
    m_description->setPlaceholderText(tr("Optional: what the audience is for"));
    m_destinations->setObjectName(QStringLiteral("destinationsList"));
    m_destinations->setFlow(QListView::LeftToRight);
    m_destinations->setWrapping(true);
    m_destinations->setResizeMode(QListView::Adjust);
    m_destinations->setSpacing(2);
    m_destinations->setFixedHeight(m_destinations->fontMetrics().height() * 3 + 16);
    for (const exports::PresetInfo &preset : services::ExportService::presets()) {
        auto *item = new QListWidgetItem(QString::fromStdString(preset.name), m_destinations);
        item->setData(Qt::UserRole, QString::fromStdString(preset.id));
        item->setToolTip(QString::fromStdString(preset.description));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    m_folder->setObjectName(QStringLiteral("destinationFolderEdit"));
    m_folder->setText(ExportDialog::defaultFolder());
    auto *browse = new QPushButton(tr("Browse…"), box);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Export folder"), m_folder->text());
        if (!folder.isEmpty()) {
            m_folder->setText(folder);
        }
    });
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    m_create->setObjectName(QStringLiteral("createAudienceButton"));

    auto *form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(QString(), m_nameError);
    form->addRow(tr("Description"), m_description);
    m_control->setObjectName(QStringLiteral("controlShareSpin"));
    m_control->setRange(0, audience::kMaxControlShare * 100);
    m_control->setDecimals(1);
    m_control->setSingleStep(5);
    m_control->setSuffix(tr(" % of the members"));
    m_control->setValue(audience::kDefaultControlShare * 100);
    m_control->setToolTip(tr("Held out at random within each score decile, stored with the audience and never "
                             "exported: the yardstick the campaign's lift is measured against. 0 for none."));
    auto *controlRow = new QHBoxLayout;
    controlRow->addWidget(m_control);
    controlRow->addWidget(mutedLabel(tr("held out, never exported, to measure the lift"), box), 1);
    form->addRow(tr("Control group"), controlRow);
    form->addRow(tr("Destinations"), m_destinations);
    m_includeAll->setObjectName(QStringLiteral("includeWithoutConsentCheck"));
    m_includeAll->setToolTip(tr("Off: e-mail tools get nobody on the suppression list or who declined e-mail, "
                                "ad tools nobody on the suppression list. Each export records the choice."));
    form->addRow(QString(), m_includeAll);
    form->addRow(tr("Files go to"), folderRow);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addWidget(new QLabel(tr("<b>3. Name it and create the snapshot</b>"), box));
    layout->addWidget(
        mutedLabel(tr("The audience keeps these members with their scores and ranks; it is never "
                      "recalculated. Each checked destination gets a CSV file."),
                   box));
    layout->addLayout(form);
    m_qualityNote->setObjectName(QStringLiteral("qualityNoteLabel"));
    m_qualityNote->setWordWrap(true);
    m_qualityNote->setStyleSheet(QStringLiteral("color: %1; background: #fef3c7; border: 1px solid #fcd34d; "
                                                "border-radius: 4px; padding: 4px;")
                                     .arg(palette::warning().name()));
    m_qualityNote->hide();
    layout->addWidget(m_qualityNote);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_create);
    layout->addLayout(buttons);
    return box;
}

void AudienceBuilder::connectJob()
{
    connect(m_job, &JobRunner::progressChanged, this,
            [this](qint64 done, qint64 total, const QString &stage) {
                if (!m_job->isCancelRequested() && !stage.isEmpty()) {
                    m_status->setText(stage + QStringLiteral("…"));
                }
                showJobProgress(m_bar, done, total);
            });
    connect(m_job, &JobRunner::finished, this, &AudienceBuilder::onJobFinished);
    connect(m_job, &JobRunner::cancelled, this, [this] { onStopped(tr("Cancelled."), false); });
    connect(m_job, &JobRunner::failed, this, [this](const Error &e) {
        onStopped(QString::fromStdString(e.message), true);
        showError(this, e);
    });
}

void AudienceBuilder::setWorkspace(const QString &path)
{
    if (path != m_path) {
        cancel();
        m_path = path;
        reset();
    }
}

void AudienceBuilder::setCatalog(std::vector<ColumnValues> columns)
{
    m_target->setCatalog(std::move(columns));
}

void AudienceBuilder::setAudiences(const QStringList &names)
{
    m_audiences = names;
    m_target->setAudiences(names);
}

void AudienceBuilder::setSegments(const std::vector<segments::SavedSegment> &segments)
{
    m_target->setSegments(segments);
}

void AudienceBuilder::reset()
{
    m_scored.reset();
    m_name->clear();
    m_description->clear();
    m_folder->setText(ExportDialog::defaultFolder()); // where the last export went, since this was built
    m_size->setEligible(0);
    m_results->setEnabled(false);
    m_chart->clear();
    m_histogram->clear();
    onSizeChanged(0);
    m_status->setStyleSheet({});
    m_status->setText(tr("Choose what to build around, then Score."));
}

void AudienceBuilder::invalidateScores()
{
    if (!m_scored || m_job->isRunning()) {
        return;
    }
    m_scored.reset();
    m_size->setEligible(0);
    m_results->setEnabled(false);
    m_chart->clear(tr("The target changed: Score again to see the audience sizes."));
    m_histogram->clear();
    onSizeChanged(0);
    m_status->setStyleSheet({});
    m_status->setText(tr("The choice changed: Score again."));
}

bool AudienceBuilder::score()
{
    const auto chosen = m_target->request();
    if (m_job->isRunning() || m_path.isEmpty() || !chosen) {
        return false;
    }
    const std::string path = m_path.toStdString();
    const services::DraftRequest request = *chosen;
    m_creating = false;
    setRunning(true);
    m_clock.start();
    m_status->setStyleSheet({});
    m_status->setText(tr("Scoring %1…").arg(QString::fromStdString(request.target.describe())));
    return m_job->start(
        tr("Scoring"),
        [path, request](ProgressSink &progress) -> Result<std::shared_ptr<const services::AudienceDraft>> {
            auto draft = services::AudienceDraft::score(path, request, progress);
            if (!draft) {
                return fail(draft.error());
            }
            return std::make_shared<const services::AudienceDraft>(std::move(*draft));
        });
}

bool AudienceBuilder::create()
{
    if (m_job->isRunning() || !m_scored) {
        return false;
    }
    if (const QString error = validateName(); !error.isEmpty()) {
        m_nameError->setText(error);
        m_nameError->show();
        m_name->setFocus();
        return false;
    }
    // Said before anything is stored: the button then reads "Create anyway", and a second click with the
    // same warnings creates.
    QStringList warnings{qualityWarning(), destinationWarning()};
    warnings.removeAll(QString());
    const QString warning = warnings.join(QLatin1Char('\n'));
    if (!warning.isEmpty() && warning != m_warned) {
        m_warned = warning;
        m_qualityNote->setText(warning);
        m_qualityNote->show();
        m_create->setText(tr("&Create anyway"));
        return false;
    }
    services::DraftCreate what;
    what.name = m_name->text().trimmed().toStdString();
    what.description = m_description->text().trimmed().toStdString();
    what.size = m_size->rule();
    what.controlShare = m_control->value() / 100.0;
    for (int i = 0; i < m_destinations->count(); ++i) {
        const QListWidgetItem *item = m_destinations->item(i);
        if (item->checkState() == Qt::Checked) {
            const std::string preset = item->data(Qt::UserRole).toString().toStdString();
            services::ExportRequest destination;
            destination.preset = preset;
            destination.includeWithoutConsent = m_includeAll->isChecked();
            destination.writeEmptyFile = false; // warned above; the report says no file was written
            destination.outFile = ExportDialog::suggestedFile(m_folder->text(), m_name->text().trimmed(),
                                                              QString::fromStdString(preset))
                                      .toStdString();
            what.destinations.push_back(std::move(destination));
        }
    }
    if (!what.destinations.empty()) {
        ExportDialog::rememberFolder(m_folder->text());
    }
    const std::string path = m_path.toStdString();
    m_creating = true;
    setRunning(true);
    m_status->setStyleSheet({});
    m_status->setText(tr("Creating %1…").arg(m_name->text().trimmed()));
    return m_job->start(tr("Creating the audience"),
                        [path, what, draft = m_scored](ProgressSink &progress) -> Result<services::AudienceCreated> {
                            return draft->create(path, what, progress);
                        });
}

QString AudienceBuilder::destinationWarning() const
{
    if (!m_scored || m_includeAll->isChecked()) {
        return {};
    }
    const std::int64_t size = m_size->size();
    QStringList nobody;
    for (int i = 0; i < m_destinations->count(); ++i) {
        const QListWidgetItem *item = m_destinations->item(i);
        if (item->checkState() == Qt::Checked &&
            m_scored->writtenBy(item->data(Qt::UserRole).toString().toStdString(), size) == 0) {
            nobody << item->text();
        }
    }
    if (nobody.isEmpty()) {
        return {};
    }
    return tr("Nobody of these %1 would be written to %2: they lack what it needs, are on the suppression "
              "list or declined e-mail. No file is written for it; create anyway, or change the destinations.")
        .arg(format::plural(size, tr("%1 person"), tr("%1 people")), nobody.join(tr(", ")));
}

QString AudienceBuilder::qualityWarning() const
{
    if (!m_scored || !m_scored->insufficientData()) {
        return {};
    }
    return tr("Too few people engaged with %1 in the backtest to measure how well these scores rank people "
              "(%2). No quality, lift or gain can be stated: create anyway, or choose a broader target or a "
              "longer horizon.")
        .arg(QString::fromStdString(m_scored->scores().target),
             QString::fromStdString(m_scored->backtestPopulation()));
}

void AudienceBuilder::cancel()
{
    if (m_job->isRunning()) {
        m_job->cancel();
        m_cancel->setEnabled(false);
        m_status->setText(tr("Cancelling…"));
    }
}

void AudienceBuilder::setName(const QString &name)
{
    m_name->setText(name);
}

void AudienceBuilder::setDescription(const QString &description)
{
    m_description->setText(description);
}

void AudienceBuilder::setDestinations(const QStringList &presets, const QString &folder)
{
    for (int i = 0; i < m_destinations->count(); ++i) {
        QListWidgetItem *item = m_destinations->item(i);
        item->setCheckState(presets.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked
                                                                                  : Qt::Unchecked);
    }
    if (!folder.isEmpty()) {
        m_folder->setText(folder);
    }
}

QString AudienceBuilder::validateName() const
{
    const QString name = m_name->text().trimmed();
    if (name.isEmpty()) {
        return tr("Give the audience a name.");
    }
    if (m_audiences.contains(name)) {
        return tr("An audience named \"%1\" exists already.").arg(name);
    }
    return {};
}

void AudienceBuilder::setRunning(bool running)
{
    m_target->scoreButton()->setEnabled(!running);
    m_create->setEnabled(!running);
    m_bar->setVisible(running);
    m_bar->setRange(0, 0);
    m_cancel->setVisible(running);
    m_cancel->setEnabled(running);
}

void AudienceBuilder::onStopped(const QString &message, bool isError)
{
    setRunning(false);
    m_target->scoreButton()->setEnabled(m_target->request().has_value());
    m_status->setStyleSheet(isError ? QStringLiteral("color: %1;").arg(palette::error().name()) : QString());
    m_status->setText(message);
}

void AudienceBuilder::onJobFinished()
{
    setRunning(false);
    if (!m_creating) {
        showDraft(m_job->result<std::shared_ptr<const services::AudienceDraft>>());
        m_status->setText(tr("Scored %1 (%2) in %3 s; %4.")
                              .arg(format::plural(m_scored->curve().eligible(), tr("%1 profile"),
                                                  tr("%1 profiles")),
                                   QString::fromStdString(m_scored->request().population.describe()))
                              .arg(m_clock.elapsed() / 1000.0, 0, 'f', 1)
                              .arg(QString::fromStdString(m_scored->backtestPopulation())));
        emit scoresShown();
        return;
    }
    const services::AudienceCreated &outcome = m_job->result<services::AudienceCreated>();
    QStringList lines;
    lines << tr("Created \"%1\": %2.")
                 .arg(QString::fromStdString(outcome.audience.name),
                      QString::fromStdString(outcome.audience.statusText()));
    for (const services::ExportReport &report : outcome.exports) {
        lines << QString::fromStdString(report.toText());
    }
    // One message for every destination that failed (they usually fail for one reason: the folder).
    std::string failures;
    for (const Error &e : outcome.exportErrors) {
        lines << QString::fromStdString(e.message);
        failures += (failures.empty() ? "" : "\n") + e.message;
    }
    if (!outcome.exportErrors.empty()) {
        showError(this, {outcome.exportErrors.front().code, failures, {}});
    }
    m_status->setText(lines.join(QLatin1Char('\n')));
    const QString name = QString::fromStdString(outcome.audience.name);
    m_audiences << name;
    emit created(name);
}

void AudienceBuilder::showDraft(std::shared_ptr<const services::AudienceDraft> draft)
{
    m_scored = std::move(draft);
    const services::AudienceDraft &s = *m_scored;
    m_warned.clear();
    m_qualityNote->hide();
    m_create->setText(tr("&Create audience"));
    m_results->setEnabled(s.curve().eligible() > 0);
    m_chart->setQuality(s.chart());
    m_histogram->setBins(s.chart().histogramEdges, s.chart().histogramCounts);
    m_size->setEligible(s.curve().eligible());
    onSizeChanged(m_size->size());
    m_status->setToolTip(QString::fromStdString(s.scores().note));
}

void AudienceBuilder::onSizeChanged(qint64 size)
{
    const QString muted = palette::mutedText().name();
    const auto card = [&](std::size_t i, const QString &value, const QString &caption, const QString &plain) {
        m_readouts[i]->setText(QStringLiteral("<span style=\"font-size:large\"><b>%1</b></span><br>"
                                              "<span style=\"color:%2\">%3</span>")
                                   .arg(value.toHtmlEscaped(), muted, caption.toHtmlEscaped()));
        m_readouts[i]->setAccessibleName(plain);
    };
    if (!m_scored || m_scored->curve().eligible() == 0) {
        const QString captions[] = {tr("audience size"), tr("average likelihood"),
                                    tr("lift over the base rate"), tr("expected engagers"),
                                    tr("model quality")};
        for (std::size_t i = 0; i < m_readouts.size(); ++i) {
            card(i, QStringLiteral("–"), captions[i], QString());
        }
        m_sizeNote->hide();
        return;
    }
    const audience::PropensityCurve &curve = m_scored->curve();
    const audience::PropensityCurve::Point p = curve.at(size);
    const double share = static_cast<double>(p.size) / static_cast<double>(curve.eligible());
    const QString people = format::plural(p.size, tr("%1 person"), tr("%1 people"));
    const QString reach = tr("%1 reachable by e-mail").arg(format::count(m_scored->reachableByEmail(p.size)));
    card(0, people,
         tr("%1 of %2 eligible; %3").arg(format::percent(share), format::count(curve.eligible()), reach),
         tr("%1, %2 of %3 eligible, %4")
             .arg(people, format::percent(share), format::count(curve.eligible()), reach));
    card(1, format::percent(p.averageLikelihood),
         tr("average likelihood; %1 at the cut").arg(format::percent(p.likelihoodAtCut)),
         tr("average likelihood %1, %2 at the cut")
             .arg(format::percent(p.averageLikelihood), format::percent(p.likelihoodAtCut)));
    if (m_scored->insufficientData()) {
        // A lift over a base rate nobody could check says nothing.
        card(2, QStringLiteral("–"), tr("no lift: too few engagers in the backtest"),
             tr("no lift: too few engagers in the backtest"));
    } else {
        card(2, tr("%1×").arg(p.lift, 0, 'f', 1),
             tr("lift over the base rate of %1").arg(format::percent(curve.baseRate())),
             tr("lift %1 over the base rate of %2")
                 .arg(p.lift, 0, 'f', 1)
                 .arg(format::percent(curve.baseRate())));
    }
    const std::int64_t engagers = std::llround(p.expectedEngagers);
    card(3, format::count(engagers),
         (engagers == 1 ? tr("expected engager, %1 of all %2") : tr("expected engagers, %1 of all %2"))
             .arg(format::percent(p.expectedShare), format::count(std::llround(curve.expectedTotal()))),
         tr("%1, %2 of all %3")
             .arg(format::plural(engagers, tr("%1 expected engager"), tr("%1 expected engagers")),
                  format::percent(p.expectedShare), format::count(std::llround(curve.expectedTotal()))));
    const auto &backtest = m_scored->scores().backtest;
    const QString label = backtest.empty() ? tr("Unknown") : QString::fromStdString(backtest.front().label);
    const QString auc = backtest.empty() || m_scored->insufficientData()
                            ? tr("too few engagers to measure")
                            : tr("backtest AUC %1").arg(backtest.front().auc, 0, 'f', 2);
    const QString quality = m_scored->scores().fallback
                                ? tr("%1; ranked by %2 alone")
                                      .arg(auc, QString::fromStdString(m_scored->scores().fallbackInput))
                                : auc;
    card(4, label, quality, tr("model quality %1, %2").arg(label, quality));
    // Past the 20% preset's size (ceil of 20% of the eligible), not past 20% exactly: the preset itself
    // rounds up and must not raise the warning.
    m_sizeNote->setVisible(p.size > audience::SizeRule::ofPercent(kSizeNoteAbove).resolve(curve.eligible()));
    m_chart->setMarker(share * 100.0);
    m_histogram->setCut(p.likelihoodAtCut);
}

QString AudienceBuilder::readoutText(Readout readout) const
{
    return m_readouts[static_cast<std::size_t>(readout)]->accessibleName();
}

QString AudienceBuilder::statusText() const
{
    return m_status->text();
}

bool AudienceBuilder::isSizeNoteVisible() const
{
    return !m_sizeNote->isHidden();
}

} // namespace awb::ui
