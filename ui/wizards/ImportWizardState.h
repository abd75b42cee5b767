// SPDX-License-Identifier: GPL-3.0-or-later
// What the import wizard's pages fill in, owned by the wizard and handed to the import at the end.
#pragma once

#include "ingest/CsvMapping.h"
#include "ingest/ImportReport.h"
#include "services/ImportService.h"

#include <QString>

#include <algorithm>
#include <optional>
#include <vector>

namespace awb::ui {

/// What a chosen file is to the import.
enum class ImportFileRole
{
    JsonEvents, ///< Segment-spec JSON lines
    CsvEvents,  ///< the fact file of a CSV import: events, orders or order lines, read through the mapping
    Lookup,     ///< a CSV joined to the fact file by a key column (orders, customers, products...)
    Profiles,   ///< a CSV with one row per person, joined on the user id
};

struct ImportFileEntry
{
    QString path;
    ImportFileRole role = ImportFileRole::JsonEvents; ///< detected, then as the user chose
};

struct ImportWizardState
{
    QString workspacePath;
    std::vector<ImportFileEntry> files;
    ingest::CsvMapping mapping; ///< its lookups are the files with the Lookup role
    std::optional<ingest::ImportReport> report; ///< set when the import succeeded
    QString previewSummary; ///< what the mapping step's preview found, for the summary step
    std::vector<std::int64_t> replaceRuns; ///< earlier runs of these files the import replaces

    bool has(ImportFileRole role) const
    {
        return std::any_of(files.begin(), files.end(), [role](const ImportFileEntry &f) { return f.role == role; });
    }
    bool hasCsv() const { return has(ImportFileRole::CsvEvents); }
    /// The first CSV events file (its header drives the mapping page), or empty.
    QString firstCsv() const
    {
        for (const ImportFileEntry &f : files) {
            if (f.role == ImportFileRole::CsvEvents) {
                return f.path;
            }
        }
        return {};
    }
    /// Whether the join step is shown: lookup files were chosen, or a loaded mapping has lookups.
    bool hasLookups() const { return has(ImportFileRole::Lookup) || !mapping.lookups.empty(); }

    services::ImportSpec spec() const
    {
        services::ImportSpec spec;
        for (const ImportFileEntry &f : files) {
            if (f.role == ImportFileRole::JsonEvents || f.role == ImportFileRole::CsvEvents) {
                spec.files.push_back(f.path.toStdString());
                spec.fileFormats.push_back(f.role == ImportFileRole::CsvEvents ? services::ImportFormat::Csv
                                                                                : services::ImportFormat::JsonLines);
            } else if (f.role == ImportFileRole::Profiles) {
                spec.profileFiles.push_back(f.path.toStdString());
            }
        }
        spec.mapping = mapping;
        spec.replaceRuns = replaceRuns;
        return spec;
    }
};

} // namespace awb::ui
