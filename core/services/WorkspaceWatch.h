// SPDX-License-Identifier: GPL-3.0-or-later
// Notices what other windows, other processes and `awb` commit to an open workspace, cheaply enough to ask
// every second from the UI thread: one pragma when nothing was committed, a few small reads when something
// was.
#pragma once

#include "common/Result.h"
#include "store/ChangeStamp.h"

#include <cstdint>
#include <memory>
#include <string>

namespace awb::store {
class Database;
}

namespace awb::services {

/// Which areas of the app show something that changed.
struct WorkspaceChanges
{
    bool events = false;    ///< events or profiles (an import, a merge): counts, tables and traits
    bool segments = false;  ///< saved segments (saved, renamed, frozen, removed)
    bool audiences = false; ///< audiences and their export history
    bool catalog = false;   ///< the catalog definition or a new build

    bool any() const { return events || segments || audiences || catalog; }
};

class WorkspaceWatch
{
public:
    /// Opens its own read-only connection, which never waits for another connection's lock, and reads what
    /// the workspace holds now.
    static Result<std::unique_ptr<WorkspaceWatch>> open(const std::string &path);
    ~WorkspaceWatch();
    WorkspaceWatch(const WorkspaceWatch &) = delete;
    WorkspaceWatch &operator=(const WorkspaceWatch &) = delete;

    /// What changed since the last call (or since open()). Commits of every other connection count, this
    /// process's included. A workspace too busy to read now reports nothing and is read again next time.
    Result<WorkspaceChanges> poll();

private:
    WorkspaceWatch(std::unique_ptr<store::Database> db, std::int64_t version, store::ChangeStamp stamp);

    std::unique_ptr<store::Database> m_db;
    std::int64_t m_version;
    store::ChangeStamp m_stamp;
};

} // namespace awb::services
