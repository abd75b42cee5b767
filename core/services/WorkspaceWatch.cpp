// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/WorkspaceWatch.h"

#include "store/Database.h"
#include "store/StoreError.h"

namespace awb::services {

Result<std::unique_ptr<WorkspaceWatch>> WorkspaceWatch::open(const std::string &path)
{
    auto db = store::Database::open(path, store::Database::OpenMode::ReadOnly);
    if (!db) {
        return fail(db.error());
    }
    try {
        (*db)->setBusyTimeout(0);
        const std::int64_t version = store::dataVersion(**db);
        store::ChangeStamp stamp = store::readChangeStamp(**db);
        return std::unique_ptr<WorkspaceWatch>(new WorkspaceWatch(std::move(*db), version, std::move(stamp)));
    } catch (const store::StoreError &e) {
        return fail(Error::Code::Database, std::string("Watching the workspace: ") + e.what());
    }
}

WorkspaceWatch::WorkspaceWatch(std::unique_ptr<store::Database> db, std::int64_t version,
                               store::ChangeStamp stamp)
    : m_db(std::move(db)), m_version(version), m_stamp(std::move(stamp))
{}

WorkspaceWatch::~WorkspaceWatch() = default;

Result<WorkspaceChanges> WorkspaceWatch::poll()
{
    try {
        const std::int64_t version = store::dataVersion(*m_db);
        if (version == m_version) {
            return WorkspaceChanges{};
        }
        store::ChangeStamp stamp = store::readChangeStamp(*m_db);
        WorkspaceChanges changes;
        changes.events = stamp.events != m_stamp.events;
        changes.segments = stamp.segments != m_stamp.segments;
        changes.audiences = stamp.audiences != m_stamp.audiences;
        changes.catalog = stamp.catalog != m_stamp.catalog;
        m_version = version;
        m_stamp = std::move(stamp);
        return changes;
    } catch (const store::StoreError &e) {
        if (e.isBusy()) {
            return WorkspaceChanges{};
        }
        return fail(Error::Code::Database, std::string("Watching the workspace: ") + e.what());
    }
}

} // namespace awb::services
