// SPDX-License-Identifier: GPL-3.0-or-later
// The segment builder's background work: computes the traits of every profile once per workspace (a job
// with progress and cancel), then evaluates edited rules with a services::SegmentSession on one dedicated
// thread (the session's evaluator and connection stay on that thread) and delivers only the newest result:
// count and share, the RFM grid of the matching people, a preview of the first ones and the overlap with a
// saved segment.
#pragma once

#include "common/Error.h"
#include "segments/Rule.h"
#include "services/SegmentService.h"
#include "services/SegmentSession.h"

#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QThreadPool>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace awb::ui {

class JobRunner;
struct RuleVocabulary;

using RfmGrid = services::RfmGrid;
using EvaluationRequest = services::SegmentInsightsRequest;

/// The session's insights for one request, tagged with the request's generation.
struct EvaluationResult : services::SegmentInsights
{
    std::uint64_t generation = 0;
    std::optional<Error> error; ///< the rule is not valid, or evaluating it failed
    std::vector<std::string> previewTraits;
    std::string overlapWith;
};

class LiveEvaluation : public QObject
{
    Q_OBJECT
public:
    explicit LiveEvaluation(QObject *parent = nullptr);
    ~LiveEvaluation() override;

    /// Forgets the traits of the previous workspace (cancelling a load); empty = none.
    void setWorkspace(const QString &path);
    const QString &workspace() const { return m_path; }
    /// Traits as of a time (UTC ms; nullopt = just after the latest event); reloads when it changes.
    void setAsOf(std::optional<std::int64_t> asOfMs);
    std::optional<std::int64_t> asOf() const { return m_asOf; }
    /// Starts computing the traits unless they are loaded or loading; false without a workspace.
    bool ensureLoaded();
    /// Forgets the traits (after an import or a catalog build); the next ensureLoaded() recomputes them.
    void invalidate();
    bool isLoaded() const { return m_table != nullptr; }
    JobRunner &loader() const { return *m_loader; }
    std::shared_ptr<const traits::TraitTable> table() const { return m_table; }
    std::shared_ptr<const RuleVocabulary> vocabulary() const { return m_vocabulary; }
    /// Replaces the saved segment names the editors offer (after save, rename, delete).
    void setSegmentNames(const QStringList &names);

    /// Evaluates request in the background once the traits are loaded; only the newest request's result
    /// is delivered (evaluated). Returns its generation.
    std::uint64_t evaluate(EvaluationRequest request);
    bool isEvaluating() const;
    /// Counts every saved rule segment in the background (savedCounted; matching -1 for one that fails;
    /// static segments are not counted: their members are frozen).
    bool countSaved();

signals:
    void loaded();
    void loadFailed(const awb::Error &error);
    void vocabularyChanged();
    void evaluated(const awb::ui::EvaluationResult &result);
    void savedCounted(const QHash<QString, awb::services::SegmentCount> &counts);

private:
    struct Worker;
    void onLoaded();
    void startNext();
    void dropWorker();
    /// Forgets the traits and the worker; a running load is cancelled and started again when it stops.
    void forget();
    /// Starts the load again after a cancelled or outdated one; false when none was wanted.
    bool restartLoad();

    QString m_path;
    std::optional<std::int64_t> m_asOf;
    JobRunner *m_loader;
    std::shared_ptr<const traits::TraitTable> m_table;
    std::shared_ptr<const RuleVocabulary> m_vocabulary;
    std::shared_ptr<Worker> m_worker;
    QThreadPool m_pool;
    QFutureWatcher<EvaluationResult> m_watcher;
    QFutureWatcher<QHash<QString, services::SegmentCount>> m_savedWatcher;
    std::optional<EvaluationRequest> m_pending;
    std::uint64_t m_generation = 0;
    bool m_countSavedPending = false;
    bool m_restartLoad = false;
};

} // namespace awb::ui
