// SPDX-License-Identifier: GPL-3.0-or-later
// The deterministic sample store: customers with latent tastes buying from a brand and category hierarchy.
#pragma once

#include "common/Result.h"

#include <cstdint>
#include <string>

namespace awb {
class ProgressSink;
}

namespace awb::sample {

struct SampleSpec
{
    std::int64_t profiles = 2000;
    int days = 180; ///< length of the history, ending at endDate
    std::uint64_t seed = 42;
    std::string endDate = "2026-10-31"; ///< last day of the history (YYYY-MM-DD), fixed for determinism
};

struct SampleSummary
{
    std::int64_t profiles = 0;  ///< customers generated; each becomes one profile
    std::int64_t events = 0;    ///< events written (JSON lines) or newly stored (workspace)
    std::int64_t truthRows = 0; ///< rows written to sample_truth (workspace only)
};

/// Writes the sample store into a workspace (created when missing), through the same EventWriter path as
/// imports (one transaction, one import_runs row with source "sample:seed=S,profiles=N,days=D,end=E"),
/// together with the planted ground truth (table sample_truth, see CustomerModel::truth). The events are
/// the ones generateJsonLines writes, built directly as EventRecords: importing that file instead gives
/// the same events, properties and profiles. Progress range = profiles. Cancellable: rolls back (and
/// removes the file when this call created it).
Result<SampleSummary> generateWorkspace(const std::string &workspacePath, const SampleSpec &spec,
                                        ProgressSink &progress);

/// Writes the same events as Segment-spec JSON lines (no ground truth). Same spec, byte-identical file.
/// On cancel (or error) the partial file is removed.
Result<SampleSummary> generateJsonLines(const std::string &jsonlPath, const SampleSpec &spec,
                                        ProgressSink &progress);

/// The profile count that gives about `events` events with spec's days, seed and end date (spec.profiles
/// is ignored). The events per profile are measured on a pilot run of the seed's first 5,000 customers
/// (without formatting), so the result is deterministic; at 180 days the total lands within a few
/// percent of `events`.
std::int64_t profilesForEvents(std::int64_t events, const SampleSpec &spec);

} // namespace awb::sample
