// SPDX-License-Identifier: GPL-3.0-or-later
#include "audiences/AudienceResultsPanel.h"

#include "charts/ChartPalette.h"
#include "jobs/JobRunner.h"
#include "main/ShowError.h"
#include "models/DisplayFormat.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace awb::ui {

namespace {

QString points(double share)
{
    return QStringLiteral("%1%2").arg(share >= 0 ? QStringLiteral("+") : QString()).arg(100.0 * share, 0, 'f', 1);
}

QString group(const QString &label, const audience::GroupOutcome &g)
{
    return QObject::tr("%1 %2, %3 converted").arg(label, format::count(g.members), format::percent(g.rate()));
}

} // namespace

AudienceResultsPanel::AudienceResultsPanel(QWidget *parent)
    : QWidget(parent), m_job(new JobRunner(this)), m_text(new QLabel(this)), m_event(new QComboBox(this)),
      m_measure(new QPushButton(tr("&Measure results"), this))
{
    setObjectName(QStringLiteral("audienceResultsPanel"));
    m_text->setObjectName(QStringLiteral("resultsText"));
    m_text->setTextFormat(Qt::RichText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_measure->setObjectName(QStringLiteral("measureResultsButton"));
    m_measure->setToolTip(tr("Count who converted since the audience was created, exported members against "
                             "the control group (after importing the events that followed the campaign)"));
    m_event->setObjectName(QStringLiteral("resultsEventCombo"));
    m_event->setToolTip(tr("What counts as a conversion: the audience's target, as the model predicted it, or "
                           "doing an event"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_event, 0, Qt::AlignTop);
    layout->addWidget(m_measure, 0, Qt::AlignTop);
    connect(m_measure, &QPushButton::clicked, this, &AudienceResultsPanel::measure);
    connect(m_job, &JobRunner::started, this, [this] {
        m_measure->setEnabled(false);
        m_text->setText(tr("Measuring results…"));
    });
    connect(m_job, &JobRunner::finished, this, [this] {
        m_outcome = m_job->result<services::AudienceOutcome>();
        m_measure->setEnabled(true);
        showOutcome();
    });
    connect(m_job, &JobRunner::failed, this, [this](const Error &e) {
        m_measure->setEnabled(true);
        m_text->setText(QString::fromStdString(e.message).toHtmlEscaped());
        showError(this, e);
    });
}

void AudienceResultsPanel::setAudience(const QString &workspacePath, const audience::AudienceInfo &info)
{
    m_path = workspacePath;
    m_audience = info.name;
    m_hasControl = info.controlSize > 0;
    m_outcome.reset();
    m_measure->setEnabled(info.status == audience::AudienceStatus::Live);
    m_event->clear();
    m_event->addItem(tr("Target"), QString());
    if (const auto names = services::conversionEvents(workspacePath.toStdString())) {
        for (const std::string &name : *names) {
            m_event->addItem(QString::fromStdString(name), QString::fromStdString(name));
        }
    }
    m_text->setText(
        QStringLiteral("<span style=\"color:%1\">%2</span>")
            .arg(palette::mutedText().name(),
                 m_hasControl ? tr("<b>Results</b>: after importing the events that followed the campaign, "
                                   "Measure results compares the exported members with the control group.")
                              : tr("<b>Results</b>: this audience has no control group, so conversions can be "
                                   "counted but no lift measured.")));
}

bool AudienceResultsPanel::measure()
{
    if (m_audience.empty() || m_job->isRunning()) {
        return false;
    }
    const std::string path = m_path.toStdString();
    const services::ResultsRequest request{m_audience, m_event->currentData().toString().toStdString(), {}};
    return m_job->start(tr("Measuring results"), [path, request](ProgressSink &) {
        return services::audienceResults(path, request);
    });
}

void AudienceResultsPanel::setConversionEvent(const QString &event)
{
    m_event->setCurrentIndex(qMax(0, m_event->findData(event)));
}

QString AudienceResultsPanel::text() const
{
    return m_text->text();
}

void AudienceResultsPanel::showOutcome()
{
    const services::AudienceOutcome &o = *m_outcome;
    const audience::CampaignResults &r = o.results;
    QString html = tr("<b>Results</b> · %1, %2 to %3: %4 · %5")
                       .arg(QString::fromStdString(o.conversion).toHtmlEscaped(), format::date(o.fromMs),
                            format::date(o.toMs), group(tr("exported"), r.exported), group(tr("control"), r.control));
    if (r.measurable) {
        html += tr(" · <b>lift %1 points</b> (95% CI %2 to %3), about %4 conversions added")
                    .arg(points(r.lift), points(r.liftLow), points(r.liftHigh))
                    .arg(r.incremental, 0, 'f', 0);
    }
    html += tr(" · revenue per member %1 against %2")
                .arg(r.exported.revenuePerMember(), 0, 'f', 2)
                .arg(r.control.revenuePerMember(), 0, 'f', 2);
    QStringList deciles;
    for (const audience::DecileOutcome &d : r.deciles) {
        deciles << QStringLiteral("%1 → %2").arg(format::percent(d.predicted), format::percent(d.observed()));
    }
    html += tr("<br>Predicted → observed conversion by decile of likelihood: %1").arg(deciles.join(QStringLiteral(" · ")));
    QStringList notes;
    if (o.windowOpen()) {
        notes << tr("the window is not over (latest event %1)").arg(format::date(o.latestEventMs));
    }
    if (o.catalogStale) {
        notes << tr("events were imported after the catalog was built: rebuild it to count their interactions");
    }
    if (!notes.isEmpty()) {
        html += QStringLiteral("<br><span style=\"color:%1\">%2</span>")
                    .arg(palette::warning().name(), tr("Note: %1.").arg(notes.join(QStringLiteral("; "))));
    }
    m_text->setText(html);
}

} // namespace awb::ui
