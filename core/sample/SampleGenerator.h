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
    int days = 180;                  ///< length of the history, ending at endDate
    std::uint64_t seed = 42;
    std::string endDate = "2026-10-31"; ///< last day of the history (YYYY-MM-DD), fixed for determinism
};

struct SampleSummary
{
    std::int64_t profiles = 0;
    std::int64_t events = 0;
};

/// Writes the sample store into a workspace (created when missing), through the same EventWriter path as
/// imports, together with the planted ground truth (table sample_truth). Cancellable: rolls back.
Result<SampleSummary> generateWorkspace(const std::string &workspacePath, const SampleSpec &spec,
                                        ProgressSink &progress);

/// Writes the same events as Segment-spec JSON lines (no ground truth).
Result<SampleSummary> generateJsonLines(const std::string &jsonlPath, const SampleSpec &spec,
                                        ProgressSink &progress);

} // namespace awb::sample
