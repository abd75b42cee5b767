// SPDX-License-Identifier: GPL-3.0-or-later
// The narrow API for recommendation audiences: one-time snapshots of the profiles most likely to engage
// with a target, with their scores, ranks and the model quality frozen at creation.
#pragma once

#include "audience/AudienceQuality.h"
#include "audience/AudienceTypes.h"
#include "common/Result.h"
#include "services/ExportService.h"
#include "services/ScoringService.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace awb {
class ProgressSink;
}

namespace awb::services {

struct AudienceSpec
{
    std::string name; ///< required, unique in the workspace
    std::string description;
    model::Target target;
    std::int64_t horizonMs = 30 * kDayMs;
    std::optional<std::int64_t> asOfMs; ///< "now" for scoring; default: the latest event time
    audience::SizeRule size;
    audience::Population population; ///< who may enter (default: everyone scored)
    /// Optional destination written right after creation (export preset id, file, generic columns).
    std::string exportPreset;
    std::string exportFile;
    std::vector<std::string> exportColumns;
    std::string defaultCountry;
};

struct AudienceCreated
{
    audience::AudienceInfo audience;
    std::optional<ExportReport> exported; ///< when the spec named an export and it succeeded
    std::optional<Error> exportError;     ///< when it named one and the export failed (the audience stays)
};

class AudienceService
{
public:
    /// Each call opens its own connection, so calls may run on worker threads.
    explicit AudienceService(std::string workspacePath);

    /// Scores every profile for the target, then stores the snapshot: the top members by the size rule
    /// (ties broken by profile id), status computing while it runs, then live. The name is checked
    /// before scoring. Cancellable: a cancelled or failed creation leaves no audience behind.
    Result<AudienceCreated> create(const AudienceSpec &spec, ProgressSink &progress);
    /// Stores a snapshot of scores computed already (the size picker scored once; no re-scoring).
    /// spec.target, horizonMs and asOfMs should be the ones the scores were computed for, and the scores
    /// already restricted to spec.population (restrict()).
    Result<AudienceCreated> createFromScores(const AudienceSpec &spec, const ScoreResult &scores,
                                             ProgressSink &progress);

    /// Keeps, in scores.ranked, only the profiles the population admits: audience and static segment
    /// members read now (merges followed), rule segments evaluated over the traits as of scores.nowMs
    /// (computed here: cancellable, with progress). NotFound naming an audience or segment that does not
    /// exist.
    Result<void> restrict(ScoreResult &scores, const audience::Population &population,
                          ProgressSink &progress);
    /// What a population name refers to: a saved audience if one has that name, else a saved segment.
    /// NotFound listing the audiences and segments there are when neither has it.
    Result<audience::MemberSource> resolvePopulationName(const std::string &name);

    /// Every audience, newest first. Audiences left "computing" by a killed process of this host are
    /// removed first (their members were never committed).
    Result<std::vector<audience::AudienceInfo>> list();
    /// NotFound naming the audience when there is none by that name.
    Result<audience::AudienceInfo> get(const std::string &name);
    /// The quality frozen at creation (backtest rows, chart series, histogram).
    Result<audience::AudienceQuality> quality(const std::string &name);
    /// Members ranked offset + 1 ... offset + limit, best first, with their e-mail, names and country.
    Result<std::vector<audience::AudienceMember>> members(const std::string &name, std::int64_t offset,
                                                          std::int64_t limit);
    Result<void> remove(const std::string &name);
    /// A new snapshot with the same target, horizon, as-of date and description, and another size. It
    /// re-scores (a larger size needs profiles the original did not keep); the original is unchanged.
    Result<AudienceCreated> duplicate(const std::string &name, const std::string &newName,
                                      const audience::SizeRule &newSize, ProgressSink &progress);

private:
    /// Reserves the name, scores (unless given scores), stores the members, exports when asked.
    Result<AudienceCreated> snapshot(const AudienceSpec &spec, const ScoreResult *given,
                                     ProgressSink &progress);
    std::string m_path;
};

} // namespace awb::services
