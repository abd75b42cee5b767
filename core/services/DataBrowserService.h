// SPDX-License-Identifier: GPL-3.0-or-later
// The narrow API behind the data tables and the profile page: paged, filtered, sorted reads.
#pragma once

#include "common/Result.h"
#include "store/BrowseTypes.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace awb::store {
class Database;
}

namespace awb::services {

using store::BrowseFilter;
using store::EventQuery;
using store::EventRow;
using store::EventSort;
using store::NameCount;
using store::ProfileDetail;
using store::ProfileQuery;
using store::ProfileRow;
using store::ProfileSort;
using store::SortOrder;

/// Holds one connection to a workspace for quick reads from the thread that opened it (the UI thread).
/// Not thread-safe; jobs open their own connections. Page reads are index-backed; counts scan an index
/// range, so they grow with the number of matching events.
class DataBrowserService
{
public:
    /// Opens an existing workspace (migrating an older one); fails clearly for a newer or foreign file.
    static Result<std::unique_ptr<DataBrowserService>> open(const std::string &workspacePath);
    ~DataBrowserService();
    DataBrowserService(const DataBrowserService &) = delete;
    DataBrowserService &operator=(const DataBrowserService &) = delete;

    const std::string &workspacePath() const { return m_path; }

    Result<std::int64_t> countEvents(const EventQuery &query);
    /// Up to limit events in the query's order after skipping offset.
    Result<std::vector<EventRow>> events(const EventQuery &query, std::int64_t offset, std::int64_t limit);
    Result<std::int64_t> countProfiles(const ProfileQuery &query);
    Result<std::vector<ProfileRow>> profiles(const ProfileQuery &query, std::int64_t offset,
                                             std::int64_t limit);
    /// One profile; an id that was merged into another profile resolves to the surviving profile.
    /// Error::Code::NotFound when there is no such profile.
    Result<ProfileDetail> profile(std::int64_t profileId);
    /// Event names with their counts, most frequent first.
    Result<std::vector<NameCount>> eventNames();

private:
    DataBrowserService(std::unique_ptr<store::Database> db, std::string path);

    std::unique_ptr<store::Database> m_db;
    std::string m_path;
};

} // namespace awb::services
