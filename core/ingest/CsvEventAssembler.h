// SPDX-License-Identifier: GPL-3.0-or-later
// Turns mapped CSV rows into events: one event per row, or one order event per order id whose products
// are the order's rows. Orders stay open for a window of rows (CsvMapping::orderWindow) so that slightly
// interleaved invoices still group; a row of an order already written is rejected, never merged silently.
#pragma once

#include "ingest/CsvRowMapper.h"
#include "ingest/EventRecord.h"

#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>
#include <vector>

namespace awb::ingest {

struct CsvMapping;
struct ImportContext;

class CsvEventAssembler
{
public:
    /// Most rows held in open orders; past it the least recently extended orders are written.
    static constexpr std::int64_t kMaxBufferedRows = 2'000'000;

    CsvEventAssembler(const CsvMapping &mapping, ImportContext &ctx, std::string source);

    /// Takes one good row: writes it as an event, or adds it to its order (rejecting it when its order
    /// was already written or its ids differ from the order's).
    void add(CsvRow &&row);
    /// Writes the orders still open. Call once at the end of the file.
    void finish();

private:
    struct OpenOrder
    {
        std::string key;
        std::vector<CsvRow> rows;
        std::int64_t lastRow = 0;
    };

    void addToOrder(CsvRow &&row);
    void flushOrders(bool all);
    void writeOrder(OpenOrder &order);
    void writeSingle(const CsvRow &row);
    void store();
    std::string orderMessageId(const CsvRow &first) const;

    const CsvMapping &m_mapping;
    ImportContext &m_ctx;
    std::string m_source;
    std::string m_idPrefix;
    EventRecord m_event;
    std::int64_t m_rowIndex = 0;
    std::int64_t m_buffered = 0;
    std::list<OpenOrder> m_open; ///< least recently extended first
    std::unordered_map<std::string, std::list<OpenOrder>::iterator> m_openByKey;
    std::unordered_map<std::uint64_t, std::int64_t> m_written; ///< hash of order key -> its first line
    std::unordered_map<std::uint64_t, std::uint32_t> m_copies; ///< content hash -> copies seen
};

} // namespace awb::ingest
