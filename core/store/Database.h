// SPDX-License-Identifier: GPL-3.0-or-later
// RAII owner of one SQLite connection to a workspace file. One connection per thread; never shared.
#pragma once

#include "common/Result.h"
#include "store/Statement.h"

#include <memory>
#include <string>
#include <string_view>

struct sqlite3;

namespace awb::store {

class Database
{
public:
    enum class OpenMode
    {
        OpenExisting,    ///< fail when the file does not exist
        CreateIfMissing, ///< create and migrate a new workspace when the file does not exist
        ReadOnly,        ///< open an existing, current workspace without writing to it
    };

    /// How long a statement waits for another connection's lock before failing with SQLITE_BUSY.
    static constexpr int kBusyTimeoutMs = 10000;

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /// Opens (or creates) a workspace, checks it is one, refuses a newer schema without touching the file,
    /// then switches to WAL, enables foreign keys and applies pending migrations, each in one transaction.
    /// Use ":memory:" for a scratch in-memory workspace (tests).
    static Result<std::unique_ptr<Database>> open(const std::string &path, OpenMode mode);

    sqlite3 *handle() const { return m_db; }
    const std::string &path() const { return m_path; }

    /// Runs SQL without parameters (schema, pragmas). Throws StoreError.
    void exec(std::string_view sql);
    Statement prepare(std::string_view sql) { return Statement(m_db, sql); }
    /// The first column of the first row of a query without parameters; 0 when there is no row or it is NULL.
    std::int64_t queryInt(std::string_view sql);
    std::int64_t lastInsertRowId() const;
    int changes() const;
    /// The schema version stored in the file (PRAGMA user_version).
    int schemaVersion();
    /// Changes the lock wait of this connection (kBusyTimeoutMs after open; 0 = fail at once when busy).
    void setBusyTimeout(int ms);

private:
    Database(sqlite3 *db, std::string path);
    sqlite3 *m_db;
    std::string m_path;
};

/// BEGIN IMMEDIATE on construction; rolls back on destruction unless commit() was called.
class Transaction
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit();
    void rollback();

private:
    Database &m_db;
    bool m_open = true;
};

} // namespace awb::store
