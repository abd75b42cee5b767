// SPDX-License-Identifier: GPL-3.0-or-later
// Segment JSON for sample events, written by hand into reusable buffers.
#include "sample/JsonLinesWriter.h"

#include "sample/Catalog.h"
#include "sample/JsonText.h"

#include <cerrno>
#include <cstring>

namespace awb::sample {

namespace {

constexpr const char *kShopUrl = "https://shop.example.com";
constexpr std::size_t kFlushBytes = 4u << 20;

// Writes v as exactly `width` decimal digits (zero-padded) at p.
char *putDigits(char *p, std::int64_t v, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        p[i] = static_cast<char>('0' + v % 10);
        v /= 10;
    }
    return p + width;
}

void appendDigits(std::string &out, std::int64_t v, int width)
{
    char buf[20];
    out.append(buf, putDigits(buf, v, width));
}

void appendOrderId(std::string &out, const Customer &c, int number)
{
    out.append("\"ORD-");
    const std::int64_t n = c.index + 1;
    if (n < 10'000'000) {
        appendDigits(out, n, 7);
    } else {
        json::appendInt(out, n);
    }
    out.push_back('-');
    json::appendInt(out, number);
    out.push_back('"');
}

} // namespace

EventFormatter::EventFormatter(const Catalog &catalog, std::uint64_t seed) : m_catalog(catalog), m_seed(seed)
{
    // Page properties are precomputed: index 0 is the home page, s + 1 the page of subcategory s.
    for (int s = -1; s < static_cast<int>(catalog.subcategories().size()); ++s) {
        m_pages.push_back(pageProperties(s));
    }
}

const char *EventFormatter::eventName(EventKind kind)
{
    switch (kind) {
    case EventKind::Page:
        return "Page Viewed";
    case EventKind::Identify:
        return "Identify";
    case EventKind::ProductViewed:
        return "Product Viewed";
    case EventKind::ProductAdded:
        return "Product Added";
    case EventKind::OrderCompleted:
        return "Order Completed";
    case EventKind::OrderRefunded:
        return "Order Refunded";
    }
    return "";
}

void EventFormatter::appendTimestamp(std::string &out, std::int64_t ms)
{
    // Floor division, then Hinnant's civil_from_days.
    std::int64_t days = ms / 86'400'000;
    std::int64_t rem = ms % 86'400'000;
    if (rem < 0) {
        rem += 86'400'000;
        --days;
    }
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t doe = days - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    char buf[24];
    char *p = putDigits(buf, year, 4);
    *p++ = '-';
    p = putDigits(p, month, 2);
    *p++ = '-';
    p = putDigits(p, day, 2);
    *p++ = 'T';
    p = putDigits(p, rem / 3'600'000, 2);
    *p++ = ':';
    p = putDigits(p, rem / 60'000 % 60, 2);
    *p++ = ':';
    p = putDigits(p, rem / 1000 % 60, 2);
    *p++ = '.';
    p = putDigits(p, rem % 1000, 3);
    *p++ = 'Z';
    out.append(buf, p);
}

std::string EventFormatter::pageProperties(int subcategory) const
{
    const std::string path = subcategory < 0 ? std::string("/") : m_catalog.pagePath(subcategory);
    std::string out = "{\"path\":";
    appendJsonString(out, path);
    out.append(",\"title\":");
    appendJsonString(out,
                     subcategory < 0 ? std::string("Home") : m_catalog.subcategories()[subcategory].name);
    out.append(",\"url\":");
    appendJsonString(out, kShopUrl + path);
    out.push_back('}');
    return out;
}

void EventFormatter::appendOrderLine(std::string &out, const OrderLine &line) const
{
    out.push_back('{');
    out.append(m_catalog.products()[line.product].json);
    out.append(",\"quantity\":");
    json::appendInt(out, line.quantity);
    out.push_back('}');
}

void EventFormatter::appendOrderProperties(std::string &out, const CustomerHistory &h,
                                           const SampleEvent &e) const
{
    const Order &order = h.orders[e.order];
    const bool completed = e.kind == EventKind::OrderCompleted;
    out.append("{\"order_id\":");
    appendOrderId(out, h.customer, order.number);
    out.append(",\"total\":");
    json::appendCents(out, order.revenueCents());
    if (completed) {
        // No shipping or tax in the sample store: total = revenue = subtotal - discount.
        out.append(",\"revenue\":");
        json::appendCents(out, order.revenueCents());
        out.append(",\"discount\":");
        json::appendCents(out, order.discountCents);
        if (order.coupon >= 0) {
            out.append(",\"coupon\":");
            appendJsonString(out, coupons()[order.coupon].code);
        }
    }
    out.append(",\"currency\":\"USD\",\"products\":[");
    for (std::size_t i = 0; i < order.lines.size(); ++i) {
        if (i > 0) {
            out.push_back(',');
        }
        appendOrderLine(out, order.lines[i]);
    }
    out.append("]}");
}

void EventFormatter::appendProperties(std::string &out, const CustomerHistory &h, std::size_t i) const
{
    const SampleEvent &e = h.events[i];
    switch (e.kind) {
    case EventKind::Page:
        out.append(m_pages[static_cast<std::size_t>(e.item + 1)]);
        return;
    case EventKind::Identify:
        out.append("{}");
        return;
    case EventKind::ProductViewed:
    case EventKind::ProductAdded:
        out.push_back('{');
        out.append(m_catalog.products()[e.item].json);
        if (e.kind == EventKind::ProductAdded) {
            out.append(",\"quantity\":");
            json::appendInt(out, e.quantity);
        }
        out.push_back('}');
        return;
    case EventKind::OrderCompleted:
    case EventKind::OrderRefunded:
        appendOrderProperties(out, h, e);
        return;
    }
}

void EventFormatter::appendTraits(std::string &out, const Customer &c) const
{
    const Person &p = c.person;
    out.append("{\"email\":");
    appendJsonString(out, p.email);
    out.append(",\"firstName\":");
    appendJsonString(out, p.firstName);
    out.append(",\"lastName\":");
    appendJsonString(out, p.lastName);
    out.append(",\"phone\":");
    appendJsonString(out, p.phone);
    out.append(",\"address\":{\"city\":");
    appendJsonString(out, p.city);
    out.append(",\"country\":");
    appendJsonString(out, p.country);
    out.append(",\"postalCode\":");
    appendJsonString(out, p.postalCode);
    out.append("}}");
}

void EventFormatter::appendMessageId(std::string &out, const Customer &c, std::size_t i) const
{
    out.append("sample-");
    json::appendInt(out, static_cast<std::int64_t>(m_seed & 0x7fffffffffffffffULL));
    out.push_back('-');
    json::appendInt(out, c.index + 1);
    out.push_back('-');
    json::appendInt(out, static_cast<std::int64_t>(i + 1));
}

void EventFormatter::appendLine(std::string &out, const CustomerHistory &h, std::size_t i) const
{
    const SampleEvent &e = h.events[i];
    const Customer &c = h.customer;
    if (e.kind == EventKind::Page) {
        out.append("{\"type\":\"page\"");
    } else if (e.kind == EventKind::Identify) {
        out.append("{\"type\":\"identify\"");
    } else {
        out.append("{\"type\":\"track\",\"event\":\"");
        out.append(eventName(e.kind));
        out.push_back('"');
    }
    out.append(",\"messageId\":\"");
    appendMessageId(out, c, i);
    out.append("\",\"timestamp\":\"");
    appendTimestamp(out, e.ts);
    out.push_back('"');
    if (e.device >= 0) {
        out.append(",\"anonymousId\":");
        appendJsonString(out, c.anonymousIds[e.device]);
    }
    if (e.withUser) {
        out.append(",\"userId\":");
        appendJsonString(out, c.userId);
    }
    if (e.kind == EventKind::Identify) {
        out.append(",\"traits\":");
        appendTraits(out, c);
    } else {
        out.append(",\"properties\":");
        appendProperties(out, h, i);
    }
    out.append("}\n");
}

JsonLinesWriter::JsonLinesWriter(std::FILE *file, std::string path, const EventFormatter &formatter)
    : m_file(file), m_path(std::move(path)), m_formatter(formatter)
{
    m_buffer.reserve(kFlushBytes + (256u << 10));
}

JsonLinesWriter::~JsonLinesWriter()
{
    if (m_file) {
        std::fclose(m_file);
    }
}

Result<std::unique_ptr<JsonLinesWriter>> JsonLinesWriter::open(const std::string &path,
                                                               const EventFormatter &formatter)
{
    std::FILE *file = std::fopen(path.c_str(), "wb");
    if (!file) {
        return fail(Error::Code::Io, "Cannot write " + path + ": " + std::strerror(errno));
    }
    return std::unique_ptr<JsonLinesWriter>(new JsonLinesWriter(file, path, formatter));
}

Result<void> JsonLinesWriter::flush()
{
    if (!m_buffer.empty() && std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_file) != m_buffer.size()) {
        return fail(Error::Code::Io, "Cannot write " + m_path + ": " + std::strerror(errno));
    }
    m_buffer.clear();
    return {};
}

Result<void> JsonLinesWriter::write(const CustomerHistory &h)
{
    for (std::size_t i = 0; i < h.events.size(); ++i) {
        m_formatter.appendLine(m_buffer, h, i);
    }
    return m_buffer.size() >= kFlushBytes ? flush() : Result<void>();
}

Result<void> JsonLinesWriter::writeFormatted(const std::string &lines)
{
    m_buffer.append(lines);
    return m_buffer.size() >= kFlushBytes ? flush() : Result<void>();
}

Result<void> JsonLinesWriter::close()
{
    Result<void> flushed = flush();
    const bool closed = std::fclose(m_file) == 0;
    m_file = nullptr;
    if (!flushed) {
        return flushed;
    }
    if (!closed) {
        return fail(Error::Code::Io, "Cannot write " + m_path + ": " + std::strerror(errno));
    }
    return {};
}

} // namespace awb::sample
