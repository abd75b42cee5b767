// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/CsvLookupTable.h"

#include "common/Text.h"
#include "ingest/CsvMapping.h"
#include "ingest/ImportReport.h"
#include "ingest/InputFile.h"
#include "ingest/ProductCatalog.h"
#include "jobs/Progress.h"

#include <algorithm>

namespace awb::ingest {

namespace {

constexpr std::int64_t kCheckEvery = 8192;
constexpr std::size_t kMaxNotes = 5;

} // namespace

Result<CsvLookupTable> CsvLookupTable::load(const CsvLookup &lookup, const std::string &factPath,
                                            char delimiter, std::int64_t rowLimit, LookupReport &stats,
                                            ImportReport &report, ProgressSink &progress)
{
    const std::string path = ProductCatalog::resolvePath(lookup.file, factPath);
    auto opened = InputFile::open(path);
    if (!opened) {
        return fail(Error::Code::InvalidInput,
                    "cannot read the lookup file " + path + ": " + opened.error().message);
    }
    InputFile &file = **opened;
    const std::string name = file.name();
    stats.name = lookup.name;
    stats.file = name;
    CsvReader reader(file, delimiter);
    CsvReader::Record rec;
    if (!reader.next(rec) || !rec.error.empty() || !rec.isValidUtf8()) {
        return fail(Error::Code::InvalidInput, name + ": the lookup file has no readable header line");
    }
    const std::vector<std::string> header = rec.fields();
    const std::size_t keyIndex = findColumn(header, lookup.key);
    std::vector<std::string> missing;
    if (keyIndex == header.size()) {
        missing.push_back(lookup.key);
    }
    CsvLookupTable table;
    std::vector<std::size_t> held;
    for (const std::string &column : lookup.columns.empty() ? header : lookup.columns) {
        const std::size_t index = findColumn(header, column);
        if (index == header.size()) {
            missing.push_back(column);
        } else {
            held.push_back(index);
            table.m_columns.emplace_back(trimmed(header[index]));
        }
    }
    if (!missing.empty()) {
        std::string names;
        for (const std::string &m : missing) {
            names += (names.empty() ? "\"" : ", \"") + m + "\"";
        }
        return fail(Error::Code::InvalidInput, name + ": the lookup \"" + lookup.name + "\" has no column " +
                                                   names + " named by the mapping");
    }
    const std::size_t needed = std::max(keyIndex, *std::max_element(held.begin(), held.end())) + 1;
    std::int64_t rows = 0;
    while (reader.next(rec)) {
        if (++rows % kCheckEvery == 0 && progress.isCancelled()) {
            return fail(Error::cancelled());
        }
        if (rec.isBlank()) {
            continue;
        }
        if (!rec.error.empty() || !rec.isValidUtf8() || rec.size() < needed) {
            report.reject(name, rec.line,
                          !rec.error.empty() ? rec.error
                                             : (rec.size() < needed ? "too few fields" : "invalid UTF-8"));
            continue;
        }
        const std::string_view key = trimmed(rec.field(keyIndex));
        if (key.empty()) {
            report.reject(name, rec.line, "empty key in column \"" + lookup.key + "\"");
            continue;
        }
        if (static_cast<std::int64_t>(table.m_index.size()) >= rowLimit) {
            return fail(Error::Code::InvalidInput,
                        name + ": the lookup \"" + lookup.name + "\" has more than " +
                            std::to_string(rowLimit) +
                            " rows, the limit for a file held in memory (lookupRowLimit in the mapping)");
        }
        const auto row = static_cast<std::uint32_t>(table.m_index.size());
        if (!table.m_index.try_emplace(std::string(key), row).second) {
            if (++stats.duplicateKeys <= static_cast<std::int64_t>(kMaxNotes)) {
                stats.notes.push_back(name + ":" + std::to_string(rec.line) + ": duplicate key \"" +
                                      std::string(key) + "\" (the first row is kept)");
            }
            continue;
        }
        for (const std::size_t index : held) {
            table.m_cells.append(trimmed(rec.field(index)));
            table.m_ends.push_back(table.m_cells.size());
        }
    }
    stats.rows = static_cast<std::int64_t>(table.m_index.size());
    return table;
}

bool CsvLookupTable::appendRow(std::string_view key, CsvReader::Record &record) const
{
    const auto it = m_index.find(key);
    if (it == m_index.end()) {
        return false;
    }
    const std::size_t first = static_cast<std::size_t>(it->second) * m_columns.size();
    std::uint64_t begin = first == 0 ? 0 : m_ends[first - 1];
    for (std::size_t i = first; i < first + m_columns.size(); ++i) {
        record.appendField(std::string_view(m_cells).substr(begin, m_ends[i] - begin));
        begin = m_ends[i];
    }
    return true;
}

void CsvLookupTable::appendEmpty(CsvReader::Record &record) const
{
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        record.appendField({});
    }
}

} // namespace awb::ingest
