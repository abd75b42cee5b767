// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/CsvPipeline.h"

#include "ingest/CsvMapping.h"
#include "ingest/ImportReport.h"
#include "ingest/InputFile.h"

#include "common/Text.h"

#include <algorithm>
#include <cstdlib>

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

} // namespace

Result<CsvPipeline> CsvPipeline::open(InputFile &file, CsvReader &reader, const CsvMapping &mapping,
                                      CsvReader::Record &first, ImportReport &report, ProgressSink &progress)
{
    CsvPipeline p;
    p.m_hasData = reader.next(first);
    if (!p.m_hasData) {
        return p; // an empty file: nothing to map, nothing to reject
    }
    if (mapping.hasHeader) {
        if (!first.error.empty() || !first.isValidUtf8()) {
            return fail(Error::Code::InvalidInput,
                        file.name() + ": the header line is unreadable (" +
                            (first.error.empty() ? std::string("invalid UTF-8") : first.error) + ")");
        }
        p.m_header = first.fields();
        reader.setExpectedFields(p.m_header.size());
        p.m_hasData = reader.next(first);
    }
    if (!mapping.lookups.empty() && p.m_hasData) { // a header without rows: no lookup is worth loading
        auto created = CsvJoin::create(mapping, p.m_header, file.path(), file.name(), report, progress);
        if (!created) {
            return fail(created.error());
        }
        p.m_join = std::make_unique<CsvJoin>(std::move(*created));
    }
    return p;
}

const std::vector<std::string> &CsvPipeline::header() const
{
    return m_join ? m_join->header() : m_header;
}

Result<void> CsvPipeline::mapColumns(const CsvMapping &mapping, InputFile &file, ImportReport &report,
                                     ProgressSink &progress)
{
    auto columns = resolveCsvColumns(mapping, m_join || mapping.hasHeader ? &header() : nullptr, file.name());
    if (!columns) {
        return fail(columns.error());
    }
    m_columns = std::move(*columns);
    m_filters.clear();
    for (const auto &[column, values] : mapping.skipRows) {
        const std::vector<std::string> &names = header();
        std::size_t index = std::find(names.begin(), names.end(), column) - names.begin();
        if (!mapping.hasHeader && !m_join) {
            index = static_cast<std::size_t>(std::max(0, std::atoi(column.c_str())) - 1);
        }
        if (index >= names.size() && (mapping.hasHeader || m_join)) {
            return fail(Error::Code::InvalidInput,
                        file.name() + ": the row filter's column \"" + column + "\" is not in the file");
        }
        Filter filter{index, {}};
        for (std::size_t start = 0; start <= values.size();) {
            const std::size_t end = std::min(values.find('|', start), values.size());
            filter.values.emplace_back(trimmed(std::string_view(values).substr(start, end - start)));
            start = end + 1;
        }
        m_filters.push_back(std::move(filter));
    }
    if (!mapping.productsFile.empty() && m_hasData) {
        auto catalog = ProductCatalog::load(mapping, file.path(), m_columns->reservedKeys, report, progress);
        if (!catalog) {
            return fail(catalog.error());
        }
        m_catalog = std::make_unique<ProductCatalog>(std::move(*catalog));
    }
    return {};
}

CsvRowMapper CsvPipeline::mapper(const CsvMapping &mapping, LocalZone zone) const
{
    return CsvRowMapper(mapping, *m_columns, std::move(zone), m_catalog.get());
}

bool CsvPipeline::skips(const CsvReader::Record &record) const
{
    for (const Filter &f : m_filters) {
        if (f.column < record.size()) {
            const std::string_view value = trimmed(record.field(f.column));
            if (std::find(f.values.begin(), f.values.end(), value) != f.values.end()) {
                return true;
            }
        }
    }
    return false;
}

ProfileRowReader CsvPipeline::profileReader() const
{
    std::vector<ProfileRowReader::Column> profile;
    for (const CsvColumns::Keyed &c : m_columns->profile) {
        profile.push_back(ProfileRowReader::column(static_cast<std::size_t>(c.index), c.key));
    }
    return ProfileRowReader(std::move(profile));
}

std::string CsvPipeline::join(const CsvReader::Record &rec, CsvReader::Record &joined)
{
    // A joined fact row must be as wide as its header: mapped columns may lie in the lookups' part.
    const std::size_t needed = m_join ? m_join->factWidth() : m_columns ? m_columns->needed : 0;
    std::string problem = recordProblem(rec, needed);
    if (problem.empty() && m_join) {
        problem = m_join->join(rec, joined);
    }
    return problem;
}

} // namespace awb::ingest
