// SPDX-License-Identifier: GPL-3.0-or-later
// What an import did: counts and the first rejected rows with their reasons.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace awb::ingest {

struct RejectedRow
{
    std::string source;    ///< file name
    std::int64_t line = 0; ///< 1-based line number in the source (first line of a multi-line CSV record)
    std::string reason;
};

/// What a lookup file of a joined import held and how the fact rows matched it.
struct LookupReport
{
    std::string name;               ///< the lookup's name in the mapping
    std::string file;               ///< its file name
    std::int64_t rows = 0;          ///< rows held in memory
    std::int64_t duplicateKeys = 0; ///< rows whose key an earlier row had (ignored)
    std::int64_t missingKeys = 0;   ///< fact rows whose key the lookup does not have
    std::vector<std::string> notes; ///< the first duplicate and missing keys, with their lines
};

struct ImportReport
{
    static constexpr std::size_t kMaxKeptRejections = 100;

    std::int64_t runId = 0;
    std::int64_t rowsRead = 0;    ///< lines / records read, including rejected ones
    std::int64_t imported = 0;    ///< events newly stored
    std::int64_t duplicates = 0;  ///< events already in the workspace (same messageId or content)
    std::int64_t rejected = 0;    ///< rows that could not be imported; the first 100 are in rejections
    std::int64_t blank = 0;       ///< rows whose every field is empty (",,,,"), skipped
    std::int64_t filtered = 0;    ///< rows skipped by the mapping's row filters (CsvMapping::skipRows)
    /// Rows whose profile attributes were stored (profiles files, and profileColumns of event files)
    std::int64_t profileRows = 0;
    std::int64_t profilesCreated = 0;
    std::int64_t profilesMerged = 0;
    std::vector<std::int64_t> replacedRuns; ///< earlier runs this import replaced (removed first)
    std::int64_t replacedEvents = 0;        ///< the events they had
    std::vector<RejectedRow> rejections;
    std::vector<std::string> files;
    std::vector<LookupReport> lookups;

    void reject(const std::string &source, std::int64_t line, std::string reason)
    {
        ++rejected;
        if (rejections.size() < kMaxKeptRejections) {
            rejections.push_back({source, line, std::move(reason)});
        }
    }

    /// True when rows were rejected and no row was usable: none stored, none already in the workspace
    /// (the CLI then exits non-zero; a re-import whose good rows are duplicates does not).
    bool importedNothingButRejected() const
    {
        return rejected > 0 && imported == 0 && duplicates == 0 && profileRows == 0;
    }

    /// A multi-line human-readable summary (used by the CLI and the wizard's report page).
    std::string summary() const;
};

} // namespace awb::ingest
