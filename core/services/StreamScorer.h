// SPDX-License-Identifier: GPL-3.0-or-later
// Scoring people by streaming (warehouse mode, issue 16 item 4): the models and the combiner fitted once by
// scoreInput on a sample, then applied to people read a chunk at a time, keeping only the best members and a
// histogram of every score, so memory does not grow with the number of people. A person of the sample keeps
// the CF factors training gave them; anyone else gets theirs by fold-in against the trained item factors.
// With the sample holding everyone, the scores are scoreInput's (tst_WarehouseAudience).
#pragma once

#include "numeric/Propensity.h"
#include "services/ScoringService.h"

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace awb::services {

/// What scoreInput fitted, kept for scoring other people.
struct FittedScorer
{
    numeric::PropensityParams params;
    numeric::CutoffModels now;                             ///< trained on the sample's interactions before T
    numeric::PropensityResult combiner;                    ///< only the combiner, its columns and the centres
    std::vector<std::int32_t> targetItems;                 ///< canonical
    std::unordered_map<std::string, std::int32_t> items;   ///< product id -> canonical item
    std::unordered_map<std::string, std::int32_t> trained; ///< sample person's label -> CF row
};

struct StreamedMember
{
    std::string label;
    double probability = 0;
};

class StreamScorer
{
public:
    /// keep: how many of the best to keep (ties by label); admits (optional): whether a person may be scored,
    /// by label.
    StreamScorer(const FittedScorer &fitted, std::int64_t keep,
                 std::function<bool(const std::string &)> admits = {});

    /// Scores the candidates among a chunk of people (ScoringInput as pulled: labels, first events,
    /// interactions with the chunk's own product ids). Returns false when progress was cancelled.
    bool add(const ScoringInput &chunk, ProgressSink &progress);

    /// The kept members, best first.
    std::vector<StreamedMember> ranked() const;
    std::int64_t scored() const { return m_scored; }
    /// People per hundredth of probability, [0, 0.01) first.
    const std::vector<std::int64_t> &histogram() const { return m_histogram; }

private:
    const FittedScorer &m_fitted;
    Eigen::MatrixXf m_gramian;
    std::int64_t m_keep;
    std::function<bool(const std::string &)> m_admits;
    std::vector<StreamedMember> m_heap; ///< the worst kept member on top
    std::vector<std::int64_t> m_histogram = std::vector<std::int64_t>(100, 0);
    std::int64_t m_scored = 0;
};

} // namespace awb::services
