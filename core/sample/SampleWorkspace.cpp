// SPDX-License-Identifier: GPL-3.0-or-later
// The sample generator's workspace route: the same events as the JSON lines, stored through EventWriter
// in one import transaction, plus the planted truth.
#include "sample/SampleGenerator.h"

#include "ingest/EventWriter.h"
#include "jobs/Progress.h"
#include "sample/Catalog.h"
#include "sample/JsonText.h"
#include "sample/SampleRun.h"
#include "store/Database.h"
#include "store/StoreError.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

namespace awb::sample {

namespace {

std::int64_t nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

ingest::EventType recordType(EventKind kind)
{
    switch (kind) {
    case EventKind::Page:
        return ingest::EventType::Page;
    case EventKind::Identify:
        return ingest::EventType::Identify;
    default:
        return ingest::EventType::Track;
    }
}

ingest::ProductRecord productRecord(const Product &p, std::optional<double> quantity, std::string properties)
{
    // Prices are whole cents: cents / 100.0 is the double a JSON reader parses from the written "12.99".
    return {p.id, static_cast<double>(p.priceCents) / 100.0, quantity, std::move(properties)};
}

// Event i of h as the JSON lines importer reads it from the line EventFormatter writes: the same name,
// time, ids, messageId and properties text; products from the single product or the products[] array.
void toRecord(const EventFormatter &f, const CustomerHistory &h, std::size_t i, ingest::EventRecord &r)
{
    const SampleEvent &e = h.events[i];
    const Customer &c = h.customer;
    r.clear();
    r.type = recordType(e.kind);
    r.name = EventFormatter::eventName(e.kind);
    r.timestampMs = e.ts;
    r.userId = e.withUser ? c.userId : std::string();
    r.anonymousId = e.device >= 0 ? c.anonymousIds[e.device] : std::string();
    f.appendMessageId(r.messageId, c, i);
    r.propertiesJson.clear();
    f.appendProperties(r.propertiesJson, h, i);
    const auto &products = f.catalog().products();
    switch (e.kind) {
    case EventKind::Identify:
        f.appendTraits(r.traitsJson, c);
        r.email = c.person.email;
        break;
    case EventKind::ProductViewed:
        r.products.push_back(productRecord(products[e.item], std::nullopt, r.propertiesJson));
        break;
    case EventKind::ProductAdded:
        r.products.push_back(productRecord(products[e.item], e.quantity, r.propertiesJson));
        break;
    case EventKind::OrderCompleted:
    case EventKind::OrderRefunded:
        for (const OrderLine &line : h.orders[e.order].lines) {
            std::string json;
            f.appendOrderLine(json, line);
            r.products.push_back(productRecord(products[line.product], line.quantity, std::move(json)));
        }
        break;
    case EventKind::Page:
        break;
    }
}

struct Counts
{
    std::int64_t rowsRead = 0;
    std::int64_t imported = 0;
    std::int64_t duplicates = 0;
};

void writeCustomer(const SampleRun &run, const CustomerHistory &h, ingest::EventWriter &writer,
                   store::Statement &insertTruth, Counts &counts, SampleSummary &summary)
{
    thread_local ingest::EventRecord record;
    thread_local std::vector<TruthRow> truth;
    for (std::size_t i = 0; i < h.events.size(); ++i) {
        toRecord(run.formatter, h, i, record);
        ++counts.rowsRead;
        if (writer.write(record) == ingest::EventWriter::Outcome::Inserted) {
            ++counts.imported;
        } else {
            ++counts.duplicates;
        }
    }
    run.model.truth(h.customer, truth);
    for (const TruthRow &row : truth) {
        insertTruth.bind(1, h.customer.userId).bind(2, row.target).bind(3, row.probability).run();
    }
    summary.truthRows += static_cast<std::int64_t>(truth.size());
}

std::string sourcesJson(const SampleRun &run)
{
    std::string out = "[";
    appendJsonString(out, run.sourceName());
    out.push_back(']');
    return out;
}

Result<SampleSummary> fillWorkspace(const SampleRun &run, const std::string &path, ProgressSink &progress)
{
    auto opened = store::Database::open(path, store::Database::OpenMode::CreateIfMissing);
    if (!opened) {
        return fail(opened.error());
    }
    store::Database &db = **opened;
    progress.setRange(run.spec.profiles);
    progress.setStage("Generating the sample store");
    SampleSummary summary;
    Counts counts;
    try {
        store::Transaction tx(db);
        db.prepare("INSERT INTO import_runs (started_at, status, sources) VALUES (?, 'running', ?)")
            .bind(1, nowMs())
            .bind(2, sourcesJson(run))
            .run();
        const std::int64_t runId = db.lastInsertRowId();
        ingest::EventWriter writer(db, runId);
        auto insertTruth =
            db.prepare("INSERT OR REPLACE INTO sample_truth (user_id, target, probability) VALUES (?, ?, ?)");
        CustomerHistory history;
        for (std::int64_t i = 0; i < run.spec.profiles; ++i) {
            if (i % kCustomersPerProgressStep == 0) {
                progress.setValue(i);
                if (progress.isCancelled()) {
                    return fail(Error::cancelled()); // the transaction rolls back
                }
            }
            run.model.simulate(i, history);
            writeCustomer(run, history, writer, insertTruth, counts, summary);
            ++summary.profiles;
        }
        writer.finish();
        db.prepare(
              "UPDATE import_runs SET finished_at = ?, status = 'completed', rows_read = ?, imported = ?, "
              "duplicates = ? WHERE id = ?")
            .bind(1, nowMs())
            .bind(2, counts.rowsRead)
            .bind(3, counts.imported)
            .bind(4, counts.duplicates)
            .bind(5, runId)
            .run();
        tx.commit();
    } catch (const store::StoreError &e) {
        return fail(Error::Code::Database, "Writing the sample store into " + path + " failed: " + e.what());
    } catch (const std::exception &e) {
        return fail(Error::Code::Internal, "Writing the sample store into " + path + " failed: " + e.what());
    }
    progress.setValue(run.spec.profiles);
    summary.events = counts.imported;
    return summary;
}

} // namespace

Result<SampleSummary> generateWorkspace(const std::string &workspacePath, const SampleSpec &spec,
                                        ProgressSink &progress)
{
    auto run = SampleRun::create(spec);
    if (!run) {
        return fail(run.error());
    }
    std::error_code ec;
    const bool existed = std::filesystem::exists(workspacePath, ec);
    Result<SampleSummary> summary = fillWorkspace(**run, workspacePath, progress);
    if (!summary && !existed) {
        // This call created the file: leave nothing behind (the connection is closed by now).
        for (const char *suffix : {"", "-wal", "-shm", "-journal"}) {
            std::filesystem::remove(workspacePath + suffix, ec);
        }
    }
    return summary;
}

} // namespace awb::sample
