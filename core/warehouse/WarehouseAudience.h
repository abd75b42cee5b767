// SPDX-License-Identifier: GPL-3.0-or-later
// Recommendation audiences of a warehouse (warehouse mode, issue 16 items 4 and 5): the catalog's
// interactions pulled back (WarehouseCatalog), scored by the same propensity model, backtest and tuning as a
// workspace (services::scoreInput, so the same interactions give the same scores), and the members written
// back where the warehouse's tools read them:
//   awb.audiences(audience_id, name, source_schema, target, size_rule, horizon_days, as_of_ms, created_at_ms,
//                 scored, members, control_share, control_seed, quality, auc, sample_share, parts,
//                 score_histogram: people per hundredth of score, comma-separated)
//   awb.audience_memberships(person_id, audience_id, score, rank, control)   (Census's names)
//   awb.audience_membership_log(audience_id, person_id, at_ms, event_type 'enter' | 'exit')
// Re-creating an audience of the same name replaces its members and logs who entered and left.
#pragma once

#include "audience/AudienceTypes.h"
#include "catalog/CatalogDefinition.h"
#include "common/Result.h"
#include "jobs/Progress.h"
#include "model/InteractionLoader.h"
#include "numeric/Quality.h"
#include "services/ScoringService.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace awb::warehouse {

/// A catalog definition for the URI's source schema (awb catalog URI --event ...): validated, then stored.
Result<void> setCatalogDefinition(const std::string &uri, const catalog::CatalogDefinition &definition);

/// The catalog definition in force for the URI's source schema (Segment's e-commerce spec until one is
/// stored).
Result<catalog::CatalogDefinition> catalogDefinition(const std::string &uri);

struct WarehouseAudienceRequest
{
    std::string name;
    model::Target target;
    audience::SizeRule size;
    std::int64_t horizonMs = 30 * services::kDayMs;
    std::optional<std::int64_t> asOfMs; ///< default: just after the latest event
    bool everyone = false;              ///< score anonymous people too
    /// Who may enter: the members of an audience of the warehouse (its control group too, as in a workspace)
    /// or else of a saved segment (as last saved, awb.segment_members). The sources are set when resolved.
    std::string onlyIn;
    std::string excluding;
    double controlShare = 0.10;
    std::optional<std::uint64_t> controlSeed; ///< default: a new one
    /// Interactions held in memory at once. When the catalog's events hold more, the models train on a
    /// deterministic sample of the people (PersonRange::share) and everyone is scored in parts
    /// (services::StreamScorer).
    std::int64_t memoryInteractions = 40'000'000;
    std::optional<double> sampleShare; ///< instead of what the budget gives
    std::optional<int> parts;          ///< instead of what the budget gives
};

struct WarehouseAudience
{
    std::int64_t audienceId = 0;
    std::int64_t nowMs = 0;
    std::int64_t interactions = 0; ///< pulled for training (the sample's)
    std::int64_t sampled = 0;      ///< people in the training sample
    double sampleShare = 1.0;
    int parts = 1; ///< scored in this many parts (1: with the sample, everyone at once)
    std::vector<std::int64_t> histogram =
        std::vector<std::int64_t>(100, 0); ///< people per hundredth of score
    std::int64_t scored = 0;
    std::int64_t members = 0;
    std::int64_t controlSize = 0;
    std::uint64_t controlSeed = 0;
    std::int64_t entered = 0;
    std::int64_t exited = 0;
    std::vector<numeric::Quality> backtest; ///< model first, then the baselines
    std::string note;
    std::string tuning;
};

/// Scores and stores the audience; the previous snapshot of the name stays when anything fails or is
/// cancelled. People are joined by the last traits refresh, which runs again (at its as-of time) when events
/// came in since.
Result<WarehouseAudience> createAudience(const std::string &uri, const WarehouseAudienceRequest &request,
                                         ProgressSink &progress = ProgressSink::null());

} // namespace awb::warehouse
