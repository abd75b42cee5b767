// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/CsvReader.h"

#include "common/Text.h"

#include <simdjson.h>

#include <cstring>

namespace awb::ingest {

namespace {
bool isBlankLine(std::string_view text)
{
    for (const char c : text) {
        if (c != ' ' && c != '\t') {
            return false;
        }
    }
    return true;
}
} // namespace

std::vector<std::string> CsvReader::Record::fields() const
{
    std::vector<std::string> out;
    out.reserve(size());
    for (std::size_t i = 0; i < size(); ++i) {
        out.emplace_back(field(i));
    }
    return out;
}

bool CsvReader::Record::isBlank() const
{
    return error.empty() && isBlankLine(m_data);
}

bool CsvReader::Record::isValidUtf8() const
{
    // Field by field: a character split by a delimiter is invalid even though the bytes join up.
    for (std::size_t i = 0; i < size(); ++i) {
        const std::string_view f = field(i);
        if (!simdjson::validate_utf8(f.data(), f.size())) {
            return false;
        }
    }
    return true;
}

std::size_t findColumn(const std::vector<std::string> &header, std::string_view name)
{
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (trimmed(header[i]) == trimmed(name)) {
            return i;
        }
    }
    return header.size();
}

CsvReader::CsvReader(InputFile &file, char delimiter)
    : m_lines(file, kMaxRecordBytes), m_delimiter(delimiter), m_blank(delimiter == ' ')
{}

void CsvReader::append(Record &r, std::string_view chunk)
{
    if (m_overflow) {
        return;
    }
    if (r.m_data.size() - m_fieldStart + chunk.size() > kMaxFieldBytes) {
        r.error = "field " + std::to_string(r.m_ends.size() + 1) + " is longer than 1 MiB";
        m_overflow = true;
    } else if (r.m_data.size() + chunk.size() > kMaxRecordBytes) {
        r.error = "record longer than 4 MiB";
        m_overflow = true;
    } else {
        r.m_data.append(chunk);
    }
}

void CsvReader::endField(Record &r)
{
    r.m_ends.push_back(static_cast<std::uint32_t>(r.m_data.size()));
    m_fieldStart = r.m_data.size();
}

std::size_t CsvReader::findDelimiter(std::string_view text, std::size_t from) const
{
    if (m_blank) {
        const std::size_t p = text.find_first_of(" \t", from);
        return p == std::string_view::npos ? text.size() : p;
    }
    const void *p = std::memchr(text.data() + from, m_delimiter, text.size() - from);
    return p ? static_cast<std::size_t>(static_cast<const char *>(p) - text.data()) : text.size();
}

// Feeds one physical line into the state machine. Returns true when the record is complete, false when
// a quoted field continues on the next line.
bool CsvReader::parseLine(std::string_view text, Record &r)
{
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        if (m_state == State::FieldStart) {
            while (m_blank && i < n && isDelimiter(text[i])) {
                ++i;
            }
            if (i == n) {
                break;
            }
            if (text[i] == '"') {
                m_state = State::Quoted;
                ++i;
                continue;
            }
            m_state = State::Unquoted;
        }
        if (m_state == State::Unquoted) {
            const std::size_t end = findDelimiter(text, i);
            append(r, text.substr(i, end - i));
            i = end;
            if (i < n) {
                endField(r);
                m_state = State::FieldStart;
                ++i;
            }
        } else if (m_state == State::Quoted) {
            const std::size_t quote = text.find('"', i);
            const std::size_t end = quote == std::string_view::npos ? n : quote;
            append(r, text.substr(i, end - i));
            i = end;
            if (i < n) {
                m_state = State::QuoteInQuoted;
                ++i;
            }
        } else { // QuoteInQuoted: a doubled quote, the end of the field, or stray text kept as is
            if (text[i] == '"') {
                append(r, "\"");
                m_state = State::Quoted;
                ++i;
            } else if (isDelimiter(text[i])) {
                endField(r);
                m_state = State::FieldStart;
                ++i;
            } else {
                m_state = State::Unquoted;
            }
        }
    }
    if (m_state == State::Quoted) {
        return false;
    }
    if (!(m_blank && m_state == State::FieldStart)) {
        endField(r);
    }
    m_state = State::FieldStart;
    return true;
}

bool CsvReader::nextLine(LineReader::Line &line)
{
    if (m_replay.empty()) {
        return m_lines.next(line);
    }
    m_replayed = std::move(m_replay.front().text);
    line.number = m_replay.front().number;
    line.text = m_replayed;
    line.tooLong = false;
    m_replay.pop_front();
    return true;
}

// Gives up the record opened on r.line: it becomes an error, and the lines it swallowed are read again.
bool CsvReader::resync(Record &r, const std::string &why)
{
    r.error = why + " on line " + std::to_string(r.line);
    r.error += m_held.empty() ? std::string(", the last line")
                              : "; reading goes on at line " + std::to_string(m_held.front().number);
    for (auto it = m_held.rbegin(); it != m_held.rend(); ++it) {
        m_replay.push_front(std::move(*it));
    }
    m_held.clear();
    m_heldBytes = 0;
    m_state = State::FieldStart;
    return true;
}

bool CsvReader::next(Record &r)
{
    r.m_data.clear();
    r.m_ends.clear();
    r.error.clear();
    m_state = State::FieldStart;
    m_fieldStart = 0;
    m_overflow = false;
    m_held.clear();
    m_heldBytes = 0;
    bool started = false;
    LineReader::Line line;
    for (;;) {
        if (!nextLine(line)) {
            return started ? resync(r, "unterminated quoted field") : false;
        }
        if (line.tooLong) {
            if (!started) {
                r.line = line.number;
            }
            r.error = "line " + std::to_string(line.number) + " is longer than 4 MiB";
            m_state = State::FieldStart;
            return true;
        }
        std::string_view text = line.text;
        if (line.number == 1 && text.substr(0, 3) == "\xEF\xBB\xBF") {
            text.remove_prefix(3); // UTF-8 byte order mark
        }
        if (!started) {
            if (isBlankLine(text)) {
                continue;
            }
            started = true;
            r.line = line.number;
        } else {
            append(r, "\n"); // the line break inside a quoted field
            // Kept so that the lines can be read again if the quote turns out to be unterminated.
            m_held.push_back({line.number, std::string(text)});
            m_heldBytes += text.size();
        }
        if (parseLine(text, r)) {
            if (!m_held.empty() && !m_blank && m_expectedFields > 0 && r.size() != m_expectedFields) {
                return resync(r, "unbalanced quote (the record it opens has " + std::to_string(r.size()) +
                                     " fields, not " + std::to_string(m_expectedFields) + ")");
            }
            return true;
        }
        if (m_heldBytes > kMaxRecordBytes) {
            return resync(r, "unterminated quoted field (still open after 4 MiB)");
        }
    }
}

} // namespace awb::ingest
