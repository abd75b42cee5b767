// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/CsvJoin.h"

#include "common/Text.h"
#include "ingest/CsvMapping.h"
#include "ingest/ImportReport.h"

namespace awb::ingest {

namespace {

constexpr std::int64_t kMaxNotes = 5;

} // namespace

Result<CsvJoin> CsvJoin::create(const CsvMapping &mapping, const std::vector<std::string> &factHeader,
                                const std::string &factPath, const std::string &factName,
                                ImportReport &report, ProgressSink &progress)
{
    if (!mapping.hasHeader) {
        return fail(Error::Code::InvalidInput, factName + ": lookups need a fact file with a header line");
    }
    CsvJoin join;
    join.m_header = factHeader;
    join.m_factWidth = factHeader.size();
    join.m_factName = factName;
    join.m_report = &report;
    for (const CsvLookup &lookup : mapping.lookups) {
        for (const CsvLookup &other : mapping.lookups) {
            if (&other != &lookup && other.name == lookup.name) {
                return fail(Error::Code::InvalidInput,
                            "CSV mapping: two lookups are named \"" + lookup.name + "\"");
            }
        }
        const std::size_t on = findColumn(join.m_header, lookup.on);
        if (on == join.m_header.size()) {
            return fail(Error::Code::InvalidInput, factName + ": the lookup \"" + lookup.name +
                                                       "\" joins on \"" + lookup.on +
                                                       "\", which is neither a column of this file nor of "
                                                       "an earlier lookup");
        }
        report.lookups.emplace_back();
        const std::size_t slot = report.lookups.size() - 1;
        auto table =
            CsvLookupTable::load(lookup, factPath, mapping.delimiter == ' ' ? ',' : mapping.delimiter,
                                 mapping.lookupRowLimit, report.lookups[slot], report, progress);
        if (!table) {
            return fail(table.error());
        }
        for (const std::string &column : table->columns()) {
            join.m_header.push_back(lookup.name + "." + column);
        }
        join.m_steps.push_back({std::move(*table), on, lookup.on, lookup.required, slot});
    }
    return join;
}

std::string CsvJoin::join(const CsvReader::Record &fact, CsvReader::Record &joined)
{
    joined = fact;
    for (std::size_t i = fact.size(); i < m_factWidth; ++i) {
        joined.appendField({});
    }
    for (const Step &step : m_steps) {
        const std::string_view key = trimmed(joined.field(step.on));
        if (key.empty() || step.table.appendRow(key, joined)) {
            if (key.empty()) {
                step.table.appendEmpty(joined); // nothing to look up: not counted as missing
            }
            continue;
        }
        LookupReport &stats = m_report->lookups[step.report];
        std::string what =
            "\"" + step.onName + "\" value \"" + std::string(key) + "\" is not in " + stats.file;
        if (step.required) {
            ++stats.missingKeys;
            return what;
        }
        if (++stats.missingKeys <= kMaxNotes) {
            stats.notes.push_back(m_factName + ":" + std::to_string(fact.line) + ": " + what);
        }
        step.table.appendEmpty(joined);
    }
    return {};
}

} // namespace awb::ingest
