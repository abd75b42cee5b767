// SPDX-License-Identifier: GPL-3.0-or-later
// The narrow API for defining and building the recommendation catalog of a workspace.
#pragma once

#include "catalog/CatalogDefinition.h"
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

private:
    std::string m_path;
};

} // namespace awb::services
