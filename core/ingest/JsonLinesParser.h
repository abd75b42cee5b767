// SPDX-License-Identifier: GPL-3.0-or-later
// Parses JSON lines into batches of EventRecords and rejections (the reading half of the JSONL importer).
#pragma once

#include "ingest/EventRecord.h"
#include "ingest/LineReader.h"
#include "ingest/SegmentCall.h"

#include <simdjson.h>

#include <cstdint>
#include <exception>
#include <string>
#include <vector>

namespace awb::ingest {

/// Events and rejections of a run of lines, handed from the parsing thread to the writing one. Slots are
/// reused from batch to batch so that steady-state parsing allocates (almost) nothing.
struct EventBatch
{
    struct Rejection
    {
        std::int64_t line = 0;
        std::string reason;
    };

    std::vector<EventRecord> records; ///< the first `count` hold this batch's events
    std::size_t count = 0;
    std::vector<Rejection> rejections;
    std::int64_t rowsRead = 0; ///< calls read, rejected ones included
    std::int64_t position = 0; ///< bytes of the file on disk consumed after this batch
    std::int64_t lines = 0;
    std::size_t bytes = 0;
    bool last = false;        ///< no batch follows
    std::exception_ptr error; ///< a read error of the file (rethrown by the writer)

    /// The slot the next event is parsed into; it becomes part of the batch only when commit() is called.
    EventRecord &slot();
    void commit() { ++count; }
    /// Empties the batch, keeping the records' buffers unless one grew unusually large.
    void reset();
};

class JsonLinesParser
{
public:
    /// Longest string anywhere in a call (a property value, a key), in bytes: a longer one rejects the call
    /// with its path ("properties.description longer than 1 MiB").
    static constexpr std::size_t kMaxStringBytes = 1u << 20;

    explicit JsonLinesParser(std::size_t maxLineBytes) : m_maxLineBytes(maxLineBytes) {}

    /// Parses one line (a call, a {"batch":[...]} of calls, or blank) into batch.
    void parse(const LineReader::Line &line, EventBatch &batch);

private:
    void parseCall(simdjson::dom::object call, std::string_view text, const char *paddedEnd,
                   std::int64_t lineNo, EventBatch &batch);
    void parseBatch(simdjson::dom::element calls, std::string_view text, const char *paddedEnd,
                    std::int64_t lineNo, EventBatch &batch);
    void findBatchSpans(std::string_view text, const char *paddedEnd, std::size_t expected);

    simdjson::dom::parser m_dom;
    simdjson::ondemand::parser m_ondemand;
    SegmentCallReader m_reader;
    std::vector<CallSpans> m_batchSpans;
    std::size_t m_maxLineBytes;
    std::string m_reason;
};

/// A batch ends after this many lines (the progress and cancel cadence) or bytes of line text.
inline constexpr std::int64_t kBatchLines = 4096;
inline constexpr std::size_t kBatchBytes = 8u << 20;

/// Parses lines of reader into b (reset by the caller) until the batch is full or the file ends, which
/// sets b.last. A read error of the file is stored in b.error (and ends the batch); b.position is the
/// file's position after the batch. The JSONL importer's reading thread calls this for every batch.
void fillBatch(LineReader &reader, JsonLinesParser &parser, InputFile &file, EventBatch &b);

} // namespace awb::ingest
