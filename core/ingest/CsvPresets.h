// SPDX-License-Identifier: GPL-3.0-or-later
// CSV mappings: the built-in presets for the shared real data sets, JSON (de)serialisation, and a preview
// of a CSV file's first rows for the mapping step of the import wizard.
#pragma once

#include "common/Result.h"
#include "ingest/CsvMapping.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace awb::ingest {

/// Names of the built-in presets ("online-retail", "cdnow", "movielens", "completejourney", "shopify",
/// "woocommerce").
std::vector<std::string> csvPresetNames();
/// A human-readable one-line description of a preset, for pickers and --help.
std::string csvPresetDescription(std::string_view name);
/// The preset mapping, or nullopt for an unknown name.
std::optional<CsvMapping> csvPreset(std::string_view name);

/// The preset whose layout a file has (recognised by its header, or CDNOW's headerless shape), or empty.
std::string detectCsvPreset(const std::string &path);

/// Parses a mapping from JSON (the format written by csvMappingToJson); errors name the bad key.
Result<CsvMapping> csvMappingFromJson(const std::string &json);
std::string csvMappingToJson(const CsvMapping &mapping);
/// Reads a mapping JSON file; its relative factFile and lookup files become absolute against the file's
/// folder. Errors name the file.
Result<CsvMapping> loadCsvMapping(const std::string &path);

struct CsvPreview
{
    std::vector<std::string> header;            ///< column names ("1", "2", ... without a header)
    std::vector<std::vector<std::string>> rows; ///< the first data rows
};

/// Reads the header and the first maxRows rows of a (possibly .gz / .xz) CSV file.
Result<CsvPreview> previewCsv(const std::string &path, const CsvMapping &mapping, std::size_t maxRows = 20);

} // namespace awb::ingest
