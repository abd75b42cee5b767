// SPDX-License-Identifier: GPL-3.0-or-later
// The narrow API for exporting audience snapshots as CSV files for e-mail and ad tools.
#pragma once

#include "audience/AudienceRepository.h"
#include "common/Result.h"
#include "export/ExportPresets.h"

#include <cstdint>
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
};

struct ExportReport
{
    std::string audience;
    std::string preset;
    std::string file;
    std::int64_t members = 0; ///< members read
    std::int64_t written = 0; ///< rows written (header not counted)
    std::int64_t skipped = 0;
    std::vector<std::pair<std::string, std::int64_t>> skippedByReason; ///< most frequent first

    std::string toText() const;
};

class ExportService
{
public:
    /// Each call opens its own connection, so calls may run on worker threads.
    explicit ExportService(std::string workspacePath);

    /// Writes the audience's members, best first, in the preset's layout. Members lacking the identifier
    /// the preset needs are counted per reason, not written; a member whose profile was merged into one
    /// already written is skipped too. The file appears complete or not at all (a failure or a cancel
    /// leaves a previous file at the path untouched). Records the export in the campaign history.
    /// Cancellable; progress range = members.
    Result<ExportReport> exportAudience(const ExportRequest &request, ProgressSink &progress);

    /// Export history (campaign history), newest first; empty name = every audience.
    Result<std::vector<audience::ExportRecord>> history(const std::string &audienceName = {});

    static std::vector<exports::PresetInfo> presets() { return exports::presetList(); }

private:
    std::string m_path;
};

} // namespace awb::services
