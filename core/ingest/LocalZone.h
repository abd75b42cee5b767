// SPDX-License-Identifier: GPL-3.0-or-later
// Converts wall-clock times of an IANA time zone to UTC, caching the offset per quarter hour.
#pragma once

#include "common/Result.h"

#include <QTimeZone>

#include <cstdint>
#include <string>
#include <unordered_map>

namespace awb::ingest {

class LocalZone
{
public:
    /// An empty name is UTC. Fails with a message naming an unknown zone.
    static Result<LocalZone> create(const std::string &ianaName);

    /// localMs: the wall-clock time read as if it were UTC. Returns the UTC instant. A time inside a
    /// spring-forward gap uses the zone's standard offset; an ambiguous time takes Qt's choice.
    std::int64_t toUtc(std::int64_t localMs);
    bool isUtc() const { return m_utc; }

private:
    LocalZone() = default;
    std::int64_t offsetMs(std::int64_t bucketStartMs) const;

    QTimeZone m_zone;
    bool m_utc = true;
    std::unordered_map<std::int64_t, std::int64_t> m_offsets; ///< quarter hour of local time -> offset
};

} // namespace awb::ingest
