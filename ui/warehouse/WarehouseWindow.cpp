// SPDX-License-Identifier: GPL-3.0-or-later
#include "warehouse/WarehouseWindow.h"

#include "export/ExportPresets.h"
#include "ingest/Timestamp.h"
#include "jobs/JobRunner.h"
#include "segments/RuleEditor.h"
#include "segments/RuleVocabulary.h"
#include "traits/Scores.h"
#include "traits/TraitInfos.h"
#include "warehouse/SourceMappingDialog.h"
#include "warehouse/WarehouseAudiencesPanel.h"
#include "warehouse/WarehouseExportFile.h"
#include "warehouse/WarehouseTraits.h"
#include "widgets/StatusLine.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace awb::ui {

namespace {

// What the rule editor offers in warehouse mode: the traits the warehouse computes and the events it holds.
std::shared_ptr<const RuleVocabulary> vocabularyOf(const warehouse::WarehouseSummary &summary)
{
    auto v = std::make_shared<RuleVocabulary>();
    for (const std::string &id : warehouse::warehouseTraitIds()) {
        TraitChoice c;
        c.info = *traits::findTraitInfo(id);
        if (id == "visitor_type") {
            c.values = {QStringLiteral("New"), QStringLiteral("Returning")};
        } else if (id == "rfm_group") {
            for (const std::string &name : traits::rfmGroupNames()) {
                c.values << QString::fromStdString(name);
            }
        } else if (c.info.kind == traits::TraitKind::Number) {
            c.integral = id != "total_spend" && id != "average_order_value" && id != "refund_amount";
            const auto largest = summary.largest.find(id);
            c.largest = largest == summary.largest.end() ? 0.0 : largest->second;
        }
        v->traits.push_back(std::move(c));
    }
    for (const std::string &e : summary.events) {
        v->events << QString::fromStdString(e);
    }
    v->nowMs = summary.nowMs;
    return v;
}

QString when(std::int64_t ms)
{
    return QString::fromStdString(ingest::formatTimestamp(ms));
}

} // namespace

WarehouseWindow::WarehouseWindow(std::string uri, const QString &title, QWidget *parent)
    : QMainWindow(parent), m_uri(std::move(uri)), m_editor(new RuleEditor(this)), m_summary(new QLabel(this)),
      m_count(new QLabel(this)), m_name(new QLineEdit(this)), m_preset(new QComboBox(this)),
      m_refresh(new QPushButton(tr("&Refresh traits"), this)),
      m_mapping(new QPushButton(tr("Source &mapping…"), this)),
      m_save(new QPushButton(tr("&Save in warehouse"), this)),
      m_export(new QPushButton(tr("&Export…"), this)), m_cancel(new QPushButton(tr("Cancel"), this)),
      m_progress(new QProgressBar(this)), m_status(new StatusLine(this)), m_jobs(new JobRunner(this)),
      m_audiences(new WarehouseAudiencesPanel(m_uri, this)), m_debounce(new QTimer(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Warehouse %1 — Audience Workbench").arg(title));
    m_summary->setObjectName(QStringLiteral("warehouseSummary"));
    m_summary->setText(tr("Connecting to %1…").arg(title));
    m_count->setObjectName(QStringLiteral("warehouseCount"));
    QFont big = m_count->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_count->setFont(big);
    m_name->setObjectName(QStringLiteral("warehouseSegmentName"));
    m_name->setPlaceholderText(tr("Segment name"));
    m_preset->setObjectName(QStringLiteral("warehousePreset"));
    for (const exports::PresetInfo &p : exports::presetList()) {
        m_preset->addItem(QString::fromStdString(p.name), QString::fromStdString(p.id));
    }
    m_refresh->setToolTip(tr("Compute the people and traits again in the warehouse, as of its latest event"));
    m_mapping->setObjectName(QStringLiteral("warehouseMappingButton"));
    m_mapping->setToolTip(
        tr("Which identity columns, profile table, order and refund events the warehouse reads"));
    m_save->setToolTip(tr("Write the rule and its members into the warehouse's awb schema"));
    m_export->setToolTip(tr("Write the members saved in the warehouse as a CSV file for the chosen tool"));
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(160);
    m_progress->hide();
    m_cancel->hide();

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_editor);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_mapping);
    top->addWidget(m_refresh);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_count, 1);
    bottom->addWidget(m_progress);
    bottom->addWidget(m_cancel);
    bottom->addWidget(m_name);
    bottom->addWidget(m_save);
    bottom->addWidget(m_preset);
    bottom->addWidget(m_export);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addLayout(top);
    layout->addWidget(scroll, 1);
    layout->addLayout(bottom);
    layout->addWidget(m_status);
    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("warehouseTabs"));
    tabs->setDocumentMode(true);
    tabs->addTab(central, tr("&Segments"));
    tabs->addTab(m_audiences, tr("&Audiences"));
    setCentralWidget(tabs);
    resize(1100, 640);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &WarehouseWindow::startCount);
    connect(m_editor, &RuleEditor::ruleChanged, this, &WarehouseWindow::scheduleCount);
    connect(&m_countWatcher, &QFutureWatcher<CountResult>::finished, this, &WarehouseWindow::onCounted);
    connect(m_refresh, &QPushButton::clicked, this, &WarehouseWindow::refreshTraits);
    connect(m_mapping, &QPushButton::clicked, this, &WarehouseWindow::editMapping);
    connect(m_save, &QPushButton::clicked, this, &WarehouseWindow::saveSegment);
    connect(m_export, &QPushButton::clicked, this, &WarehouseWindow::exportSegment);
    connect(m_cancel, &QPushButton::clicked, m_jobs, &JobRunner::cancel);
    connect(m_jobs, &JobRunner::finished, this, [this] {
        m_onFailed = {};
        if (auto done = std::exchange(m_onFinished, {})) {
            done();
        }
    });
    connect(m_jobs, &JobRunner::failed, this, &WarehouseWindow::onJobFailed);
    connect(m_jobs, &JobRunner::cancelled, this, [this] {
        m_onFinished = {};
        m_onFailed = {};
        setBusy(false);
        m_status->showMessage(
            tr("Cancelled: the warehouse stopped the statement and kept what it had before."));
        emit jobDone();
    });
    m_editor->resetRule(segments::Rule{});
    startOpen();
}

WarehouseWindow::~WarehouseWindow()
{
    m_countWatcher.waitForFinished();
}

QString WarehouseWindow::countText() const
{
    return m_count->text();
}

bool WarehouseWindow::isBusy() const
{
    return m_jobs->isRunning() || m_counting || m_debounce->isActive();
}

void WarehouseWindow::setBusy(bool busy, const QString &what)
{
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    for (QPushButton *b : {m_refresh, m_mapping, m_save, m_export}) {
        b->setEnabled(!busy);
    }
    if (busy) {
        m_status->showMessage(what);
    }
}

void WarehouseWindow::startOpen()
{
    setBusy(true, tr("Computing the people and traits in the warehouse when they never were…"));
    m_onFinished = [this] { onOpened(m_jobs->result<warehouse::WarehouseSummary>()); };
    m_jobs->start(tr("Open warehouse"),
                  [uri = m_uri](ProgressSink &progress) { return warehouse::openWarehouse(uri, progress); });
}

void WarehouseWindow::onOpened(const warehouse::WarehouseSummary &summary)
{
    setBusy(false);
    m_nowMs = summary.nowMs;
    m_schema = QString::fromStdString(summary.schema);
    m_summary->setText(tr("Schema %1: %2 people, traits as of %3, computed in the warehouse")
                           .arg(QString::fromStdString(summary.schema), QLocale().toString(summary.people),
                                when(summary.nowMs)));
    m_editor->setVocabulary(vocabularyOf(summary));
    m_status->clearMessage();
    m_audiences->reload();
    emit opened();
    startCount();
}

void WarehouseWindow::scheduleCount()
{
    m_count->setText(tr("Counting…"));
    m_debounce->start();
}

void WarehouseWindow::startCount()
{
    if (m_nowMs == 0) {
        return; // not open yet: the count follows the opening
    }
    if (m_counting) {
        m_countAgain = true; // the newest rule is counted when this count ends
        return;
    }
    m_counting = true;
    m_count->setText(tr("Counting…"));
    const std::uint64_t generation = ++m_generation;
    m_countWatcher.setFuture(
        QtConcurrent::run([uri = m_uri, rule = m_editor->rule(), now = m_nowMs, generation] {
            return CountResult{generation, warehouse::countRule(uri, rule, now, false)};
        }));
}

void WarehouseWindow::onCounted()
{
    const CountResult result = m_countWatcher.result();
    m_counting = false;
    if (m_countAgain) {
        m_countAgain = false;
        startCount();
        return;
    }
    if (!result.count) {
        m_count->setText(tr("—"));
        m_status->showMessage(QString::fromStdString(result.count.error().message), true);
    } else {
        const auto &c = *result.count;
        const double share =
            c.people > 0 ? 100.0 * static_cast<double>(c.matching) / static_cast<double>(c.people) : 0;
        m_count->setText(tr("%1 of %2 people (%3%)")
                             .arg(QLocale().toString(c.matching), QLocale().toString(c.people),
                                  QLocale().toString(share, 'f', 2)));
        if (!m_jobs->isRunning()) {
            m_status->clearMessage();
        }
    }
    emit counted();
}

void WarehouseWindow::refreshTraits()
{
    setBusy(true, tr("Computing the people and traits again in the warehouse…"));
    m_onFinished = [this] {
        const auto &info = m_jobs->result<warehouse::WarehouseTraitsInfo>();
        setBusy(false);
        m_nowMs = info.nowMs;
        m_summary->setText(tr("%1 people, traits as of %2, computed in the warehouse")
                               .arg(QLocale().toString(info.people), when(info.nowMs)));
        m_status->showMessage(tr("Traits computed again."));
        emit jobDone();
        startCount();
    };
    m_jobs->start(tr("Refresh traits"), [uri = m_uri](ProgressSink &progress) {
        return warehouse::refreshTraits(uri, std::nullopt, progress);
    });
}

void WarehouseWindow::editMapping()
{
    setBusy(true, tr("Reading the source mapping…"));
    m_onFinished = [this] {
        setBusy(false);
        m_status->clearMessage();
        emit jobDone();
        showMappingDialog(m_jobs->result<warehouse::SourceMapping>(), {});
    };
    m_jobs->start(tr("Read source mapping"),
                  [uri = m_uri](ProgressSink &) { return warehouse::sourceMapping(uri); });
}

void WarehouseWindow::showMappingDialog(const warehouse::SourceMapping &mapping, const QString &error)
{
    auto *dialog = new SourceMappingDialog(m_schema, mapping, error, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { storeMapping(dialog->mapping()); });
    dialog->open();
}

void WarehouseWindow::storeMapping(const warehouse::SourceMapping &mapping)
{
    setBusy(true, tr("Storing the source mapping and computing the people and traits again…"));
    m_onFinished = [this] {
        onOpened(m_jobs->result<warehouse::WarehouseSummary>());
        m_status->showMessage(tr("Source mapping stored; people and traits computed with it."));
        emit jobDone();
    };
    m_onFailed = [this, mapping](const Error &error) {
        showMappingDialog(mapping, QString::fromStdString(error.message));
    };
    m_jobs->start(tr("Store source mapping"),
                  [uri = m_uri, mapping](ProgressSink &progress) -> Result<warehouse::WarehouseSummary> {
                      if (const Result<void> stored = warehouse::setSourceMapping(uri, mapping); !stored) {
                          return fail(stored.error());
                      }
                      return warehouse::openWarehouse(uri, progress);
                  });
}

void WarehouseWindow::saveSegment()
{
    const std::string name = m_name->text().trimmed().toStdString();
    if (name.empty()) {
        m_status->showMessage(tr("Name the segment before saving it."), true);
        m_name->setFocus();
        return;
    }
    setBusy(true, tr("Saving %1 in the warehouse…").arg(m_name->text().trimmed()));
    m_onFinished = [this, name] {
        const auto &saved = m_jobs->result<warehouse::SavedMembership>();
        setBusy(false);
        m_status->showMessage(
            tr("Saved %1 in the warehouse: %2 members (%3 entered, %4 left since the last save).")
                .arg(QString::fromStdString(name), QLocale().toString(saved.members),
                     QLocale().toString(saved.entered), QLocale().toString(saved.exited)));
        emit jobDone();
    };
    m_jobs->start(tr("Save segment"),
                  [uri = m_uri, name, rule = m_editor->rule(), now = m_nowMs](ProgressSink &progress) {
                      return warehouse::saveSegment(uri, name, rule, now, progress);
                  });
}

void WarehouseWindow::exportSegment()
{
    const QString name = m_name->text().trimmed();
    if (name.isEmpty()) {
        m_status->showMessage(tr("Name the saved segment to export."), true);
        m_name->setFocus();
        return;
    }
    const auto request = askWarehouseExport(this, name, false, m_preset->currentData().toString());
    if (!request) {
        return;
    }
    setBusy(true, tr("Exporting %1 from the warehouse…").arg(name));
    m_onFinished = [this, file = QString::fromStdString(request->outFile)] {
        setBusy(false);
        m_status->showMessage(exportedText(m_jobs->result<segments::ExportCounts>(), file));
        emit jobDone();
    };
    m_jobs->start(tr("Export segment"), [uri = m_uri, request = *request](ProgressSink &progress) {
        return warehouse::exportMembers(uri, request, progress);
    });
}

void WarehouseWindow::onJobFailed(const Error &error)
{
    m_onFinished = {};
    setBusy(false);
    m_status->showMessage(QString::fromStdString(error.message), true);
    if (auto failed = std::exchange(m_onFailed, {})) {
        failed(error);
    }
    if (m_nowMs == 0) {
        m_summary->setText(tr("Not connected."));
    }
    emit jobDone();
    emit opened();
}

} // namespace awb::ui
