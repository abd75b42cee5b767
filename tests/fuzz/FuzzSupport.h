// SPDX-License-Identifier: GPL-3.0-or-later
// What the fuzz entry functions share: an in-memory InputFile with short reads, and checks that stop the
// program (libFuzzer and the replay test both see the stop as a crash).
#pragma once

#include "ingest/InputFile.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace awb::fuzz {

/// An InputFile over bytes in memory that hands out at most `piece` bytes per read, so that line and
/// record ends fall across reads the way they do across the chunks of a real file.
class MemoryInput : public ingest::InputFile
{
public:
    MemoryInput(std::string_view data, std::size_t piece, std::string name);
    std::size_t read(char *buffer, std::size_t size) override;
    std::int64_t position() const override { return static_cast<std::int64_t>(m_done); }

private:
    std::string_view m_data;
    std::size_t m_piece;
    std::size_t m_done = 0;
};

/// Prints "fuzz check failed: what" to stderr and aborts unless ok.
void require(bool ok, const char *what);

bool isUtf8(std::string_view text);
/// Whether text is one JSON object (and nothing else), as stored in the workspace's JSON columns.
bool isJsonObject(std::string_view text);

} // namespace awb::fuzz
