// SPDX-License-Identifier: GPL-3.0-or-later
// One lookup file of a joined CSV import (orders, customers, products, a translation) held in memory and
// looked up by its key column.
#pragma once

#include "common/Result.h"
#include "ingest/CsvReader.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace awb {
class ProgressSink;
}

namespace awb::ingest {

struct CsvLookup;
struct ImportReport;
struct LookupReport;

class CsvLookupTable
{
public:
    /// Reads lookup.file (a relative path is taken next to factPath) with delimiter. Rows of the file that
    /// cannot be used are rejected into report under its name; a key seen before is counted in stats and
    /// the first row kept. Fails, naming the file, when it cannot be read, lacks the key or a named column,
    /// or has more than rowLimit rows. Returns Error::Code::Cancelled when progress is cancelled.
    static Result<CsvLookupTable> load(const CsvLookup &lookup, const std::string &factPath, char delimiter,
                                       std::int64_t rowLimit, LookupReport &stats, ImportReport &report,
                                       ProgressSink &progress);

    /// The held columns, in the order appendRow appends them.
    const std::vector<std::string> &columns() const { return m_columns; }
    std::size_t size() const { return m_index.size(); }

    /// Appends the held fields of the row with that key to record; false (nothing appended) when the key
    /// is unknown.
    bool appendRow(std::string_view key, CsvReader::Record &record) const;
    /// Appends one empty field per held column.
    void appendEmpty(CsvReader::Record &record) const;

private:
    struct Hash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
    };
    std::vector<std::string> m_columns;
    std::string m_cells;               ///< every held field, back to back
    std::vector<std::uint64_t> m_ends; ///< end offset of each field in m_cells, row after row
    std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> m_index; ///< key -> row
};

} // namespace awb::ingest
