// SPDX-License-Identifier: GPL-3.0-or-later
// The narrow API for recommendation audiences: one-time snapshots of the profiles most likely to engage
// with a target, with their scores, ranks and the model quality frozen at creation.
#pragma once

#include "audience/AudienceQuality.h"
#include "audience/AudienceTypes.h"
#include "common/Result.h"
#include "services/AudienceDraft.h"
#include "services/ExportService.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace awb {
class ProgressSink;
}

namespace awb::services {

/// An audience in one call (scored, then created): what `awb audience duplicate` and tests need.
struct AudienceSpec
{
    DraftRequest draft;
    DraftCreate create;
};

class AudienceService
{
public:
    /// Each call opens its own connection, so calls may run on worker threads.
    explicit AudienceService(std::string workspacePath);

    /// AudienceDraft::check, then AudienceDraft::score and create: the name is checked before scoring.
    /// Cancellable: a cancelled or failed creation leaves no audience behind.
    Result<AudienceCreated> create(const AudienceSpec &spec, ProgressSink &progress);
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
    /// A new snapshot with the same target, horizon, as-of date and description, and another size, over
    /// identified people. It re-scores (a larger size needs profiles the original did not keep); the
    /// original is unchanged.
    Result<AudienceCreated> duplicate(const std::string &name, const std::string &newName,
                                      const audience::SizeRule &newSize, ProgressSink &progress);

private:
    std::string m_path;
};

} // namespace awb::services
