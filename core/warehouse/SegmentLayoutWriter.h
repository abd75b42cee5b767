// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the events and users of a local workspace into a warehouse schema in the layout of Segment's
// warehouse connector (`awb generate --warehouse`, and the fixtures of the parity tests): `tracks` with the
// common columns, one table per track event with its properties flattened into snake_case columns (nested
// objects joined with
// "_", arrays such as products[] stringified as JSON), `identifies`, `pages`, `screens`, and `users` (one row
// per user id with the profile's e-mail). `id` is the messageId (the local event id when there was none) and
// `timestamp` the event time (timestamptz, UTC).
#pragma once

#include <cstdint>
#include <string>

namespace awb::store {
class Database;
}

namespace awb::warehouse {

class PgConnection;

struct LayoutCounts
{
    std::int64_t events = 0;
    std::int64_t users = 0;
    int tables = 0;
};

/// Creates the schema when missing and replaces the tables it writes, in one transaction. Throws PgError or
/// store::StoreError.
LayoutCounts writeSegmentLayout(store::Database &workspace, PgConnection &warehouse,
                                const std::string &schema);

} // namespace awb::warehouse
