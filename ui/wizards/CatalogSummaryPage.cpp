// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/CatalogSummaryPage.h"

#include "charts/ChartPalette.h"
#include "jobs/ProgressBarSteps.h"
#include "models/DisplayFormat.h"
#include "wizards/CatalogWizardState.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace awb::ui {

namespace {
QString html(const std::string &text)
{
    return QString::fromStdString(text).toHtmlEscaped();
}

QString definitionHtml(const catalog::CatalogDefinition &d)
{
    const QString cell = QStringLiteral("<td style=\"padding: 2px 18px 2px 0\">%1</td>");
    const QString head = QStringLiteral("<th align=\"left\" style=\"padding: 2px 18px 2px 0\">%1</th>");
    QString out = QStringLiteral("<p><b>%1</b></p><table>").arg(CatalogSummaryPage::tr("Interaction events"));
    out += QStringLiteral("<tr>") + head.arg(CatalogSummaryPage::tr("Event")) +
           head.arg(CatalogSummaryPage::tr("Product id")) + head.arg(CatalogSummaryPage::tr("Weight")) +
           QStringLiteral("</tr>");
    for (const catalog::CatalogEvent &e : d.events) {
        out += QStringLiteral("<tr>") + cell.arg(html(e.name)) + cell.arg(html(e.productProperty)) +
               cell.arg(QString::number(e.weight)) + QStringLiteral("</tr>");
    }
    out += QStringLiteral("</table><p><b>%1</b></p>").arg(CatalogSummaryPage::tr("Columns"));
    if (d.columns.empty()) {
        return out + CatalogSummaryPage::tr("None: audiences can target single products only.");
    }
    out += QStringLiteral("<table><tr>") + head.arg(CatalogSummaryPage::tr("Column")) +
           head.arg(CatalogSummaryPage::tr("Property")) + head.arg(CatalogSummaryPage::tr("Split on")) +
           head.arg(CatalogSummaryPage::tr("Per event")) + QStringLiteral("</tr>");
    for (const catalog::CatalogColumn &c : d.columns) {
        QStringList perEvent;
        for (const catalog::ColumnOverride &o : c.overrides) {
            perEvent << CatalogSummaryPage::tr("on %1: %2").arg(html(o.event), html(o.property));
        }
        out += QStringLiteral("<tr>") + cell.arg(html(c.name)) + cell.arg(html(c.property)) +
               cell.arg(c.split.empty() ? QStringLiteral("—") : html(c.split)) +
               cell.arg(perEvent.isEmpty() ? QStringLiteral("—") : perEvent.join(QLatin1String("<br>"))) +
               QStringLiteral("</tr>");
    }
    return out + QStringLiteral("</table>");
}
} // namespace

CatalogSummaryPage::CatalogSummaryPage(CatalogWizardState &state, QWidget *parent)
    : QWizardPage(parent), m_state(state), m_summary(new QLabel(this)), m_status(new QLabel(this)),
      m_bar(new QProgressBar(this)), m_cancel(new QPushButton(tr("Cancel build"), this))
{
    setObjectName(QStringLiteral("catalogSummaryPage"));
    setTitle(tr("Summary"));
    setSubTitle(tr("Save and build reads every interaction event once: the item table, the values of each "
                   "column and the interaction matrix the models train on. Rebuild after new imports."));
    m_summary->setObjectName(QStringLiteral("catalogSummaryLabel"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_status->setObjectName(QStringLiteral("catalogBuildStatus"));
    m_status->setWordWrap(true);
    m_bar->setObjectName(QStringLiteral("catalogBuildProgress"));
    m_bar->setRange(0, kProgressBarSteps);
    m_bar->hide();
    m_cancel->setObjectName(QStringLiteral("catalogCancelBuildButton"));
    m_cancel->hide();
    auto *progress = new QHBoxLayout;
    progress->addWidget(m_bar, 1);
    progress->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addStretch(1);
    layout->addWidget(m_status);
    layout->addLayout(progress);
    connect(m_cancel, &QPushButton::clicked, this, &CatalogSummaryPage::cancelRequested);
}

void CatalogSummaryPage::initializePage()
{
    m_summary->setText(definitionHtml(m_state.definition));
    const auto valid = m_state.definition.validate();
    m_valid = static_cast<bool>(valid);
    m_bar->hide();
    m_cancel->hide();
    if (!m_valid) {
        showStopped(QString::fromStdString(valid.error().message), true);
    } else {
        m_status->setStyleSheet({});
        m_status->setText(m_state.built ? QString() : tr("Nothing is saved until you press Save and build."));
    }
    emit completeChanged();
}

bool CatalogSummaryPage::isComplete() const
{
    return m_valid && !m_building;
}

void CatalogSummaryPage::showBuilding()
{
    m_building = true;
    m_status->setStyleSheet({});
    m_status->setText(tr("Saved. Building the catalog…"));
    m_bar->setRange(0, 0);
    m_bar->show();
    m_cancel->setEnabled(true);
    m_cancel->show();
    emit completeChanged();
}

void CatalogSummaryPage::showProgress(qint64 done, qint64 total, const QString &stage)
{
    if (!stage.isEmpty()) {
        m_status->setText(stage + QStringLiteral("…"));
    }
    showJobProgress(m_bar, done, total);
}

void CatalogSummaryPage::showBuilt(const catalog::CatalogBuildInfo &info)
{
    m_building = false;
    m_bar->hide();
    m_cancel->hide();
    QString text = tr("Built: %1, %2 from %3.")
                       .arg(format::plural(info.items, tr("%1 item"), tr("%1 items")),
                            format::plural(info.interactions, tr("%1 interaction"), tr("%1 interactions")),
                            format::plural(info.profiles, tr("%1 profile"), tr("%1 profiles")));
    if (info.skipped > 0) {
        text += QLatin1Char(' ') + format::plural(info.skipped,
                                                  tr("%1 product row had no product id and was skipped."),
                                                  tr("%1 product rows had no product id and were skipped."));
    }
    m_status->setStyleSheet(QStringLiteral("color: %1; font-weight: bold;").arg(palette::series(2).name()));
    m_status->setText(text);
    emit completeChanged();
}

void CatalogSummaryPage::showStopped(const QString &message, bool isError)
{
    m_building = false;
    m_bar->hide();
    m_cancel->hide();
    m_status->setStyleSheet(isError ? QStringLiteral("color: %1;").arg(palette::error().name()) : QString());
    m_status->setText(message);
    emit completeChanged();
}

QString CatalogSummaryPage::summaryText() const
{
    return m_summary->text();
}

QString CatalogSummaryPage::statusText() const
{
    return m_status->text();
}

} // namespace awb::ui
