// SPDX-License-Identifier: GPL-3.0-or-later
// The import runs of a workspace: the history (what each run read, with which mapping, and what it stored)
// and the removal of a run with the events it stored.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace awb::store {

class Database;

struct ImportRun
{
    std::int64_t id = 0;
    std::int64_t startedAt = 0;  ///< UTC ms
    std::int64_t finishedAt = 0; ///< UTC ms; 0 while running
    std::string status;          ///< "running" (a crashed run, rolled back), "completed"
    std::vector<std::string> sources; ///< the files, as given
    std::string mapping; ///< the CSV mapping JSON (empty: no CSV file, or a run from before schema 8)
    std::int64_t rowsRead = 0, imported = 0, duplicates = 0, rejected = 0;
    std::int64_t eventsNow = 0; ///< its events still in the workspace
};

/// What removing a run took away.
struct RemovedRun
{
    std::int64_t events = 0;   ///< events (with their products)
    std::int64_t profiles = 0; ///< profiles left with no event, no attribute and no e-mail
};

class ImportRunRepository
{
public:
    explicit ImportRunRepository(Database &db) : m_db(db) {}

    /// Every run, newest first. Throws StoreError.
    std::vector<ImportRun> list();

    /// Whether run id exists. Throws StoreError.
    bool exists(std::int64_t id);

    /// Removes run id: its events and their products, its rejections and the run itself, and the profiles
    /// its events were on that are left with no event, attribute or e-mail (their first / last seen are
    /// recomputed otherwise). Profile merges and attributes the run made stay. The caller holds the
    /// transaction. Throws StoreError.
    RemovedRun remove(std::int64_t id);

private:
    Database &m_db;
};

} // namespace awb::store
