// SPDX-License-Identifier: GPL-3.0-or-later
// RFC 4180 record reader over LineReader, in constant memory: quoted fields may hold delimiters, doubled
// quotes and line breaks; a record's line number is the number of its first line. An unterminated quote
// costs only its own line: the lines after it are read again as records of their own.
#pragma once

#include "ingest/LineReader.h"

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace awb::ingest {

class InputFile;

class CsvReader
{
public:
    static constexpr std::size_t kMaxFieldBytes = 1u << 20;  ///< longer fields reject their record
    static constexpr std::size_t kMaxRecordBytes = 4u << 20; ///< longer lines / records are rejected

    /// delimiter ' ' means "any run of spaces or tabs" (leading and trailing blanks are ignored).
    CsvReader(InputFile &file, char delimiter);

    struct Record
    {
        std::int64_t line = 0; ///< 1-based number of the record's first line
        std::string error;     ///< non-empty when the record is malformed (fields are then unusable)

        std::size_t size() const { return m_ends.size(); }
        std::string_view field(std::size_t i) const
        {
            const std::uint32_t begin = i == 0 ? 0 : m_ends[i - 1];
            return std::string_view(m_data).substr(begin, m_ends[i] - begin);
        }
        std::vector<std::string> fields() const;
        /// Adds a field at the end (used to build a joined record from a fact record and lookup rows).
        void appendField(std::string_view value)
        {
            m_data.append(value);
            m_ends.push_back(static_cast<std::uint32_t>(m_data.size()));
        }
        /// True when every field is empty or blank (a spreadsheet's ",,,," row).
        bool isBlank() const;
        /// True when every field is valid UTF-8.
        bool isValidUtf8() const;

    private:
        friend class CsvReader;
        std::string m_data;                ///< unescaped field bytes, back to back
        std::vector<std::uint32_t> m_ends; ///< end offset of each field in m_data
    };

    /// Reads the next record; blank lines are skipped. Returns false at end of file. A malformed record
    /// (over-long field or line, unterminated quote) is returned with error set, and reading goes on with
    /// the next line. A quote that opens a field spanning lines is taken as unterminated, and only its
    /// first line is returned as an error, when the field is still open at the end of the file or after
    /// kMaxRecordBytes, or when the record it makes has not expectedFields fields: the lines it swallowed
    /// are then read again as records. Throws std::runtime_error on read errors.
    bool next(Record &record);

    /// The fields a record should have (the header's width), for the check above; 0 = unknown (default).
    void setExpectedFields(std::size_t count) { m_expectedFields = count; }

private:
    enum class State
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    };

    struct HeldLine
    {
        std::int64_t number;
        std::string text;
    };

    bool parseLine(std::string_view text, Record &r);
    bool nextLine(LineReader::Line &line);
    bool resync(Record &r, const std::string &why);
    std::size_t findDelimiter(std::string_view text, std::size_t from) const;
    bool isDelimiter(char c) const { return m_blank ? (c == ' ' || c == '\t') : c == m_delimiter; }
    void append(Record &r, std::string_view chunk);
    void endField(Record &r);

    LineReader m_lines;
    char m_delimiter;
    bool m_blank;
    State m_state = State::FieldStart;
    std::size_t m_fieldStart = 0;
    bool m_overflow = false;
    std::size_t m_expectedFields = 0;
    std::vector<HeldLine> m_held;  ///< the lines after the first of the record being read
    std::size_t m_heldBytes = 0;
    std::deque<HeldLine> m_replay; ///< lines to read again before the file's next ones
    std::string m_replayed;        ///< the text of the replayed line being parsed
};

/// The index of the header column named name (blanks around either ignored), or header.size().
std::size_t findColumn(const std::vector<std::string> &header, std::string_view name);

} // namespace awb::ingest
