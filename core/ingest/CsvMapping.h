// SPDX-License-Identifier: GPL-3.0-or-later
// How the columns of a CSV event log map onto events. Column references are header names (or 1-based
// numbers as text, "3", for files without a header).
#pragma once

#include <string>
#include <vector>

namespace awb::ingest {

struct CsvMapping
{
    std::string preset;            ///< name of the preset it came from, empty for a custom mapping
    char delimiter = ',';          ///< ' ' means "any run of whitespace" (CDNOW)
    bool hasHeader = true;

    std::string userIdColumn;
    std::string anonymousIdColumn;
    std::string eventColumn;       ///< column holding the event name, or empty to use fixedEvent
    std::string fixedEvent;        ///< event name for every row when eventColumn is empty
    std::string timestampColumn;
    std::string timestampFormat;   ///< empty = detect (ISO 8601, "YYYY-MM-DD HH:MM:SS", unix s / ms)
    std::string timezone;          ///< IANA zone for times without one; empty = UTC
    std::string messageIdColumn;
    std::string emailColumn;
    std::string productIdColumn;
    std::string priceColumn;
    std::string quantityColumn;
    std::string orderIdColumn;
    std::vector<std::string> propertyColumns; ///< further columns copied into properties
};

} // namespace awb::ingest
