// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/CsvRowMapper.h"

#include "common/Text.h"
#include "ingest/CsvJson.h"
#include "ingest/CsvMapping.h"
#include "ingest/ProductCatalog.h"
#include "ingest/Timestamp.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace awb::ingest {

namespace {

/// A value quoted for a rejection reason, cut at 60 bytes on a character boundary.
std::string inQuotes(std::string_view value)
{
    if (value.size() > 60) {
        std::size_t cut = 60;
        while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        return "\"" + std::string(value.substr(0, cut)) + "…\"";
    }
    return "\"" + std::string(value) + "\"";
}

/// "17850.0" -> "17850": ids exported from a float column.
std::string_view integralId(std::string_view id)
{
    const std::size_t dot = id.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == id.size()) {
        return id;
    }
    const bool digitsBefore = std::all_of(id.begin() + (id[0] == '-' ? 1 : 0), id.begin() + dot,
                                          [](char c) { return c >= '0' && c <= '9'; });
    const bool zerosAfter = std::all_of(id.begin() + dot + 1, id.end(), [](char c) { return c == '0'; });
    return digitsBefore && zerosAfter && dot > (id[0] == '-' ? 1u : 0u) ? id.substr(0, dot) : id;
}

/// Parses a decimal number; empty text is nullopt with ok = true.
std::optional<double> parseNumber(std::string_view s, bool &ok)
{
    s = trimmed(s);
    ok = true;
    if (s.empty()) {
        return std::nullopt;
    }
    if (s.front() == '+') {
        s.remove_prefix(1);
    }
    double value = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(value)) {
        ok = false;
        return std::nullopt;
    }
    return value;
}

class ColumnResolver
{
public:
    explicit ColumnResolver(const std::vector<std::string> *header) : m_header(header) {}

    int operator()(const std::string &ref)
    {
        if (ref.empty()) {
            return -1;
        }
        int index = find(ref);
        if (index < 0) {
            m_missing.push_back(ref);
            return -1;
        }
        needed = std::max(needed, static_cast<std::size_t>(index) + 1);
        return index;
    }
    const std::vector<std::string> &missing() const { return m_missing; }
    std::size_t needed = 0;

private:
    int find(const std::string &ref) const
    {
        if (m_header) {
            for (std::size_t i = 0; i < m_header->size(); ++i) {
                if ((*m_header)[i] == ref || trimmed((*m_header)[i]) == trimmed(ref)) {
                    return static_cast<int>(i);
                }
            }
        }
        int n = 0;
        const auto [ptr, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), n);
        if (ec != std::errc() || ptr != ref.data() + ref.size() || n < 1 || n > 100000) {
            return -1;
        }
        if (m_header && static_cast<std::size_t>(n) > m_header->size()) {
            return -1;
        }
        return n - 1;
    }
    const std::vector<std::string> *m_header;
    std::vector<std::string> m_missing;
};

std::string joinQuoted(const std::vector<std::string> &names)
{
    std::string s;
    for (const std::string &n : names) {
        s += (s.empty() ? "" : ", ") + inQuotes(n);
    }
    return s;
}

std::string checkMappingItself(const CsvMapping &m)
{
    if (m.eventColumn.empty() && m.fixedEvent.empty()) {
        return "the mapping names neither an event column nor a fixed event name";
    }
    if (!m.refundPrefix.empty() && m.refundEvent.empty()) {
        return "a refund prefix needs a refund event name";
    }
    if (m.timestampColumn.empty()) {
        return "the mapping names no timestamp column";
    }
    if (m.userIdColumn.empty() && m.anonymousIdColumn.empty()) {
        return "the mapping names neither a user id nor an anonymous id column";
    }
    if (m.delimiter == '"' || m.delimiter == '\n' || m.delimiter == '\r' || m.delimiter == '\0') {
        return "the delimiter cannot be a quote or a line break";
    }
    if (!m.productsFile.empty() && (m.productsKey.empty() || m.productIdColumn.empty())) {
        return "a product catalogue file needs productsKey and a product id column";
    }
    return checkTimestampFormat(m.timestampFormat);
}

// The property keys rows write besides the mapped property columns.
std::vector<std::string> fixedKeys(const CsvMapping &m)
{
    std::vector<std::string> keys;
    if (!m.productIdColumn.empty()) {
        keys.insert(keys.end(), {"product_id", "price", "quantity"});
    }
    if (!m.orderIdColumn.empty()) {
        keys.insert(keys.end(), {"order_id", "revenue", "total"});
    }
    if (!m.currency.empty() || !m.currencyColumn.empty()) {
        keys.emplace_back("currency");
    }
    if (!m.discountColumns.empty()) {
        keys.emplace_back("discount");
    }
    if (!m.couponColumns.empty()) {
        keys.emplace_back("coupon");
    }
    return keys;
}

// A column by its own name: a lookup's column ("customers.customer_city") without the lookup's name
// ("customer_city"). Profile columns are recognised by it, and it is a property's default key.
std::string bareColumn(const CsvMapping &m, const std::string &column)
{
    for (const CsvLookup &lookup : m.lookups) {
        if (column.size() > lookup.name.size() + 1 && column.starts_with(lookup.name + ".")) {
            return column.substr(lookup.name.size() + 1);
        }
    }
    return column;
}

void keyColumns(const CsvMapping &m, const std::vector<std::string> &columns, ColumnResolver &resolve,
                std::vector<CsvColumns::Keyed> &out, std::vector<std::string> &keys,
                std::vector<std::string> &clashes)
{
    for (const std::string &column : columns) {
        const auto renamed = m.propertyNames.find(column);
        std::string key = renamed == m.propertyNames.end() ? bareColumn(m, column) : renamed->second;
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
            clashes.push_back(key);
        }
        keys.push_back(key);
        const int index = resolve(column);
        if (index >= 0) {
            out.push_back({index, std::move(key)});
        }
    }
}

} // namespace

Result<CsvColumns> resolveCsvColumns(const CsvMapping &m, const std::vector<std::string> *header,
                                     const std::string &fileName)
{
    if (const std::string problem = checkMappingItself(m); !problem.empty()) {
        return fail(Error::Code::InvalidInput, fileName + ": " + problem);
    }
    ColumnResolver resolve(header);
    CsvColumns c;
    c.userId = resolve(m.userIdColumn);
    c.anonymousId = resolve(m.anonymousIdColumn);
    c.event = resolve(m.eventColumn);
    c.timestamp = resolve(m.timestampColumn);
    c.messageId = resolve(m.messageIdColumn);
    c.email = resolve(m.emailColumn);
    c.productId = resolve(m.productIdColumn);
    c.productIdFallback = resolve(m.productIdFallbackColumn);
    c.price = resolve(m.priceColumn);
    c.quantity = resolve(m.quantityColumn);
    c.orderId = resolve(m.orderIdColumn);
    c.currency = resolve(m.currencyColumn);
    for (const std::string &d : m.discountColumns) {
        c.discounts.push_back(resolve(d));
    }
    for (const std::string &d : m.couponColumns) {
        c.coupons.push_back(resolve(d));
    }
    for (const std::string &p : m.profileColumns) {
        if (const int index = resolve(p); index >= 0) {
            c.profile.push_back({index, bareColumn(m, p)});
        }
    }
    std::vector<std::string> keys = fixedKeys(m);
    std::vector<std::string> clashes;
    keyColumns(m, m.propertyColumns, resolve, c.properties, keys, clashes);
    keyColumns(m, m.productPropertyColumns, resolve, c.productProperties, keys, clashes);
    if (!resolve.missing().empty()) {
        std::string message = fileName + ": the mapped column";
        message += resolve.missing().size() > 1 ? "s " : " ";
        message += joinQuoted(resolve.missing());
        message += header
                       ? (resolve.missing().size() > 1 ? " are not in the header" : " is not in the header")
                       : " must be numbers from 1 (the file has no header)";
        return fail(Error::Code::InvalidInput, message);
    }
    if (!clashes.empty()) {
        return fail(Error::Code::InvalidInput, fileName + ": the mapping writes the property key " +
                                                   joinQuoted(clashes) +
                                                   " twice; rename one in propertyNames");
    }
    c.needed = resolve.needed;
    c.reservedKeys = std::move(keys);
    return c;
}

CsvRowMapper::CsvRowMapper(const CsvMapping &mapping, CsvColumns columns, LocalZone zone,
                           const ProductCatalog *catalog)
    : m_mapping(mapping), m_cols(std::move(columns)), m_zone(std::move(zone)), m_catalog(catalog),
      m_formatHasZone(timestampFormatHasZone(mapping.timestampFormat))
{}

std::string CsvRowMapper::mapIdentity(const CsvReader::Record &rec, CsvRow &row) const
{
    auto field = [&](int index) { return index < 0 ? std::string_view() : trimmed(rec.field(index)); };
    row.userId = integralId(field(m_cols.userId));
    row.anonymousId = field(m_cols.anonymousId);
    row.orderId = field(m_cols.orderId);
    if (row.userId.empty() && row.anonymousId.empty()) {
        if (m_mapping.guestIdPrefix.empty() || row.orderId.empty()) {
            return "no user id or anonymous id";
        }
        row.anonymousId = m_mapping.guestIdPrefix + row.orderId;
    }
    if (m_cols.event >= 0) {
        row.event = field(m_cols.event);
        if (row.event.empty()) {
            return "empty event name in column " + inQuotes(m_mapping.eventColumn);
        }
    } else {
        row.event = m_mapping.fixedEvent;
    }
    if (!m_mapping.refundPrefix.empty() && row.orderId.starts_with(m_mapping.refundPrefix)) {
        row.event = m_mapping.refundEvent;
    }
    row.messageId = field(m_cols.messageId);
    row.email = field(m_cols.email);
    row.currency = m_cols.currency >= 0 ? std::string(field(m_cols.currency)) : std::string();
    if (row.currency.empty()) {
        row.currency = m_mapping.currency;
    }
    return {};
}

std::string CsvRowMapper::mapTime(const CsvReader::Record &rec, CsvRow &row)
{
    const std::string_view text = trimmed(rec.field(m_cols.timestamp));
    if (m_hasLastTime && text == m_lastTimeText) {
        row.timestampMs = m_lastTimeMs;
        return {};
    }
    if (text.empty()) {
        return "missing timestamp in column " + inQuotes(m_mapping.timestampColumn);
    }
    const std::optional<std::int64_t> ms = parseTimestamp(text, m_mapping.timestampFormat);
    if (!ms) {
        return "bad timestamp " + inQuotes(text) +
               (m_mapping.timestampFormat.empty() ? std::string(" (not a recognised date-time)")
                                                  : " (expected " + m_mapping.timestampFormat + ")");
    }
    const bool zoned = m_mapping.timestampFormat.empty() ? timestampHasZone(text) : m_formatHasZone;
    row.timestampMs = zoned ? *ms : m_zone.toUtc(*ms);
    m_lastTimeText.assign(text);
    m_lastTimeMs = row.timestampMs;
    m_hasLastTime = true;
    return {};
}

std::string CsvRowMapper::mapProduct(const CsvReader::Record &rec, CsvRow &row) const
{
    bool ok = true;
    const std::optional<double> price =
        m_cols.price < 0 ? std::nullopt : parseNumber(rec.field(m_cols.price), ok);
    if (!ok) {
        return "bad price " + inQuotes(trimmed(rec.field(m_cols.price)));
    }
    const std::optional<double> quantity =
        m_cols.quantity < 0 ? std::nullopt : parseNumber(rec.field(m_cols.quantity), ok);
    if (!ok) {
        return "bad quantity " + inQuotes(trimmed(rec.field(m_cols.quantity)));
    }
    std::optional<double> unit = price;
    row.lineTotal.reset();
    if (price && m_mapping.priceIsLineTotal) {
        row.lineTotal = price;
        if (quantity && *quantity > 0) {
            unit = *price / *quantity;
        }
    } else if (price) {
        row.lineTotal = *price * quantity.value_or(1.0);
    }
    csvjson::Members members;
    for (const CsvColumns::Keyed &p : m_cols.productProperties) {
        if (const std::string_view v = trimmed(rec.field(p.index)); !v.empty()) {
            members.addAuto(p.key, v);
        }
    }
    std::string_view id = m_cols.productId < 0 ? std::string_view() : trimmed(rec.field(m_cols.productId));
    if (id.empty() && m_cols.productIdFallback >= 0) {
        id = trimmed(rec.field(m_cols.productIdFallback));
    }
    row.hasProduct = !id.empty();
    row.product.productId.assign(id);
    row.product.price = unit;
    row.product.quantity = quantity;
    if (row.hasProduct && m_catalog) {
        if (const std::string *attrs = m_catalog->members(id)) {
            members.addMembers(*attrs);
        }
    }
    row.productMembers = members.text();
    row.product.propertiesJson = members.object();
    return {};
}

std::string CsvRowMapper::mapMoneyExtras(const CsvReader::Record &rec, CsvRow &row) const
{
    row.discount = 0;
    for (std::size_t i = 0; i < m_cols.discounts.size(); ++i) {
        bool ok = true;
        const std::optional<double> d = parseNumber(rec.field(m_cols.discounts[i]), ok);
        if (!ok) {
            return "bad discount " + inQuotes(trimmed(rec.field(m_cols.discounts[i]))) + " in column " +
                   inQuotes(m_mapping.discountColumns[i]);
        }
        row.discount += d.value_or(0.0);
    }
    row.coupon = false;
    for (const int c : m_cols.coupons) {
        bool ok = true;
        const std::string_view v = trimmed(rec.field(c));
        const std::optional<double> n = parseNumber(v, ok);
        row.coupon = row.coupon || (ok ? n.value_or(0.0) != 0.0 : !v.empty());
    }
    csvjson::Members members;
    for (const CsvColumns::Keyed &p : m_cols.properties) {
        if (const std::string_view v = trimmed(rec.field(p.index)); !v.empty()) {
            members.addAuto(p.key, v);
        }
    }
    row.eventMembers = members.text();
    return {};
}

std::string CsvRowMapper::map(const CsvReader::Record &rec, CsvRow &row)
{
    row.line = rec.line;
    std::string reason = mapIdentity(rec, row);
    if (reason.empty()) {
        reason = mapTime(rec, row);
    }
    if (reason.empty()) {
        reason = mapProduct(rec, row);
    }
    if (reason.empty() && !row.orderId.empty() && m_cols.productId >= 0 && !row.hasProduct) {
        reason = "order line without a product id";
    }
    if (reason.empty()) {
        reason = mapMoneyExtras(rec, row);
    }
    return reason;
}

} // namespace awb::ingest
