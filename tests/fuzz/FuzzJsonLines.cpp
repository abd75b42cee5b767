// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz entry for the JSON-lines import: lines into EventBatches exactly as the importer's reading thread
// parses them, then the checks every batch must pass before EventWriter may store it.
#include "FuzzSupport.h"
#include "FuzzTargets.h"

#include "ingest/EventRecord.h"
#include "ingest/JsonLinesParser.h"
#include "ingest/LineReader.h"
#include "ingest/SegmentCall.h"

#include <string>

namespace awb::fuzz {

namespace {

using ingest::EventBatch;
using ingest::EventRecord;

/// A cap small enough for fuzzed inputs to cross it (the importer's is 16 MiB).
constexpr std::size_t kSmallLineCap = 200;

bool isId(const std::string &id)
{
    return id.size() <= ingest::kMaxFieldBytes && isUtf8(id);
}

// What EventWriter relies on (EventWriter::write's contract) and what the workspace's JSON columns hold.
void checkEvent(const EventRecord &e)
{
    require(!e.name.empty() && isId(e.name), "event name is non-empty UTF-8 within the field limit");
    require(!e.userId.empty() || !e.anonymousId.empty(), "event has a userId or an anonymousId");
    require(isId(e.userId) && isId(e.anonymousId) && isId(e.messageId) && isId(e.email),
            "ids and email are UTF-8 within the field limit");
    require(isJsonObject(e.propertiesJson), "propertiesJson is a JSON object");
    require(e.contextJson.empty() || isJsonObject(e.contextJson), "contextJson is empty or a JSON object");
    require(e.traitsJson.empty() || isJsonObject(e.traitsJson), "traitsJson is empty or a JSON object");
    for (const ingest::ProductRecord &p : e.products) {
        require(!p.productId.empty() && isId(p.productId), "product id is non-empty UTF-8 within the limit");
        require(isJsonObject(p.propertiesJson), "product propertiesJson is a JSON object");
    }
    (void)ingest::dedupKey(e);
}

// firstLine: the number of the batch's first line.
void checkBatch(const EventBatch &b, std::int64_t firstLine)
{
    require(!b.error, "reading memory never fails");
    require(b.count <= b.records.size(), "count within the records");
    require(b.rowsRead == static_cast<std::int64_t>(b.count + b.rejections.size()),
            "every call read is either an event or a rejection");
    for (std::size_t i = 0; i < b.count; ++i) {
        checkEvent(b.records[i]);
    }
    for (const EventBatch::Rejection &r : b.rejections) {
        require(r.line >= firstLine && r.line < firstLine + b.lines, "a rejection names a line of its batch");
        require(!r.reason.empty() && isUtf8(r.reason), "a rejection reason is non-empty UTF-8");
    }
}

void parseAll(std::string_view text, std::size_t maxLineBytes, std::size_t piece)
{
    MemoryInput file(text, piece, "fuzz.jsonl");
    ingest::LineReader reader(file, maxLineBytes);
    ingest::JsonLinesParser parser(reader.maxLineBytes());
    EventBatch batch;
    std::int64_t nextLine = 1;
    do {
        batch.reset();
        ingest::fillBatch(reader, parser, file, batch);
        checkBatch(batch, nextLine);
        nextLine += batch.lines;
    } while (!batch.last);
    require(batch.position == static_cast<std::int64_t>(text.size()), "the whole input was consumed");
}

} // namespace

int jsonLines(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    parseAll(text, ingest::LineReader::kDefaultMaxLineBytes, size + 1);
    parseAll(text, kSmallLineCap, 1 + size % 7);
    return 0;
}

} // namespace awb::fuzz
