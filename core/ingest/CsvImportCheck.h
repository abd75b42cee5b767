// SPDX-License-Identifier: GPL-3.0-or-later
// What a CSV import would make of a file's first rows, read through the importer's own path (lookups
// joined, columns mapped, times parsed), without writing anything: the import wizard's preview.
#pragma once

#include "common/Result.h"
#include "ingest/ImportReport.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace awb {
class ProgressSink;
}

namespace awb::ingest {

struct CsvMapping;

/// One data row of the checked file, as the import would read it.
struct CsvCheckedRow
{
    std::int64_t line = 0;
    std::vector<std::string> cells; ///< the joined record (fact fields, then the lookups' held columns)
    std::string problem;            ///< why the import would reject the row; empty = it would be imported
    // The mapped values, when problem is empty.
    std::string userId;
    std::string anonymousId;
    std::string event;
    std::int64_t timestampMs = 0;
    std::string productId;
    std::optional<double> price;
    std::string orderId;
};

struct CsvCheck
{
    std::vector<std::string> header; ///< the joined header: the fact file's columns, then "lookup.column"
    std::vector<CsvCheckedRow> rows; ///< the first data rows (blank ones skipped)
    std::int64_t blank = 0;          ///< entirely empty rows among them (",,,,"), skipped by the import
    std::int64_t filtered = 0;       ///< rows the mapping's row filters skip
    /// Why the mapping cannot be applied to this file at all (a mapped column it lacks...), or empty; rows
    /// then carry cells only.
    std::string mappingProblem;
    std::vector<LookupReport> lookups; ///< rows held and duplicate keys of each lookup file

    /// Rows the import would reject.
    std::int64_t rejected() const;
    /// The rejection reasons with how many rows have each, most frequent first.
    std::vector<std::pair<std::string, std::int64_t>> reasons() const;
};

/// The header an import of path through mapping reads rows against: the file's own columns, then
/// "name.column" for every column each lookup holds. Reads only the first line of each file. Fails, naming
/// the file, when one cannot be read.
Result<std::vector<std::string>> joinedHeader(const std::string &path, const CsvMapping &mapping);

/// Reads the header and the first maxRows data rows of path through mapping. The lookups are loaded in
/// full (as the import does; progress reports them and may cancel). Fails, naming the file, when the file
/// or a lookup cannot be read, or a lookup cannot be joined.
Result<CsvCheck> checkCsvImport(const std::string &path, const CsvMapping &mapping, std::size_t maxRows,
                                ProgressSink &progress);

} // namespace awb::ingest
