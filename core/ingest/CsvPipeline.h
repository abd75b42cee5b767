// SPDX-License-Identifier: GPL-3.0-or-later
// The reading side of a CSV import, shared by the import and its preview so that both reject the same
// rows: the header, the lookups joined to each record, the column mapping and the product catalogue.
#pragma once

#include "common/Result.h"
#include "ingest/CsvJoin.h"
#include "ingest/CsvReader.h"
#include "ingest/CsvRowMapper.h"
#include "ingest/ProductCatalog.h"
#include "ingest/ProfileRowReader.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace awb {
class ProgressSink;
}

namespace awb::ingest {

class InputFile;
struct CsvMapping;
struct ImportReport;

class CsvPipeline
{
public:
    /// Reads the header (when the mapping has one) and the first data record into first, then loads the
    /// lookups. Fails, naming the file, for an unreadable header or lookup. An empty file (or a header
    /// without rows) gives a pipeline whose hasData() is false: nothing is loaded.
    static Result<CsvPipeline> open(InputFile &file, CsvReader &reader, const CsvMapping &mapping,
                                    CsvReader::Record &first, ImportReport &report, ProgressSink &progress);

    bool hasData() const { return m_hasData; }
    /// The fact header followed by the lookups' "name.column" columns (empty without a header).
    const std::vector<std::string> &header() const;

    /// Resolves the mapped columns against header() and loads the product catalogue. Fails, naming the
    /// file and every missing column.
    Result<void> mapColumns(const CsvMapping &mapping, InputFile &file, ImportReport &report,
                            ProgressSink &progress);
    /// Reads the profile columns resolved by mapColumns.
    ProfileRowReader profileReader() const;
    /// The mapper for rows; only after mapColumns succeeded. zone is the mapping's time zone.
    CsvRowMapper mapper(const CsvMapping &mapping, LocalZone zone) const;

    /// Whether the mapping's row filters skip a well-formed (joined) record; only after mapColumns.
    bool skips(const CsvReader::Record &record) const;

    /// Checks a record (well-formed, UTF-8, wide enough) and joins the lookups to it into joined. Returns
    /// the reason the row is rejected, or empty. The record to map is then record(rec, joined).
    std::string join(const CsvReader::Record &rec, CsvReader::Record &joined);
    const CsvReader::Record &record(const CsvReader::Record &rec, const CsvReader::Record &joined) const
    {
        return m_join ? joined : rec;
    }

private:
    bool m_hasData = false;
    std::vector<std::string> m_header;
    std::unique_ptr<CsvJoin> m_join; ///< the lookups, when the mapping has some
    std::optional<CsvColumns> m_columns;
    std::unique_ptr<ProductCatalog> m_catalog;
    struct Filter
    {
        std::size_t column;
        std::vector<std::string> values;
    };
    std::vector<Filter> m_filters;
};

} // namespace awb::ingest
