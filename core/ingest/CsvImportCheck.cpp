// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/CsvImportCheck.h"

#include "common/Text.h"
#include "ingest/CsvMapping.h"
#include "ingest/CsvPipeline.h"
#include "ingest/CsvPresets.h"
#include "ingest/InputFile.h"
#include "ingest/LocalZone.h"
#include "ingest/ProductCatalog.h"
#include "store/ProfileFields.h"

#include <algorithm>
#include <exception>

namespace awb::ingest {

std::int64_t CsvCheck::rejected() const
{
    return std::count_if(rows.begin(), rows.end(), [](const CsvCheckedRow &r) { return !r.problem.empty(); });
}

std::vector<std::pair<std::string, std::int64_t>> CsvCheck::reasons() const
{
    std::map<std::string, std::int64_t> counts;
    for (const CsvCheckedRow &r : rows) {
        if (!r.problem.empty()) {
            ++counts[r.problem];
        }
    }
    std::vector<std::pair<std::string, std::int64_t>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    return sorted;
}

namespace {

void fillMapped(const CsvRow &row, CsvCheckedRow &out)
{
    out.userId = row.userId;
    out.anonymousId = row.anonymousId;
    out.event = row.event;
    out.timestampMs = row.timestampMs;
    out.orderId = row.orderId;
    if (row.hasProduct) {
        out.productId = row.product.productId;
        out.price = row.product.price;
    }
}

Result<CsvCheck> check(InputFile &file, const CsvMapping &mapping, std::size_t maxRows, ProgressSink &progress)
{
    CsvCheck result;
    ImportReport report; // the lookups' counts; the rows' problems are kept per row
    CsvReader reader(file, mapping.delimiter);
    CsvReader::Record rec;
    auto pipeline = CsvPipeline::open(file, reader, mapping, rec, report, progress);
    if (!pipeline) {
        return fail(pipeline.error());
    }
    result.header = pipeline->header();
    result.lookups = report.lookups;
    if (!pipeline->hasData()) {
        return result;
    }
    auto zone = LocalZone::create(mapping.timezone);
    if (!zone) {
        result.mappingProblem = zone.error().message;
    } else if (auto mapped = pipeline->mapColumns(mapping, file, report, progress); !mapped) {
        result.mappingProblem = mapped.error().message;
    }
    std::optional<CsvRowMapper> mapper;
    std::optional<ProfileRowReader> profiles;
    if (result.mappingProblem.empty()) {
        mapper.emplace(pipeline->mapper(mapping, std::move(*zone)));
        profiles.emplace(pipeline->profileReader());
    }
    CsvReader::Record joined;
    do {
        if (rec.isBlank()) {
            ++result.blank;
            continue;
        }
        CsvCheckedRow out;
        out.line = rec.line;
        out.problem = pipeline->join(rec, joined);
        const CsvReader::Record &record = out.problem.empty() ? pipeline->record(rec, joined) : rec;
        if (out.problem.empty() && mapper && pipeline->skips(record)) {
            ++result.filtered;
            continue;
        }
        out.cells = record.fields();
        if (out.problem.empty() && mapper) {
            CsvRow row;
            out.problem = mapper->map(record, row);
            if (out.problem.empty() && !row.userId.empty()) {
                std::vector<store::ProfileAttribute> attributes;
                std::string email;
                out.problem = profiles->read(record, attributes, email);
            }
            if (out.problem.empty()) {
                fillMapped(row, out);
            }
        }
        result.rows.push_back(std::move(out));
    } while (result.rows.size() < maxRows && reader.next(rec));
    return result;
}

} // namespace

Result<std::vector<std::string>> joinedHeader(const std::string &path, const CsvMapping &mapping)
{
    auto fact = previewCsv(path, mapping, 0);
    if (!fact) {
        return fail(fact.error());
    }
    std::vector<std::string> header = std::move(fact->header);
    for (const CsvLookup &lookup : mapping.lookups) {
        CsvMapping read;
        read.delimiter = mapping.delimiter;
        auto file = previewCsv(ProductCatalog::resolvePath(lookup.file, path), read, 0);
        if (!file) {
            return fail(file.error());
        }
        for (const std::string &column : lookup.columns.empty() ? file->header : lookup.columns) {
            header.push_back(lookup.name + "." + std::string(trimmed(column)));
        }
    }
    return header;
}

Result<CsvCheck> checkCsvImport(const std::string &path, const CsvMapping &mapping, std::size_t maxRows,
                                ProgressSink &progress)
{
    auto file = InputFile::open(path);
    if (!file) {
        return fail(file.error());
    }
    try {
        return check(**file, mapping, maxRows, progress);
    } catch (const std::exception &e) {
        return fail(Error::Code::Io, "cannot read " + path + ": " + e.what());
    }
}

} // namespace awb::ingest
