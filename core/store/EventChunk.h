// SPDX-License-Identifier: GPL-3.0-or-later
// Column chunks of events: the compact, append-only form events take in the workspace (issue 18). A chunk holds
// up to tens of thousands of events, one column per field, each column compressed on its own with zstd, so a
// reader decodes only the columns it needs. Plain C++ (no Qt, no SQLite): the blob is stored by the caller.
//
// Blob layout (all integers unsigned LEB128 varints unless said otherwise):
//   "AWEC"  format version (1 byte)  event count  column count
//   per column: id (1 byte)  codec (1 byte: 0 stored, 1 zstd)  decoded size  stored size
//   the columns' stored bytes, in the order of their headers
//   an XXH3-64 checksum of everything before it (8 bytes, little-endian): any damage is found before decoding
// Decoded columns: profile and time as zigzag deltas; name, type and product count as varints; text as a length
// varint then the bytes; product price and quantity as a presence byte then, when present, 8 bytes of an IEEE
// double in little-endian order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace awb::store {

/// One event as a chunk holds it: identities and names already resolved to ids by the writer.
struct ChunkEvent
{
    std::int64_t profileId = 0;
    std::int64_t nameId = 0;
    std::int64_t timestampMs = 0;
    int type = 0; ///< ingest::EventType
    std::string_view userId;
    std::string_view anonymousId;
    std::string_view messageId;
    std::string_view properties; ///< a JSON object
    std::string_view context;    ///< a JSON object, or empty when the event had none
};

struct ChunkProduct
{
    std::string_view productId;
    std::optional<double> price;
    std::optional<double> quantity;
    std::string_view properties; ///< a JSON object
};

enum class ChunkColumn : std::uint8_t
{
    Profile,
    Name,
    Type,
    Time,
    UserId,
    AnonymousId,
    MessageId,
    Properties,
    Context,
    ProductCount,
    ProductId,
    ProductPrice,
    ProductQuantity,
    ProductProperties,
};
inline constexpr int kChunkColumnCount = 14;

/// A set of columns to decode.
class ChunkColumns
{
public:
    constexpr ChunkColumns() = default;
    constexpr ChunkColumns(std::initializer_list<ChunkColumn> columns)
    {
        for (const ChunkColumn c : columns) {
            m_bits |= bit(c);
        }
    }
    static constexpr ChunkColumns all()
    {
        ChunkColumns c;
        c.m_bits = (1u << kChunkColumnCount) - 1;
        return c;
    }
    constexpr bool has(ChunkColumn c) const { return (m_bits & bit(c)) != 0; }

private:
    static constexpr std::uint32_t bit(ChunkColumn c) { return 1u << static_cast<unsigned>(c); }
    std::uint32_t m_bits = 0;
};

/// A damaged or unknown chunk: what is wrong, naming the column. Callers add which chunk it was.
class ChunkError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Collects events and encodes them into one blob. Not thread-safe; one encoder per writing thread.
class EventChunkEncoder
{
public:
    /// zstdLevel: the compression level of every column (zstd's own scale; 3 is its default).
    explicit EventChunkEncoder(int zstdLevel = 3);
    ~EventChunkEncoder();
    EventChunkEncoder(const EventChunkEncoder &) = delete;
    EventChunkEncoder &operator=(const EventChunkEncoder &) = delete;

    void add(const ChunkEvent &event, std::span<const ChunkProduct> products = {});

    std::size_t size() const { return m_count; }
    std::int64_t minTimestampMs() const { return m_minTs; }
    std::int64_t maxTimestampMs() const { return m_maxTs; }
    /// Bytes of the decoded columns collected so far (what finish() compresses).
    std::size_t decodedBytes() const;

    /// The collected events as one blob; the encoder is empty again afterwards.
    std::vector<unsigned char> finish();

private:
    struct Columns;
    std::unique_ptr<Columns> m_columns;
    int m_level;
    std::size_t m_count = 0;
    std::int64_t m_lastProfile = 0;
    std::int64_t m_lastTs = 0;
    std::int64_t m_minTs = 0;
    std::int64_t m_maxTs = 0;
};

/// The events of one blob, for the columns asked for (the others read as 0 or empty). Views returned point into
/// the decoder, which must outlive them. Throws ChunkError when the blob is damaged, never reads past it.
class EventChunkDecoder
{
public:
    explicit EventChunkDecoder(std::span<const unsigned char> blob, ChunkColumns columns = ChunkColumns::all());
    ~EventChunkDecoder();
    EventChunkDecoder(const EventChunkDecoder &) = delete;
    EventChunkDecoder &operator=(const EventChunkDecoder &) = delete;

    std::size_t size() const { return m_count; }
    ChunkEvent event(std::size_t index) const;
    /// The products of an event; empty unless ProductCount was decoded.
    std::span<const ChunkProduct> products(std::size_t index) const;

private:
    struct Decoded;
    std::unique_ptr<Decoded> m_decoded;
    std::size_t m_count = 0;
};

/// The name of a column as error messages and the benchmark print it ("properties", "product_price").
std::string_view chunkColumnName(ChunkColumn column);

} // namespace awb::store
