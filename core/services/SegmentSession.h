// SPDX-License-Identifier: GPL-3.0-or-later
// The segment workflow over one trait table, one way for the segment builder and for `awb segment`: validate
// and evaluate rules (with an evaluator that caches conditions), then what is shown of the matching people
// (their count with how many are identified and have an e-mail address, the RFM grid, a preview, the overlap
// with a saved segment) and the counts of every saved rule segment. Widgets only schedule and draw.
// Not thread-safe: the evaluator keeps a read connection, so a session stays on the thread that uses it.
#pragma once

#include "common/Result.h"
#include "segments/Bitset.h"
#include "segments/Rule.h"
#include "services/SegmentService.h"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace awb {
class ProgressSink;
}

namespace awb::services {

using RfmGrid = std::array<std::array<std::int64_t, 5>, 5>; ///< [recency - 1][frequency - 1]

struct SegmentInsightsRequest
{
    segments::Rule rule;
    std::string overlapWith; ///< a saved segment to compare with (empty = none)
    std::vector<std::string> previewTraits;
    std::size_t previewLimit = 100;
};

struct SegmentInsights
{
    SegmentCount count;
    RfmGrid rfm{};               ///< matching people per recency (row) x frequency (column) score
    std::int64_t withoutRfm = 0; ///< matching people without scores (no orders)
    /// The frequency scores the buyers of the whole table use (1..5): below 5 when most buyers share a few
    /// order counts, as ties share a score (traits/Scores.h), so frequency cannot separate them further.
    int frequencyScores = 0;
    std::vector<PreviewRow> preview;
    std::optional<SegmentOverlap> overlap;
    std::optional<Error> overlapError; ///< the saved segment to compare with could not be evaluated
};

class SegmentSession
{
public:
    SegmentSession(std::string workspacePath, std::shared_ptr<const traits::TraitTable> table);
    ~SegmentSession();
    SegmentSession(SegmentSession &&) noexcept;
    SegmentSession &operator=(SegmentSession &&) noexcept;

    /// Computes the traits as of request (cancellable), then opens a session over them.
    static Result<SegmentSession> open(const std::string &workspacePath, const TraitRequest &request,
                                       ProgressSink &progress);

    const traits::TraitTable &table() const { return *m_table; }
    const std::shared_ptr<const traits::TraitTable> &sharedTable() const { return m_table; }

    /// The matching rows of a valid rule (the message names the bad part of an invalid one).
    Result<segments::Bitset> evaluate(const segments::Rule &rule);
    Result<SegmentCount> count(const segments::Rule &rule);
    Result<SegmentInsights> insights(const SegmentInsightsRequest &request);
    /// The profile ids (ascending) of the matching rows.
    std::vector<std::int64_t> profileIds(const segments::Bitset &rows) const;
    /// Every saved rule segment with its count now (matching -1 when its rule cannot be evaluated), with how
    /// many are identified and reachable by e-mail; static segments are left out (their members are frozen).
    Result<std::vector<std::pair<std::string, SegmentCount>>> countSaved();

private:
    segments::RuleEvaluator &evaluator();

    std::string m_path;
    std::shared_ptr<const traits::TraitTable> m_table;
    std::unique_ptr<segments::RuleEvaluator> m_evaluator;
};

} // namespace awb::services
