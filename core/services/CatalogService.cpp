// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/CatalogService.h"

#include "catalog/CatalogBuilder.h"
#include "store/Database.h"
#include "store/StoreError.h"

namespace awb::services {

namespace {
// Opens the workspace and runs fn(db), turning store exceptions into errors.
template <typename T, typename Fn>
Result<T> withDatabase(const std::string &path, Fn fn)
{
    auto db = store::Database::open(path, store::Database::OpenMode::OpenExisting);
    if (!db) {
        return fail(db.error());
    }
    try {
        return fn(**db);
    } catch (const store::StoreError &e) {
        return fail(Error::Code::Database, "Catalog: " + std::string(e.what()));
    }
}
} // namespace

CatalogService::CatalogService(std::string workspacePath) : m_path(std::move(workspacePath)) {}

Result<void> CatalogService::save(const catalog::CatalogDefinition &definition)
{
    if (auto valid = definition.validate(); !valid) {
        return valid;
    }
    return withDatabase<void>(m_path, [&](store::Database &db) -> Result<void> {
        store::Transaction tx(db);
        catalog::CatalogRepository(db).saveDefinition(definition);
        tx.commit();
        return {};
    });
}

Result<std::optional<catalog::CatalogDefinition>> CatalogService::definition()
{
    return withDatabase<std::optional<catalog::CatalogDefinition>>(
        m_path, [](store::Database &db) { return catalog::CatalogRepository(db).loadDefinition(); });
}

Result<catalog::CatalogBuildInfo> CatalogService::build(ProgressSink &progress)
{
    return withDatabase<catalog::CatalogBuildInfo>(
        m_path, [&](store::Database &db) { return catalog::buildCatalog(db, progress); });
}

Result<std::optional<catalog::CatalogBuildInfo>> CatalogService::lastBuild()
{
    return withDatabase<std::optional<catalog::CatalogBuildInfo>>(
        m_path, [](store::Database &db) { return catalog::CatalogRepository(db).lastBuild(); });
}

Result<std::vector<catalog::ValueCount>> CatalogService::values(const std::string &column, std::size_t limit)
{
    return withDatabase<std::vector<catalog::ValueCount>>(
        m_path, [&](store::Database &db) { return catalog::CatalogRepository(db).values(column, limit); });
}

Result<std::vector<catalog::EventSummary>> CatalogService::eventCounts()
{
    return withDatabase<std::vector<catalog::EventSummary>>(
        m_path, [](store::Database &db) { return catalog::CatalogPreview(db).eventSummaries(); });
}

Result<catalog::ProductProperties> CatalogService::propertyKeys(const std::string &event, std::size_t sampleRows,
                                                                std::size_t maxExamples)
{
    return withDatabase<catalog::ProductProperties>(m_path, [&](store::Database &db) {
        return catalog::CatalogPreview(db).productProperties(event, sampleRows, maxExamples);
    });
}

Result<catalog::ValuePreview> CatalogService::previewValues(const std::vector<std::string> &events,
                                                            const std::string &property, const std::string &split,
                                                            std::size_t maxValues, std::size_t sampleRows)
{
    return withDatabase<catalog::ValuePreview>(m_path, [&](store::Database &db) {
        return catalog::CatalogPreview(db).values(events, property, split, sampleRows, maxValues);
    });
}

Result<catalog::ValuePreview> CatalogService::productIdSamples(const std::string &event, const std::string &property,
                                                               std::size_t n)
{
    return previewValues({event}, property, {}, n);
}

} // namespace awb::services
