// SPDX-License-Identifier: GPL-3.0-or-later
#include "warehouse/WarehouseAudiencesPanel.h"

#include "audience/ControlGroup.h"
#include "audiences/AudienceListModel.h"
#include "export/ExportPresets.h"
#include "jobs/JobRunner.h"
#include "warehouse/WarehouseAudience.h"
#include "warehouse/WarehouseAudienceStore.h"
#include "warehouse/WarehouseExportFile.h"
#include "widgets/ConfirmDelete.h"
#include "widgets/StatusLine.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace awb::ui {

WarehouseAudiencesPanel::WarehouseAudiencesPanel(std::string uri, QWidget *parent)
    : QWidget(parent), m_uri(std::move(uri)), m_model(new AudienceListModel(this)),
      m_table(new QTableView(this)), m_name(new QLineEdit(this)), m_target(new QLineEdit(this)),
      m_size(new QLineEdit(QStringLiteral("5%"), this)),
      m_control(new QLineEdit(QStringLiteral("10%"), this)),
      m_create(new QPushButton(tr("&Create audience"), this)),
      m_remove(new QPushButton(tr("&Delete…"), this)), m_preset(new QComboBox(this)),
      m_export(new QPushButton(tr("E&xport…"), this)), m_cancel(new QPushButton(tr("Cancel"), this)),
      m_progress(new QProgressBar(this)), m_stage(new QLabel(this)), m_status(new StatusLine(this)),
      m_jobs(new JobRunner(this))
{
    m_table->setObjectName(QStringLiteral("warehouseAudienceTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_name->setObjectName(QStringLiteral("warehouseAudienceName"));
    m_name->setPlaceholderText(tr("Audience name"));
    m_target->setObjectName(QStringLiteral("warehouseAudienceTarget"));
    m_target->setPlaceholderText(tr("Category=Beauty, or a product id"));
    m_target->setToolTip(
        tr("Who is likely to engage with this: a catalog column's value (COLUMN=VALUE) or one "
           "product"));
    m_size->setObjectName(QStringLiteral("warehouseAudienceSize"));
    m_size->setToolTip(tr("The share of the scored people (5%) or a number of people (1000)"));
    m_control->setObjectName(QStringLiteral("warehouseAudienceControl"));
    m_control->setToolTip(tr("Members held out as a control group, never exported (0 for none)"));
    m_create->setToolTip(tr("Score everyone in the warehouse for the target and write the best as members"));
    m_remove->setToolTip(tr("Delete the selected audience, its members and its history from the warehouse"));
    m_export->setToolTip(tr("Write the selected audience's members outside the control group as a CSV file"));
    for (const exports::PresetInfo &p : exports::presetList()) {
        m_preset->addItem(QString::fromStdString(p.name), QString::fromStdString(p.id));
    }
    m_progress->setMaximumWidth(160);
    m_progress->hide();
    m_cancel->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Target:"), m_target);
    // Short values: the fields stay narrow; the labels' mnemonics reach them.
    m_size->setMaximumWidth(110);
    m_control->setMaximumWidth(110);
    auto *sizeLabel = new QLabel(tr("&Size:"), this);
    sizeLabel->setBuddy(m_size);
    auto *controlLabel = new QLabel(tr("C&ontrol group:"), this);
    controlLabel->setBuddy(m_control);
    auto *sizes = new QHBoxLayout;
    sizes->addWidget(m_size);
    sizes->addSpacing(16);
    sizes->addWidget(controlLabel);
    sizes->addWidget(m_control);
    sizes->addStretch(1);
    form->addRow(sizeLabel, sizes);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_create);
    actions->addStretch(1);
    actions->addWidget(m_remove);
    actions->addWidget(m_preset);
    actions->addWidget(m_export);
    auto *busy = new QHBoxLayout;
    busy->addWidget(m_stage, 1);
    busy->addWidget(m_progress);
    busy->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(form);
    layout->addLayout(actions);
    layout->addLayout(busy);
    layout->addWidget(m_status);

    connect(m_create, &QPushButton::clicked, this, &WarehouseAudiencesPanel::createAudience);
    connect(m_name, &QLineEdit::returnPressed, this, &WarehouseAudiencesPanel::createAudience);
    connect(m_remove, &QPushButton::clicked, this, &WarehouseAudiencesPanel::confirmRemove);
    connect(m_export, &QPushButton::clicked, this, &WarehouseAudiencesPanel::exportAudience);
    connect(m_cancel, &QPushButton::clicked, m_jobs, &JobRunner::cancel);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &WarehouseAudiencesPanel::onSelection);
    connect(m_jobs, &JobRunner::progressChanged, this,
            [this](qint64 done, qint64 total, const QString &stage) {
                m_stage->setText(stage);
                m_progress->setRange(0, total > 0 ? 1000 : 0);
                if (total > 0) {
                    m_progress->setValue(static_cast<int>(1000 * done / total));
                }
            });
    connect(m_jobs, &JobRunner::finished, this, [this] {
        if (auto done = std::exchange(m_onFinished, {})) {
            done();
        }
    });
    connect(m_jobs, &JobRunner::failed, this, [this](const Error &error) {
        m_onFinished = {};
        setBusy(false);
        m_status->showMessage(QString::fromStdString(error.message), true);
        emit jobDone();
    });
    connect(m_jobs, &JobRunner::cancelled, this, [this] {
        m_onFinished = {};
        setBusy(false);
        m_status->showMessage(tr("Cancelled: the warehouse kept the audiences it had before."));
        emit jobDone();
    });
    onSelection();
}

bool WarehouseAudiencesPanel::isBusy() const
{
    return m_jobs->isRunning();
}

void WarehouseAudiencesPanel::setBusy(bool busy, const QString &what)
{
    m_progress->setRange(0, 0);
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    m_stage->setText(busy ? what : QString());
    m_create->setEnabled(!busy);
    const bool selected = !selectedName().isEmpty();
    m_remove->setEnabled(!busy && selected);
    m_export->setEnabled(!busy && selected);
    if (busy) {
        m_status->clearMessage();
    }
}

QString WarehouseAudiencesPanel::selectedName() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(AudienceListModel::NameRole).toString();
}

void WarehouseAudiencesPanel::onSelection()
{
    const QString name = selectedName();
    if (!name.isEmpty()) {
        m_name->setText(name);
    }
    m_remove->setEnabled(!isBusy() && !name.isEmpty());
    m_export->setEnabled(!isBusy() && !name.isEmpty());
}

void WarehouseAudiencesPanel::reload()
{
    if (isBusy()) {
        return;
    }
    setBusy(true, tr("Reading the audiences…"));
    m_onFinished = [this] {
        const QString selected = selectedName();
        m_model->setAudiences(m_jobs->result<std::vector<audience::AudienceInfo>>());
        if (const int row = m_model->rowOf(selected); row >= 0) {
            m_table->selectRow(row);
        }
        m_table->resizeColumnsToContents();
        setBusy(false);
        emit jobDone();
    };
    m_jobs->start(tr("Read audiences"),
                  [uri = m_uri](ProgressSink &) { return warehouse::listAudiences(uri); });
}

void WarehouseAudiencesPanel::createAudience()
{
    if (isBusy()) {
        return;
    }
    warehouse::WarehouseAudienceRequest request;
    request.name = m_name->text().trimmed().toStdString();
    request.target = model::Target::parse(m_target->text().toStdString());
    const auto size = audience::SizeRule::parse(m_size->text().trimmed().toStdString());
    QLineEdit *wrong = nullptr;
    QString why;
    if (request.name.empty()) {
        wrong = m_name;
        why = tr("Name the audience.");
    } else if (m_target->text().trimmed().isEmpty()) {
        wrong = m_target;
        why = tr("Say what the audience is for: COLUMN=VALUE, or a product id.");
    } else if (!size) {
        wrong = m_size;
        why = QString::fromStdString(size.error().message);
    } else if (!audience::parseControlShare(m_control->text().trimmed().toStdString(),
                                            request.controlShare)) {
        wrong = m_control;
        why = tr("The control group is a share of the members from 0% to 50%, e.g. 10%, or 0.");
    }
    if (wrong != nullptr) {
        m_status->showMessage(why, true);
        wrong->setFocus();
        return;
    }
    request.size = *size;
    const QString name = m_name->text().trimmed();
    setBusy(true, tr("Creating %1 from the warehouse's interactions…").arg(name));
    m_onFinished = [this, name] {
        const auto &created = m_jobs->result<warehouse::WarehouseAudience>();
        setBusy(false);
        const QString quality = created.backtest.empty()
                                    ? QString()
                                    : tr(", quality %1 (AUC %2)")
                                          .arg(QString::fromStdString(created.backtest.front().label))
                                          .arg(created.backtest.front().auc, 0, 'f', 3);
        const QString message =
            tr("Created %1: %2 of %3 scored people%4; %5 entered, %6 left since the last snapshot.")
                .arg(name, QLocale().toString(created.members), QLocale().toString(created.scored), quality,
                     QLocale().toString(created.entered), QLocale().toString(created.exited));
        reload();
        m_status->showMessage(message);
    };
    m_jobs->start(tr("Create audience"), [uri = m_uri, request](ProgressSink &progress) {
        return warehouse::createAudience(uri, request, progress);
    });
}

void WarehouseAudiencesPanel::confirmRemove()
{
    const QString name = selectedName();
    if (name.isEmpty() || isBusy()) {
        return;
    }
    confirmDelete(this, tr("Delete audience"),
                  tr("Delete the audience \"%1\" from the warehouse, with its members and its history of who "
                     "entered and left? Files already exported stay; this cannot be undone.")
                      .arg(name),
                  [this, name] { removeAudience(name); });
}

void WarehouseAudiencesPanel::removeAudience(const QString &name)
{
    setBusy(true, tr("Deleting %1…").arg(name));
    m_onFinished = [this, name] {
        setBusy(false);
        reload();
        m_status->showMessage(tr("Deleted %1 from the warehouse.").arg(name));
    };
    m_jobs->start(tr("Delete audience"), [uri = m_uri, name = name.toStdString()](ProgressSink &) {
        return warehouse::removeAudience(uri, name);
    });
}

void WarehouseAudiencesPanel::exportAudience()
{
    const QString name = selectedName();
    if (name.isEmpty() || isBusy()) {
        return;
    }
    const auto request = askWarehouseExport(this, name, true, m_preset->currentData().toString());
    if (!request) {
        return;
    }
    setBusy(true, tr("Exporting %1 from the warehouse…").arg(name));
    m_onFinished = [this, file = QString::fromStdString(request->outFile)] {
        setBusy(false);
        m_status->showMessage(exportedText(m_jobs->result<segments::ExportCounts>(), file));
        emit jobDone();
    };
    m_jobs->start(tr("Export audience"), [uri = m_uri, request = *request](ProgressSink &progress) {
        return warehouse::exportMembers(uri, request, progress);
    });
}

} // namespace awb::ui
