// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/SegmentBuilder.h"

#include "audiences/ExportDialog.h"
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
#include "widgets/StatusLine.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QResizeEvent>
#include <QSplitter>
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
      m_name(m_bar->nameEdit()), m_note(m_bar->noteEdit()), m_status(new StatusLine(this)),
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
    connect(m_bar, &SegmentToolbar::saveClicked, this, [this] { save(); });
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
    m_opened.reset();
    m_note->clear();
    m_name->clear();
    m_status->clearMessage();
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
    m_opened = *saved;
    m_name->setText(name);
    m_status->clearMessage();
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
    const QString name = freeName(tr("%1 copy").arg(QString::fromStdString(m_static->frozenFrom)));
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
    if (!m_editing.isEmpty() || m_static || hasUnsavedChanges()) {
        askToSaveThen([this, name] { startFromTemplate(name); });
        return;
    }
    pickTemplate(name);
}

void SegmentBuilder::startFromTemplate(const QString &name)
{
    const auto &list = services::SegmentService::templates();
    const auto info = std::find_if(list.begin(), list.end(), [&](const segments::TemplateInfo &t) {
        return t.name == name.toStdString();
    });
    newSegment();
    if (info != list.end()) {
        m_name->setText(freeName(QString::fromStdString(info->label)));
    }
    pickTemplate(name);
}

QString SegmentBuilder::freeName(const QString &base) const
{
    QString name = base;
    for (int n = 2; m_segments.contains(name); ++n) {
        name = QStringLiteral("%1 %2").arg(base).arg(n);
    }
    return name;
}

void SegmentBuilder::pickTemplate(const QString &name)
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

bool SegmentBuilder::save(std::function<void()> andThen)
{
    return store(false, std::move(andThen));
}

bool SegmentBuilder::store(bool overwrite, std::function<void()> andThen)
{
    const QString name = this->name();
    QString problem;
    if (m_static) {
        problem = tr("A static segment never changes: use \"Edit the rule as a new segment\" to change it.");
    } else if (name.isEmpty()) {
        problem = tr("Give the segment a name first.");
    }
    if (!problem.isEmpty()) {
        setStatus(problem, true);
        m_name->setFocus();
        return false;
    }
    services::SegmentEdit edit;
    edit.name = name.toStdString();
    edit.description = m_note->text().trimmed().toStdString();
    edit.rule = m_editor->rule();
    edit.opened = m_opened;
    edit.overwrite = overwrite;
    const auto stored = services::SegmentService(m_live.workspace().toStdString()).saveEdited(edit);
    if (!stored) {
        const Error &error = stored.error();
        if (error.code == Error::Code::Conflict) {
            askOverwrite(error, std::move(andThen));
            return false;
        }
        setStatus(QString::fromStdString(error.message), true);
        if (error.code == Error::Code::InvalidInput) {
            m_name->setFocus();
        } else {
            showError(this, error);
        }
        return false;
    }
    m_opened = *stored;
    m_editing = name;
    m_editor->undoStack()->setClean();
    m_note->setModified(false);
    setStatus(tr("Saved \"%1\".").arg(name));
    emit saved(name);
    if (andThen) {
        andThen();
    }
    return true;
}

void SegmentBuilder::askOverwrite(const Error &conflict, std::function<void()> andThen)
{
    setStatus(QString::fromStdString(conflict.message), true);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Segment changed elsewhere"),
                                QString::fromStdString(conflict.message), QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("segmentConflictBox"));
    box->setInformativeText(tr("Overwrite it with the rule shown here, or keep both by saving this rule as a "
                               "new segment?"));
    QPushButton *overwrite = box->addButton(tr("Overwrite"), QMessageBox::DestructiveRole);
    overwrite->setObjectName(QStringLiteral("overwriteButton"));
    QPushButton *saveAsNew = box->addButton(tr("Save as new segment"), QMessageBox::AcceptRole);
    saveAsNew->setObjectName(QStringLiteral("saveAsNewButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::finished, this, [this, box, overwrite, saveAsNew, andThen] {
        if (box->clickedButton() == overwrite) {
            store(true, andThen);
        } else if (box->clickedButton() == saveAsNew) {
            const QString name = freeName(tr("%1 copy").arg(this->name()));
            m_opened.reset();
            m_editing.clear();
            m_name->setText(name);
            store(false, andThen);
        }
    });
    box->open();
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
    auto *dialog = new ExportDialog(title, this);
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
        out.includeWithoutConsent = r.includeWithoutConsent;
        out.recommendations = r.recommendations;
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
    if (m_static) {
        return false;
    }
    return !m_editor->undoStack()->isClean() || m_note->isModified() || (m_opened && name() != m_editing);
}

void SegmentBuilder::askToSaveThen(std::function<void()> proceed)
{
    if (!hasUnsavedChanges()) {
        proceed();
        return;
    }
    const QString what = name().isEmpty() ? tr("the new segment") : QStringLiteral("\"%1\"").arg(name());
    auto *box =
        new QMessageBox(QMessageBox::Question, tr("Unsaved changes"), tr("Save the changes to %1?").arg(what),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("unsavedChangesBox"));
    box->setInformativeText(tr("Changes that are not saved are lost."));
    box->setDefaultButton(QMessageBox::Save);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::finished, this, [this, box, proceed = std::move(proceed)] {
        const QMessageBox::StandardButton button = box->standardButton(box->clickedButton());
        if (button == QMessageBox::Save) {
            save(proceed);
        } else if (button == QMessageBox::Discard) {
            discardChanges();
            proceed();
        }
    });
    box->open();
}

void SegmentBuilder::discardChanges()
{
    if (!m_opened) {
        newSegment();
        return;
    }
    auto rule = segments::ruleFromJson(m_opened->ruleJson);
    m_name->setText(m_editing);
    m_note->setText(QString::fromStdString(m_opened->description));
    m_note->setModified(false);
    if (rule) {
        m_editor->resetRule(*rule);
    }
    m_editor->undoStack()->setClean();
}

void SegmentBuilder::leave()
{
    askToSaveThen([this] { emit backRequested(); });
}

void SegmentBuilder::followSavedSegments(const std::vector<segments::SavedSegment> &saved)
{
    if (!m_opened || m_static) {
        return;
    }
    const auto now = std::find_if(saved.begin(), saved.end(),
                                  [&](const segments::SavedSegment &s) { return s.id == m_opened->id; });
    if (now != saved.end() && now->updatedAtMs == m_opened->updatedAtMs) {
        return;
    }
    if (now == saved.end()) {
        setStatus(tr("\"%1\" was deleted in another window or by awb. Save to keep it.").arg(m_editing),
                  true);
        return;
    }
    if (hasUnsavedChanges()) {
        setStatus(tr("\"%1\" was changed in another window or by awb since you opened it: Save asks before "
                     "overwriting it.")
                      .arg(m_editing),
                  true);
        return;
    }
    const QString name = QString::fromStdString(now->name);
    if (openSegment(name)) {
        setStatus(tr("\"%1\" was saved in another window or by awb: this is its rule now.").arg(name));
    }
}

std::optional<services::SegmentCount> SegmentBuilder::count() const
{
    return m_count;
}

QString SegmentBuilder::statusText() const
{
    return m_status->message();
}

void SegmentBuilder::setStatus(const QString &text, bool error)
{
    m_status->showMessage(text, error);
}

void SegmentBuilder::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_split->setOrientation(event->size().width() < kSideBySideFrom ? Qt::Vertical : Qt::Horizontal);
}

} // namespace awb::ui
