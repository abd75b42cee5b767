// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/CatalogService.h"

#include "catalog/CatalogBuilder.h"
#include "services/WithWorkspace.h"
#include "store/Database.h"

namespace awb::services {

CatalogService::CatalogService(std::string workspacePath) : m_path(std::move(workspacePath)) {}

Result<void> CatalogService::save(const catalog::CatalogDefinition &definition)
{
    if (auto valid = definition.validate(); !valid) {
        return valid;
    }
    return withWorkspace<void>(m_path, "Catalog", [&](store::Database &db) -> Result<void> {
        store::Transaction tx(db);
        catalog::CatalogRepository(db).saveDefinition(definition);
        tx.commit();
        return {};
    });
}

Result<std::optional<catalog::CatalogDefinition>> CatalogService::definition()
{
    return withWorkspace<std::optional<catalog::CatalogDefinition>>(
        m_path, "Catalog",
        [](store::Database &db) { return catalog::CatalogRepository(db).loadDefinition(); });
}

Result<catalog::CatalogBuildInfo> CatalogService::build(ProgressSink &progress)
{
    return withWorkspace<catalog::CatalogBuildInfo>(
        m_path, "Catalog", [&](store::Database &db) { return catalog::buildCatalog(db, progress); });
}

Result<std::optional<catalog::CatalogBuildInfo>> CatalogService::lastBuild()
{
    return withWorkspace<std::optional<catalog::CatalogBuildInfo>>(
        m_path, "Catalog", [](store::Database &db) { return catalog::CatalogRepository(db).lastBuild(); });
}

Result<std::vector<catalog::ValueCount>> CatalogService::values(const std::string &column, std::size_t limit)
{
    return withWorkspace<std::vector<catalog::ValueCount>>(m_path, "Catalog", [&](store::Database &db) {
        return catalog::CatalogRepository(db).values(column, limit);
    });
}

Result<std::vector<catalog::EventSummary>> CatalogService::eventCounts()
{
    return withWorkspace<std::vector<catalog::EventSummary>>(
        m_path, "Catalog", [](store::Database &db) { return catalog::CatalogPreview(db).eventSummaries(); });
}

Result<catalog::ProductProperties>
CatalogService::propertyKeys(const std::string &event, std::size_t sampleRows, std::size_t maxExamples)
{
    return withWorkspace<catalog::ProductProperties>(m_path, "Catalog", [&](store::Database &db) {
        return catalog::CatalogPreview(db).productProperties(event, sampleRows, maxExamples);
    });
}

Result<catalog::ValuePreview> CatalogService::previewValues(const std::vector<std::string> &events,
                                                            const catalog::CatalogColumn &column,
                                                            std::size_t maxValues, std::size_t sampleRows)
{
    return withWorkspace<catalog::ValuePreview>(m_path, "Catalog", [&](store::Database &db) {
        return catalog::CatalogPreview(db).values(events, column, sampleRows, maxValues);
    });
}

Result<catalog::ValuePreview> CatalogService::productIdSamples(const std::string &event,
                                                               const std::string &property, std::size_t n)
{
    return previewValues({event}, catalog::CatalogColumn{{}, property, {}}, n);
}

} // namespace awb::services
