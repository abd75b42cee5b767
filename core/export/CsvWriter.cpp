// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/CsvWriter.h"

#include <array>

namespace awb::exports {

namespace {

constexpr std::size_t kFlushBytes = 1 << 20;
constexpr std::string_view kReplacement = "\xEF\xBF\xBD"; // U+FFFD

bool isContinuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

// Length of the valid UTF-8 sequence starting at p (n bytes available), or 0 when it is not one.
std::size_t sequenceLength(const unsigned char *p, std::size_t n)
{
    const unsigned char c = p[0];
    if (c < 0x80) {
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        return n >= 2 && isContinuation(p[1]) ? 2 : 0;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80; // no overlongs
        const unsigned char hi = c == 0xED ? 0x9F : 0xBF; // no surrogates
        return n >= 3 && p[1] >= lo && p[1] <= hi && isContinuation(p[2]) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
        const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF; // at most U+10FFFF
        return n >= 4 && p[1] >= lo && p[1] <= hi && isContinuation(p[2]) && isContinuation(p[3]) ? 4 : 0;
    }
    return 0;
}

// Bytes that make a cell need quotes (RFC 4180).
constexpr auto kSpecial = [] {
    std::array<bool, 256> special{};
    special[static_cast<unsigned char>(',')] = special[static_cast<unsigned char>('"')] = true;
    special[static_cast<unsigned char>('\r')] = special[static_cast<unsigned char>('\n')] = true;
    return special;
}();

bool startsFormula(std::string_view cell)
{
    if (cell.empty()) {
        return false;
    }
    const char c = cell.front();
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

} // namespace

CsvWriter::CsvWriter(const std::string &path) : m_file(QString::fromStdString(path)), m_path(path)
{
    m_buffer.reserve(kFlushBytes + 4096);
}

CsvWriter::~CsvWriter()
{
    discard();
}

Result<void> CsvWriter::open()
{
    if (!m_file.open(QIODevice::WriteOnly)) {
        return fail(Error::Code::Io, "Cannot write " + m_path + ": " + m_file.errorString().toStdString());
    }
    return {};
}

bool CsvWriter::isValidUtf8(std::string_view s)
{
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n;) {
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        const std::size_t len = sequenceLength(p + i, n - i);
        if (len == 0) {
            return false;
        }
        i += len;
    }
    return true;
}

std::string CsvWriter::validUtf8(std::string_view s)
{
    std::string out;
    out.reserve(s.size() + 8);
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n;) {
        const std::size_t len = sequenceLength(p + i, n - i);
        if (len == 0) {
            out.append(kReplacement);
            ++i;
        } else {
            out.append(s.substr(i, len));
            i += len;
        }
    }
    return out;
}

void CsvWriter::appendCell(std::string &out, std::string_view cell, CellKind kind)
{
    // One pass over the bytes decides both (find_first_of would call memchr once per byte).
    unsigned char high = 0;
    bool quote = false;
    for (const char c : cell) {
        high |= static_cast<unsigned char>(c);
        quote |= kSpecial[static_cast<unsigned char>(c)];
    }
    const bool ascii = high < 0x80;
    std::string fixed;
    if (!ascii && !isValidUtf8(cell)) {
        fixed = validUtf8(cell); // replacement characters are never special: quote stays right
        cell = fixed;
    }
    const bool neutralise = kind == CellKind::Text && startsFormula(cell);
    if (quote) {
        out.push_back('"');
    }
    if (neutralise) {
        out.push_back('\'');
    }
    if (!quote) {
        out.append(cell);
        return;
    }
    for (const char c : cell) {
        if (c == '"') {
            out.push_back('"');
        }
        out.push_back(c);
    }
    out.push_back('"');
}

void CsvWriter::appendRow(std::string &out, const std::vector<std::string> &cells,
                          const std::vector<CellKind> &kinds)
{
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) {
            out.push_back(',');
        }
        appendCell(out, cells[i], i < kinds.size() ? kinds[i] : CellKind::Text);
    }
    out.append("\r\n");
}

void CsvWriter::writeHeader(const std::vector<std::string> &cells)
{
    appendRow(m_buffer, cells, {});
    flushIfFull();
}

void CsvWriter::writeRow(const std::vector<std::string> &cells)
{
    appendRow(m_buffer, cells, m_kinds);
    flushIfFull();
}

void CsvWriter::writeRows(std::string_view rows)
{
    m_buffer.append(rows);
    flushIfFull();
}

void CsvWriter::flushIfFull()
{
    if (m_buffer.size() >= kFlushBytes) {
        flush();
    }
}

bool CsvWriter::flush()
{
    if (m_buffer.empty() || m_failed) {
        m_buffer.clear();
        return !m_failed;
    }
    const auto size = static_cast<qint64>(m_buffer.size());
    if (!m_file.isOpen() || m_file.write(m_buffer.data(), size) != size) {
        m_failed = true;
    }
    m_buffer.clear();
    return !m_failed;
}

Result<void> CsvWriter::commit()
{
    if (!flush() || !m_file.commit()) {
        const std::string why = m_file.errorString().toStdString();
        discard();
        return fail(Error::Code::Io, "Cannot write " + m_path + ": " + why);
    }
    return {};
}

void CsvWriter::discard()
{
    m_buffer.clear();
    if (m_file.isOpen()) {
        m_file.cancelWriting();
        m_file.commit(); // with writing cancelled this only removes the temporary file
    }
}

} // namespace awb::exports
