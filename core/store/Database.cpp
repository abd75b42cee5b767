// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Database.h"

#include "store/Migrations.h"
#include "store/StoreError.h"

#include <sqlite3.h>

#include <filesystem>

namespace awb::store {

namespace {
struct Header
{
    int applicationId = 0;
    int userVersion = 0;
    int objectCount = 0;
};

Header readHeader(sqlite3 *db)
{
    Header h;
    Statement app(db, "PRAGMA application_id");
    if (app.step()) {
        h.applicationId = static_cast<int>(app.int64(0));
    }
    Statement ver(db, "PRAGMA user_version");
    if (ver.step()) {
        h.userVersion = static_cast<int>(ver.int64(0));
    }
    Statement count(db, "SELECT count(*) FROM sqlite_schema");
    if (count.step()) {
        h.objectCount = static_cast<int>(count.int64(0));
    }
    return h;
}
} // namespace

bool StoreError::isBusy() const
{
    return (m_code & 0xff) == SQLITE_BUSY;
}

Database::Database(sqlite3 *db, std::string path) : m_db(db), m_path(std::move(path)) {}

Database::~Database()
{
    sqlite3_close_v2(m_db);
}

Result<std::unique_ptr<Database>> Database::open(const std::string &path, OpenMode mode)
{
    const bool inMemory = path == ":memory:";
    const bool exists = inMemory || std::filesystem::exists(path);
    if (!exists && mode != OpenMode::CreateIfMissing) {
        return fail(Error::Code::NotFound, "Workspace not found: " + path);
    }
    const int flags = (mode == OpenMode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                      (mode == OpenMode::CreateIfMissing ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    std::unique_ptr<Database> db(new Database(raw, path));
    if (rc != SQLITE_OK) {
        return fail(Error::Code::Io, "Cannot open " + path + ": " + sqlite3_errstr(rc));
    }
    sqlite3_busy_timeout(raw, kBusyTimeoutMs);
    sqlite3_extended_result_codes(raw, 1);

    // Check what the file is before anything writes to it (switching to WAL writes the header).
    Header header;
    try {
        header = readHeader(raw);
    } catch (const StoreError &e) {
        return fail(Error::Code::NotAWorkspace,
                    path + " is not an Audience Workbench workspace (not an SQLite database).", e.what());
    }
    const bool isEmpty = header.objectCount == 0 && header.userVersion == 0 && header.applicationId == 0;
    if (!isEmpty && header.applicationId != kApplicationId) {
        return fail(Error::Code::NotAWorkspace,
                    path + " is an SQLite database but not an Audience Workbench workspace.");
    }
    if (header.userVersion > currentSchemaVersion()) {
        return fail(Error::Code::NewerVersion,
                    path + " was written by a newer version of Audience Workbench (workspace version " +
                        std::to_string(header.userVersion) + ", this version reads up to " +
                        std::to_string(currentSchemaVersion()) + "). Please upgrade; the file was not changed.");
    }
    if (mode == OpenMode::ReadOnly) {
        if (header.userVersion != currentSchemaVersion()) {
            return fail(Error::Code::InvalidInput,
                        path + " needs upgrading; open it once read-write to migrate it.");
        }
        db->exec("PRAGMA foreign_keys = ON");
        return db;
    }
    try {
        if (!inMemory) {
            db->exec("PRAGMA journal_mode = WAL");
        }
        db->exec("PRAGMA synchronous = NORMAL");
        db->exec("PRAGMA foreign_keys = ON");
        db->exec("PRAGMA cache_size = -65536"); // 64 MiB page cache per connection
        db->exec("PRAGMA temp_store = MEMORY");
        migrate(*db);
    } catch (const StoreError &e) {
        return fail(Error::Code::Database, "Cannot prepare workspace " + path + ": " + e.what());
    }
    return db;
}

std::int64_t Database::queryInt(std::string_view sql)
{
    Statement st = prepare(sql);
    return st.step() && !st.isNull(0) ? st.int64(0) : 0;
}

void Database::exec(std::string_view sql)
{
    char *message = nullptr;
    const std::string text(sql);
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string what = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw StoreError(rc, what);
    }
}

std::int64_t Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

void Database::setBusyTimeout(int ms)
{
    sqlite3_busy_timeout(m_db, ms);
}

int Database::schemaVersion()
{
    Statement st(m_db, "PRAGMA user_version");
    return st.step() ? static_cast<int>(st.int64(0)) : 0;
}

Transaction::Transaction(Database &db) : m_db(db)
{
    m_db.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (m_open) {
        try {
            m_db.exec("ROLLBACK");
        } catch (const StoreError &) {
            // A failed statement may already have ended the transaction; nothing left to undo.
        }
    }
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_open = false;
}

void Transaction::rollback()
{
    if (m_open) {
        m_open = false;
        m_db.exec("ROLLBACK");
    }
}

} // namespace awb::store
