// SPDX-License-Identifier: GPL-3.0-or-later
// Wall-clock time as the store writes it.
#pragma once

#include <chrono>
#include <cstdint>

namespace awb {

/// Milliseconds since the Unix epoch, UTC (the unit of every time column of the workspace).
inline std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace awb
