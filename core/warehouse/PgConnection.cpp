// SPDX-License-Identifier: GPL-3.0-or-later
#include "warehouse/PgConnection.h"

#include <libpq-fe.h>

#include <charconv>

#include <poll.h>

namespace awb::warehouse {

namespace {

std::string firstLine(std::string_view sql)
{
    const std::size_t end = sql.find('\n');
    std::string line(sql.substr(0, std::min<std::size_t>(end, 160)));
    return line;
}

[[noreturn]] void throwResult(pg_result *r, std::string_view sql)
{
    std::string message = PQresultErrorMessage(r);
    PQclear(r);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
    }
    throw PgError(message + (sql.empty() ? "" : " (in: " + firstLine(sql) + ")"));
}

} // namespace

PgResult::PgResult(pg_result *result) : m_result(result) {}
PgResult::~PgResult()
{
    if (m_result != nullptr) {
        PQclear(m_result);
    }
}
PgResult::PgResult(PgResult &&other) noexcept : m_result(other.m_result)
{
    other.m_result = nullptr;
}
int PgResult::rows() const
{
    return PQntuples(m_result);
}
int PgResult::columns() const
{
    return PQnfields(m_result);
}
bool PgResult::isNull(int row, int column) const
{
    return PQgetisnull(m_result, row, column) != 0;
}
std::string_view PgResult::text(int row, int column) const
{
    return {PQgetvalue(m_result, row, column), static_cast<std::size_t>(PQgetlength(m_result, row, column))};
}
std::int64_t PgResult::int64(int row, int column) const
{
    const std::string_view t = text(row, column);
    std::int64_t v = 0;
    std::from_chars(t.data(), t.data() + t.size(), v);
    return v;
}
double PgResult::real(int row, int column) const
{
    const std::string_view t = text(row, column);
    double v = 0;
    std::from_chars(t.data(), t.data() + t.size(), v);
    return v;
}

std::int64_t PgResult::affectedRows() const
{
    const std::string_view t = PQcmdTuples(m_result);
    std::int64_t v = 0;
    std::from_chars(t.data(), t.data() + t.size(), v);
    return v;
}

std::unique_ptr<PgConnection> PgConnection::connect(const std::string &uri)
{
    pg_conn *conn = PQconnectdb(uri.c_str());
    if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
        std::string message = conn ? PQerrorMessage(conn) : "out of memory";
        PQfinish(conn);
        while (!message.empty() && message.back() == '\n') {
            message.pop_back();
        }
        throw PgError("Cannot connect to " + redactedUri(uri) + ": " + message);
    }
    // Times travel as ISO 8601 text in UTC, whatever the server's or the user's zone.
    pg_result *r = PQexec(conn, "SET TIME ZONE 'UTC'; SET client_min_messages = warning");
    PQclear(r);
    return std::unique_ptr<PgConnection>(new PgConnection(conn));
}

PgConnection::PgConnection(pg_conn *conn) : m_conn(conn) {}

bool PgConnection::inTransaction() const
{
    return PQtransactionStatus(m_conn) != PQTRANS_IDLE;
}
PgConnection::~PgConnection()
{
    PQfinish(m_conn);
}

pg_result *PgConnection::waitForResult()
{
    bool cancelSent = false;
    while (PQisBusy(m_conn) != 0) {
        pollfd fd{PQsocket(m_conn), POLLIN, 0};
        ::poll(&fd, 1, 100);
        if (PQconsumeInput(m_conn) == 0) {
            break; // the connection failed: PQgetResult reports it
        }
        if (!cancelSent && m_cancelled && m_cancelled()) {
            if (PGcancel *cancel = PQgetCancel(m_conn)) {
                char reason[256];
                PQcancel(cancel, reason, sizeof reason);
                PQfreeCancel(cancel);
            }
            cancelSent = true;
        }
    }
    // The last result of the statement (a script has one per statement; an error ends it).
    pg_result *last = nullptr;
    while (pg_result *r = PQgetResult(m_conn)) {
        if (last != nullptr) {
            const ExecStatusType status = PQresultStatus(last);
            if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
                PQclear(r);
                continue; // keep the first error
            }
            PQclear(last);
        }
        last = r;
        if (PQresultStatus(r) == PGRES_COPY_IN) {
            return r; // copyIn takes over
        }
    }
    if (cancelSent) {
        PQclear(last);
        throw PgCancelled();
    }
    return last;
}

PgResult PgConnection::exec(std::string_view sql, const std::vector<PgParam> &params)
{
    std::vector<const char *> values;
    values.reserve(params.size());
    for (const PgParam &p : params) {
        values.push_back(p ? p->c_str() : nullptr);
    }
    const std::string text(sql);
    if (m_cancelled && m_cancelled()) {
        throw PgCancelled();
    }
    if (PQsendQueryParams(m_conn, text.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                          nullptr, nullptr, 0) == 0) {
        throw PgError(std::string(PQerrorMessage(m_conn)) + " (in: " + firstLine(sql) + ")");
    }
    pg_result *r = waitForResult();
    const ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        throwResult(r, sql);
    }
    return PgResult(r);
}

void PgConnection::execScript(std::string_view sql)
{
    const std::string text(sql);
    if (m_cancelled && m_cancelled()) {
        throw PgCancelled();
    }
    if (PQsendQuery(m_conn, text.c_str()) == 0) {
        throw PgError(std::string(PQerrorMessage(m_conn)));
    }
    pg_result *r = waitForResult();
    const ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        throwResult(r, {});
    }
    PQclear(r);
}

void PgConnection::copyIn(std::string_view copySql, std::string_view data)
{
    const std::string text(copySql);
    pg_result *r = PQexec(m_conn, text.c_str());
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        throwResult(r, copySql);
    }
    PQclear(r);
    constexpr std::size_t kBlock = 1 << 20;
    for (std::size_t at = 0; at < data.size(); at += kBlock) {
        const std::size_t n = std::min(kBlock, data.size() - at);
        if (PQputCopyData(m_conn, data.data() + at, static_cast<int>(n)) != 1) {
            throw PgError(std::string("COPY failed: ") + PQerrorMessage(m_conn));
        }
    }
    if (PQputCopyEnd(m_conn, nullptr) != 1) {
        throw PgError(std::string("COPY failed: ") + PQerrorMessage(m_conn));
    }
    pg_result *end = PQgetResult(m_conn);
    const bool ok = PQresultStatus(end) == PGRES_COMMAND_OK;
    if (!ok) {
        throwResult(end, copySql);
    }
    PQclear(end);
    while (pg_result *more = PQgetResult(m_conn)) {
        PQclear(more);
    }
}

void copyField(std::string &row, std::string_view value)
{
    for (const char c : value) {
        switch (c) {
        case '\\':
            row += "\\\\";
            break;
        case '\t':
            row += "\\t";
            break;
        case '\n':
            row += "\\n";
            break;
        case '\r':
            row += "\\r";
            break;
        default:
            row += c;
        }
    }
}

void copyNull(std::string &row)
{
    row += "\\N";
}

bool isWarehouseUri(std::string_view target)
{
    return target.starts_with("postgresql://") || target.starts_with("postgres://");
}

std::string redactedUri(std::string_view uri)
{
    std::string out(uri);
    // postgresql://user:PASSWORD@host/... : the user info ends at the first '@' before the path or query.
    if (const std::size_t scheme = out.find("://"); scheme != std::string::npos) {
        const std::size_t start = scheme + 3;
        const std::size_t end = std::min(out.find_first_of("/?", start), out.size());
        const std::size_t at = out.rfind('@', end);
        if (at != std::string::npos && at >= start) {
            const std::size_t colon = out.find(':', start);
            if (colon != std::string::npos && colon < at) {
                out.replace(colon + 1, at - colon - 1, "***");
            }
        }
    }
    // ...?password=PASSWORD&...
    for (std::size_t at = out.find("password="); at != std::string::npos;
         at = out.find("password=", at + 1)) {
        if (at == 0 || (out[at - 1] != '?' && out[at - 1] != '&')) {
            continue;
        }
        const std::size_t value = at + 9;
        const std::size_t end = std::min(out.find('&', value), out.size());
        out.replace(value, end - value, "***");
    }
    return out;
}

} // namespace awb::warehouse
