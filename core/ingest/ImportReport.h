// SPDX-License-Identifier: GPL-3.0-or-later
// What an import did: counts and the first rejected rows with their reasons.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace awb::ingest {

struct RejectedRow
{
    std::string source; ///< file name
    std::int64_t line = 0; ///< 1-based line number in the source (first line of a multi-line CSV record)
    std::string reason;
};

struct ImportReport
{
    static constexpr std::size_t kMaxKeptRejections = 100;

    std::int64_t runId = 0;
    std::int64_t rowsRead = 0;   ///< lines / records read, including rejected ones
    std::int64_t imported = 0;   ///< events newly stored
    std::int64_t duplicates = 0; ///< events already in the workspace (same messageId or content)
    std::int64_t rejected = 0;   ///< rows that could not be imported; the first 100 are in rejections
    std::int64_t profilesCreated = 0;
    std::int64_t profilesMerged = 0;
    std::vector<RejectedRow> rejections;
    std::vector<std::string> files;

    void reject(const std::string &source, std::int64_t line, std::string reason)
    {
        ++rejected;
        if (rejections.size() < kMaxKeptRejections) {
            rejections.push_back({source, line, std::move(reason)});
        }
    }

    /// A multi-line human-readable summary (used by the CLI and the wizard's report page).
    std::string summary() const;
};

} // namespace awb::ingest
