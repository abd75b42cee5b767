// SPDX-License-Identifier: GPL-3.0-or-later
// importCsv: reads records, checks them (well-formed, UTF-8, wide enough), maps them and hands them to
// the event assembler, reporting progress and honouring cancel.
#include "ingest/CsvEventAssembler.h"
#include "ingest/CsvMapping.h"
#include "ingest/CsvPipeline.h"
#include "ingest/CsvReader.h"
#include "ingest/CsvRowMapper.h"
#include "ingest/EventWriter.h"
#include "ingest/ImportReport.h"
#include "ingest/Importers.h"
#include "ingest/InputFile.h"
#include "ingest/LocalZone.h"
#include "ingest/ProfileRowReader.h"
#include "jobs/Progress.h"

namespace awb::ingest {

namespace {

/// Stores the person columns of a mapped row on its user's profile (the path of --profiles files). Returns
/// the reason the row is rejected, or empty.
std::string storeProfile(const ProfileRowReader &reader, const CsvReader::Record &rec, const CsvRow &row,
                         ImportContext &ctx)
{
    if (reader.isEmpty() || row.userId.empty()) {
        return {};
    }
    std::vector<store::ProfileAttribute> attributes;
    std::string email;
    std::string problem = reader.read(rec, attributes, email);
    if (problem.empty() && (!attributes.empty() || !email.empty())) {
        ctx.writer.setAttributes(ctx.writer.profileOfUser(row.userId), attributes, email);
        ++ctx.report.profileRows;
    }
    return problem;
}

} // namespace

Result<void> importCsv(InputFile &file, const CsvMapping &mapping, ImportContext &ctx)
{
    auto zone = LocalZone::create(mapping.timezone);
    if (!zone) {
        return fail(Error::Code::InvalidInput, file.name() + ": " + zone.error().message);
    }
    CsvReader reader(file, mapping.delimiter);
    CsvReader::Record rec;
    auto pipeline = CsvPipeline::open(file, reader, mapping, rec, ctx.report, ctx.progress);
    if (!pipeline) {
        return fail(pipeline.error());
    }
    if (!pipeline->hasData()) {
        return {};
    }
    if (auto mapped = pipeline->mapColumns(mapping, file, ctx.report, ctx.progress); !mapped) {
        return mapped;
    }
    const std::string source = file.name();
    const ProfileRowReader profiles = pipeline->profileReader();
    CsvRowMapper mapper = pipeline->mapper(mapping, std::move(*zone));
    CsvEventAssembler assembler(mapping, ctx, source);
    CsvRow row;
    CsvReader::Record joined;
    std::int64_t n = 0;
    do {
        if (!ctx.rowRead(++n, file)) {
            return fail(Error::cancelled());
        }
        if (rec.isBlank()) {
            ++ctx.report.blank;
        } else {
            std::string problem = pipeline->join(rec, joined);
            const CsvReader::Record &mappedRecord = pipeline->record(rec, joined);
            if (problem.empty() && pipeline->skips(mappedRecord)) {
                ++ctx.report.filtered;
                continue;
            }
            if (problem.empty()) {
                problem = mapper.map(mappedRecord, row);
            }
            if (problem.empty()) {
                problem = storeProfile(profiles, mappedRecord, row, ctx);
            }
            if (problem.empty()) {
                assembler.add(std::move(row));
                row = CsvRow();
            } else {
                ctx.report.reject(source, rec.line, std::move(problem));
            }
        }
    } while (reader.next(rec));
    assembler.finish();
    return {};
}

} // namespace awb::ingest
