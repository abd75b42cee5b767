// SPDX-License-Identifier: GPL-3.0-or-later
// Streaming reader over a plain, .gz or .xz file, in constant memory.
#pragma once

#include "common/Result.h"

#include <cstdint>
#include <memory>
#include <string>

namespace awb::ingest {

class InputFile
{
public:
    virtual ~InputFile() = default;

    /// Opens path; the compression is chosen from the extension (.gz, .xz) and checked against the magic.
    static Result<std::unique_ptr<InputFile>> open(const std::string &path);

    /// Reads up to size decompressed bytes. Returns 0 at end of file. Throws std::runtime_error on a
    /// corrupt compressed stream or a read error.
    virtual std::size_t read(char *buffer, std::size_t size) = 0;
    /// Bytes of the file on disk consumed so far (for progress).
    virtual std::int64_t position() const = 0;
    /// Size of the file on disk.
    std::int64_t size() const { return m_size; }
    const std::string &path() const { return m_path; }
    /// The file name without directories, used in reports.
    std::string name() const;

protected:
    std::string m_path;
    std::int64_t m_size = 0;
};

} // namespace awb::ingest
