// SPDX-License-Identifier: GPL-3.0-or-later
// How the columns of a CSV event log map onto events. Column references are header names (or 1-based
// numbers as text, "3", for files without a header).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace awb::ingest {

/// The field names below are also the keys of the mapping JSON (see csvMappingFromJson in CsvPresets.h).
struct CsvMapping
{
    std::string preset;   ///< name of the preset it came from, empty for a custom mapping
    char delimiter = ','; ///< ' ' means "any run of whitespace" (CDNOW)
    bool hasHeader = true;

    std::string userIdColumn; ///< "17850.0"-style integral floats are stored as "17850"
    std::string anonymousIdColumn;
    std::string eventColumn; ///< column holding the event name, or empty to use fixedEvent
    std::string fixedEvent;  ///< event name for every row when eventColumn is empty
    std::string timestampColumn;
    std::string timestampFormat; ///< empty = detect (ISO 8601, "YYYY-MM-DD HH:MM:SS", unix s / ms)
    std::string timezone;        ///< IANA zone for times without one; empty = UTC
    std::string messageIdColumn;
    std::string emailColumn;
    std::string productIdColumn;
    std::string priceColumn;
    std::string quantityColumn;
    std::string orderIdColumn;
    std::vector<std::string> propertyColumns; ///< further columns copied into properties

    // --- Beyond the basic columns ---------------------------------------------------------------------
    /// Columns copied into each product's own properties (per order line; for single-product events they
    /// also go into the event's properties).
    std::vector<std::string> productPropertyColumns;
    /// JSON key for a column or catalogue column (default: the column name), e.g. Description -> name.
    std::map<std::string, std::string> propertyNames;
    /// The price column holds the line total: unit price = total / quantity when quantity > 0.
    bool priceIsLineTotal = false;
    std::string currency;       ///< fixed ISO currency code added to events with money ("GBP")
    std::string currencyColumn; ///< or a column holding it (wins over currency when non-empty)
    /// Columns whose amounts are summed into the event's "discount" property.
    std::vector<std::string> discountColumns;
    /// Columns whose non-zero / non-empty value sets the event's "coupon" property to true.
    std::vector<std::string> couponColumns;

    // --- Orders: rows with the same order id become one event with products[] -------------------------
    /// An order stays open while fewer than orderWindow rows of other orders follow its last row: 0 = its
    /// rows must be consecutive; -1 = anywhere in the file (held in memory, up to a cap). A row of an order
    /// whose event was already written is rejected.
    std::int64_t orderWindow = 0;
    std::string refundPrefix; ///< order ids starting with it become refundEvent ("C" for Online Retail)
    std::string refundEvent = "Order Refunded";
    /// Rows with neither user id nor anonymous id get anonymousId = guestIdPrefix + order id (when set).
    std::string guestIdPrefix;
    /// Identical rows of one file are separate events (CDNOW lists repeat purchases as repeated lines):
    /// the n-th copy gets a derived messageId instead of counting as a duplicate of the first.
    bool numberRepeatedRows = false;

    // --- Product catalogue side file, joined on product id --------------------------------------------
    std::string productsFile; ///< CSV with a header (.gz / .xz ok); relative = next to the events file
    std::string productsKey;  ///< its product id column
    std::vector<std::string> productsColumns; ///< columns to take; empty = all but the key
    /// Columns holding lists, with their separator ("genres" -> "|"): stored as JSON arrays.
    std::map<std::string, std::string> productsLists;
};

} // namespace awb::ingest
