// SPDX-License-Identifier: GPL-3.0-or-later
// The narrow API for segments: validate, count (once, or live over loaded traits with an evaluator that
// caches), templates, preview, overlap, RFM grid, save / list / rename / remove, export, freezing a segment
// into a static snapshot of its members, the members of a saved segment, and the properties of an event.
#pragma once

#include "common/Result.h"
#include "export/ExportPresets.h"
#include "segments/Bitset.h"
#include "segments/EventProperties.h"
#include "segments/Rule.h"
#include "segments/RuleEvaluator.h"
#include "segments/SegmentRepository.h"
#include "segments/Templates.h"
#include "services/Recommendations.h"
#include "services/TraitService.h"

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace awb {
class ProgressSink;
}

namespace awb::services {

struct SegmentCount
{
    std::int64_t matching = 0;
    std::int64_t profiles = 0;   ///< profiles in the trait table (seen before now)
    double share = 0;            ///< matching / profiles (0 without profiles)
    std::int64_t identified = 0; ///< matching profiles with a user id (known customers, not guests)
    /// matching profiles an e-mail export writes: an address, not suppressed, consent not refused
    std::int64_t reachableByEmail = 0;
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

/// What a segment editor saves, and which saved segment it started from.
struct SegmentEdit
{
    std::string name;
    std::string description;
    segments::Rule rule;
    /// The saved segment the editor opened, as it was read then (id and updatedAtMs); nullopt for a new one.
    std::optional<segments::SavedSegment> opened;
    /// Replace the opened segment even when it was saved or removed elsewhere since it was opened.
    bool overwrite = false;
};

struct SegmentExportRequest
{
    std::string outFile;
    std::string preset = "generic";
    std::vector<std::string> columns = exports::segmentGenericColumns(); ///< generic preset
    std::string defaultCountry;
    /// Write people the preset's consent rule leaves out (export/ConsentFilter.h) too.
    bool includeWithoutConsent = false;
    /// Also write each member's recommended items as rec_K_* columns (not for Meta and Google).
    std::optional<RecommendationRequest> recommendations{};
};

struct SegmentExportReport
{
    std::string file;
    std::int64_t members = 0;
    std::int64_t written = 0;
    std::int64_t skipped = 0;
    std::int64_t leftOut = 0;                           ///< of skipped: suppressed or refused e-mail consent
    std::optional<RecommendationOutcome> recommended{}; ///< when the request asked for recommended items

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

    /// Validates and saves (a new name, or replacing the rule of an existing rule segment; a static
    /// segment's name is refused).
    Result<void> save(const std::string &name, const std::string &description, const segments::Rule &rule);
    /// Saves an editor's segment, checked against the workspace in one transaction (never against a list
    /// read earlier): the name must not be another segment's (InvalidInput); the opened segment must
    /// still be as it was opened, else Error::Code::Conflict says whether it was saved or removed elsewhere
    /// (another window, another process, `awb`), unless edit.overwrite. Returns the stored segment with its
    /// new version (updatedAtMs).
    Result<segments::SavedSegment> saveEdited(const SegmentEdit &edit);
    Result<std::vector<segments::SavedSegment>> list();
    /// NotFound naming the segment.
    Result<segments::SavedSegment> find(const std::string &name);
    /// The rule whose matches are the segment's members: its own rule, or for a static segment "in segment
    /// NAME" (its frozen members; find() has the rule it was frozen from). NotFound naming the segment.
    Result<segments::Rule> rule(const std::string &name);
    /// A rule matching the members of one saved segment.
    static segments::Rule inSegment(const std::string &name);

    /// Freezes the saved segment source into a new static segment named name: the profiles it matches
    /// over table (the traits as of the snapshot's moment), stored once and never re-evaluated.
    /// control: a share of the members held out at random with its seed (audience::drawControlGroup over
    /// the members by profile id: a segment has no score to stratify by), stored and never exported.
    /// InvalidInput when name is empty or taken, source is static already or the share is out of range;
    /// NotFound for source. Cancellable before anything is written.
    Result<segments::SavedSegment> freeze(const std::string &source, const std::string &name,
                                          std::shared_ptr<const traits::TraitTable> table,
                                          ProgressSink &progress, const audience::ControlGroup &control = {});
    /// Loads the traits as of request, then freezes as above.
    Result<segments::SavedSegment> freeze(const std::string &source, const std::string &name,
                                          const TraitRequest &request, ProgressSink &progress,
                                          const audience::ControlGroup &control = {});
    /// The default name of a frozen copy: "NAME (frozen YYYY-MM-DD)" with the UTC day of todayMs, or
    /// "NAME (as of YYYY-MM-DD)" when it keeps the members as of an earlier moment.
    static std::string frozenName(const std::string &source, std::optional<std::int64_t> asOfMs,
                                  std::int64_t todayMs);
    /// The profile ids (ascending) in a saved segment: a static segment's frozen members (followed through
    /// later profile merges), or those a rule segment matches over the traits as of request (loaded,
    /// cancellable). NotFound naming the segment.
    Result<std::vector<std::int64_t>> members(const std::string &name, const TraitRequest &request,
                                              ProgressSink &progress);

    /// The properties of the latest events named event (keys, numeric or not, example values), for
    /// "performed EVENT where PROPERTY ..." filters. Empty for an unknown event.
    Result<std::vector<segments::EventProperty>> eventProperties(const std::string &event);
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
