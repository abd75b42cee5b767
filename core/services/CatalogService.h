// SPDX-License-Identifier: GPL-3.0-or-later
// The narrow API for defining and building the recommendation catalog of a workspace.
#pragma once

#include "catalog/CatalogDefinition.h"
#include "catalog/CatalogPreview.h"
#include "catalog/CatalogRepository.h"
#include "common/Result.h"

#include <optional>
#include <string>
#include <vector>

namespace awb {
class ProgressSink;
}

namespace awb::services {

class CatalogService
{
public:
    /// Each call opens its own connection, so calls may run on worker threads.
    explicit CatalogService(std::string workspacePath);

    /// Validates and stores the definition (replacing the previous one). Derived tables keep the previous
    /// build until build() runs.
    Result<void> save(const catalog::CatalogDefinition &definition);
    /// The stored definition, or nullopt when none is defined.
    Result<std::optional<catalog::CatalogDefinition>> definition();
    /// Rebuilds items, values and interactions (cancellable background work).
    Result<catalog::CatalogBuildInfo> build(ProgressSink &progress);
    Result<std::optional<catalog::CatalogBuildInfo>> lastBuild();
    Result<std::vector<catalog::ValueCount>> values(const std::string &column, std::size_t limit = 1000);

    // Read-only previews for the catalog wizard, each from a capped sample of the latest product rows
    // (see catalog::CatalogPreview): quick enough for the UI thread on any workspace size.

    /// Event names with their counts, most frequent first, and whether they carry products.
    Result<std::vector<catalog::EventSummary>> eventCounts();
    /// The product property keys seen on the latest sampleRows product rows of event, with examples.
    Result<catalog::ProductProperties> propertyKeys(const std::string &event, std::size_t sampleRows = 500,
                                                    std::size_t maxExamples = 5);
    /// The values column would take (its property, or its override on an event, split on its split) over
    /// the latest sampleRows product rows of each event, up to maxValues distinct, most frequent first.
    Result<catalog::ValuePreview> previewValues(const std::vector<std::string> &events,
                                                const catalog::CatalogColumn &column,
                                                std::size_t maxValues = 20, std::size_t sampleRows = 500);
    /// Sample product ids of event read through property (a product id preview): previewValues on one event.
    Result<catalog::ValuePreview> productIdSamples(const std::string &event, const std::string &property,
                                                   std::size_t n = 10);

private:
    std::string m_path;
};

} // namespace awb::services
