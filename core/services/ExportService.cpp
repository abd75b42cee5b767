// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/ExportService.h"

#include "common/Time.h"
#include "export/BatchFormatter.h"
#include "export/ConsentFilter.h"
#include "export/CsvWriter.h"
#include "export/MemberStream.h"
#include "jobs/Progress.h"
#include "services/WithWorkspace.h"
#include "store/Database.h"
#include "store/ProfileRepository.h"
#include "store/StoreError.h"

#include <QFileInfo>

#include <algorithm>
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

void mostFirst(std::vector<std::pair<std::string, std::int64_t>> &counts)
{
    std::stable_sort(counts.begin(), counts.end(),
                     [](const auto &a, const auto &b) { return a.second > b.second; });
}

std::string joined(const std::vector<std::pair<std::string, std::int64_t>> &counts)
{
    std::string s;
    for (const auto &[reason, count] : counts) {
        s += (s.empty() ? "" : ", ") + std::to_string(count) + " " + reason;
    }
    return s;
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
        report.leftOut += exports::isConsentReason(reason) ? count : 0;
        report.skippedByReason.emplace_back(reason, count);
    }
    const auto included = batches.includedDespite();
    report.includedByReason.assign(included.begin(), included.end());
    report.consentUnknown = batches.consentUnknown();
    mostFirst(report.skippedByReason);
    mostFirst(report.includedByReason);
    return true;
}

// The current profile of each member that may be exported (merges followed), in rank order.
std::vector<std::int64_t> exportedProfiles(store::Database &db, std::int64_t audienceId)
{
    std::vector<std::int64_t> ids;
    auto st = db.prepare("SELECT m.profile_id, p.id IS NULL FROM audience_members m LEFT JOIN profiles p ON "
                         "p.id = m.profile_id WHERE m.audience_id = ? AND m.control = 0 ORDER BY m.rank");
    st.bind(1, audienceId);
    store::ProfileRepository profiles(db);
    while (st.step()) {
        ids.push_back(st.int64(1) ? profiles.resolveMerged(st.int64(0)) : st.int64(0));
    }
    return ids;
}

} // namespace

std::string ExportReport::toText() const
{
    std::string s = "exported audience '" + audience + "' with preset " + preset + " to " + file + "\n";
    s += "  members:  " + std::to_string(members) + "\n";
    if (heldOut > 0) {
        s += "  control:  " + std::to_string(heldOut) + " members held out, not exported\n";
    }
    s += "  written:  " + std::to_string(written) + "\n";
    s += "  skipped:  " + std::to_string(skipped) + "\n";
    for (const auto &[reason, count] : skippedByReason) {
        s += "    " + reason + ": " + std::to_string(count) + "\n";
    }
    if (consentRule != "none") {
        const std::string left = leftOutText();
        s += "  consent:  " + consentRule + " rule; " +
             (includeWithoutConsent ? "suppressed and non-consenting people included on request"
                                    : "left out " + (left.empty() ? std::string("nobody") : left)) +
             "\n";
        if (!includedByReason.empty()) {
            s += "    included on request: " + joined(includedByReason) + "\n";
        }
        if (consentUnknown > 0) {
            s += "    written with unknown e-mail consent: " + std::to_string(consentUnknown) + "\n";
        }
    }
    if (recommended) {
        s += recommended->toText();
    }
    if (!fileWritten) {
        s += "  no file written: no row to write\n";
    }
    return s;
}

std::string ExportReport::leftOutText() const
{
    std::vector<std::pair<std::string, std::int64_t>> consent;
    for (const auto &entry : skippedByReason) {
        if (exports::isConsentReason(entry.first)) {
            consent.push_back(entry);
        }
    }
    return joined(consent);
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
        std::optional<RecommendationOutcome> recommended;
        if (request.recommendations) {
            if (auto added = addRecommendationColumns(**db, *preset, request.recommendations->count); !added) {
                return fail(added.error());
            }
            auto outcome =
                recommendItems(**db, exportedProfiles(**db, info->id), *request.recommendations, progress);
            if (!outcome) {
                return fail(outcome.error());
            }
            recommended = std::move(*outcome);
        }
        exports::CsvWriter writer(request.outFile);
        if (auto opened = writer.open(); !opened) {
            return fail(opened.error());
        }
        const exports::ConsentRule rule = exports::consentRule(*preset);
        const exports::ConsentFilter consent(**db, rule, request.includeWithoutConsent);
        exports::RowFormatter formatter(std::move(*preset), request.defaultCountry);
        formatter.setConsentFilter(&consent);
        if (recommended) {
            formatter.setRecommendations(&recommended->table);
        }
        writer.setColumnKinds(exports::cellKinds(formatter.preset()));
        writer.writeHeader(formatter.preset().header());
        ExportReport report;
        report.audience = info->name;
        report.preset = request.preset;
        report.file = QFileInfo(QString::fromStdString(request.outFile)).absoluteFilePath().toStdString();
        report.consentRule = exports::consentRuleName(rule);
        report.includeWithoutConsent = request.includeWithoutConsent;
        report.heldOut = info->controlSize;
        progress.setStage("Exporting " + info->name);
        progress.setRange(info->size - info->controlSize);
        if (!writeMembers(**db, info->id, formatter, writer, report, progress)) {
            return fail(Error::cancelled()); // the writer's destructor drops the temporary file
        }
        if (recommended) {
            report.recommended = std::move(recommended);
            report.recommended->table = {}; // the lists are in the file; the report keeps the figures
        }
        if (report.written == 0 && !request.writeEmptyFile) {
            report.fileWritten = false;
            return report; // the writer's destructor drops the temporary file
        }
        if (auto committed = writer.commit(); !committed) {
            return fail(committed.error());
        }
        repo.recordExport(info->id, {0, report.audience, report.preset, report.file, report.written,
                                     report.skipped, nowMs(), report.includeWithoutConsent, report.leftOut});
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
