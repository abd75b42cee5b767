// SPDX-License-Identifier: GPL-3.0-or-later
// What the import wizard's pages fill in, owned by the wizard and handed to the import at the end.
#pragma once

#include "ingest/CsvMapping.h"
#include "ingest/ImportReport.h"
#include "services/ImportService.h"

#include <QString>

#include <optional>
#include <vector>

namespace awb::ui {

struct ImportFileEntry
{
    QString path;
    services::ImportFormat format = services::ImportFormat::JsonLines; ///< detected, then as the user chose
};

struct ImportWizardState
{
    QString workspacePath;
    std::vector<ImportFileEntry> files;
    ingest::CsvMapping mapping;
    std::optional<ingest::ImportReport> report; ///< set when the import succeeded

    bool hasCsv() const
    {
        for (const ImportFileEntry &f : files) {
            if (f.format == services::ImportFormat::Csv) {
                return true;
            }
        }
        return false;
    }
    /// The first CSV file (its header drives the mapping page), or empty.
    QString firstCsv() const
    {
        for (const ImportFileEntry &f : files) {
            if (f.format == services::ImportFormat::Csv) {
                return f.path;
            }
        }
        return {};
    }

    services::ImportSpec spec() const
    {
        services::ImportSpec spec;
        for (const ImportFileEntry &f : files) {
            spec.files.push_back(f.path.toStdString());
            spec.fileFormats.push_back(f.format);
        }
        spec.mapping = mapping;
        return spec;
    }
};

} // namespace awb::ui
