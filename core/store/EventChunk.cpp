// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/EventChunk.h"

#include <xxhash.h>
#include <zstd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <limits>

namespace awb::store {

namespace {

constexpr std::array<unsigned char, 4> kMagic{'A', 'W', 'E', 'C'};
constexpr unsigned char kFormatVersion = 1;
constexpr unsigned char kStored = 0;
constexpr unsigned char kZstd = 1;
constexpr std::size_t kChecksumBytes = 8;
// A decoded column larger than this is refused as damage (and never allocated): writers close a chunk long before
// its columns reach it.
constexpr std::uint64_t kMaxColumnBytes = std::uint64_t{1} << 30;

using Bytes = std::vector<unsigned char>;

void putVarint(Bytes &out, std::uint64_t v)
{
    while (v >= 0x80) {
        out.push_back(static_cast<unsigned char>(v | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<unsigned char>(v));
}

std::uint64_t zigzag(std::int64_t v)
{
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}

// a - b with wrap-around (any two int64 values, extreme time stamps included, without overflow); the
// decoder adds it back with the same wrap-around.
std::int64_t wrappingDelta(std::int64_t a, std::int64_t b)
{
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
}

std::int64_t unzigzag(std::uint64_t v)
{
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

void putText(Bytes &out, std::string_view text)
{
    putVarint(out, text.size());
    out.insert(out.end(), text.begin(), text.end());
}

void putDouble(Bytes &out, const std::optional<double> &v)
{
    out.push_back(v.has_value() ? 1 : 0);
    if (v) {
        std::uint64_t bits = std::bit_cast<std::uint64_t>(*v);
        for (int i = 0; i < 8; ++i) {
            out.push_back(static_cast<unsigned char>(bits >> (8 * i)));
        }
    }
}

/// Reads a column's decoded bytes front to back; every read checks the end and names the column when it fails.
class Cursor
{
public:
    Cursor(std::span<const unsigned char> bytes, std::string_view what) : m_bytes(bytes), m_what(what) {}

    bool atEnd() const { return m_pos == m_bytes.size(); }
    std::size_t position() const { return m_pos; }

    std::uint64_t varint()
    {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_pos >= m_bytes.size()) {
                fail("a number runs past the end");
            }
            const unsigned char b = m_bytes[m_pos++];
            v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        fail("a number is longer than 64 bits");
    }

    unsigned char byte()
    {
        if (m_pos >= m_bytes.size()) {
            fail("a value runs past the end");
        }
        return m_bytes[m_pos++];
    }

    std::string_view text()
    {
        const std::uint64_t size = varint();
        if (size > m_bytes.size() - m_pos) {
            fail("a text runs past the end");
        }
        const auto *start = reinterpret_cast<const char *>(m_bytes.data() + m_pos);
        m_pos += size;
        return {start, static_cast<std::size_t>(size)};
    }

    std::optional<double> optionalDouble()
    {
        const unsigned char present = byte();
        if (present == 0) {
            return std::nullopt;
        }
        if (present != 1 || m_bytes.size() - m_pos < 8) {
            fail("a number is damaged");
        }
        std::uint64_t bits = 0;
        for (int i = 0; i < 8; ++i) {
            bits |= static_cast<std::uint64_t>(m_bytes[m_pos++]) << (8 * i);
        }
        return std::bit_cast<double>(bits);
    }

    [[noreturn]] void fail(std::string_view problem) const
    {
        throw ChunkError("event chunk: " + std::string(m_what) + ": " + std::string(problem));
    }

private:
    std::span<const unsigned char> m_bytes;
    std::size_t m_pos = 0;
    std::string_view m_what;
};

} // namespace

std::string_view chunkColumnName(ChunkColumn column)
{
    static constexpr std::array<std::string_view, kChunkColumnCount> names{
        "profile",    "name",    "type",          "time",       "user_id",       "anonymous_id",     "message_id",
        "properties", "context", "product_count", "product_id", "product_price", "product_quantity",
        "product_properties"};
    const auto index = static_cast<std::size_t>(column);
    return index < names.size() ? names[index] : std::string_view("unknown column");
}

// ---- encoding ----

struct EventChunkEncoder::Columns
{
    std::array<Bytes, kChunkColumnCount> bytes;
    Bytes &operator[](ChunkColumn c) { return bytes[static_cast<std::size_t>(c)]; }
    ZSTD_CCtx *context = ZSTD_createCCtx();
    ~Columns() { ZSTD_freeCCtx(context); }
};

EventChunkEncoder::EventChunkEncoder(int zstdLevel) : m_columns(std::make_unique<Columns>()), m_level(zstdLevel)
{
    if (!m_columns->context) {
        throw std::bad_alloc();
    }
}

EventChunkEncoder::~EventChunkEncoder() = default;

void EventChunkEncoder::add(const ChunkEvent &e, std::span<const ChunkProduct> products)
{
    Columns &c = *m_columns;
    putVarint(c[ChunkColumn::Profile], zigzag(wrappingDelta(e.profileId, m_lastProfile)));
    putVarint(c[ChunkColumn::Name], static_cast<std::uint64_t>(e.nameId));
    putVarint(c[ChunkColumn::Type], static_cast<std::uint64_t>(e.type));
    putVarint(c[ChunkColumn::Time], zigzag(wrappingDelta(e.timestampMs, m_lastTs)));
    putText(c[ChunkColumn::UserId], e.userId);
    putText(c[ChunkColumn::AnonymousId], e.anonymousId);
    putText(c[ChunkColumn::MessageId], e.messageId);
    putText(c[ChunkColumn::Properties], e.properties);
    putText(c[ChunkColumn::Context], e.context);
    putVarint(c[ChunkColumn::ProductCount], products.size());
    for (const ChunkProduct &p : products) {
        putText(c[ChunkColumn::ProductId], p.productId);
        putDouble(c[ChunkColumn::ProductPrice], p.price);
        putDouble(c[ChunkColumn::ProductQuantity], p.quantity);
        putText(c[ChunkColumn::ProductProperties], p.properties);
    }
    m_lastProfile = e.profileId;
    m_lastTs = e.timestampMs;
    m_minTs = m_count == 0 ? e.timestampMs : std::min(m_minTs, e.timestampMs);
    m_maxTs = m_count == 0 ? e.timestampMs : std::max(m_maxTs, e.timestampMs);
    ++m_count;
}

std::size_t EventChunkEncoder::decodedBytes() const
{
    std::size_t total = 0;
    for (const Bytes &b : m_columns->bytes) {
        total += b.size();
    }
    return total;
}

std::vector<unsigned char> EventChunkEncoder::finish()
{
    Bytes header(kMagic.begin(), kMagic.end());
    header.push_back(kFormatVersion);
    putVarint(header, m_count);
    putVarint(header, kChunkColumnCount);
    Bytes body;
    Bytes packed;
    for (int i = 0; i < kChunkColumnCount; ++i) {
        Bytes &column = m_columns->bytes[static_cast<std::size_t>(i)];
        packed.resize(ZSTD_compressBound(column.size()));
        const std::size_t size = ZSTD_compressCCtx(m_columns->context, packed.data(), packed.size(), column.data(),
                                                   column.size(), m_level);
        if (ZSTD_isError(size)) {
            throw ChunkError("event chunk: " + std::string(chunkColumnName(static_cast<ChunkColumn>(i))) +
                             ": compression failed: " + ZSTD_getErrorName(size));
        }
        const bool compress = size < column.size();
        header.push_back(static_cast<unsigned char>(i));
        header.push_back(compress ? kZstd : kStored);
        putVarint(header, column.size());
        putVarint(header, compress ? size : column.size());
        if (compress) {
            body.insert(body.end(), packed.begin(), packed.begin() + static_cast<std::ptrdiff_t>(size));
        } else {
            body.insert(body.end(), column.begin(), column.end());
        }
        column.clear();
    }
    header.insert(header.end(), body.begin(), body.end());
    std::uint64_t checksum = XXH3_64bits(header.data(), header.size());
    for (std::size_t i = 0; i < kChecksumBytes; ++i, checksum >>= 8) {
        header.push_back(static_cast<unsigned char>(checksum));
    }
    m_count = 0;
    m_lastProfile = 0;
    m_lastTs = 0;
    m_minTs = 0;
    m_maxTs = 0;
    return header;
}

// ---- decoding ----

struct EventChunkDecoder::Decoded
{
    std::array<Bytes, kChunkColumnCount> bytes; ///< decompressed columns (empty when stored or not asked for)
    std::array<std::span<const unsigned char>, kChunkColumnCount> column; ///< decoded bytes of each asked column
    std::array<bool, kChunkColumnCount> present{};
    std::array<std::uint64_t, kChunkColumnCount> decodedSize{};
    std::vector<std::int64_t> profile, name, time;
    std::vector<unsigned char> type;
    std::vector<std::string_view> userId, anonymousId, messageId, properties, context;
    std::vector<std::uint32_t> firstProduct; ///< size() + 1 entries when products were decoded
    std::vector<ChunkProduct> products;
};

namespace {

std::span<const unsigned char> columnBytes(std::span<const unsigned char> stored, unsigned char codec,
                                           std::uint64_t decodedSize, std::vector<unsigned char> &buffer,
                                           const Cursor &where)
{
    if (codec == kStored) {
        if (stored.size() != decodedSize) {
            where.fail("its size does not match its header");
        }
        return stored;
    }
    if (codec != kZstd) {
        where.fail("unknown compression " + std::to_string(codec));
    }
    const unsigned long long frameSize = ZSTD_getFrameContentSize(stored.data(), stored.size());
    if (frameSize != decodedSize) {
        where.fail("its compressed size does not match its header");
    }
    buffer.resize(decodedSize);
    const std::size_t got = ZSTD_decompress(buffer.data(), buffer.size(), stored.data(), stored.size());
    if (ZSTD_isError(got) || got != decodedSize) {
        where.fail(std::string("its compressed data is damaged") +
                   (ZSTD_isError(got) ? std::string(" (") + ZSTD_getErrorName(got) + ")" : std::string()));
    }
    return buffer;
}

template<typename Read>
void readAll(std::span<const unsigned char> bytes, ChunkColumn column, std::size_t count, Read read)
{
    Cursor cursor(bytes, chunkColumnName(column));
    for (std::size_t i = 0; i < count; ++i) {
        read(cursor, i);
    }
    if (!cursor.atEnd()) {
        cursor.fail("it holds more values than the chunk has events");
    }
}

void readDeltas(std::span<const unsigned char> bytes, ChunkColumn column, std::vector<std::int64_t> &out,
                std::size_t count)
{
    out.resize(count);
    std::int64_t last = 0;
    readAll(bytes, column, count, [&](Cursor &c, std::size_t i) {
        // Wrapping arithmetic: a damaged delta gives a wrong value, never undefined behaviour.
        last = static_cast<std::int64_t>(static_cast<std::uint64_t>(last) + static_cast<std::uint64_t>(unzigzag(c.varint())));
        out[i] = last;
    });
}

} // namespace

EventChunkDecoder::EventChunkDecoder(std::span<const unsigned char> blob, ChunkColumns columns)
    : m_decoded(std::make_unique<Decoded>())
{
    Decoded &d = *m_decoded;
    if (blob.size() < kMagic.size() + kChecksumBytes ||
        !std::equal(kMagic.begin(), kMagic.end(), blob.begin())) {
        Cursor(blob, "header").fail("not an event chunk");
    }
    std::uint64_t stored = 0;
    for (std::size_t i = 0; i < kChecksumBytes; ++i) {
        stored |= static_cast<std::uint64_t>(blob[blob.size() - kChecksumBytes + i]) << (8 * i);
    }
    blob = blob.first(blob.size() - kChecksumBytes);
    if (XXH3_64bits(blob.data(), blob.size()) != stored) {
        Cursor(blob, "checksum").fail("the chunk is damaged (its checksum does not match)");
    }
    Cursor header(blob, "header");
    for (std::size_t i = 0; i < kMagic.size(); ++i) {
        header.byte(); // checked above
    }
    if (const unsigned char version = header.byte(); version != kFormatVersion) {
        header.fail("format version " + std::to_string(version) + " is newer than this program reads (" +
                    std::to_string(kFormatVersion) + ")");
    }
    const std::uint64_t count = header.varint();
    const std::uint64_t columnCount = header.varint();
    if (count > std::numeric_limits<std::uint32_t>::max() || columnCount > 255) {
        header.fail("its counts are out of range");
    }
    struct Entry
    {
        unsigned char id, codec;
        std::uint64_t decodedSize, storedSize;
    };
    std::vector<Entry> entries;
    for (std::uint64_t i = 0; i < columnCount; ++i) {
        Entry e{header.byte(), header.byte(), header.varint(), header.varint()};
        if (e.decodedSize > kMaxColumnBytes) {
            header.fail("a column is larger than a chunk can be");
        }
        entries.push_back(e);
    }
    std::size_t offset = header.position();
    for (const Entry &e : entries) {
        if (e.storedSize > blob.size() - offset) {
            header.fail("a column runs past the end of the chunk");
        }
        const auto bytes = blob.subspan(offset, static_cast<std::size_t>(e.storedSize));
        offset += static_cast<std::size_t>(e.storedSize);
        if (e.id >= kChunkColumnCount) {
            continue; // a column a later format added: not ours to read
        }
        const auto column = static_cast<ChunkColumn>(e.id);
        if (d.present[e.id]) {
            header.fail("column " + std::string(chunkColumnName(column)) + " appears twice");
        }
        d.present[e.id] = true;
        d.decodedSize[e.id] = e.decodedSize;
        if (columns.has(column)) {
            d.column[e.id] = columnBytes(bytes, e.codec, e.decodedSize, d.bytes[e.id],
                                         Cursor({}, chunkColumnName(column)));
        }
    }
    if (offset != blob.size()) {
        header.fail("bytes follow the last column");
    }
    m_count = static_cast<std::size_t>(count);
    const auto asked = [&](ChunkColumn c) {
        if (!columns.has(c)) {
            return false;
        }
        if (!d.present[static_cast<std::size_t>(c)]) {
            header.fail("column " + std::string(chunkColumnName(c)) + " is missing");
        }
        return true;
    };
    const auto bytesOf = [&](ChunkColumn c) { return d.column[static_cast<std::size_t>(c)]; };
    if (asked(ChunkColumn::Profile)) {
        readDeltas(bytesOf(ChunkColumn::Profile), ChunkColumn::Profile, d.profile, m_count);
    }
    if (asked(ChunkColumn::Time)) {
        readDeltas(bytesOf(ChunkColumn::Time), ChunkColumn::Time, d.time, m_count);
    }
    if (asked(ChunkColumn::Name)) {
        d.name.resize(m_count);
        readAll(bytesOf(ChunkColumn::Name), ChunkColumn::Name, m_count,
                [&](Cursor &c, std::size_t i) { d.name[i] = static_cast<std::int64_t>(c.varint()); });
    }
    if (asked(ChunkColumn::Type)) {
        d.type.resize(m_count);
        readAll(bytesOf(ChunkColumn::Type), ChunkColumn::Type, m_count, [&](Cursor &c, std::size_t i) {
            const std::uint64_t t = c.varint();
            if (t > 255) {
                c.fail("an event type is out of range");
            }
            d.type[i] = static_cast<unsigned char>(t);
        });
    }
    const std::pair<ChunkColumn, std::vector<std::string_view> *> texts[] = {
        {ChunkColumn::UserId, &d.userId},         {ChunkColumn::AnonymousId, &d.anonymousId},
        {ChunkColumn::MessageId, &d.messageId},   {ChunkColumn::Properties, &d.properties},
        {ChunkColumn::Context, &d.context}};
    for (const auto &[column, out] : texts) {
        if (asked(column)) {
            out->resize(m_count);
            readAll(bytesOf(column), column, m_count, [&](Cursor &c, std::size_t i) { (*out)[i] = c.text(); });
        }
    }
    if (!asked(ChunkColumn::ProductCount)) {
        return;
    }
    d.firstProduct.resize(m_count + 1);
    std::uint64_t total = 0;
    readAll(bytesOf(ChunkColumn::ProductCount), ChunkColumn::ProductCount, m_count, [&](Cursor &c, std::size_t i) {
        d.firstProduct[i] = static_cast<std::uint32_t>(total);
        total += c.varint();
        // Every product takes at least one byte of the product id column: a larger count is damage.
        if (total > d.decodedSize[static_cast<std::size_t>(ChunkColumn::ProductId)]) {
            c.fail("more products than the chunk can hold");
        }
    });
    d.firstProduct[m_count] = static_cast<std::uint32_t>(total);
    d.products.resize(static_cast<std::size_t>(total));
    if (asked(ChunkColumn::ProductId)) {
        readAll(bytesOf(ChunkColumn::ProductId), ChunkColumn::ProductId, d.products.size(),
                [&](Cursor &c, std::size_t i) { d.products[i].productId = c.text(); });
    }
    if (asked(ChunkColumn::ProductPrice)) {
        readAll(bytesOf(ChunkColumn::ProductPrice), ChunkColumn::ProductPrice, d.products.size(),
                [&](Cursor &c, std::size_t i) { d.products[i].price = c.optionalDouble(); });
    }
    if (asked(ChunkColumn::ProductQuantity)) {
        readAll(bytesOf(ChunkColumn::ProductQuantity), ChunkColumn::ProductQuantity, d.products.size(),
                [&](Cursor &c, std::size_t i) { d.products[i].quantity = c.optionalDouble(); });
    }
    if (asked(ChunkColumn::ProductProperties)) {
        readAll(bytesOf(ChunkColumn::ProductProperties), ChunkColumn::ProductProperties, d.products.size(),
                [&](Cursor &c, std::size_t i) { d.products[i].properties = c.text(); });
    }
}

EventChunkDecoder::~EventChunkDecoder() = default;

ChunkEvent EventChunkDecoder::event(std::size_t i) const
{
    const Decoded &d = *m_decoded;
    ChunkEvent e;
    const auto at = [i](const auto &v, auto fallback) { return v.empty() ? fallback : v[i]; };
    e.profileId = at(d.profile, std::int64_t{0});
    e.nameId = at(d.name, std::int64_t{0});
    e.timestampMs = at(d.time, std::int64_t{0});
    e.type = at(d.type, static_cast<unsigned char>(0));
    e.userId = at(d.userId, std::string_view());
    e.anonymousId = at(d.anonymousId, std::string_view());
    e.messageId = at(d.messageId, std::string_view());
    e.properties = at(d.properties, std::string_view());
    e.context = at(d.context, std::string_view());
    return e;
}

std::span<const ChunkProduct> EventChunkDecoder::products(std::size_t i) const
{
    const Decoded &d = *m_decoded;
    if (d.firstProduct.empty()) {
        return {};
    }
    return std::span<const ChunkProduct>(d.products).subspan(d.firstProduct[i], d.firstProduct[i + 1] - d.firstProduct[i]);
}

} // namespace awb::store
