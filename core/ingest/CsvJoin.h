// SPDX-License-Identifier: GPL-3.0-or-later
// The lookups of a CSV mapping joined onto a streamed fact file: each fact record becomes a joined
// record of its own fields followed by the held columns of every lookup ("orders.customer_id", ...).
#pragma once

#include "common/Result.h"
#include "ingest/CsvLookupTable.h"
#include "ingest/CsvReader.h"

#include <string>
#include <vector>

namespace awb {
class ProgressSink;
}

namespace awb::ingest {

struct CsvMapping;
struct ImportReport;

class CsvJoin
{
public:
    /// Loads mapping.lookups in order and resolves each lookup's "on" column against factHeader and the
    /// columns of the lookups before it. The per-lookup counts go to report.lookups. Fails, naming the
    /// file, for an unreadable or too large lookup, or an "on" column that is nowhere.
    static Result<CsvJoin> create(const CsvMapping &mapping, const std::vector<std::string> &factHeader,
                                  const std::string &factPath, const std::string &factName,
                                  ImportReport &report, ProgressSink &progress);

    /// The fact header followed by "lookup.column" for every held column.
    const std::vector<std::string> &header() const { return m_header; }
    /// Fields a fact record must have (its header's width).
    std::size_t factWidth() const { return m_factWidth; }

    /// Builds joined from a well-formed fact record of at least factWidth() fields. Returns an empty
    /// string, or the reason the row is rejected (a key missing from a required lookup). Missing keys are
    /// counted in the report's lookups.
    std::string join(const CsvReader::Record &fact, CsvReader::Record &joined);

private:
    struct Step
    {
        CsvLookupTable table;
        std::size_t on;     ///< index of the key in the joined record built so far
        std::string onName; ///< for messages
        bool required;
        std::size_t report; ///< index in m_report->lookups
    };
    std::vector<Step> m_steps;
    std::vector<std::string> m_header;
    std::size_t m_factWidth = 0;
    std::string m_factName;
    ImportReport *m_report = nullptr;
};

} // namespace awb::ingest
