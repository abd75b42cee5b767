// SPDX-License-Identifier: GPL-3.0-or-later
// Streaming, atomic CSV output: UTF-8, RFC 4180, neutralised against formula injection.
#pragma once

#include "common/Result.h"

#include <QSaveFile>

#include <string>
#include <string_view>
#include <vector>

namespace awb::exports {

enum class CellKind
{
    Text,    ///< free text: a cell starting with = + - @ tab or CR gets a leading single quote
    Numeric, ///< numbers and values the exporter built itself (E.164 phones, hex digests): written as is
};

/// Writes rows as they come through a buffer into a QSaveFile: the file appears at its path, complete,
/// only when commit() succeeds; until then (and after any failure) a previous file at the path is
/// untouched and no partial file is left behind. Rows end with CRLF (RFC 4180). Not thread-safe.
class CsvWriter
{
public:
    explicit CsvWriter(const std::string &path);
    ~CsvWriter();
    CsvWriter(const CsvWriter &) = delete;
    CsvWriter &operator=(const CsvWriter &) = delete;

    /// Opens the temporary file next to path. Io error naming the path when the folder does not exist or
    /// is not writable.
    Result<void> open();
    /// Kinds per column for the following rows (missing entries are Text).
    void setColumnKinds(std::vector<CellKind> kinds) { m_kinds = std::move(kinds); }
    /// Header cells are always Text.
    void writeHeader(const std::vector<std::string> &cells);
    void writeRow(const std::vector<std::string> &cells);
    /// Appends rows rendered already by appendRow() (each ending with CRLF).
    void writeRows(std::string_view rows);
    /// Flushes and atomically replaces the file at path. Io error when anything failed on the way.
    Result<void> commit();
    /// Drops everything written; the path keeps its previous content (or stays absent).
    void discard();

    /// Appends one cell: invalid UTF-8 bytes become U+FFFD, Text cells are neutralised, and the cell is
    /// quoted when it holds a comma, a quote, CR or LF.
    static void appendCell(std::string &out, std::string_view cell, CellKind kind);
    /// Appends one row (cells by appendCell with their column's kind, missing kinds are Text) and CRLF.
    static void appendRow(std::string &out, const std::vector<std::string> &cells,
                          const std::vector<CellKind> &kinds);
    /// s with each byte that is not part of a valid UTF-8 sequence replaced by U+FFFD.
    static std::string validUtf8(std::string_view s);
    /// True when s is valid UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
    static bool isValidUtf8(std::string_view s);

private:
    void flushIfFull();
    bool flush();

    QSaveFile m_file;
    std::string m_path;
    std::string m_buffer;
    std::vector<CellKind> m_kinds;
    bool m_failed = false;
};

} // namespace awb::exports
