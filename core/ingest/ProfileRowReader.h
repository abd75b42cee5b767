// SPDX-License-Identifier: GPL-3.0-or-later
// The profile columns of a CSV row (a profiles file, or the person columns of an orders export) read into
// profile attributes: recognised headers (store/ProfileFields.h) under their keys, others as custom ones.
#pragma once

#include "ingest/CsvReader.h"
#include "store/ProfileFields.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace awb::ingest {

class ProfileRowReader
{
public:
    struct Column
    {
        std::size_t index;
        std::string header;                       ///< as written in the file, for messages
        std::string key;                          ///< attribute key (custom: the header, trimmed)
        std::optional<store::ProfileField> field; ///< nullopt: a custom attribute
    };

    /// The column at index whose header is header: recognised as a profile field, or custom.
    static Column column(std::size_t index, std::string_view header);

    explicit ProfileRowReader(std::vector<Column> columns) : m_columns(std::move(columns)) {}

    bool isEmpty() const { return m_columns.empty(); }

    /// Fills attributes and email from a well-formed record; empty cells are left out (they keep what the
    /// profile had). Returns the reason the row is rejected (an unreadable consent value), or empty.
    std::string read(const CsvReader::Record &rec, std::vector<store::ProfileAttribute> &attributes,
                     std::string &email) const;

private:
    std::vector<Column> m_columns;
};

} // namespace awb::ingest
