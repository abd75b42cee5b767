// SPDX-License-Identifier: GPL-3.0-or-later
// importCsv: reads records, checks them (well-formed, UTF-8, wide enough), maps them and hands them to
// the event assembler, reporting progress and honouring cancel.
#include "ingest/CsvEventAssembler.h"
#include "ingest/CsvJoin.h"
#include "ingest/CsvMapping.h"
#include "ingest/CsvReader.h"
#include "ingest/CsvRowMapper.h"
#include "ingest/EventWriter.h"
#include "ingest/ImportReport.h"
#include "ingest/Importers.h"
#include "ingest/InputFile.h"
#include "ingest/LocalZone.h"
#include "ingest/ProductCatalog.h"
#include "ingest/ProfileRowReader.h"
#include "jobs/Progress.h"

#include <memory>

namespace awb::ingest {

namespace {

/// Why a record cannot be mapped at all, or empty.
std::string recordProblem(const CsvReader::Record &rec, std::size_t needed)
{
    if (!rec.error.empty()) {
        return rec.error;
    }
    if (!rec.isValidUtf8()) {
        return "invalid UTF-8";
    }
    if (rec.size() < needed) {
        return "only " + std::to_string(rec.size()) + (rec.size() == 1 ? " field" : " fields") +
               ", the mapping needs " + std::to_string(needed);
    }
    return {};
}

struct Prepared
{
    CsvColumns columns;
    std::unique_ptr<ProductCatalog> catalog;
    std::unique_ptr<CsvJoin> join; ///< the lookups, when the mapping has some
};

// Reads the header (when there is one), loads the lookups, resolves the columns and loads the product
// catalogue. hasData is false for an empty file.
Result<Prepared> prepare(InputFile &file, CsvReader &reader, const CsvMapping &mapping, ImportContext &ctx,
                         CsvReader::Record &first, bool &hasData)
{
    const std::string name = file.name();
    hasData = reader.next(first);
    if (!hasData) {
        return Prepared{}; // an empty file: nothing to map, nothing to reject
    }
    std::vector<std::string> header;
    if (mapping.hasHeader && hasData) {
        if (!first.error.empty() || !first.isValidUtf8()) {
            return fail(Error::Code::InvalidInput,
                        name + ": the header line is unreadable (" +
                            (first.error.empty() ? std::string("invalid UTF-8") : first.error) + ")");
        }
        header = first.fields();
        reader.setExpectedFields(header.size());
        hasData = reader.next(first);
    }
    std::unique_ptr<CsvJoin> join;
    if (!mapping.lookups.empty()) {
        if (!hasData) {
            return Prepared{}; // a header without rows: no lookup is worth loading
        }
        auto created = CsvJoin::create(mapping, header, file.path(), name, ctx.report, ctx.progress);
        if (!created) {
            return fail(created.error());
        }
        join = std::make_unique<CsvJoin>(std::move(*created));
    }
    auto columns = resolveCsvColumns(mapping,
                                     join                ? &join->header()
                                     : mapping.hasHeader ? &header
                                                         : nullptr,
                                     name);
    if (!columns) {
        return fail(columns.error());
    }
    Prepared p{std::move(*columns), nullptr, std::move(join)};
    if (!mapping.productsFile.empty() && hasData) {
        auto catalog =
            ProductCatalog::load(mapping, file.path(), p.columns.reservedKeys, ctx.report, ctx.progress);
        if (!catalog) {
            return fail(catalog.error());
        }
        p.catalog = std::make_unique<ProductCatalog>(std::move(*catalog));
    }
    return p;
}

ProfileRowReader profileReader(const CsvColumns &columns)
{
    std::vector<ProfileRowReader::Column> profile;
    for (const CsvColumns::Keyed &c : columns.profile) {
        profile.push_back(ProfileRowReader::column(static_cast<std::size_t>(c.index), c.key));
    }
    return ProfileRowReader(std::move(profile));
}

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
    bool hasData = false;
    auto prepared = prepare(file, reader, mapping, ctx, rec, hasData);
    if (!prepared) {
        return fail(prepared.error());
    }
    if (!hasData) {
        return {};
    }
    const std::string source = file.name();
    CsvJoin *join = prepared->join.get();
    // A joined fact row must be as wide as its header: mapped columns may lie in the lookups' part.
    const std::size_t needed = join ? join->factWidth() : prepared->columns.needed;
    const ProfileRowReader profiles = profileReader(prepared->columns);
    CsvRowMapper mapper(mapping, std::move(prepared->columns), std::move(*zone), prepared->catalog.get());
    CsvEventAssembler assembler(mapping, ctx, source);
    CsvRow row;
    CsvReader::Record joined;
    for (std::int64_t n = 1; hasData; hasData = reader.next(rec), ++n) {
        if (!ctx.rowRead(n, file)) {
            return fail(Error::cancelled());
        }
        if (rec.isBlank()) {
            ++ctx.report.blank;
            continue;
        }
        std::string problem = recordProblem(rec, needed);
        if (problem.empty() && join) {
            problem = join->join(rec, joined);
        }
        if (problem.empty()) {
            problem = mapper.map(join ? joined : rec, row);
        }
        if (problem.empty()) {
            problem = storeProfile(profiles, join ? joined : rec, row, ctx);
        }
        if (!problem.empty()) {
            ctx.report.reject(source, rec.line, std::move(problem));
            continue;
        }
        assembler.add(std::move(row));
        row = CsvRow();
    }
    assembler.finish();
    return {};
}

} // namespace awb::ingest
