// SPDX-License-Identifier: GPL-3.0-or-later
// The narrow API for exporting audience snapshots as CSV files for e-mail and ad tools.
#pragma once

#include "audience/AudienceRepository.h"
#include "common/Result.h"
#include "export/ExportPresets.h"
#include "services/Recommendations.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace awb {
class ProgressSink;
}

namespace awb::services {

struct ExportRequest
{
    std::string audience; ///< audience name
    std::string preset;   ///< an id of exports::presetList()
    std::string outFile;
    std::vector<std::string> columns; ///< generic preset only (empty = its default columns)
    std::string defaultCountry;       ///< completes national phone numbers of profiles without a country
    /// Write the people the preset's consent rule leaves out (suppressed, refused e-mail consent) too: an
    /// explicit choice of the user, recorded in the export history (export/ConsentFilter.h).
    bool includeWithoutConsent = false;
    /// false: when no row would be written, write no file and record nothing (report.fileWritten false),
    /// so that the caller can ask first.
    bool writeEmptyFile = true;
    /// Also write each member's recommended items as rec_K_* columns (not for Meta and Google).
    std::optional<RecommendationRequest> recommendations{};
};

struct ExportReport
{
    std::string audience;
    std::string preset;
    std::string file;
    std::int64_t members = 0; ///< members read
    std::int64_t heldOut = 0; ///< members of the audience's control group: never read, never written
    std::int64_t written = 0; ///< rows written (header not counted)
    std::int64_t skipped = 0;
    std::vector<std::pair<std::string, std::int64_t>> skippedByReason; ///< most frequent first
    std::string consentRule; ///< exports::consentRuleName of the preset ("e-mail", "ads", "none")
    bool includeWithoutConsent = false;
    std::int64_t leftOut = 0;        ///< of skipped: suppressed or refused e-mail consent
    std::int64_t consentUnknown = 0; ///< written with no consent recorded (rule "e-mail")
    /// Written although suppressed or refused, because the request included them; per reason.
    std::vector<std::pair<std::string, std::int64_t>> includedByReason;
    bool fileWritten = true; ///< false: no row to write and the request did not want an empty file
    std::optional<RecommendationOutcome> recommended{};///< when the request asked for recommended items

    /// "12 unsubscribed, 3 bounced, 40 declined e-mail": the consent reasons of skippedByReason; empty
    /// when nobody was left out.
    std::string leftOutText() const;
    std::string toText() const;
};

class ExportService
{
public:
    /// Each call opens its own connection, so calls may run on worker threads.
    explicit ExportService(std::string workspacePath);

    /// Writes the audience's members, best first, in the preset's layout. Members lacking the identifier
    /// the preset needs are counted per reason, not written; a member whose profile was merged into one
    /// already written is skipped too, and so are the members the preset's consent rule leaves out unless
    /// request.includeWithoutConsent (export/ConsentFilter.h). The file appears complete or not at all (a
    /// failure or a cancel leaves a previous file at the path untouched). Records the export, with the
    /// consent choice, in the campaign history. With writeEmptyFile false and no row to write, nothing
    /// is written or recorded and the report (fileWritten false) tells why. Cancellable; progress range =
    /// members.
    Result<ExportReport> exportAudience(const ExportRequest &request, ProgressSink &progress);

    /// Export history (campaign history), newest first; empty name = every audience.
    Result<std::vector<audience::ExportRecord>> history(const std::string &audienceName = {});

    static std::vector<exports::PresetInfo> presets() { return exports::presetList(); }

private:
    std::string m_path;
};

} // namespace awb::services
