// SPDX-License-Identifier: GPL-3.0-or-later
// The narrow API for rule-based segments: validate, count (once, or live over loaded traits with an
// evaluator that caches), templates, preview, overlap, RFM grid, save / list / rename / remove, export.
#pragma once

#include "common/Result.h"
#include "segments/Bitset.h"
#include "segments/Rule.h"
#include "segments/RuleEvaluator.h"
#include "segments/SegmentRepository.h"
#include "segments/Templates.h"
#include "services/TraitService.h"

#include <array>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace awb {
class ProgressSink;
}

namespace awb::services {

struct SegmentCount
{
    std::int64_t matching = 0;
    std::int64_t profiles = 0; ///< profiles in the trait table (seen before now)
    double share = 0;          ///< matching / profiles (0 without profiles)
    std::int64_t nowMs = 0;
};

struct SegmentOverlap
{
    std::int64_t both = 0;
    std::int64_t onlyA = 0;
    std::int64_t onlyB = 0;
};

struct PreviewRow
{
    std::int64_t profileId = 0;
    std::string key;                 ///< user id, else first anonymous id
    std::vector<std::string> values; ///< the asked traits, as text
};

struct SegmentExportRequest
{
    std::string outFile;
    std::string preset = "generic";
    std::vector<std::string> columns = {"user_id", "email", "first_name", "last_name"}; ///< generic preset
    std::string defaultCountry;
};

struct SegmentExportReport
{
    std::string file;
    std::int64_t members = 0;
    std::int64_t written = 0;
    std::int64_t skipped = 0;

    std::string toText() const;
};

class SegmentService
{
public:
    /// Each call opens its own connections, so calls may run on worker threads.
    explicit SegmentService(std::string workspacePath);
    const std::string &path() const { return m_path; }

    /// Checks a rule against this workspace (traits, catalog columns and values, saved segments,
    /// audiences); the message names the bad part.
    Result<void> validate(const segments::Rule &rule);

    /// Validates, loads the traits as of request and counts the matching profiles (cancellable).
    Result<SegmentCount> count(const segments::Rule &rule, const TraitRequest &request,
                               ProgressSink &progress);

    /// An evaluator over loaded traits for live counts (keeps table alive; one per thread), resolving
    /// membership of saved segments through this workspace.
    std::unique_ptr<segments::RuleEvaluator> evaluator(std::shared_ptr<const traits::TraitTable> table);
    /// Validates and evaluates with an evaluator from evaluator().
    Result<segments::Bitset> evaluate(segments::RuleEvaluator &evaluator, const segments::Rule &rule);

    static SegmentCount countOf(const traits::TraitTable &table, const segments::Bitset &rows);
    static SegmentOverlap overlap(const segments::Bitset &a, const segments::Bitset &b);
    /// People per RFM recency (rows, 1..5 at index 0..4) x frequency (columns) score among rows.
    static std::array<std::array<std::int64_t, 5>, 5> rfmGrid(const traits::TraitTable &table,
                                                              const segments::Bitset &rows);
    /// The first limit matching profiles (by profile id) with the values of traitIds.
    Result<std::vector<PreviewRow>> preview(const traits::TraitTable &table, const segments::Bitset &rows,
                                            std::size_t limit, const std::vector<std::string> &traitIds);

    static const std::vector<segments::TemplateInfo> &templates() { return segments::templateList(); }
    Result<segments::Rule> fromTemplate(const std::string &name,
                                        const std::map<std::string, std::string> &params,
                                        const traits::TraitTable &table);

    /// Validates and saves (a new name, or replacing the rule of an existing one).
    Result<void> save(const std::string &name, const std::string &description, const segments::Rule &rule);
    Result<std::vector<segments::SavedSegment>> list();
    /// NotFound naming the segment.
    Result<segments::Rule> rule(const std::string &name);
    Result<void> rename(const std::string &from, const std::string &to);
    Result<void> remove(const std::string &name);

    /// Writes the matching profiles (by profile id) with an export preset (generic by default) through
    /// the CSV writer: complete or not at all. Cancellable; progress range = matching profiles.
    Result<SegmentExportReport> exportCsv(const segments::Rule &rule, const TraitRequest &request,
                                          const SegmentExportRequest &out, ProgressSink &progress);

private:
    std::string m_path;
};

} // namespace awb::services
