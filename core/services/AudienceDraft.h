// SPDX-License-Identifier: GPL-3.0-or-later
// One recommendation audience in the making, the workflow the audience builder and `awb audience create`
// share: resolve who may enter, score the target once (the backtest measured on the same people), then read
// any size off the curve and create the snapshot with its destinations. Widgets only schedule and draw.
#pragma once

#include "audience/AudienceQuality.h"
#include "audience/AudienceTypes.h"
#include "common/Result.h"
#include "services/ExportService.h"
#include "services/ScoringService.h"
#include "traits/Reachability.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace awb {
class ProgressSink;
}

namespace awb::services {

struct DraftRequest
{
    model::Target target;
    std::optional<std::int64_t> asOfMs; ///< "now" for scoring; default: the latest event time
    std::int64_t horizonMs = 30 * kDayMs;
    audience::Population population; ///< who may enter (default: identified people)
};

/// What a created audience says: the stored snapshot and each destination's outcome.
struct AudienceCreated
{
    audience::AudienceInfo audience;
    std::vector<ExportReport> exports;
    std::vector<Error> exportErrors; ///< destinations that failed (the audience stays)
};

/// The snapshot to store from a draft: name, note, size and the files to write right after.
struct DraftCreate
{
    std::string name; ///< required, unique in the workspace
    std::string description;
    audience::SizeRule size;
    /// Of the members, the share held out as a control group (stratified by score decile, stored, never
    /// exported); 0 = none. The builder and the command line offer audience::kDefaultControlShare.
    double controlShare = 0;
    std::optional<std::uint64_t> controlSeed; ///< default: a new seed (recorded with the audience)
    /// Written in order after the audience is stored (their audience field is set to the name).
    std::vector<ExportRequest> destinations;
};

class AudienceDraft
{
public:
    /// Resolves the population (audience members now, segments evaluated as of the scoring time), then
    /// scores the admitted profiles. NotFound naming a population audience or segment that does not exist.
    /// Background work: cancellable, with progress.
    static Result<AudienceDraft> score(const std::string &workspacePath, const DraftRequest &request,
                                       ProgressSink &progress);
    /// A draft over scores computed already (restricted to request.population), e.g. by a benchmark.
    static AudienceDraft fromScores(DraftRequest request, ScoreResult scores, traits::ReachFlags reach = {});

    const DraftRequest &request() const { return m_request; }
    /// ranked: the eligible profiles, highest first, ties broken by profile id (the stored order).
    const ScoreResult &scores() const { return m_scores; }
    const audience::PropensityCurve &curve() const { return m_curve; }
    /// The chart series and histogram over every size (its size field is 0).
    const audience::AudienceQuality &chart() const { return m_chart; }
    /// Of the best `size` profiles, those an e-mail export writes (an address, not suppressed, consent not
    /// refused: traits::ReachFlags::reachableByEmail).
    std::int64_t reachableByEmail(std::int64_t size) const;
    /// Of the best `size` profiles, those the export preset writes (traits::writtenBy; O(size)); -1 for an
    /// unknown preset.
    std::int64_t writtenBy(const std::string &presetId, std::int64_t size) const;
    /// Too few engagers in the backtest for a quality, lift or gain to mean anything ("Insufficient data").
    bool insufficientData() const;
    /// "backtest over 1,250 identified people with history, 126 of them engaged", or "no backtest".
    std::string backtestPopulation() const;

    /// What create() checks first: a name (trimmed, 1 to 200 characters) no audience has, a valid size,
    /// known presets with files. Cheap: call it before scoring when both are known.
    static Result<void> check(const std::string &workspacePath, const DraftCreate &what);

    /// Stores the best members by the size rule and the frozen quality (status computing while it runs,
    /// then live), then writes the destinations. The name is checked first. A cancelled or failed storing
    /// leaves no audience behind; a failed destination is reported and the audience stays.
    Result<AudienceCreated> create(const std::string &workspacePath, const DraftCreate &what,
                                   ProgressSink &progress) const;

private:
    AudienceDraft(DraftRequest request, ScoreResult scores, traits::ReachFlags reach);

    DraftRequest m_request;
    ScoreResult m_scores;
    audience::PropensityCurve m_curve{{}};
    audience::AudienceQuality m_chart;
    traits::ReachFlags m_reach;                  ///< in rank order (empty when unknown)
    std::vector<std::int64_t> m_reachableBefore; ///< [k] = reachable by e-mail among the k best
};

} // namespace awb::services
