// SPDX-License-Identifier: GPL-3.0-or-later
// Opening, creating and describing workspaces.
#pragma once

#include "catalog/CatalogDefinition.h"
#include "common/Result.h"
#include "sample/SampleGenerator.h"
#include "services/WorkspaceInfo.h"

#include <string>

namespace awb {
class ProgressSink;
}

namespace awb::services {

class WorkspaceService
{
public:
    /// Creates (or migrates) the workspace file; fails clearly on a newer or foreign file.
    static Result<void> create(const std::string &path);
    /// Checks that path is a workspace this version can open (migrating an older one).
    static Result<void> check(const std::string &path);
    /// Counts of profiles, events by name, products and the date range. Opens its own connection.
    static Result<WorkspaceInfo> info(const std::string &path);

    /// The recommendation catalog of the sample store: orders (weight 3), cart adds (2) and product views
    /// (1), with Brand, Category, Subcategory and Name columns.
    static catalog::CatalogDefinition sampleCatalog();
    /// Generates the sample store (sample::generateWorkspace), then saves and builds sampleCatalog(), so
    /// every area has something real to show. Cancellable; a cancel during the build leaves the events
    /// and the saved definition (Rebuild finishes it).
    static Result<sample::SampleSummary> createSample(const std::string &path, const sample::SampleSpec &spec,
                                                      ProgressSink &progress);
};

} // namespace awb::services
