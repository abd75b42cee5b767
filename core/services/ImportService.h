// SPDX-License-Identifier: GPL-3.0-or-later
// The narrow API for importing event files into a workspace.
#pragma once

#include "common/Result.h"
#include "ingest/CsvMapping.h"
#include "ingest/ImportReport.h"
#include "store/ImportRunRepository.h"

#include <string>
#include <vector>

namespace awb {
class ProgressSink;
}

namespace awb::services {

enum class ImportFormat
{
    Auto, ///< from the file name (.jsonl/.json/.ndjson vs .csv/.tsv/.txt, under .gz/.xz) and content
    JsonLines,
    Csv,
};

struct ImportSpec
{
    std::vector<std::string> files;
    ImportFormat format = ImportFormat::Auto;
    /// Per-file formats in the order of files (the import wizard lets the user override detection);
    /// a missing entry or Auto falls back to format.
    std::vector<ImportFormat> fileFormats;
    ingest::CsvMapping mapping; ///< used for CSV files
    /// Profiles CSV files (one row per person, see ingest::importProfilesCsv), imported after files.
    std::vector<std::string> profileFiles;
    std::string profileKeyColumn; ///< their user id column; empty = recognised from the header
    /// Earlier runs removed in the same transaction before the files are read (importing a file again with a
    /// corrected mapping instead of adding to what the earlier one stored).
    std::vector<std::int64_t> replaceRuns;
};

/// An earlier run that read one of the files of a spec and still has events in the workspace.
struct EarlierImport
{
    store::ImportRun run;
    std::string file;  ///< the file of the spec it read
    bool otherMapping; ///< it read that CSV file through a different mapping
};

/// How a run's CSV files were read, for the history: the preset's name, "custom mapping", or "" (no CSV).
std::string importRunMappingLabel(const store::ImportRun &run);

class ImportService
{
public:
    /// The workspace is created when it does not exist. Each run opens its own connection, so run() may be
    /// called on a worker thread.
    explicit ImportService(std::string workspacePath);

    /// Imports every file of spec (events, then profiles) in one transaction. Bad rows are rejected into the
    /// report and skipped; a file that cannot be read at all is reported as a rejection of that file and the
    /// others go on. On cancel returns Error::Code::Cancelled and the workspace is exactly as before.
    Result<ingest::ImportReport> run(const ImportSpec &spec, ProgressSink &progress);

    /// The workspace's import runs, newest first (the runs of File > Import history and `awb
    /// import-history`).
    Result<std::vector<store::ImportRun>> history() const;
    /// The earlier runs that read a file of spec (same file, wherever it was named from) and still have
    /// events here, newest first; nothing for a workspace that does not exist yet.
    Result<std::vector<EarlierImport>> earlierImports(const ImportSpec &spec) const;

    /// Removes an import run: its events and their products, and the profiles left with nothing (see
    /// store::ImportRunRepository::remove), in one transaction. Traits, segments and the catalog read the
    /// events, so they change as after an import: the workspace's change stamp (store/ChangeStamp.h) moves
    /// and open windows reload; the catalog needs a Rebuild. NotFound for an unknown run; Cancelled (and
    /// nothing removed) when progress is cancelled.
    Result<store::RemovedRun> removeRun(std::int64_t runId, ProgressSink &progress);

    /// The format a file would be read as under ImportFormat::Auto.
    static ImportFormat detectFormat(const std::string &path);

private:
    std::string m_path;
};

} // namespace awb::services
