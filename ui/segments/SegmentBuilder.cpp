// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/SegmentBuilder.h"

#include "audiences/ExportDialog.h"
#include "charts/ChartPalette.h"
#include "jobs/JobRunner.h"
#include "main/ShowError.h"
#include "segments/AsOfPicker.h"
#include "segments/LiveEvaluation.h"
#include "segments/RuleEditor.h"
#include "segments/RuleJson.h"
#include "segments/RuleVocabulary.h"
#include "segments/SegmentInsights.h"
#include "segments/SegmentToolbar.h"
#include "segments/StaticSegmentBanner.h"
#include "segments/TemplateDialog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QResizeEvent>
#include <QSplitter>
#include <QStandardPaths>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace awb::ui {

namespace {
constexpr int kDebounceMs = 250;
// Below this width the read-outs go under the rule instead of beside it.
constexpr int kSideBySideFrom = 640;
} // namespace

SegmentBuilder::SegmentBuilder(LiveEvaluation &live, QWidget *parent)
    : QWidget(parent), m_live(live), m_editor(new RuleEditor(this)), m_insights(new SegmentInsights(this)),
      m_export(new JobRunner(this)), m_split(new QSplitter(Qt::Horizontal, this)),
      m_bar(new SegmentToolbar(m_editor->undoAction(), m_editor->redoAction(), this)),
      m_name(m_bar->nameEdit()), m_note(m_bar->noteEdit()), m_status(new QLabel(this)),
      m_banner(new StaticSegmentBanner(this))
{
    setObjectName(QStringLiteral("segmentBuilder"));
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    m_split->setObjectName(QStringLiteral("segmentSplitter"));
    m_split->setChildrenCollapsible(false);
    m_editor->setMinimumWidth(300);
    m_insights->setMinimumWidth(280);
    m_split->addWidget(m_editor);
    m_split->addWidget(m_insights);
    m_split->setStretchFactor(0, 1);
    m_split->setStretchFactor(1, 1);
    m_split->setSizes({640, 490});
    m_status->setObjectName(QStringLiteral("builderStatusLabel"));
    m_status->setWordWrap(true);
    m_status->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_bar);
    layout->addWidget(m_banner);
    layout->addWidget(m_status);
    m_banner->hide();
    layout->addWidget(m_split, 1);

    connect(&m_debounce, &QTimer::timeout, this, &SegmentBuilder::requestEvaluation);
    connect(m_editor, &RuleEditor::ruleChanged, this, &SegmentBuilder::onRuleChanged);
    connect(m_insights, &SegmentInsights::overlapChanged, this, &SegmentBuilder::requestEvaluation);
    connect(m_insights, &SegmentInsights::rfmCellClicked, this, &SegmentBuilder::addRfmCell);
    connect(m_insights, &SegmentInsights::cancelRequested, this, [this] { m_live.loader().cancel(); });
    // The editor's shortcuts work anywhere in the builder, not only with the focus in the rule.
    addAction(m_editor->undoAction());
    addAction(m_editor->redoAction());
    connect(m_bar, &SegmentToolbar::backClicked, this, &SegmentBuilder::leave);
    connect(m_bar, &SegmentToolbar::templateChosen, this, &SegmentBuilder::chooseTemplate);
    connect(m_bar, &SegmentToolbar::saveClicked, this, &SegmentBuilder::save);
    connect(m_bar, &SegmentToolbar::exportClicked, this, &SegmentBuilder::startExport);
    connect(m_bar, &SegmentToolbar::freezeClicked, this, &SegmentBuilder::requestFreeze);
    connect(m_banner, &StaticSegmentBanner::editCopyClicked, this, &SegmentBuilder::editAsNewSegment);
    connect(m_export, &JobRunner::finished, this, [this] {
        const QString text =
            QString::fromStdString(m_export->result<services::SegmentExportReport>().toText());
        setStatus(text.trimmed());
        emit exported(text);
    });
    connect(m_export, &JobRunner::failed, this, [this](const Error &e) {
        setStatus(QString::fromStdString(e.message), true);
        showError(this, e);
    });
    connectLive();
    newSegment();
}

SegmentBuilder::~SegmentBuilder() = default;

void SegmentBuilder::connectLive()
{
    connect(&m_live, &LiveEvaluation::vocabularyChanged, this, [this] {
        m_editor->setVocabulary(m_live.vocabulary());
        m_bar->templatesButton()->setEnabled(m_live.isLoaded());
        m_insights->asOfPicker()->setAsOf(m_live.asOf());
        if (m_live.vocabulary()) {
            m_insights->asOfPicker()->setLatest(m_live.vocabulary()->nowMs);
        }
    });
    // Another day recomputes the traits (with progress); the rule is counted again once they are loaded.
    connect(m_insights->asOfPicker(), &AsOfPicker::asOfChanged, this,
            [this] { m_live.setAsOf(m_insights->asOfPicker()->asOf()); });
    connect(&m_live, &LiveEvaluation::loaded, this, &SegmentBuilder::onLoaded);
    connect(&m_live, &LiveEvaluation::evaluated, this, &SegmentBuilder::onEvaluated);
    connect(&m_live, &LiveEvaluation::loadFailed, this, [this](const Error &e) {
        m_insights->showMessage(
            tr("The traits could not be computed: %1").arg(QString::fromStdString(e.message)), true);
    });
    connect(&m_live.loader(), &JobRunner::cancelled, this, [this] {
        if (!m_live.isLoaded() && !m_live.loader().isRunning()) {
            m_insights->showMessage(tr("Computing the traits was cancelled: edit the rule to start again."),
                                    false);
        }
    });
    connect(&m_live.loader(), &JobRunner::progressChanged, this,
            [this](qint64 done, qint64 total, const QString &stage) {
                m_insights->showLoading(done, total, stage);
            });
    m_bar->templatesButton()->setEnabled(m_live.isLoaded());
}

void SegmentBuilder::newSegment()
{
    showStatic(std::nullopt);
    m_pendingTemplate.reset();
    m_editing.clear();
    m_note->clear();
    m_name->clear();
    m_status->hide();
    m_insights->setSegments(m_segments);
    segments::Rule empty;
    empty.root = segments::Node::group(segments::GroupMode::All);
    m_editor->resetRule(empty);
}

bool SegmentBuilder::openSegment(const QString &name)
{
    services::SegmentService service(m_live.workspace().toStdString());
    auto saved = service.find(name.toStdString());
    // A static segment shows the rule it was frozen from (read-only); its members are what counts.
    auto rule = saved ? segments::ruleFromJson(saved->ruleJson) : Result<segments::Rule>(fail(saved.error()));
    if (!rule) {
        showError(this, rule.error());
        return false;
    }
    m_pendingTemplate.reset();
    m_note->setText(QString::fromStdString(saved->description));
    m_editing = name;
    m_name->setText(name);
    m_status->hide();
    showStatic(saved->isStatic() ? std::optional(*saved) : std::nullopt);
    m_name->setToolTip(saved->isStatic() ? tr("Rename a static segment from the list of segments")
                                         : QString());
    setSegments(m_segments);
    m_editor->resetRule(*rule);
    return true;
}

void SegmentBuilder::showStatic(const std::optional<segments::SavedSegment> &segment)
{
    m_static = segment;
    m_bar->setStaticMode(segment.has_value());
    m_editor->setReadOnly(segment.has_value());
    m_banner->setVisible(segment.has_value());
    // A static segment's members are frozen: another day would only hide some of them.
    m_insights->asOfPicker()->setVisible(!segment.has_value());
    if (segment) {
        m_banner->setSegment(*segment);
    }
}

void SegmentBuilder::editAsNewSegment()
{
    if (!m_static) {
        return;
    }
    const segments::Rule rule = m_editor->rule();
    QString name = tr("%1 copy").arg(QString::fromStdString(m_static->frozenFrom));
    for (int n = 2; m_segments.contains(name); ++n) {
        name = tr("%1 copy %2").arg(QString::fromStdString(m_static->frozenFrom)).arg(n);
    }
    newSegment();
    m_name->setText(name);
    m_editor->setRule(rule, tr("Rule of a static segment"));
    setStatus(tr("A new rule segment with the rule the static one was frozen from: edit it, then Save."));
}

segments::Rule SegmentBuilder::evaluatedRule() const
{
    return m_static ? services::SegmentService::inSegment(m_editing.toStdString()) : m_editor->rule();
}

bool SegmentBuilder::requestFreeze()
{
    if (m_static) {
        return false;
    }
    if (m_editing.isEmpty()) {
        setStatus(tr("Save the segment first: a saved segment can be frozen."), true);
        return false;
    }
    emit freezeRequested(m_editing, hasUnsavedChanges());
    return true;
}

void SegmentBuilder::setSegments(const QStringList &names)
{
    m_segments = names;
    QStringList others = names;
    others.removeAll(m_editing);
    m_insights->setSegments(others);
}

bool SegmentBuilder::applyTemplate(const QString &name, const std::map<std::string, std::string> &params)
{
    const auto table = m_live.table();
    if (!table) {
        m_pendingTemplate = PendingTemplate{name, params, false};
        m_live.ensureLoaded();
        return true;
    }
    auto rule = services::SegmentService(m_live.workspace().toStdString())
                    .fromTemplate(name.toStdString(), params, *table);
    if (!rule) {
        setStatus(QString::fromStdString(rule.error().message), true);
        showError(this, rule.error());
        return false;
    }
    const auto &list = services::SegmentService::templates();
    const auto info = std::find_if(list.begin(), list.end(), [&](const segments::TemplateInfo &t) {
        return t.name == name.toStdString();
    });
    if (m_name->text().trimmed().isEmpty() && info != list.end()) {
        m_name->setText(QString::fromStdString(info->label));
    }
    m_editor->setRule(*rule, tr("Template %1").arg(name));
    setStatus(tr("Template applied: edit any condition, the count follows."));
    return true;
}

void SegmentBuilder::chooseTemplate(const QString &name)
{
    const auto &list = services::SegmentService::templates();
    const auto info = std::find_if(list.begin(), list.end(), [&](const segments::TemplateInfo &t) {
        return t.name == name.toStdString();
    });
    if (info == list.end()) {
        return;
    }
    if (!m_live.vocabulary()) {
        m_pendingTemplate = PendingTemplate{name, {}, true};
        m_live.ensureLoaded();
        return;
    }
    if (!TemplateDialog::needsInput(*info)) {
        applyTemplate(name);
        return;
    }
    auto *dialog = new TemplateDialog(*info, *m_live.vocabulary(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, name] { applyTemplate(name, dialog->params()); });
    dialog->open();
}

void SegmentBuilder::setName(const QString &name)
{
    m_name->setText(name);
}

QString SegmentBuilder::name() const
{
    return m_name->text().trimmed();
}

bool SegmentBuilder::save()
{
    const QString name = this->name();
    QString problem;
    if (m_static) {
        problem = tr("A static segment never changes: use \"Edit the rule as a new segment\" to change it.");
    } else if (name.isEmpty()) {
        problem = tr("Give the segment a name first.");
    } else if (name != m_editing && m_segments.contains(name)) {
        problem = tr("A segment named \"%1\" exists already: choose another name.").arg(name);
    }
    if (!problem.isEmpty()) {
        setStatus(problem, true);
        m_name->setFocus();
        return false;
    }
    services::SegmentService service(m_live.workspace().toStdString());
    if (!m_editing.isEmpty() && name != m_editing) {
        if (auto renamed = service.rename(m_editing.toStdString(), name.toStdString()); !renamed) {
            showError(this, renamed.error());
            return false;
        }
    }
    const auto stored =
        service.save(name.toStdString(), m_note->text().trimmed().toStdString(), m_editor->rule());
    if (!stored) {
        setStatus(QString::fromStdString(stored.error().message), true);
        showError(this, stored.error());
        return false;
    }
    m_editing = name;
    m_editor->undoStack()->setClean();
    m_note->setModified(false);
    setStatus(tr("Saved \"%1\".").arg(name));
    emit saved(name);
    return true;
}

bool SegmentBuilder::exportCsv(const services::SegmentExportRequest &request)
{
    if (m_export->isRunning() || m_live.workspace().isEmpty()) {
        return false;
    }
    services::TraitRequest traits;
    traits.asOfMs = m_live.asOf();
    setStatus(tr("Exporting…"));
    return m_export->start(tr("Exporting"), [path = m_live.workspace().toStdString(), rule = evaluatedRule(),
                                             traits, request](ProgressSink &progress) {
        return services::SegmentService(path).exportCsv(rule, traits, request, progress);
    });
}

void SegmentBuilder::startExport()
{
    const QString title = name().isEmpty() ? tr("segment") : name();
    auto *dialog =
        new ExportDialog(title, QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setPreset(QStringLiteral("generic"));
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const services::ExportRequest r = dialog->request();
        services::SegmentExportRequest out;
        out.outFile = r.outFile;
        out.preset = r.preset;
        if (!r.columns.empty()) {
            out.columns = r.columns;
        }
        out.defaultCountry = r.defaultCountry;
        exportCsv(out);
    });
    dialog->open();
}

void SegmentBuilder::onRuleChanged()
{
    m_count.reset();
    if (m_live.isLoaded()) {
        m_insights->showPending();
    }
    m_debounce.start();
}

void SegmentBuilder::requestEvaluation()
{
    m_debounce.stop();
    m_count.reset();
    if (!m_live.isLoaded()) {
        // Traits are computed when the builder is used, not for a page nobody looks at.
        if (isVisible()) {
            m_live.ensureLoaded();
        }
        return; // onLoaded() asks again
    }
    EvaluationRequest request;
    request.rule = evaluatedRule();
    request.overlapWith = m_insights->overlapWith().toStdString();
    request.previewTraits = m_live.vocabulary()->keyTraits(m_editor->rule());
    m_generation = m_live.evaluate(std::move(request));
}

void SegmentBuilder::onLoaded()
{
    if (m_pendingTemplate) {
        const PendingTemplate pending = std::move(*m_pendingTemplate);
        m_pendingTemplate.reset();
        pending.ask ? chooseTemplate(pending.name) : void(applyTemplate(pending.name, pending.params));
    }
    requestEvaluation();
}

void SegmentBuilder::onEvaluated(const EvaluationResult &result)
{
    // A result for an older rule while a newer edit waits for its debounce is not shown.
    if (m_debounce.isActive() || result.generation != m_generation) {
        return;
    }
    m_insights->showResult(result, m_live.vocabulary().get());
    if (!result.error) {
        m_count = result.count;
    }
    emit countShown();
}

void SegmentBuilder::addRfmCell(int recency, int frequency)
{
    using segments::Node;
    using segments::Op;
    std::vector<Node> cell = {Node::traitCondition({"rfm_recency", {}, {}, Op::Eq, {double(recency)}}),
                              Node::traitCondition({"rfm_frequency", {}, {}, Op::Eq, {double(frequency)}})};
    m_editor->require(std::move(cell), tr("Add RFM cell"));
}

bool SegmentBuilder::hasUnsavedChanges() const
{
    return !m_editor->undoStack()->isClean() || m_note->isModified();
}

void SegmentBuilder::leave()
{
    if (!hasUnsavedChanges()) {
        emit backRequested();
        return;
    }
    const QString what = name().isEmpty() ? tr("this segment") : QStringLiteral("\"%1\"").arg(name());
    auto *box = new QMessageBox(QMessageBox::Question, tr("Unsaved changes"),
                                tr("Leave %1 without saving the changes to its rule?").arg(what),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("discardChangesBox"));
    QPushButton *discard = box->addButton(tr("Discard changes"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::finished, this, [this, box, discard] {
        if (box->clickedButton() == discard) {
            emit backRequested();
        }
    });
    box->open();
}

std::optional<services::SegmentCount> SegmentBuilder::count() const
{
    return m_count;
}

QString SegmentBuilder::statusText() const
{
    return m_status->isHidden() ? QString() : m_status->text();
}

void SegmentBuilder::setStatus(const QString &text, bool error)
{
    m_status->setStyleSheet(error ? QStringLiteral("color: %1;").arg(palette::error().name())
                                  : QStringLiteral("color: %1;").arg(palette::mutedText().name()));
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void SegmentBuilder::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_split->setOrientation(event->size().width() < kSideBySideFrom ? Qt::Vertical : Qt::Horizontal);
}

} // namespace awb::ui
