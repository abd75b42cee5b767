// SPDX-License-Identifier: GPL-3.0-or-later
#include "warehouse/WarehouseService.h"

#include "segments/RuleValidator.h"
#include "store/Database.h"
#include "store/StoreError.h"
#include "traits/TraitInfos.h"
#include "warehouse/PgConnection.h"
#include "warehouse/RuleSql.h"

namespace awb::warehouse {

namespace {

template <typename F> auto guarded(F &&f) -> decltype(f())
{
    try {
        return f();
    } catch (const PgError &e) {
        return fail(Error::Code::Database, e.what());
    } catch (const store::StoreError &e) {
        return fail(Error::Code::Database, e.what());
    }
}

// The time the stored traits were computed for, when there are any.
std::optional<std::int64_t> traitsTime(PgConnection &pg, const std::string &schema)
{
    const PgResult exists =
        pg.exec("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'awb' AND "
                "table_name = 'traits_info'");
    if (exists.int64(0, 0) == 0) {
        return std::nullopt;
    }
    const PgResult r = pg.exec("SELECT now_ms FROM awb.traits_info WHERE source_schema = $1", {schema});
    return r.rows() > 0 ? std::optional(r.int64(0, 0)) : std::nullopt;
}

// The source of the URI; InvalidInput when its schema does not hold Segment's layout.
Result<SourceTables> segmentSource(PgConnection &pg, const std::string &uri)
{
    SourceTables source = readSourceTables(pg, sourceSchemaOf(pg));
    if (!source.has("tracks") && !source.has("identifies") && !source.has("pages")) {
        return fail(Error::Code::NotFound,
                    "Schema " + source.schema + " of " + redactedUri(uri) +
                        " has no tracks, identifies or pages table (Segment's "
                        "warehouse layout); set it with options=-csearch_path%3DSCHEMA.");
    }
    return source;
}

} // namespace

Result<LayoutCounts> publishWorkspace(const std::string &workspacePath, const std::string &uri)
{
    return guarded([&]() -> Result<LayoutCounts> {
        auto db = store::Database::open(workspacePath, store::Database::OpenMode::ReadOnly);
        if (!db) {
            return fail(db.error());
        }
        const auto pg = PgConnection::connect(uri);
        return writeSegmentLayout(**db, *pg, sourceSchemaOf(*pg));
    });
}

Result<WarehouseTraitsInfo> refreshTraits(const std::string &uri, std::optional<std::int64_t> asOfMs)
{
    return guarded([&]() -> Result<WarehouseTraitsInfo> {
        const auto pg = PgConnection::connect(uri);
        const auto source = segmentSource(*pg, uri);
        if (!source) {
            return fail(source.error());
        }
        return refreshWarehouseTraits(*pg, *source, asOfMs.value_or(latestEventMs(*pg, *source) + 1));
    });
}

Result<WarehouseCount> countRule(const std::string &uri, const segments::Rule &rule,
                                 std::optional<std::int64_t> asOfMs, bool withMembers)
{
    segments::ValidationContext context;
    context.traits = traits::fixedTraitInfos();
    if (const auto valid = segments::validateRule(rule, context); !valid) {
        return fail(valid.error());
    }
    return guarded([&]() -> Result<WarehouseCount> {
        const auto pg = PgConnection::connect(uri);
        const auto found = segmentSource(*pg, uri);
        if (!found) {
            return fail(found.error());
        }
        const SourceTables &source = *found;
        const std::int64_t now = asOfMs.value_or(latestEventMs(*pg, source) + 1);
        if (traitsTime(*pg, source.schema) != now) {
            refreshWarehouseTraits(*pg, source, now);
        }
        auto compiled = compileRule(rule, source, readEventSources(*pg), now);
        if (!compiled) {
            return fail(compiled.error());
        }
        WarehouseCount out;
        out.nowMs = now;
        out.people = pg->exec("SELECT count(*) FROM awb.traits").int64(0, 0);
        out.matching = pg->exec(compiled->countSql(), compiled->params).int64(0, 0);
        if (withMembers) {
            const PgResult r = pg->exec(compiled->membersSql(), compiled->params);
            for (int i = 0; i < r.rows(); ++i) {
                out.members.emplace_back(r.text(i, 0));
            }
        }
        return out;
    });
}

} // namespace awb::warehouse
