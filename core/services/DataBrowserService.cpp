// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/DataBrowserService.h"

#include "store/Database.h"
#include "store/EventRepository.h"
#include "store/ProfileRepository.h"
#include "store/StoreError.h"

namespace awb::services {

namespace {

// Runs one read and turns a StoreError into an Error naming the workspace (errors never reach the UI as
// exceptions).
template <typename Fn> auto guarded(const std::string &path, Fn &&fn) -> Result<decltype(fn())>
{
    try {
        return fn();
    } catch (const store::StoreError &e) {
        return fail(Error::Code::Database, "Cannot read workspace " + path + ": " + e.what());
    }
}

} // namespace

DataBrowserService::DataBrowserService(std::unique_ptr<store::Database> db, std::string path)
    : m_db(std::move(db)), m_path(std::move(path))
{}

DataBrowserService::~DataBrowserService() = default;

Result<std::unique_ptr<DataBrowserService>> DataBrowserService::open(const std::string &workspacePath)
{
    auto db = store::Database::open(workspacePath, store::Database::OpenMode::OpenExisting);
    if (!db) {
        return fail(db.error());
    }
    return std::unique_ptr<DataBrowserService>(new DataBrowserService(std::move(db).value(), workspacePath));
}

Result<std::int64_t> DataBrowserService::countEvents(const EventQuery &query)
{
    return guarded(m_path, [&] { return store::EventRepository(*m_db).count(query); });
}

Result<std::vector<EventRow>> DataBrowserService::events(const EventQuery &query, std::int64_t offset,
                                                         std::int64_t limit)
{
    return guarded(m_path, [&] { return store::EventRepository(*m_db).page(query, offset, limit); });
}

Result<std::int64_t> DataBrowserService::countProfiles(const ProfileQuery &query)
{
    return guarded(m_path, [&] { return store::ProfileRepository(*m_db).count(query); });
}

Result<std::vector<ProfileRow>> DataBrowserService::profiles(const ProfileQuery &query, std::int64_t offset,
                                                             std::int64_t limit)
{
    return guarded(m_path, [&] { return store::ProfileRepository(*m_db).page(query, offset, limit); });
}

Result<ProfileDetail> DataBrowserService::profile(std::int64_t profileId)
{
    auto found = guarded(m_path, [&] {
        store::ProfileRepository repo(*m_db);
        return repo.detail(repo.resolveMerged(profileId));
    });
    if (!found) {
        return fail(found.error());
    }
    if (!found.value()) {
        return fail(Error::Code::NotFound,
                    "Profile " + std::to_string(profileId) + " does not exist in " + m_path);
    }
    return std::move(*found.value());
}

Result<std::vector<NameCount>> DataBrowserService::eventNames()
{
    return guarded(m_path, [&] { return store::EventRepository(*m_db).names(); });
}

} // namespace awb::services
