// SPDX-License-Identifier: GPL-3.0-or-later
#include "HugeInput.h"

#include "ingest/EventWriter.h"
#include "ingest/Importers.h"
#include "jobs/Progress.h"
#include "store/Database.h"

#include <sys/resource.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace awb::test {

GeneratedInput::GeneratedInput(std::string name, std::string head, std::int64_t fillBytes, char fill,
                               std::string tail)
    : m_head(std::move(head)), m_tail(std::move(tail)), m_fillBytes(fillBytes), m_fill(fill)
{
    m_path = std::move(name);
    m_size = static_cast<std::int64_t>(m_head.size() + m_tail.size()) + fillBytes;
}

std::size_t GeneratedInput::read(char *buffer, std::size_t size)
{
    const auto headSize = static_cast<std::int64_t>(m_head.size());
    std::size_t n = 0;
    while (n < size && m_done < m_size) {
        std::size_t chunk = 0;
        if (m_done < headSize) {
            chunk = std::min(size - n, static_cast<std::size_t>(headSize - m_done));
            std::memcpy(buffer + n, m_head.data() + m_done, chunk);
        } else if (m_done < headSize + m_fillBytes) {
            chunk = std::min(size - n, static_cast<std::size_t>(headSize + m_fillBytes - m_done));
            std::memset(buffer + n, m_fill, chunk);
        } else {
            const std::int64_t at = m_done - headSize - m_fillBytes;
            chunk = std::min(size - n, m_tail.size() - static_cast<std::size_t>(at));
            std::memcpy(buffer + n, m_tail.data() + at, chunk);
        }
        n += chunk;
        m_done += static_cast<std::int64_t>(chunk);
    }
    return n;
}

ingest::ImportReport runImporter(const std::string &workspace,
                                 const std::function<Result<void>(ingest::ImportContext &)> &importer)
{
    auto db = store::Database::open(workspace, store::Database::OpenMode::CreateIfMissing);
    if (!db) {
        throw std::runtime_error(db.error().message);
    }
    ingest::ImportReport report;
    store::Transaction tx(**db);
    (*db)->exec("INSERT INTO import_runs (started_at, status, sources) VALUES (0, 'running', '[]')");
    report.runId = (*db)->lastInsertRowId();
    {
        ingest::EventWriter writer(**db, report.runId);
        ingest::ImportContext ctx{writer, report, ProgressSink::null(), 0};
        if (const Result<void> done = importer(ctx); !done) {
            throw std::runtime_error(done.error().message);
        }
        writer.finish();
    }
    tx.commit();
    return report;
}

std::int64_t peakRssBytes()
{
    struct rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<std::int64_t>(usage.ru_maxrss) * 1024; // Linux reports KiB
}

} // namespace awb::test
