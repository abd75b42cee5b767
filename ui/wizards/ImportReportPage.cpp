// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/ImportReportPage.h"

#include "models/DisplayFormat.h"
#include "models/StringTableModel.h"
#include "wizards/ImportWizardState.h"

#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace awb::ui {

ImportReportPage::ImportReportPage(ImportWizardState &state, QWidget *parent)
    : QWizardPage(parent), m_state(state), m_counts(new QWidget(this)), m_rejectionsTitle(new QLabel(this)),
      m_rejections(new StringTableModel({tr("File"), tr("Line"), tr("Reason")}, this)),
      m_rejectionsView(new QTableView(this))
{
    setObjectName(QStringLiteral("importReportPage"));
    setTitle(tr("Import report"));
    setSubTitle(tr("Rejected rows were skipped; everything else is in the workspace. Importing the same file "
                   "again adds nothing twice."));
    setFinalPage(true);
    auto *form = new QFormLayout(m_counts);
    form->setContentsMargins(0, 0, 0, 0);
    m_rowsRead = addCount(tr("Rows read"), QStringLiteral("reportRowsRead"));
    m_imported = addCount(tr("Events imported"), QStringLiteral("reportImported"));
    m_duplicates = addCount(tr("Skipped as duplicates"), QStringLiteral("reportDuplicates"));
    m_rejected = addCount(tr("Rejected"), QStringLiteral("reportRejected"));
    m_profiles = addCount(tr("Profiles"), QStringLiteral("reportProfiles"));

    m_rejectionsTitle->setObjectName(QStringLiteral("reportRejectionsTitle"));
    m_rejectionsView->setObjectName(QStringLiteral("reportRejectionsTable"));
    m_rejectionsView->setModel(m_rejections);
    m_rejectionsView->verticalHeader()->hide();
    m_rejectionsView->setWordWrap(false);
    m_rejectionsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rejectionsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rejectionsView->horizontalHeader()->setStretchLastSection(true);
    m_rejectionsView->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_rejectionsView->verticalHeader()->setDefaultSectionSize(m_rejectionsView->fontMetrics().height() + 6);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_counts);
    layout->addSpacing(8);
    layout->addWidget(m_rejectionsTitle);
    layout->addWidget(m_rejectionsView, 1);
}

QLabel *ImportReportPage::addCount(const QString &label, const QString &objectName)
{
    auto *value = new QLabel(m_counts);
    value->setObjectName(objectName);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    static_cast<QFormLayout *>(m_counts->layout())->addRow(label, value);
    return value;
}

void ImportReportPage::initializePage()
{
    if (!m_state.report) {
        return;
    }
    const ingest::ImportReport &r = *m_state.report;
    m_rowsRead->setText(format::count(r.rowsRead));
    m_imported->setText(format::count(r.imported));
    m_duplicates->setText(format::count(r.duplicates));
    m_rejected->setText(format::count(r.rejected));
    m_profiles->setText(
        tr("%1 created, %2 merged").arg(format::count(r.profilesCreated), format::count(r.profilesMerged)));

    std::vector<QStringList> rows;
    for (const ingest::RejectedRow &row : r.rejections) {
        rows.push_back({QFileInfo(QString::fromStdString(row.source)).fileName(),
                        row.line > 0 ? QString::number(row.line) : QString(),
                        QString::fromStdString(row.reason)});
    }
    m_rejections->setRows(std::move(rows));
    if (r.rejected == 0) {
        m_rejectionsTitle->setText(tr("No rows were rejected."));
    } else if (static_cast<std::int64_t>(r.rejections.size()) < r.rejected) {
        m_rejectionsTitle->setText(tr("Rejected rows (the first %1 of %2):")
                                       .arg(r.rejections.size())
                                       .arg(format::count(r.rejected)));
    } else {
        m_rejectionsTitle->setText(tr("Rejected rows:"));
    }
    m_rejectionsView->setVisible(r.rejected > 0);
    m_rejectionsView->resizeColumnToContents(0);
    m_rejectionsView->resizeColumnToContents(1);
}

} // namespace awb::ui
