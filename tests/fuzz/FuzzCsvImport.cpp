// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz entry for the CSV import with a column mapping: importCsv into a scratch in-memory workspace, as
// ImportService runs it (one transaction, here always rolled back), then checks of what was stored.
#include "FuzzSupport.h"
#include "FuzzTargets.h"

#include "ingest/CsvPresets.h"
#include "ingest/EventWriter.h"
#include "ingest/ImportReport.h"
#include "ingest/Importers.h"
#include "jobs/Progress.h"
#include "store/Database.h"

#include <algorithm>
#include <optional>
#include <string>

namespace awb::fuzz {

namespace {

/// The first line of the input: a preset name or a mapping JSON object. The products side file of a
/// mapping is dropped (the input is a single file).
std::optional<ingest::CsvMapping> mappingFrom(std::string_view line)
{
    std::optional<ingest::CsvMapping> mapping;
    if (!line.empty() && line.front() == '{') {
        auto parsed = ingest::csvMappingFromJson(std::string(line));
        if (parsed) {
            mapping = std::move(*parsed);
        } else {
            require(!parsed.error().message.empty(), "a refused mapping says why");
        }
    } else {
        mapping = ingest::csvPreset(line);
    }
    if (mapping) {
        mapping->productsFile.clear();
    }
    return mapping;
}

store::Database &scratchWorkspace()
{
    static const auto db = [] {
        auto opened = store::Database::open(":memory:", store::Database::OpenMode::CreateIfMissing);
        require(opened.hasValue(), "an in-memory workspace opens");
        return std::move(opened).value();
    }();
    return *db;
}

// Every JSON column written by the import holds a JSON object, and the report agrees with the store.
// lines: the number of lines of the file.
void checkStored(store::Database &db, const ingest::ImportReport &report, std::int64_t lines)
{
    const struct
    {
        const char *sql;
        const char *what;
    } columns[] = {
        {"SELECT properties FROM events", "events.properties is a JSON object"},
        {"SELECT coalesce(context, '{}') FROM events", "events.context is a JSON object"},
        {"SELECT properties FROM event_products", "event_products.properties is a JSON object"},
        {"SELECT json_group_object(key, value) FROM profile_attributes",
         "profile attributes form a JSON object"},
    };
    for (const auto &c : columns) {
        auto st = db.prepare(c.sql);
        while (st.step()) {
            require(isJsonObject(st.textView(0)), c.what);
        }
    }
    auto count = db.prepare("SELECT count(*) FROM events");
    require(count.step() && count.int64(0) == report.imported, "imported equals the events stored");
    require(report.rejected <= report.rowsRead, "no more rejections than rows");
    for (const ingest::RejectedRow &r : report.rejections) {
        require(r.line >= 1 && r.line <= lines, "a rejection names a line of the file");
        require(!r.reason.empty() && isUtf8(r.reason), "a rejection reason is non-empty UTF-8");
    }
}

} // namespace

int csvImport(const std::uint8_t *data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    const std::size_t eol = input.find('\n');
    if (eol == std::string_view::npos) {
        return 0;
    }
    const std::optional<ingest::CsvMapping> mapping = mappingFrom(input.substr(0, eol));
    if (!mapping) {
        return 0;
    }
    store::Database &db = scratchWorkspace();
    store::Transaction tx(db); // declared first: rolled back after the writer is gone
    db.prepare("INSERT INTO import_runs (started_at, status, sources) VALUES (0, 'running', '[]')").run();
    ingest::ImportReport report;
    report.runId = db.lastInsertRowId();
    ingest::EventWriter writer(db, report.runId);
    ingest::ImportContext ctx{writer, report, ProgressSink::null(), 0};
    const std::string_view csv = input.substr(eol + 1);
    MemoryInput file(csv, 1 + size % 5, "fuzz.csv");
    const Result<void> done = ingest::importCsv(file, *mapping, ctx);
    if (done) {
        writer.finish();
    } else {
        require(!done.error().message.empty() && isUtf8(done.error().message), "a failed file says why");
    }
    checkStored(db, report, static_cast<std::int64_t>(std::count(csv.begin(), csv.end(), '\n')) + 1);
    return 0;
}

} // namespace awb::fuzz
