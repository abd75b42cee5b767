// SPDX-License-Identifier: GPL-3.0-or-later
// RAII wrapper over a prepared sqlite3 statement. Values are always bound, never spliced into SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <span>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace awb::store {

class Statement
{
public:
    Statement(sqlite3 *db, std::string_view sql);
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    /// Bind by 1-based index. Text is copied by SQLite (SQLITE_TRANSIENT).
    Statement &bind(int index, std::int64_t value);
    Statement &bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement &bind(int index, double value);
    Statement &bind(int index, std::string_view text);
    Statement &bind(int index, const char *text) { return bind(index, std::string_view(text)); }
    Statement &bind(int index, const std::string &text) { return bind(index, std::string_view(text)); }
    Statement &bindNull(int index);
    template <typename T>
    Statement &bind(int index, const std::optional<T> &value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }
    /// Binds NULL for an empty string.
    Statement &bindTextOrNull(int index, std::string_view text);
    /// Binds text without copying it (SQLITE_STATIC): text must stay valid and unchanged until the
    /// statement is reset. For hot loops that bind large values (event properties).
    Statement &bindStatic(int index, std::string_view text);
    /// Binds bytes without copying them, under the same rule as bindStatic.
    Statement &bindStaticBlob(int index, std::span<const unsigned char> bytes);

    /// Steps once. Returns true when a row is available, false when done. Throws StoreError on failure.
    bool step();
    /// Steps to completion, ignoring rows.
    void run();
    void reset();

    bool isNull(int column) const;
    std::int64_t int64(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    /// The column's text without a copy: valid until the next step(), reset() or read of that column as
    /// another type. For hot loops (exports).
    std::string_view textView(int column) const;
    /// The column's bytes without a copy, valid as long as textView's.
    std::span<const unsigned char> blob(int column) const;
    int columnCount() const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};

} // namespace awb::store
