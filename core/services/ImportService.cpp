// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/ImportService.h"

#include "ingest/CsvPresets.h"
#include "ingest/EventWriter.h"
#include "ingest/Importers.h"
#include "ingest/InputFile.h"
#include "jobs/Progress.h"
#include "services/WithWorkspace.h"
#include "store/Database.h"
#include "store/ImportRunRepository.h"
#include "store/StoreError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QString>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace awb::services {

namespace {

std::int64_t nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string lower(std::string s)
{
    for (char &c : s) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return s;
}

bool endsWith(const std::string &s, const std::string &suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string sourcesJson(const std::vector<std::string> &files)
{
    QJsonArray array;
    for (const std::string &f : files) {
        array.append(QString::fromStdString(f));
    }
    return QJsonDocument(array).toJson(QJsonDocument::Compact).toStdString();
}

void saveRun(store::Database &db, const ingest::ImportReport &report, const std::string &mapping)
{
    db.prepare("UPDATE import_runs SET finished_at = ?, status = 'completed', rows_read = ?, imported = ?, "
               "duplicates = ?, rejected = ?, mapping = ? WHERE id = ?")
        .bind(1, nowMs())
        .bind(2, report.rowsRead)
        .bind(3, report.imported)
        .bind(4, report.duplicates)
        .bind(5, report.rejected)
        .bind(6, mapping)
        .bind(7, report.runId)
        .run();
    auto st = db.prepare("INSERT INTO import_rejections (run_id, source, line, reason) VALUES (?, ?, ?, ?)");
    for (const ingest::RejectedRow &r : report.rejections) {
        st.bind(1, report.runId).bind(2, r.source).bind(3, r.line).bind(4, r.reason).run();
    }
}

} // namespace

std::string importRunMappingLabel(const store::ImportRun &run)
{
    if (run.mapping.empty()) {
        return {};
    }
    const auto mapping = ingest::csvMappingFromJson(run.mapping);
    return mapping && !mapping->preset.empty() ? mapping->preset : std::string("custom mapping");
}

ImportService::ImportService(std::string workspacePath) : m_path(std::move(workspacePath)) {}

ImportFormat ImportService::detectFormat(const std::string &path)
{
    std::string name = lower(path);
    for (const char *ext : {".gz", ".xz"}) {
        if (endsWith(name, ext)) {
            name.resize(name.size() - 3);
        }
    }
    for (const char *ext : {".jsonl", ".ndjson", ".json"}) {
        if (endsWith(name, ext)) {
            return ImportFormat::JsonLines;
        }
    }
    if (endsWith(name, ".csv") || endsWith(name, ".tsv") || endsWith(name, ".txt")) {
        return ImportFormat::Csv;
    }
    // Unknown extension: look at the first non-blank byte of the (decompressed) content.
    auto file = ingest::InputFile::open(path);
    if (file) {
        char buf[256];
        try {
            const std::size_t n = (*file)->read(buf, sizeof buf);
            for (std::size_t i = 0; i < n; ++i) {
                if (!std::isspace(static_cast<unsigned char>(buf[i]))) {
                    return buf[i] == '{' ? ImportFormat::JsonLines : ImportFormat::Csv;
                }
            }
        } catch (const std::exception &) {
        }
    }
    return ImportFormat::Csv;
}

Result<ingest::ImportReport> ImportService::run(const ImportSpec &spec, ProgressSink &progress)
{
    if (spec.files.empty() && spec.profileFiles.empty()) {
        return fail(Error::Code::InvalidInput, "No files to import.");
    }
    std::vector<std::unique_ptr<ingest::InputFile>> inputs;
    std::int64_t total = 0;
    std::vector<std::string> paths = spec.files;
    paths.insert(paths.end(), spec.profileFiles.begin(), spec.profileFiles.end());
    for (const std::string &path : paths) {
        auto file = ingest::InputFile::open(path);
        if (!file) {
            return fail(file.error());
        }
        total += (*file)->size();
        inputs.push_back(std::move(file).value());
    }
    auto opened = store::Database::open(m_path, store::Database::OpenMode::CreateIfMissing);
    if (!opened) {
        return fail(opened.error());
    }
    store::Database &db = **opened;
    progress.setRange(total);

    ingest::ImportReport report;
    try {
        store::Transaction tx(db);
        store::ImportRunRepository runs(db);
        for (const std::int64_t id : spec.replaceRuns) {
            if (!runs.exists(id)) {
                return fail(Error::Code::NotFound, "There is no import run " + std::to_string(id) + " in " + m_path +
                                                       " to replace (see the import history).");
            }
            report.replacedEvents += runs.remove(id).events;
            report.replacedRuns.push_back(id);
        }
        db.prepare("INSERT INTO import_runs (started_at, status, sources) VALUES (?, 'running', ?)")
            .bind(1, nowMs())
            .bind(2, sourcesJson(paths))
            .run();
        report.runId = db.lastInsertRowId();
        ingest::EventWriter writer(db, report.runId);
        ingest::ImportContext ctx{writer, report, progress, 0};
        bool readCsv = false;
        for (auto &input : inputs) {
            report.files.push_back(input->path());
            progress.setStage("Importing " + input->name());
            const std::size_t index = report.files.size() - 1;
            const bool overridden =
                index < spec.fileFormats.size() && spec.fileFormats[index] != ImportFormat::Auto;
            const ImportFormat chosen = overridden ? spec.fileFormats[index] : spec.format;
            const ImportFormat format = chosen == ImportFormat::Auto ? detectFormat(input->path()) : chosen;
            readCsv = readCsv || (index < spec.files.size() && format == ImportFormat::Csv);
            const Result<void> done =
                index >= spec.files.size() ? ingest::importProfilesCsv(*input, spec.profileKeyColumn, ctx)
                : format == ImportFormat::JsonLines ? ingest::importJsonLines(*input, ctx)
                                                    : ingest::importCsv(*input, spec.mapping, ctx);
            if (!done) {
                if (done.error().isCancelled()) {
                    return fail(Error::cancelled());
                }
                report.reject(input->name(), 0, done.error().message);
            }
            ctx.progressBase += input->size();
            progress.setValue(ctx.progressBase);
        }
        progress.setStage("Finishing");
        writer.finish();
        report.profilesCreated = writer.profilesCreated();
        report.profilesMerged = writer.profilesMerged();
        saveRun(db, report, readCsv ? ingest::csvMappingToJson(spec.mapping) : std::string());
        tx.commit();
    } catch (const store::StoreError &e) {
        return fail(Error::Code::Database,
                    "The import failed and nothing was stored: " + std::string(e.what()));
    } catch (const std::exception &e) {
        return fail(Error::Code::Io, "The import failed and nothing was stored: " + std::string(e.what()));
    }
    return report;
}

Result<std::vector<store::ImportRun>> ImportService::history() const
{
    return withWorkspace<std::vector<store::ImportRun>>(
        m_path, "Import history", [](store::Database &db) { return store::ImportRunRepository(db).list(); });
}

Result<std::vector<EarlierImport>> ImportService::earlierImports(const ImportSpec &spec) const
{
    std::vector<EarlierImport> found;
    std::error_code ec;
    if (!std::filesystem::exists(m_path, ec)) {
        return found;
    }
    auto runs = history();
    if (!runs) {
        return fail(runs.error());
    }
    auto canonical = [](const std::string &path) {
        std::error_code ignored;
        return std::filesystem::weakly_canonical(path, ignored).string();
    };
    // The mapping as it would be stored, without the fact file's own name (the same file may be named
    // from elsewhere).
    auto normalised = [](ingest::CsvMapping mapping) {
        mapping.factFile.clear();
        return ingest::csvMappingToJson(mapping);
    };
    const std::string mapping = normalised(spec.mapping);
    std::vector<std::string> files = spec.files;
    files.insert(files.end(), spec.profileFiles.begin(), spec.profileFiles.end());
    for (const store::ImportRun &run : *runs) {
        if (run.eventsNow == 0) {
            continue;
        }
        for (const std::string &file : files) {
            const bool read = std::any_of(run.sources.begin(), run.sources.end(), [&](const std::string &s) {
                return canonical(s) == canonical(file);
            });
            if (!read) {
                continue;
            }
            const bool csvFile = std::find(spec.files.begin(), spec.files.end(), file) != spec.files.end() &&
                                 !run.mapping.empty();
            bool other = false;
            if (csvFile) {
                const auto earlier = ingest::csvMappingFromJson(run.mapping);
                other = !earlier || normalised(*earlier) != mapping;
            }
            found.push_back({run, file, other});
            break;
        }
    }
    return found;
}

Result<store::RemovedRun> ImportService::removeRun(std::int64_t runId, ProgressSink &progress)
{
    return flatten(withWorkspace<Result<store::RemovedRun>>(
        m_path, "Removing an import", [&](store::Database &db) -> Result<store::RemovedRun> {
            store::ImportRunRepository runs(db);
            store::Transaction tx(db);
            if (!runs.exists(runId)) {
                return fail(Error::Code::NotFound, "There is no import run " + std::to_string(runId) +
                                                       " in " + m_path + " (see the import history).");
            }
            progress.setStage("Removing import run " + std::to_string(runId));
            const store::RemovedRun removed = runs.remove(runId);
            // The delete is one statement; a cancel asked for meanwhile still leaves the workspace as it was.
            if (progress.isCancelled()) {
                return fail(Error::cancelled());
            }
            tx.commit();
            return removed;
        }));
}

} // namespace awb::services
