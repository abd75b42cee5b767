// SPDX-License-Identifier: GPL-3.0-or-later
// Formats sample histories as Segment-spec JSON (hand-written into reusable buffers) and writes JSON lines.
#pragma once

#include "common/Result.h"
#include "sample/CustomerModel.h"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace awb::sample {

class Catalog;

/// Turns SampleEvents into Segment JSON. Property names follow the Segment v2 e-commerce spec; the
/// category hierarchy is two fields, "category" (top level) and "subcategory". Money is in USD with two
/// decimals. Stateless apart from its configuration; thread-safe for concurrent const use.
class EventFormatter
{
public:
    EventFormatter(const Catalog &catalog, std::uint64_t seed);

    /// The event name: "Product Viewed", ...; "Identify" / "Page Viewed" for identify and page calls.
    static const char *eventName(EventKind kind);
    /// Appends UTC milliseconds as ISO 8601 "YYYY-MM-DDTHH:MM:SS.mmmZ".
    static void appendTimestamp(std::string &out, std::int64_t ms);

    /// Appends the properties object of event i of h ("{}" for identify calls).
    void appendProperties(std::string &out, const CustomerHistory &h, std::size_t i) const;
    /// Appends the traits object of an identify call.
    void appendTraits(std::string &out, const Customer &c) const;
    /// Appends the JSON object of one products[] element: the product and its quantity.
    void appendOrderLine(std::string &out, const OrderLine &line) const;
    /// Appends the messageId of event i (unique per seed, customer and position; not JSON-quoted).
    void appendMessageId(std::string &out, const Customer &c, std::size_t i) const;
    /// Appends event i of h as one JSON line, with its newline.
    void appendLine(std::string &out, const CustomerHistory &h, std::size_t i) const;

    const Catalog &catalog() const { return m_catalog; }

private:
    std::string pageProperties(int subcategory) const;
    void appendOrderProperties(std::string &out, const CustomerHistory &h, const SampleEvent &e) const;

    const Catalog &m_catalog;
    std::uint64_t m_seed;
    std::vector<std::string> m_pages;
};

/// Writes histories to a JSON lines file through a large buffer (written with fwrite in chunks of a few
/// MiB). Not thread-safe.
class JsonLinesWriter
{
public:
    static Result<std::unique_ptr<JsonLinesWriter>> open(const std::string &path,
                                                         const EventFormatter &formatter);
    ~JsonLinesWriter();
    JsonLinesWriter(const JsonLinesWriter &) = delete;
    JsonLinesWriter &operator=(const JsonLinesWriter &) = delete;

    /// Formats and buffers every event of h. Returns an Io error when a flush fails (disk full, ...).
    Result<void> write(const CustomerHistory &h);
    /// Appends already formatted lines (from EventFormatter::appendLine) to the buffer.
    Result<void> writeFormatted(const std::string &lines);
    /// Flushes and closes the file; the file is complete only when this succeeds.
    Result<void> close();

private:
    JsonLinesWriter(std::FILE *file, std::string path, const EventFormatter &formatter);
    Result<void> flush();

    std::FILE *m_file;
    std::string m_path;
    const EventFormatter &m_formatter;
    std::string m_buffer;
};

} // namespace awb::sample
