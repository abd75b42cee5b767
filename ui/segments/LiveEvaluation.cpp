// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/LiveEvaluation.h"

#include "jobs/JobRunner.h"
#include "segments/EventPropertyCache.h"
#include "segments/RuleVocabulary.h"
#include "services/TraitService.h"
#include "services/WorkspaceService.h"

#include <QtConcurrent/QtConcurrentRun>

namespace awb::ui {

namespace {

/// What the load job returns.
struct Loaded
{
    QString path;
    std::optional<std::int64_t> asOf;
    std::shared_ptr<const traits::TraitTable> table;
    std::shared_ptr<const RuleVocabulary> vocabulary;
};

} // namespace

/// Lives on the evaluation thread once created there: the session's evaluator keeps a read connection and
/// caches.
struct LiveEvaluation::Worker
{
    services::SegmentSession session;

    EvaluationResult run(const EvaluationRequest &request, std::uint64_t generation)
    {
        EvaluationResult r;
        r.generation = generation;
        r.previewTraits = request.previewTraits;
        r.overlapWith = request.overlapWith;
        auto insights = session.insights(request);
        if (!insights) {
            r.error = insights.error();
            return r;
        }
        static_cast<services::SegmentInsights &>(r) = std::move(*insights);
        return r;
    }

    QHash<QString, services::SegmentCount> countSaved()
    {
        QHash<QString, services::SegmentCount> out;
        if (auto counts = session.countSaved()) {
            for (const auto &[name, count] : *counts) {
                out.insert(QString::fromStdString(name), count);
            }
        }
        return out;
    }
};

LiveEvaluation::LiveEvaluation(QObject *parent) : QObject(parent), m_loader(new JobRunner(this))
{
    // One thread that never expires: the evaluator and its SQLite connection never change threads.
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    connect(m_loader, &JobRunner::finished, this, &LiveEvaluation::onLoaded);
    connect(m_loader, &JobRunner::failed, this, [this](const Error &e) {
        if (!restartLoad()) {
            emit loadFailed(e);
        }
    });
    connect(m_loader, &JobRunner::cancelled, this, [this] { restartLoad(); });
    connect(&m_watcher, &QFutureWatcher<EvaluationResult>::finished, this, [this] {
        const EvaluationResult result = m_watcher.result();
        if (result.generation == m_generation) {
            emit evaluated(result);
        }
        startNext();
    });
    connect(&m_savedWatcher, &QFutureWatcher<QHash<QString, services::SegmentCount>>::finished, this, [this] {
        emit savedCounted(m_savedWatcher.result());
        if (m_countSavedPending) {
            countSaved();
        }
    });
}

LiveEvaluation::~LiveEvaluation()
{
    m_pending.reset();
    m_watcher.waitForFinished();
    m_savedWatcher.waitForFinished();
    dropWorker();
    m_pool.waitForDone();
}

void LiveEvaluation::setWorkspace(const QString &path)
{
    if (path == m_path) {
        return;
    }
    m_path = path;
    forget();
}

void LiveEvaluation::setAsOf(std::optional<std::int64_t> asOfMs)
{
    if (asOfMs == m_asOf) {
        return;
    }
    m_asOf = asOfMs;
    invalidate();
}

void LiveEvaluation::invalidate()
{
    const bool wanted = m_table != nullptr || m_loader->isRunning();
    forget();
    if (wanted) {
        ensureLoaded();
    }
}

void LiveEvaluation::forget()
{
    dropWorker();
    m_table.reset();
    m_vocabulary.reset();
    m_pending.reset();
    ++m_generation;
    if (m_loader->isRunning()) {
        m_restartLoad = true;
        m_loader->cancel();
    }
    emit vocabularyChanged();
}

bool LiveEvaluation::restartLoad()
{
    if (!m_restartLoad) {
        return false;
    }
    m_restartLoad = false;
    ensureLoaded();
    return true;
}

bool LiveEvaluation::ensureLoaded()
{
    if (m_path.isEmpty()) {
        return false;
    }
    if (m_table || m_loader->isRunning()) {
        return true;
    }
    const QString qpath = m_path;
    const auto asOf = m_asOf;
    return m_loader->start(tr("Computing traits"), [qpath, asOf](ProgressSink &progress) -> Result<Loaded> {
        const std::string path = qpath.toStdString();
        services::TraitRequest request;
        request.asOfMs = asOf;
        auto table = services::TraitService(path).load(request, progress);
        if (!table) {
            return fail(table.error());
        }
        progress.setStage("Reading event names");
        auto info = services::WorkspaceService::info(path);
        auto saved = services::SegmentService(path).list();
        if (!info || !saved) {
            return fail(!info ? info.error() : saved.error());
        }
        QStringList events;
        for (const auto &e : info->eventsByName) {
            events << QString::fromStdString(e.name);
        }
        QStringList segmentNames;
        for (const segments::SavedSegment &s : *saved) {
            segmentNames << QString::fromStdString(s.name);
        }
        RuleVocabulary built = RuleVocabulary::build(**table, events, segmentNames);
        built.eventProperties = std::make_shared<EventPropertyCache>(qpath);
        auto vocabulary = std::make_shared<const RuleVocabulary>(std::move(built));
        return Loaded{qpath, asOf, *table, std::move(vocabulary)};
    });
}

void LiveEvaluation::onLoaded()
{
    if (restartLoad()) {
        return; // the workspace or the time changed while loading
    }
    const auto &result = m_loader->result<Loaded>();
    m_table = result.table;
    m_vocabulary = result.vocabulary;
    m_worker = std::make_shared<Worker>(Worker{services::SegmentSession(m_path.toStdString(), m_table)});
    emit vocabularyChanged();
    emit loaded();
    startNext();
    if (m_countSavedPending) {
        countSaved();
    }
}

void LiveEvaluation::setSegmentNames(const QStringList &names)
{
    if (!m_vocabulary || m_vocabulary->segments == names) {
        return;
    }
    auto copy = std::make_shared<RuleVocabulary>(*m_vocabulary);
    copy->segments = names;
    m_vocabulary = std::move(copy);
    emit vocabularyChanged();
}

std::uint64_t LiveEvaluation::evaluate(EvaluationRequest request)
{
    m_pending = std::move(request);
    ++m_generation;
    startNext();
    return m_generation;
}

bool LiveEvaluation::isEvaluating() const
{
    return m_pending.has_value() || m_watcher.isRunning();
}

void LiveEvaluation::startNext()
{
    if (!m_pending || !m_worker || m_watcher.isRunning()) {
        return;
    }
    EvaluationRequest request = std::move(*m_pending);
    m_pending.reset();
    m_watcher.setFuture(
        QtConcurrent::run(&m_pool, [worker = m_worker, request = std::move(request),
                                    generation = m_generation] { return worker->run(request, generation); }));
}

bool LiveEvaluation::countSaved()
{
    m_countSavedPending = true;
    if (!m_worker || m_savedWatcher.isRunning()) {
        return m_worker != nullptr;
    }
    m_countSavedPending = false;
    m_savedWatcher.setFuture(
        QtConcurrent::run(&m_pool, [worker = m_worker] { return worker->countSaved(); }));
    return true;
}

void LiveEvaluation::dropWorker()
{
    if (m_worker) {
        // The last reference goes on the evaluation thread, where the evaluator's connection was opened.
        m_pool.start([worker = std::move(m_worker)]() mutable { worker.reset(); });
    }
}

} // namespace awb::ui
