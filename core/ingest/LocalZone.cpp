// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/LocalZone.h"

#include <QDateTime>

namespace awb::ingest {

namespace {
// Zone transitions fall on quarter hours in every zone of the tz database since 1970.
constexpr std::int64_t kBucketMs = 15 * 60 * 1000;
constexpr std::size_t kMaxCached = 1 << 20;

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}
} // namespace

Result<LocalZone> LocalZone::create(const std::string &ianaName)
{
    LocalZone zone;
    if (ianaName.empty() || ianaName == "UTC") {
        return zone;
    }
    zone.m_zone = QTimeZone(QByteArray::fromStdString(ianaName));
    if (!zone.m_zone.isValid()) {
        return fail(Error::Code::InvalidInput, "unknown time zone \"" + ianaName +
                                                   "\" (use an IANA name such as "
                                                   "Europe/London)");
    }
    zone.m_utc = false;
    return zone;
}

std::int64_t LocalZone::offsetMs(std::int64_t bucketStartMs) const
{
    const QDateTime wall = QDateTime::fromMSecsSinceEpoch(bucketStartMs, QTimeZone::utc());
    const QDateTime local(wall.date(), wall.time(), m_zone);
    if (local.isValid()) {
        return bucketStartMs - local.toMSecsSinceEpoch();
    }
    // Inside a spring-forward gap: read the time with the zone's standard offset.
    return static_cast<std::int64_t>(m_zone.standardTimeOffset(wall)) * 1000;
}

std::int64_t LocalZone::toUtc(std::int64_t localMs)
{
    if (m_utc) {
        return localMs;
    }
    const std::int64_t bucket = floorDiv(localMs, kBucketMs);
    auto it = m_offsets.find(bucket);
    if (it == m_offsets.end()) {
        if (m_offsets.size() >= kMaxCached) {
            m_offsets.clear();
        }
        it = m_offsets.emplace(bucket, offsetMs(bucket * kBucketMs)).first;
    }
    return localMs - it->second;
}

} // namespace awb::ingest
