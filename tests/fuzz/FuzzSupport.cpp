// SPDX-License-Identifier: GPL-3.0-or-later
// In-memory input and checks for the fuzz entry functions.
#include "FuzzSupport.h"

#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace awb::fuzz {

MemoryInput::MemoryInput(std::string_view data, std::size_t piece, std::string name)
    : m_data(data), m_piece(std::max<std::size_t>(piece, 1))
{
    m_path = std::move(name);
    m_size = static_cast<std::int64_t>(data.size());
}

std::size_t MemoryInput::read(char *buffer, std::size_t size)
{
    const std::size_t n = std::min({size, m_piece, m_data.size() - m_done});
    if (n > 0) {
        std::memcpy(buffer, m_data.data() + m_done, n);
    }
    m_done += n;
    return n;
}

void require(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "fuzz check failed: %s\n", what);
        std::abort();
    }
}

bool isUtf8(std::string_view text)
{
    return simdjson::validate_utf8(text.data(), text.size());
}

bool isJsonObject(std::string_view text)
{
    const simdjson::padded_string padded(text);
    simdjson::dom::parser parser;
    simdjson::dom::object object;
    return parser.parse(padded).get(object) == simdjson::SUCCESS;
}

} // namespace awb::fuzz
