// SPDX-License-Identifier: GPL-3.0-or-later
// One libpq connection to a PostgreSQL-family warehouse (warehouse mode, issue 16). Plain C++ (no Qt): values
// travel as bound text parameters only, bulk rows through COPY. One connection per thread; never shared.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace awb::warehouse {

/// What the server or libpq said, with the statement's first line when there was one.
class PgError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// A statement stopped because the caller asked (setCancelCheck).
class PgCancelled : public PgError
{
public:
    PgCancelled() : PgError("Cancelled") {}
};

/// A bound parameter: text in PostgreSQL's input syntax, or NULL.
using PgParam = std::optional<std::string>;

/// The rows of one statement, read as text.
class PgResult
{
public:
    explicit PgResult(pg_result *result);
    ~PgResult();
    PgResult(PgResult &&other) noexcept;
    PgResult &operator=(PgResult &&other) = delete;
    PgResult(const PgResult &) = delete;

    int rows() const;
    int columns() const;
    bool isNull(int row, int column) const;
    std::string_view text(int row, int column) const;
    std::int64_t int64(int row, int column) const;
    double real(int row, int column) const;
    /// Rows an INSERT, UPDATE or DELETE changed.
    std::int64_t affectedRows() const;

private:
    pg_result *m_result;
};

class PgConnection
{
public:
    /// Connects with a libpq URI ("postgresql:///DB?host=/socket/dir"). Throws PgError naming the target
    /// (never its password).
    static std::unique_ptr<PgConnection> connect(const std::string &uri);
    ~PgConnection();
    PgConnection(const PgConnection &) = delete;
    PgConnection &operator=(const PgConnection &) = delete;

    /// Asked about every 100 ms while a statement runs; when it returns true the server is asked to cancel
    /// the statement and exec / execScript throw PgCancelled (the open transaction is then aborted).
    void setCancelCheck(std::function<bool()> cancelled) { m_cancelled = std::move(cancelled); }

    /// One statement with $1.. parameters. Throws PgError.
    PgResult exec(std::string_view sql, const std::vector<PgParam> &params = {});
    /// Statements without parameters, separated by semicolons (schema scripts). Throws PgError.
    void execScript(std::string_view sql);
    /// Whether a transaction is open on the connection (BEGIN sent, no COMMIT / ROLLBACK yet).
    bool inTransaction() const;
    /// "COPY table (cols) FROM STDIN" fed with rows in COPY's text format (see copyField). Throws PgError.
    void copyIn(std::string_view copySql, std::string_view data);

private:
    explicit PgConnection(pg_conn *conn);
    /// Waits for the result of the statement sent, watching the cancel check. Throws PgCancelled.
    pg_result *waitForResult();
    pg_conn *m_conn;
    std::function<bool()> m_cancelled;
};

/// Appends a value to a COPY text-format row: backslash, tab, newline and carriage return escaped.
void copyField(std::string &row, std::string_view value);
/// Appends a NULL to a COPY text-format row.
void copyNull(std::string &row);

/// True for a libpq connection URI (postgresql:// or postgres://), which commands accept in place of a
/// workspace file.
bool isWarehouseUri(std::string_view target);

/// The URI as it may be shown or logged: any password replaced by "***".
std::string redactedUri(std::string_view uri);

} // namespace awb::warehouse
