// SPDX-License-Identifier: GPL-3.0-or-later
// How the columns of a CSV event log map onto events. Column references are header names (or 1-based
// numbers as text, "3", for files without a header).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace awb::ingest {

/// The mapping JSON's version: 1 had no "version" key; 2 added factFile, lookups and lookupRowLimit.
inline constexpr int kCsvMappingVersion = 2;
/// Rows a lookup file may have by default (lookups are held in memory, about 100 bytes a cell).
inline constexpr std::int64_t kDefaultLookupRowLimit = 5'000'000;

/// A file joined to the fact file by a key column and held in memory. Its columns are referenced in the
/// mapping as "name.column" (e.g. "orders.customer_id").
struct CsvLookup
{
    std::string name; ///< prefix of its columns; unique in the mapping
    std::string file; ///< CSV with a header (.gz / .xz ok); relative = next to the fact file
    std::string key; ///< its key column (each key once: later rows with a known key are reported and ignored)
    /// The column holding the key: a fact column ("order_id") or an earlier lookup's ("orders.customer_id").
    std::string on;
    /// A fact row whose key is not in the lookup is rejected; otherwise it goes on without the lookup's
    /// columns (every such row is counted and the first ones reported).
    bool required = false;
    std::vector<std::string> columns; ///< columns to hold; empty = all
};

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
    /// Read as the product id when the product id cell is empty (a shop's line item name for items
    /// without a SKU).
    std::string productIdFallbackColumn;
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
    /// Columns holding attributes of the row's person (user id rows only), stored as a profiles file's
    /// columns are (ingest::importProfilesCsv): recognised headers ("Billing City", "Accepts Marketing")
    /// become profile fields, others custom attributes; empty cells change nothing.
    std::vector<std::string> profileColumns;
    /// Row filters: a row whose column holds one of the '|'-separated values is skipped and counted, not
    /// imported ({"orders.order_status": "canceled|unavailable"}). Values are compared trimmed and exactly.
    std::map<std::string, std::string> skipRows;

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

    // --- Several files: one fact file and lookups joined to it (version 2) ------------------------------
    /// The fact file (events, orders or order lines) when the mapping names it. loadCsvMapping makes a
    /// relative path (and relative lookup files) absolute against the mapping file's folder.
    std::string factFile;
    std::vector<CsvLookup> lookups; ///< joined in this order (a lookup may use an earlier one's column)
    std::int64_t lookupRowLimit = kDefaultLookupRowLimit; ///< a larger lookup file is refused
};

} // namespace awb::ingest
