// SPDX-License-Identifier: GPL-3.0-or-later
// Event storage benchmark (issue "Storage that scales"): the alternatives for how events are stored, measured on
// the same Segment JSON lines. Parses the file once (the importer's parser), then stores its events as column
// chunks (store/EventChunk) at several zstd levels, each chunk a BLOB row of a fresh WAL SQLite file, and reads
// them back. Prints per level: bytes per event on disk, encode + write events/s, decode events/s (all columns,
// and the columns a traits scan reads). The row layout's figures for the same file come from
// tests/bench/import_bench.sh, which runs this benchmark after `awb import` of that file.
//
// usage: bench_storage JSONL [EVENTS_PER_CHUNK]   (default 65536)
#include "ingest/InputFile.h"
#include "ingest/JsonLinesParser.h"
#include "ingest/LineReader.h"
#include "store/Database.h"
#include "store/EventChunk.h"
#include "store/Statement.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

using namespace awb;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Dense ids for strings, standing in for the importer's identity and event-name resolution.
class Ids
{
public:
    std::int64_t of(const std::string &key)
    {
        return m_ids.try_emplace(key, static_cast<std::int64_t>(m_ids.size()) + 1).first->second;
    }

private:
    std::unordered_map<std::string, std::int64_t> m_ids;
};

struct Level
{
    int zstd;
    std::unique_ptr<store::EventChunkEncoder> encoder;
    std::unique_ptr<store::Database> db;
    std::unique_ptr<store::Statement> insert;
    double compressSeconds = 0; ///< finish (compressing the columns) + the BLOB insert + the commit
    std::int64_t chunks = 0;
    std::string path;
};

void flush(Level &level)
{
    const auto start = Clock::now();
    const std::int64_t minTs = level.encoder->minTimestampMs(), maxTs = level.encoder->maxTimestampMs();
    const auto count = static_cast<std::int64_t>(level.encoder->size());
    const std::vector<unsigned char> blob = level.encoder->finish();
    level.insert->bind(1, minTs).bind(2, maxTs).bind(3, count);
    level.insert->bindStaticBlob(4, blob).run();
    ++level.chunks;
    level.compressSeconds += secondsSince(start);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_storage JSONL [EVENTS_PER_CHUNK]\n");
        return 2;
    }
    const std::string input = argv[1];
    const std::size_t perChunk = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 65536;
    QTemporaryDir dir;

    std::vector<Level> levels;
    for (const int z : {1, 3, 9}) {
        Level level;
        level.zstd = z;
        level.encoder = std::make_unique<store::EventChunkEncoder>(z);
        level.path = QDir(dir.path()).filePath(QStringLiteral("chunks-%1.db").arg(z)).toStdString();
        auto db = store::Database::open(level.path, store::Database::OpenMode::CreateIfMissing);
        if (!db) {
            std::fprintf(stderr, "%s\n", db.error().message.c_str());
            return 1;
        }
        level.db = std::move(*db);
        level.db->exec("CREATE TABLE event_chunks (id INTEGER PRIMARY KEY, min_ts INTEGER NOT NULL, "
                       "max_ts INTEGER NOT NULL, count INTEGER NOT NULL, data BLOB NOT NULL)");
        level.db->exec("BEGIN");
        level.insert = std::make_unique<store::Statement>(
            level.db->prepare("INSERT INTO event_chunks (min_ts, max_ts, count, data) VALUES (?, ?, ?, ?)"));
        levels.push_back(std::move(level));
    }

    auto file = ingest::InputFile::open(input);
    if (!file) {
        std::fprintf(stderr, "%s\n", file.error().message.c_str());
        return 1;
    }
    ingest::LineReader reader(**file);
    ingest::JsonLinesParser parser(reader.maxLineBytes());
    ingest::EventBatch batch;
    Ids profiles, names;
    std::int64_t events = 0;
    std::size_t decodedBytes = 0;
    double parseSeconds = 0;
    double addSeconds = 0;
    std::vector<store::ChunkProduct> products;
    for (;;) {
        batch.reset();
        auto start = Clock::now();
        ingest::fillBatch(reader, parser, **file, batch);
        parseSeconds += secondsSince(start);
        for (std::size_t i = 0; i < batch.count; ++i) {
            const ingest::EventRecord &r = batch.records[i];
            store::ChunkEvent e{profiles.of(r.userId.empty() ? "a" + r.anonymousId : "u" + r.userId),
                                names.of(r.name),
                                r.timestampMs,
                                static_cast<int>(r.type),
                                r.userId,
                                r.anonymousId,
                                r.messageId,
                                r.propertiesJson,
                                r.contextJson};
            products.clear();
            for (const ingest::ProductRecord &p : r.products) {
                products.push_back({p.productId, p.price, p.quantity, p.propertiesJson});
            }
            // Collecting the columns is the same work at every level: timed once, on the first.
            start = Clock::now();
            levels.front().encoder->add(e, products);
            addSeconds += secondsSince(start);
            for (std::size_t l = 1; l < levels.size(); ++l) {
                levels[l].encoder->add(e, products);
            }
            if (levels.front().encoder->size() == perChunk) {
                decodedBytes += levels.front().encoder->decodedBytes();
                for (Level &level : levels) {
                    flush(level);
                }
            }
            ++events;
        }
        if (batch.last || batch.error) {
            break;
        }
    }
    if (levels.front().encoder->size() > 0) {
        decodedBytes += levels.front().encoder->decodedBytes();
        for (Level &level : levels) {
            flush(level);
        }
    }
    for (Level &level : levels) {
        const auto start = Clock::now();
        level.db->exec("COMMIT");
        level.db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
        level.compressSeconds += secondsSince(start);
    }
    std::printf("%lld events, %lld profiles (by user or anonymous id), %zu events per chunk; parsing the JSON lines "
                "took %.2f s (%.0f events/s on one core)\n",
                static_cast<long long>(events), static_cast<long long>(profiles.of("") - 1), perChunk, parseSeconds,
                events / parseSeconds);
    std::printf("decoded column bytes: %.1f per event; collecting them into columns: %.0f events/s\n\n",
                static_cast<double>(decodedBytes) / events, events / addSeconds);
    std::printf("%-6s %12s %18s %18s %18s %18s\n", "zstd", "bytes/event", "compress+write ev/s",
                "encode total ev/s", "decode all ev/s", "decode scan ev/s");
    const store::ChunkColumns scan{store::ChunkColumn::Profile,      store::ChunkColumn::Name,
                                   store::ChunkColumn::Time,         store::ChunkColumn::Properties,
                                   store::ChunkColumn::ProductCount, store::ChunkColumn::ProductId,
                                   store::ChunkColumn::ProductPrice, store::ChunkColumn::ProductQuantity};
    for (Level &level : levels) {
        const double fileBytes = static_cast<double>(QFileInfo(QString::fromStdString(level.path)).size());
        double decodeSeconds[2] = {0, 0};
        std::int64_t checksum = 0;
        for (int pass = 0; pass < 2; ++pass) {
            auto read = level.db->prepare("SELECT data FROM event_chunks ORDER BY id");
            const auto start = Clock::now();
            while (read.step()) {
                const auto blob = read.blob(0);
                const store::EventChunkDecoder decoder(blob, pass == 0 ? store::ChunkColumns::all() : scan);
                for (std::size_t i = 0; i < decoder.size(); ++i) {
                    checksum += decoder.event(i).timestampMs & 1;
                }
            }
            decodeSeconds[pass] = secondsSince(start);
        }
        const double encodeSeconds = addSeconds + level.compressSeconds;
        std::printf("%-6d %12.1f %18.0f %18.0f %18.0f %18.0f\n", level.zstd, fileBytes / events,
                    events / level.compressSeconds, events / encodeSeconds, events / decodeSeconds[0],
                    events / decodeSeconds[1]);
        std::printf("summary: storage zstd=%d events=%lld bytes_per_event=%.1f encode_events_per_s=%.0f "
                    "decode_events_per_s=%.0f scan_decode_events_per_s=%.0f parse_events_per_s=%.0f check=%lld\n",
                    level.zstd, static_cast<long long>(events), fileBytes / events, events / encodeSeconds,
                    events / decodeSeconds[0], events / decodeSeconds[1], events / parseSeconds,
                    static_cast<long long>(checksum));
    }
    return 0;
}
