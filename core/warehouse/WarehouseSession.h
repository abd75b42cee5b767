// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to the warehouse services (Warehouse*.cpp): a watched connection, errors as Result, the source
// schema checked for Segment's layout.
#pragma once

#include "common/Result.h"
#include "jobs/Progress.h"
#include "store/StoreError.h"
#include "warehouse/PgConnection.h"
#include "warehouse/WarehouseTraits.h"

#include <memory>
#include <optional>
#include <string>

namespace awb::warehouse::detail {

/// Runs f, turning PostgreSQL and store errors into failed Results.
template <typename F> auto guarded(F &&f) -> decltype(f())
{
    try {
        return f();
    } catch (const PgCancelled &) {
        return fail(Error::cancelled());
    } catch (const PgError &e) {
        return fail(Error::Code::Database, e.what());
    } catch (const store::StoreError &e) {
        return fail(Error::Code::Database, e.what());
    }
}

/// A connection whose statements stop when progress is cancelled.
inline std::unique_ptr<PgConnection> connectWatched(const std::string &uri, ProgressSink &progress)
{
    auto pg = PgConnection::connect(uri);
    pg->setCancelCheck([&progress] { return progress.isCancelled(); });
    return pg;
}

/// The time the stored traits were computed for, when there are any.
std::optional<std::int64_t> traitsTime(PgConnection &pg, const std::string &schema);

/// The latest event the people were joined from (awb.traits_info), when they were.
std::optional<std::int64_t> identitiesLatestEvent(PgConnection &pg, const std::string &schema);

/// The id of the audience of that name created from the source schema (awb.audiences), when there is one.
std::optional<std::int64_t> audienceIdOf(PgConnection &pg, const std::string &schema,
                                         const std::string &name);

/// Whether segments were ever saved in the warehouse (awb.segments). Tables written before saved segments
/// were kept per source schema get their source_schema column here; their rows go to the schema the traits
/// were last computed for (they were saved against those), else to schema.
bool savedSegmentsReady(PgConnection &pg, const std::string &schema);

/// The source of the URI; NotFound when its schema does not hold Segment's layout.
Result<SourceTables> segmentSource(PgConnection &pg, const std::string &uri);

} // namespace awb::warehouse::detail
