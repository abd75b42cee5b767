// SPDX-License-Identifier: GPL-3.0-or-later
// Splits an InputFile into lines in constant memory, with a hard cap on line length.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace awb::ingest {

class InputFile;

class LineReader
{
public:
    /// Lines longer than maxLineBytes are not kept: next() returns them as tooLong with their line number
    /// and skips to the next newline, so a 2 GB line costs no more memory than a short one.
    static constexpr std::size_t kDefaultMaxLineBytes = 16u << 20;
    /// Bytes guaranteed readable past the end of every returned line (simdjson needs 64).
    static constexpr std::size_t kPadding = 64;

    explicit LineReader(InputFile &file, std::size_t maxLineBytes = kDefaultMaxLineBytes);

    struct Line
    {
        std::string_view text; ///< without the line terminator (\n or \r\n); valid until the next call
        std::int64_t number = 0; ///< 1-based
        bool tooLong = false;  ///< text is empty; the line exceeded the cap
    };

    /// Reads the next line. Returns false at end of file. Throws std::runtime_error on read errors.
    bool next(Line &line);
    std::size_t maxLineBytes() const { return m_max; }

private:
    bool fill();

    InputFile &m_file;
    std::size_t m_max;
    std::size_t m_chunk; ///< bytes asked of the file by the next read
    std::vector<char> m_buf;
    std::size_t m_begin = 0; ///< start of unread data
    std::size_t m_end = 0;   ///< end of valid data
    std::int64_t m_lineNo = 0;
    bool m_eof = false;
};

} // namespace awb::ingest
