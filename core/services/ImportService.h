// SPDX-License-Identifier: GPL-3.0-or-later
// The narrow API for importing event files into a workspace.
#pragma once

#include "common/Result.h"
#include "ingest/CsvMapping.h"
#include "ingest/ImportReport.h"

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
};

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

    /// The format a file would be read as under ImportFormat::Auto.
    static ImportFormat detectFormat(const std::string &path);

private:
    std::string m_path;
};

} // namespace awb::services
