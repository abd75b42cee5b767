// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/ImportSummaryPage.h"

#include "models/DisplayFormat.h"
#include "services/ImportService.h"
#include "wizards/ImportWizard.h"
#include "wizards/ImportWizardState.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace awb::ui {

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s).toHtmlEscaped();
}

QString roleName(ImportFileRole role)
{
    switch (role) {
    case ImportFileRole::JsonEvents:
        return ImportSummaryPage::tr("events (JSON lines)");
    case ImportFileRole::CsvEvents:
        return ImportSummaryPage::tr("events (CSV, through the mapping)");
    case ImportFileRole::Lookup:
        return ImportSummaryPage::tr("lookup, joined to the events");
    case ImportFileRole::Profiles:
        return ImportSummaryPage::tr("profiles, one row per person");
    }
    return {};
}

// "label: value" lines of the mapped columns, skipping the empty ones.
QStringList mappedLines(const ingest::CsvMapping &m)
{
    QStringList lines;
    auto add = [&](const QString &label, const std::string &column) {
        if (!column.empty()) {
            lines << ImportSummaryPage::tr("%1 ← <b>%2</b>").arg(label, q(column));
        }
    };
    add(ImportSummaryPage::tr("User ID"), m.userIdColumn);
    add(ImportSummaryPage::tr("Anonymous ID"), m.anonymousIdColumn);
    if (m.eventColumn.empty()) {
        lines << ImportSummaryPage::tr("Event name: every row is <b>%1</b>").arg(q(m.fixedEvent));
    }
    add(ImportSummaryPage::tr("Event name"), m.eventColumn);
    add(ImportSummaryPage::tr("Time"), m.timestampColumn);
    lines.back() += ImportSummaryPage::tr(" (format %1, times without an offset in %2)")
                        .arg(m.timestampFormat.empty() ? ImportSummaryPage::tr("detected") : q(m.timestampFormat),
                             m.timezone.empty() ? QStringLiteral("UTC") : q(m.timezone));
    add(ImportSummaryPage::tr("E-mail"), m.emailColumn);
    add(ImportSummaryPage::tr("Order ID"), m.orderIdColumn);
    add(ImportSummaryPage::tr("Product ID"), m.productIdColumn);
    add(ImportSummaryPage::tr("Price"), m.priceColumn);
    add(ImportSummaryPage::tr("Quantity"), m.quantityColumn);
    auto list = [&](const QString &label, const std::vector<std::string> &columns) {
        if (!columns.empty()) {
            QStringList names;
            for (const std::string &c : columns) {
                names << q(c);
            }
            lines << ImportSummaryPage::tr("%1: %2").arg(label, names.join(QStringLiteral(", ")));
        }
    };
    list(ImportSummaryPage::tr("Event properties"), m.propertyColumns);
    list(ImportSummaryPage::tr("Product properties"), m.productPropertyColumns);
    list(ImportSummaryPage::tr("Profile attributes"), m.profileColumns);
    if (!m.currency.empty()) {
        lines << ImportSummaryPage::tr("Currency: %1").arg(q(m.currency));
    }
    return lines;
}

} // namespace

ImportSummaryPage::ImportSummaryPage(ImportWizardState &state, QWidget *parent)
    : QWizardPage(parent), m_state(state), m_summary(new QLabel(this)), m_earlier(new QLabel(this)),
      m_replace(new QCheckBox(this))
{
    setObjectName(QStringLiteral("importSummaryPage"));
    setTitle(tr("Ready to import"));
    setSubTitle(tr("Check what will be read and how. The import runs in one transaction: cancelling it leaves the "
                   "workspace as it was."));
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Import"));
    m_summary->setObjectName(QStringLiteral("importSummaryText"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_summary);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_earlier->setObjectName(QStringLiteral("importEarlierLabel"));
    m_earlier->setWordWrap(true);
    m_replace->setObjectName(QStringLiteral("importReplaceCheck"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_earlier);
    layout->addWidget(m_replace);
    connect(m_replace, &QCheckBox::toggled, this, [this](bool on) {
        m_state.replaceRuns = on ? m_otherMappingRuns : std::vector<std::int64_t>{};
    });
}

void ImportSummaryPage::initializePage()
{
    QString html = QStringLiteral("<p><b>%1</b></p><ul>").arg(tr("Files"));
    for (const ImportFileEntry &f : m_state.files) {
        html += QStringLiteral("<li>%1: %2</li>").arg(QFileInfo(f.path).fileName().toHtmlEscaped(), roleName(f.role));
    }
    html += QStringLiteral("</ul>");
    const ingest::CsvMapping &m = m_state.mapping;
    if (m_state.hasCsv()) {
        if (!m.lookups.empty()) {
            html += QStringLiteral("<p><b>%1</b></p><ul>").arg(tr("Joined lookups (held in memory)"));
            for (const ingest::CsvLookup &l : m.lookups) {
                html += QStringLiteral("<li>%1</li>")
                            .arg(tr("<b>%1</b> (%2): its %3 = %4%5")
                                     .arg(q(l.name), QFileInfo(QString::fromStdString(l.file)).fileName().toHtmlEscaped(),
                                          q(l.key), q(l.on),
                                          l.required ? tr(", rows without a match are rejected") : QString()));
            }
            html += QStringLiteral("</ul>");
        }
        html += QStringLiteral("<p><b>%1</b></p><ul>")
                    .arg(m.preset.empty() ? tr("Mapping") : tr("Mapping: preset %1").arg(q(m.preset)));
        for (const QString &line : mappedLines(m)) {
            html += QStringLiteral("<li>%1</li>").arg(line);
        }
        html += QStringLiteral("</ul>");
        if (!m_state.previewSummary.isEmpty()) {
            html += QStringLiteral("<p>%1</p>").arg(m_state.previewSummary.toHtmlEscaped());
        }
    }
    m_summary->setText(html);
    showEarlierImports();
}

void ImportSummaryPage::showEarlierImports()
{
    m_state.replaceRuns.clear();
    m_otherMappingRuns.clear();
    // A short read of the import history (one small table).
    const auto earlier = services::ImportService(m_state.workspacePath.toStdString()).earlierImports(m_state.spec());
    QStringList same;
    QStringList other;
    for (const services::EarlierImport &e : earlier ? *earlier : std::vector<services::EarlierImport>{}) {
        const QString line = tr("%1 (import run %2, %3 still in the workspace)")
                                 .arg(QFileInfo(QString::fromStdString(e.file)).fileName())
                                 .arg(e.run.id)
                                 .arg(format::plural(e.run.eventsNow, tr("%1 event"), tr("%1 events")));
        if (e.otherMapping) {
            other << line;
            m_otherMappingRuns.push_back(e.run.id);
        } else {
            same << line;
        }
    }
    QStringList notes;
    if (!other.isEmpty()) {
        notes << tr("Imported before with a different mapping: %1. Importing again adds to what that import stored.")
                     .arg(other.join(QStringLiteral("; ")));
    }
    if (!same.isEmpty()) {
        notes << tr("Imported before: %1. Rows already there count as duplicates.").arg(same.join(QStringLiteral("; ")));
    }
    m_earlier->setText(notes.join(QLatin1Char('\n')));
    m_earlier->setVisible(!notes.isEmpty());
    m_replace->setText(tr("Replace the earlier import with this one (its events are removed in the same transaction)"));
    m_replace->setVisible(!m_otherMappingRuns.empty());
    m_replace->setChecked(false);
    m_replace->setChecked(!m_otherMappingRuns.empty()); // offered, and on: a corrected mapping replaces
}

QString ImportSummaryPage::text() const
{
    return m_summary->text();
}

int ImportSummaryPage::nextId() const
{
    return ImportWizard::RunPageId;
}

} // namespace awb::ui
