// SPDX-License-Identifier: GPL-3.0-or-later
#include "main/ImportHistoryDialog.h"

#include "jobs/JobProgressDialog.h"
#include "jobs/JobRunner.h"
#include "main/ShowError.h"
#include "models/DisplayFormat.h"
#include "models/StringTableModel.h"
#include "services/ImportService.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace awb::ui {

namespace {

QString fileNames(const std::vector<std::string> &paths)
{
    QStringList names;
    for (const std::string &p : paths) {
        names << QFileInfo(QString::fromStdString(p)).fileName();
    }
    return names.join(QStringLiteral(", "));
}

} // namespace

ImportHistoryDialog::ImportHistoryDialog(std::string workspacePath, QWidget *parent)
    : QDialog(parent), m_path(std::move(workspacePath)),
      m_model(new StringTableModel({tr("Run"), tr("Date"), tr("Status"), tr("Files"), tr("Mapping"),
                                    tr("Rows read"), tr("Imported"), tr("Duplicates"), tr("Rejected"),
                                    tr("Events now")},
                                   this)),
      m_view(new QTableView(this)), m_status(new QLabel(this)), m_remove(new QPushButton(tr("&Remove…"), this)),
      m_job(new JobRunner(this))
{
    setObjectName(QStringLiteral("importHistoryDialog"));
    setWindowTitle(tr("Import history"));
    m_view->setObjectName(QStringLiteral("importHistoryTable"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_status->setObjectName(QStringLiteral("importHistoryStatus"));
    m_status->setWordWrap(true);
    m_remove->setObjectName(QStringLiteral("removeRunButton"));
    m_remove->setToolTip(tr("Remove the run's events (and the profiles left with nothing) from the workspace"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_remove, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(900, 360);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_remove, &QPushButton::clicked, this, &ImportHistoryDialog::confirmRemoveSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ImportHistoryDialog::updateButtons);
    connect(m_job, &JobRunner::finished, this, [this] {
        const store::RemovedRun removed = m_job->result<store::RemovedRun>();
        reload();
        m_status->setText(tr("Removed %1 and %2. Traits and segments follow; rebuild the catalog to match.")
                              .arg(format::plural(removed.events, tr("%1 event"), tr("%1 events")),
                                   format::plural(removed.profiles, tr("%1 profile"), tr("%1 profiles"))));
        emit runRemoved(m_removing);
    });
    connect(m_job, &JobRunner::failed, this, [this](const Error &e) {
        showError(this, e);
        reload();
    });
    connect(m_job, &JobRunner::cancelled, this, &ImportHistoryDialog::updateButtons);
    reload();
}

void ImportHistoryDialog::reload()
{
    const auto runs = services::ImportService(m_path).history();
    m_runs = runs ? *runs : std::vector<store::ImportRun>{};
    std::vector<QStringList> rows;
    for (const store::ImportRun &r : m_runs) {
        const QString mapping = QString::fromStdString(services::importRunMappingLabel(r));
        rows.push_back({QString::number(r.id), format::timestamp(r.startedAt), QString::fromStdString(r.status),
                        fileNames(r.sources), mapping.isEmpty() ? tr("(none)") : mapping,
                        format::count(r.rowsRead), format::count(r.imported), format::count(r.duplicates),
                        format::count(r.rejected), format::count(r.eventsNow)});
    }
    m_model->setRows(std::move(rows));
    m_view->resizeColumnsToContents();
    m_status->setText(!runs          ? QString::fromStdString(runs.error().message)
                      : m_runs.empty() ? tr("Nothing has been imported into this workspace yet.")
                                       : tr("Newest first. \"Events now\" counts the run's events still here."));
    if (!m_runs.empty()) {
        m_view->selectRow(0);
    }
    updateButtons();
}

void ImportHistoryDialog::updateButtons()
{
    m_remove->setEnabled(!m_job->isRunning() && m_view->currentIndex().isValid() && !m_runs.empty());
}

void ImportHistoryDialog::confirmRemoveSelected()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || current.row() >= static_cast<int>(m_runs.size())) {
        return;
    }
    const store::ImportRun run = m_runs.at(current.row());
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Remove import run"),
        tr("Remove import run %1 (%2, %3)? Its %4 go, with the profiles left with nothing; profile attributes "
           "and merges stay. This cannot be undone.")
            .arg(run.id)
            .arg(format::timestamp(run.startedAt), fileNames(run.sources),
                 format::plural(run.eventsNow, tr("%1 event"), tr("%1 events"))),
        QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmRemoveRunBox"));
    QPushButton *remove = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::finished, this, [this, box, remove, id = run.id] {
        if (box->clickedButton() == remove) {
            removeRun(id);
        }
    });
    box->open();
}

void ImportHistoryDialog::removeRun(std::int64_t id)
{
    const std::string path = m_path;
    if (m_job->start(tr("Removing import run %1").arg(id), [path, id](ProgressSink &progress) {
            return services::ImportService(path).removeRun(id, progress);
        })) {
        m_removing = id;
        m_status->setText(tr("Removing import run %1…").arg(id));
        JobProgressDialog::follow(*m_job, this);
        updateButtons();
    }
}

} // namespace awb::ui
