// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/LineReader.h"

#include "ingest/InputFile.h"

#include <algorithm>
#include <cstring>

namespace awb::ingest {

namespace {
constexpr std::size_t kReadChunk = 1 << 20;
/// Reads start at this size and double up to kReadChunk, so that a small file costs a small buffer.
constexpr std::size_t kFirstReadChunk = 64 << 10;
} // namespace

LineReader::LineReader(InputFile &file, std::size_t maxLineBytes)
    : m_file(file), m_max(maxLineBytes), m_chunk(kFirstReadChunk)
{
    m_buf.resize(m_chunk + kPadding);
}

// Moves unread data to the front and appends one chunk. Returns false when nothing more can be read.
bool LineReader::fill()
{
    if (m_eof) {
        return false;
    }
    if (m_begin > 0) {
        std::memmove(m_buf.data(), m_buf.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    if (m_buf.size() - m_end < m_chunk + kPadding) {
        m_buf.resize(m_end + m_chunk + kPadding);
    }
    const std::size_t n = m_file.read(m_buf.data() + m_end, m_chunk);
    if (n == m_chunk) {
        m_chunk = std::min(m_chunk * 2, kReadChunk); // a large file: fewer, larger reads
    }
    if (n == 0) {
        m_eof = true;
        return false;
    }
    m_end += n;
    return true;
}

bool LineReader::next(Line &line)
{
    std::size_t scanFrom = m_begin;
    for (;;) {
        const char *start = m_buf.data() + scanFrom;
        const auto *nl = static_cast<const char *>(std::memchr(start, '\n', m_end - scanFrom));
        if (nl) {
            std::size_t len = static_cast<std::size_t>(nl - (m_buf.data() + m_begin));
            const char *text = m_buf.data() + m_begin;
            m_begin += len + 1;
            if (len > 0 && text[len - 1] == '\r') {
                --len;
            }
            if (len > m_max) {
                line = Line{{}, ++m_lineNo, true}; // it fitted in the buffer, but the cap is exact
                return true;
            }
            line = Line{std::string_view(text, len), ++m_lineNo, false};
            return true;
        }
        if (m_end - m_begin > m_max) {
            // Over-long line: drop what we have and discard up to the next newline.
            for (;;) {
                m_begin = m_end = 0;
                if (!fill()) {
                    break;
                }
                const auto *p = static_cast<const char *>(std::memchr(m_buf.data(), '\n', m_end));
                if (p) {
                    m_begin = static_cast<std::size_t>(p - m_buf.data()) + 1;
                    break;
                }
            }
            line = Line{{}, ++m_lineNo, true};
            return true;
        }
        const std::size_t scanned = m_end - m_begin;
        if (!fill()) {
            if (m_end == m_begin) {
                return false;
            }
            // Last line without a terminator.
            std::size_t len = m_end - m_begin;
            const char *text = m_buf.data() + m_begin;
            m_begin = m_end;
            if (len > 0 && text[len - 1] == '\r') {
                --len;
            }
            line = Line{std::string_view(text, len), ++m_lineNo, false};
            return true;
        }
        scanFrom = m_begin + scanned;
    }
}

} // namespace awb::ingest
