// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/ExportService.h"

#include "export/BatchFormatter.h"
#include "export/CsvWriter.h"
#include "export/MemberStream.h"
#include "jobs/Progress.h"
#include "services/WithWorkspace.h"
#include "store/Database.h"
#include "store/StoreError.h"

#include <QFileInfo>

#include <algorithm>
#include <chrono>
#include <thread>

namespace awb::services {

namespace {

// A deferred (read) transaction: one consistent snapshot for the whole export.
class ReadTransaction
{
public:
    explicit ReadTransaction(store::Database &db) : m_db(db) { m_db.exec("BEGIN"); }
    ~ReadTransaction()
    {
        try {
            m_db.exec("COMMIT");
        } catch (const store::StoreError &) {
            // Nothing was written: ending the snapshot cannot lose anything.
        }
    }
    ReadTransaction(const ReadTransaction &) = delete;
    ReadTransaction &operator=(const ReadTransaction &) = delete;

private:
    store::Database &m_db;
};

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Streams the members into the writer; fills the report's counts. Returns false when cancelled.
bool writeMembers(store::Database &db, std::int64_t audienceId, const exports::RowFormatter &formatter,
                  exports::CsvWriter &writer, ExportReport &report, ProgressSink &progress)
{
    ReadTransaction snapshot(db);
    // SQLite reads on a worker thread; traits, formatting (and hashing, split over the cores when the
    // preset hashes) happen here.
    bool hashes = false;
    for (const exports::PresetColumn &c : formatter.preset().columns) {
        hashes = hashes || c.hashed;
    }
    const int threads = hashes ? std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 2, 4) : 1;
    exports::BatchFormatter batches(formatter, threads);
    std::string rows;
    {
        exports::MemberStream stream(db, audienceId, formatter.preset());
        for (auto batch = stream.next(); !batch.empty(); batch = stream.next()) {
            rows.clear();
            batches.format(batch, rows);
            writer.writeRows(rows);
            report.members += static_cast<std::int64_t>(batch.size());
            progress.setValue(report.members);
            if (progress.isCancelled()) {
                return false;
            }
        }
    }
    report.written = batches.written();
    for (const auto &[reason, count] : batches.skipped()) {
        report.skipped += count;
        report.skippedByReason.emplace_back(reason, count);
    }
    std::stable_sort(report.skippedByReason.begin(), report.skippedByReason.end(),
                     [](const auto &a, const auto &b) { return a.second > b.second; });
    return true;
}

} // namespace

std::string ExportReport::toText() const
{
    std::string s = "exported audience '" + audience + "' with preset " + preset + " to " + file + "\n";
    s += "  members:  " + std::to_string(members) + "\n";
    s += "  written:  " + std::to_string(written) + "\n";
    s += "  skipped:  " + std::to_string(skipped) + "\n";
    for (const auto &[reason, count] : skippedByReason) {
        s += "    " + reason + ": " + std::to_string(count) + "\n";
    }
    return s;
}

ExportService::ExportService(std::string workspacePath) : m_path(std::move(workspacePath)) {}

Result<ExportReport> ExportService::exportAudience(const ExportRequest &request, ProgressSink &progress)
{
    auto preset = exports::makePreset(request.preset, request.columns);
    if (!preset) {
        return fail(preset.error());
    }
    if (request.outFile.empty()) {
        return fail(Error::Code::InvalidInput, "Export: no output file given.");
    }
    auto db = store::Database::open(m_path, store::Database::OpenMode::OpenExisting);
    if (!db) {
        return fail(db.error());
    }
    try {
        audience::AudienceRepository repo(**db);
        const auto info = repo.find(request.audience);
        if (!info) {
            return fail(Error::Code::NotFound,
                        "No audience named '" + request.audience + "' in " + m_path + ".");
        }
        if (info->status != audience::AudienceStatus::Live) {
            return fail(Error::Code::InvalidInput, "Audience '" + request.audience + "' is still computing.");
        }
        exports::CsvWriter writer(request.outFile);
        if (auto opened = writer.open(); !opened) {
            return fail(opened.error());
        }
        const exports::RowFormatter formatter(std::move(*preset), request.defaultCountry);
        writer.setColumnKinds(exports::cellKinds(formatter.preset()));
        writer.writeHeader(formatter.preset().header());
        ExportReport report;
        report.audience = info->name;
        report.preset = request.preset;
        report.file = QFileInfo(QString::fromStdString(request.outFile)).absoluteFilePath().toStdString();
        progress.setStage("Exporting " + info->name);
        progress.setRange(info->size);
        if (!writeMembers(**db, info->id, formatter, writer, report, progress)) {
            return fail(Error::cancelled()); // the writer's destructor drops the temporary file
        }
        if (auto committed = writer.commit(); !committed) {
            return fail(committed.error());
        }
        repo.recordExport(info->id, {0, report.audience, report.preset, report.file, report.written,
                                     report.skipped, nowMs()});
        return report;
    } catch (const store::StoreError &e) {
        return fail(Error::Code::Database, "Export: " + std::string(e.what()));
    }
}

Result<std::vector<audience::ExportRecord>> ExportService::history(const std::string &audienceName)
{
    return withWorkspace<std::vector<audience::ExportRecord>>(
        m_path, "Export history",
        [&](store::Database &db) { return audience::AudienceRepository(db).exports(audienceName); });
}

} // namespace awb::services
