// SPDX-License-Identifier: GPL-3.0-or-later
// Line-level rules of the JSONL importer: blank lines, batches, JSON errors. Field rules are in SegmentCall.
#include "ingest/JsonLinesParser.h"

#include "ingest/InputFile.h"
#include "ingest/SegmentJson.h"

namespace awb::ingest {

static_assert(LineReader::kPadding >= simdjson::SIMDJSON_PADDING, "simdjson reads past the end of each line");

namespace {

/// Buffers above this capacity are released when a slot is reused, so that one huge line does not pin
/// memory for the rest of the import.
constexpr std::size_t kKeepCapacity = 64 * 1024;

/// s without JSON's own white space around it (RFC 8259: space, tab, CR, LF). Not awb::trimmed: a form feed
/// or vertical tab is not JSON white space, and a line holding one is malformed, not blank.
std::string_view trimJsonSpace(std::string_view s)
{
    auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && isSpace(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && isSpace(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

std::string jsonError(simdjson::error_code error)
{
    if (error == simdjson::UTF8_ERROR) {
        return "invalid UTF-8";
    }
    return std::string("malformed JSON (") + simdjson::error_message(error) + ")";
}

std::string limitText(std::size_t bytes)
{
    if (bytes % (1024 * 1024) == 0) {
        return std::to_string(bytes / (1024 * 1024)) + " MiB";
    }
    if (bytes % 1024 == 0) {
        return std::to_string(bytes / 1024) + " KiB";
    }
    return std::to_string(bytes) + " bytes";
}

std::string longString(simdjson::dom::element e, const std::string &at);

/// The first string of o (a value or a key) longer than JsonLinesParser::kMaxStringBytes, named by its path
/// below `at` ("properties.items[2].text", "a key of context"); empty when there is none.
std::string longString(simdjson::dom::object o, const std::string &at)
{
    for (const auto field : o) {
        if (field.key.size() > JsonLinesParser::kMaxStringBytes) {
            return at.empty() ? std::string("a key") : "a key of " + at;
        }
        // Long keys are shortened in the path (a reason is for people, not a copy of the input).
        const std::string key = field.key.size() <= 40 ? std::string(field.key) : segment::inQuotes(field.key);
        if (std::string found = longString(field.value, at.empty() ? key : at + "." + key); !found.empty()) {
            return found;
        }
    }
    return {};
}

std::string longString(simdjson::dom::element e, const std::string &at)
{
    if (e.is_string()) {
        return e.get_string().value_unsafe().size() > JsonLinesParser::kMaxStringBytes ? at : std::string();
    }
    if (e.is_object()) {
        return longString(e.get_object().value_unsafe(), at);
    }
    if (e.is_array()) {
        const simdjson::dom::array array = e.get_array().value_unsafe(); // a copy: the result is a temporary
        std::size_t i = 0;
        for (const simdjson::dom::element item : array) {
            if (std::string found = longString(item, at + "[" + std::to_string(i++) + "]"); !found.empty()) {
                return found;
            }
        }
    }
    return {};
}

/// Sets reason when a call holds a string over the limit. Only a line longer than the limit can.
bool hasLongString(simdjson::dom::object call, std::string_view line, std::string &reason)
{
    if (line.size() <= JsonLinesParser::kMaxStringBytes) {
        return false;
    }
    const std::string where = longString(call, {});
    if (where.empty()) {
        return false;
    }
    reason = where + " longer than " + limitText(JsonLinesParser::kMaxStringBytes);
    return true;
}

} // namespace

EventRecord &EventBatch::slot()
{
    if (count == records.size()) {
        records.emplace_back();
    }
    return records[count];
}

void EventBatch::reset()
{
    for (std::size_t i = 0; i < count; ++i) {
        EventRecord &e = records[i];
        if (e.propertiesJson.capacity() > kKeepCapacity || e.contextJson.capacity() > kKeepCapacity ||
            e.traitsJson.capacity() > kKeepCapacity || e.products.size() > 64) {
            e = EventRecord();
        }
    }
    count = 0;
    rejections.clear();
    rowsRead = 0;
    position = 0;
    lines = 0;
    bytes = 0;
    last = false;
    error = nullptr;
}

void JsonLinesParser::parse(const LineReader::Line &line, EventBatch &batch)
{
    ++batch.lines;
    if (line.tooLong) {
        ++batch.rowsRead;
        batch.rejections.push_back(
            {line.number, "line longer than the limit of " + limitText(m_maxLineBytes)});
        return;
    }
    batch.bytes += line.text.size();
    // Readable bytes end here: LineReader pads every line.
    const char *paddedEnd = line.text.data() + line.text.size() + LineReader::kPadding;
    std::string_view text = trimJsonSpace(line.text);
    if (line.number == 1 && text.substr(0, 3) == "\xEF\xBB\xBF") {
        text = trimJsonSpace(text.substr(3)); // UTF-8 byte order mark
    }
    if (text.empty()) {
        return;
    }
    simdjson::dom::element root;
    if (const auto error = m_dom.parse(text.data(), text.size(), false).get(root)) {
        ++batch.rowsRead;
        batch.rejections.push_back({line.number, jsonError(error)});
        return;
    }
    if (!root.is_object()) {
        ++batch.rowsRead;
        batch.rejections.push_back({line.number, "not a JSON object"});
        return;
    }
    const simdjson::dom::object object = root.get_object().value_unsafe();
    simdjson::dom::element calls;
    if (object.at_key("batch").get(calls) == simdjson::SUCCESS) {
        parseBatch(calls, text, paddedEnd, line.number, batch);
    } else {
        ++batch.rowsRead;
        parseCall(object, text, paddedEnd, line.number, batch);
    }
}

void JsonLinesParser::parseCall(simdjson::dom::object call, std::string_view text, const char *paddedEnd,
                                std::int64_t lineNo, EventBatch &batch)
{
    if (hasLongString(call, text, m_reason)) {
        batch.rejections.push_back({lineNo, m_reason});
        return;
    }
    CallSpans spans;
    spans.paddedEnd = paddedEnd;
    simdjson::ondemand::document doc;
    simdjson::ondemand::object object;
    if (m_ondemand.iterate(text.data(), text.size(), static_cast<std::size_t>(paddedEnd - text.data()))
                .get(doc) == simdjson::SUCCESS &&
        doc.get_object().get(object) == simdjson::SUCCESS) {
        (void)findCallSpans(object, spans); // spans not found are re-serialised from the DOM
    }
    if (m_reader.read(call, spans, batch.slot(), m_reason)) {
        batch.commit();
    } else {
        batch.rejections.push_back({lineNo, m_reason});
    }
}

// Finds the spans of each call of {"batch":[...]}; leaves m_batchSpans with `expected` entries, empty
// ones where the on-demand pass failed.
void JsonLinesParser::findBatchSpans(std::string_view text, const char *paddedEnd, std::size_t expected)
{
    m_batchSpans.assign(expected, CallSpans{{}, {}, {}, paddedEnd});
    simdjson::ondemand::document doc;
    simdjson::ondemand::object object;
    simdjson::ondemand::array calls;
    if (m_ondemand.iterate(text.data(), text.size(), static_cast<std::size_t>(paddedEnd - text.data()))
            .get(doc) ||
        doc.get_object().get(object) || object.find_field_unordered("batch").get_array().get(calls)) {
        return;
    }
    std::size_t i = 0;
    for (auto call : calls) {
        simdjson::ondemand::object callObject;
        if (i >= expected || call.error()) {
            return;
        }
        if (call.get_object().get(callObject) == simdjson::SUCCESS &&
            findCallSpans(callObject, m_batchSpans[i]) != simdjson::SUCCESS) {
            return;
        }
        ++i;
    }
}

void JsonLinesParser::parseBatch(simdjson::dom::element calls, std::string_view text, const char *paddedEnd,
                                 std::int64_t lineNo, EventBatch &batch)
{
    if (!calls.is_array()) {
        ++batch.rowsRead;
        batch.rejections.push_back({lineNo, "batch must be an array of calls"});
        return;
    }
    const simdjson::dom::array array = calls.get_array().value_unsafe();
    findBatchSpans(text, paddedEnd, array.size());
    std::size_t i = 0;
    for (const simdjson::dom::element call : array) {
        const auto where = [i] { return "batch[" + std::to_string(i) + "]: "; };
        ++batch.rowsRead;
        if (!call.is_object()) {
            batch.rejections.push_back({lineNo, where() + "not a JSON object"});
        } else if (hasLongString(call.get_object().value_unsafe(), text, m_reason)) {
            batch.rejections.push_back({lineNo, where() + m_reason});
        } else if (m_reader.read(call.get_object().value_unsafe(), m_batchSpans[i], batch.slot(), m_reason)) {
            batch.commit();
        } else {
            batch.rejections.push_back({lineNo, where() + m_reason});
        }
        ++i;
    }
}

void fillBatch(LineReader &reader, JsonLinesParser &parser, InputFile &file, EventBatch &b)
{
    try {
        LineReader::Line line;
        while (b.lines < kBatchLines && b.bytes < kBatchBytes) {
            if (!reader.next(line)) {
                b.last = true;
                break;
            }
            parser.parse(line, b);
        }
    } catch (...) {
        b.error = std::current_exception();
        b.last = true;
    }
    b.position = file.position();
}

} // namespace awb::ingest
