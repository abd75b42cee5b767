// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/CsvEventAssembler.h"

#include "ingest/CsvJson.h"
#include "ingest/CsvMapping.h"
#include "ingest/EventWriter.h"
#include "ingest/ImportReport.h"
#include "ingest/Importers.h"

#include <cstdio>

namespace awb::ingest {

namespace {
// Bounds on the per-file memory of written-order and repeated-row bookkeeping (~40 bytes an entry).
constexpr std::size_t kMaxTracked = 4'000'000;

const std::string &who(const CsvRow &row)
{
    return row.userId.empty() ? row.anonymousId : row.userId;
}

std::uint64_t hashKey(const std::string &key)
{
    return std::hash<std::string>()(key);
}

void addMoneyExtras(csvjson::Members &props, const CsvMapping &m, const std::string &currency,
                    double discount, bool coupon)
{
    if (!currency.empty()) {
        props.addString("currency", currency);
    }
    if (!m.discountColumns.empty()) {
        props.addNumber("discount", csvjson::roundMoney(discount));
    }
    if (!m.couponColumns.empty()) {
        props.addBool("coupon", coupon);
    }
}
} // namespace

CsvEventAssembler::CsvEventAssembler(const CsvMapping &mapping, ImportContext &ctx, std::string source)
    : m_mapping(mapping), m_ctx(ctx), m_source(std::move(source)),
      m_idPrefix(mapping.preset.empty() ? std::string("csv") : mapping.preset)
{}

void CsvEventAssembler::add(CsvRow &&row)
{
    ++m_rowIndex;
    if (row.orderId.empty()) {
        writeSingle(row);
    } else {
        addToOrder(std::move(row));
    }
    flushOrders(false);
}

void CsvEventAssembler::addToOrder(CsvRow &&row)
{
    std::string key = row.event + '\x1f' + row.orderId;
    if (const auto it = m_openByKey.find(key); it != m_openByKey.end()) {
        OpenOrder &order = *it->second;
        const CsvRow &first = order.rows.front();
        if (row.userId != first.userId || row.anonymousId != first.anonymousId) {
            m_ctx.report.reject(m_source, row.line,
                                "order " + row.orderId + ": user \"" + who(row) +
                                    "\" differs from the order's \"" + who(first) + "\" (line " +
                                    std::to_string(first.line) + ")");
            return;
        }
        order.rows.push_back(std::move(row));
        order.lastRow = m_rowIndex;
        m_open.splice(m_open.end(), m_open, it->second);
        ++m_buffered;
        return;
    }
    if (const auto done = m_written.find(hashKey(key)); done != m_written.end()) {
        m_ctx.report.reject(m_source, row.line,
                            "order " + row.orderId + " (first line " + std::to_string(done->second) +
                                ") appears again after rows of other orders, and its event was already "
                                "written: rows of one order must be consecutive (see orderWindow)");
        return;
    }
    m_open.push_back(OpenOrder{key, {}, m_rowIndex});
    m_open.back().rows.push_back(std::move(row));
    m_openByKey.emplace(std::move(key), std::prev(m_open.end()));
    ++m_buffered;
}

// Writes the orders that fell out of the window (all of them at the end of the file).
void CsvEventAssembler::flushOrders(bool all)
{
    const std::int64_t window = m_mapping.orderWindow;
    while (!m_open.empty()) {
        OpenOrder &oldest = m_open.front();
        const bool stale = window >= 0 && m_rowIndex - oldest.lastRow > window;
        if (!all && !stale && m_buffered <= kMaxBufferedRows) {
            break;
        }
        writeOrder(oldest);
        if (m_written.size() >= kMaxTracked) {
            m_written.clear();
        }
        m_written.emplace(hashKey(oldest.key), oldest.rows.front().line);
        m_buffered -= static_cast<std::int64_t>(oldest.rows.size());
        m_openByKey.erase(oldest.key);
        m_open.pop_front();
    }
}

void CsvEventAssembler::finish()
{
    flushOrders(true);
}

std::string CsvEventAssembler::orderMessageId(const CsvRow &first) const
{
    if (!first.messageId.empty()) {
        return first.messageId;
    }
    if (m_mapping.eventColumn.empty()) {
        return m_idPrefix + ':' + first.orderId;
    }
    return m_idPrefix + ':' + first.event + ':' + first.orderId;
}

void CsvEventAssembler::writeOrder(OpenOrder &order)
{
    const CsvRow &first = order.rows.front();
    EventRecord &e = m_event;
    e.clear();
    e.name = first.event;
    e.timestampMs = first.timestampMs;
    e.userId = first.userId;
    e.anonymousId = first.anonymousId;
    e.email = first.email;
    e.messageId = orderMessageId(first);
    double revenue = 0;
    double discount = 0;
    bool coupon = false;
    bool hasMoney = false;
    for (CsvRow &row : order.rows) {
        hasMoney = hasMoney || row.lineTotal.has_value();
        revenue += row.lineTotal.value_or(0.0);
        discount += row.discount;
        coupon = coupon || row.coupon;
        if (row.hasProduct) {
            e.products.push_back(std::move(row.product));
        }
    }
    csvjson::Members props;
    props.addString("order_id", first.orderId);
    if (hasMoney) {
        props.addNumber("revenue", csvjson::roundMoney(revenue));
        props.addNumber("total", csvjson::roundMoney(revenue));
    }
    addMoneyExtras(props, m_mapping, first.currency, discount, coupon);
    props.addMembers(first.eventMembers);
    e.propertiesJson = props.object();
    store();
}

void CsvEventAssembler::writeSingle(const CsvRow &row)
{
    EventRecord &e = m_event;
    e.clear();
    e.name = row.event;
    e.timestampMs = row.timestampMs;
    e.userId = row.userId;
    e.anonymousId = row.anonymousId;
    e.email = row.email;
    e.messageId = row.messageId;
    csvjson::Members props;
    props.addMembers(row.eventMembers);
    if (row.hasProduct) {
        props.addString("product_id", row.product.productId);
        if (row.product.price) {
            props.addNumber("price", *row.product.price);
        }
        if (row.product.quantity) {
            props.addNumber("quantity", *row.product.quantity);
        }
        props.addMembers(row.productMembers);
        e.products.push_back(row.product);
    }
    addMoneyExtras(props, m_mapping, row.currency, row.discount, row.coupon);
    e.propertiesJson = props.object();
    if (m_mapping.numberRepeatedRows && e.messageId.empty()) {
        const std::uint64_t content = dedupKey(e);
        if (m_copies.size() >= kMaxTracked) {
            m_copies.clear();
        }
        const std::uint32_t copy = ++m_copies[content];
        if (copy > 1) {
            char hex[17];
            std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(content));
            e.messageId = m_idPrefix + ':' + hex + '#' + std::to_string(copy);
        }
    }
    store();
}

void CsvEventAssembler::store()
{
    if (m_ctx.writer.write(m_event) == EventWriter::Outcome::Inserted) {
        ++m_ctx.report.imported;
    } else {
        ++m_ctx.report.duplicates;
    }
}

} // namespace awb::ingest
