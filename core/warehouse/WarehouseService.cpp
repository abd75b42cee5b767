// SPDX-License-Identifier: GPL-3.0-or-later
#include "warehouse/WarehouseService.h"

#include "common/Time.h"
#include "segments/RuleJson.h"
#include "segments/RuleValidator.h"
#include "store/Database.h"
#include "store/StoreError.h"
#include "traits/TraitInfos.h"
#include "warehouse/PgConnection.h"
#include "warehouse/RuleSql.h"
#include "warehouse/SnakeCase.h"
#include "warehouse/WarehouseSession.h"

#include <algorithm>

namespace awb::warehouse {

using detail::connectWatched;
using detail::guarded;
using detail::segmentSource;
using detail::traitsTime;

namespace detail {

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

std::optional<std::int64_t> identitiesLatestEvent(PgConnection &pg, const std::string &schema)
{
    // Traits refreshed before the column or awb.people existed: as if the people were never joined.
    if (!traitsTime(pg, schema) ||
        pg.exec(
              "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'awb' AND ((table_name = "
              "'traits_info' AND column_name = 'latest_event_ms') OR (table_name = 'people' AND column_name "
              "= "
              "'part'))")
                .int64(0, 0) < 2) {
        return std::nullopt;
    }
    const PgResult r =
        pg.exec("SELECT latest_event_ms FROM awb.traits_info WHERE source_schema = $1", {schema});
    return r.rows() > 0 && !r.isNull(0, 0) ? std::optional(r.int64(0, 0)) : std::nullopt;
}

std::optional<std::int64_t> audienceIdOf(PgConnection &pg, const std::string &schema, const std::string &name)
{
    if (pg.exec("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'awb' AND table_name = "
                "'audiences'")
            .int64(0, 0) == 0) {
        return std::nullopt;
    }
    const PgResult r = pg.exec("SELECT audience_id FROM awb.audiences WHERE name = $1 AND source_schema = $2",
                               {name, schema});
    return r.rows() > 0 ? std::optional(r.int64(0, 0)) : std::nullopt;
}

bool savedSegmentsReady(PgConnection &pg, const std::string &schema)
{
    const PgResult tables =
        pg.exec("SELECT table_name, sum(CASE WHEN column_name = 'source_schema' THEN 1 ELSE 0 END) FROM "
                "information_schema.columns WHERE table_schema = 'awb' AND table_name IN ('segments', "
                "'segment_members', "
                "'segment_membership_log') GROUP BY table_name");
    bool saved = false;
    for (int i = 0; i < tables.rows(); ++i) {
        const std::string table(tables.text(i, 0));
        saved = saved || table == "segments";
        if (tables.int64(i, 1) > 0) {
            continue;
        }
        const PgResult owner =
            pg.exec("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'awb' "
                    "AND table_name = 'traits_info'");
        const std::string from =
            owner.int64(0, 0) > 0
                ? std::string(pg.exec("SELECT min(source_schema) FROM awb.traits_info").text(0, 0))
                : std::string();
        // The column and its values together: a column left without them would hide the rows for good.
        const bool own = !pg.inTransaction();
        if (own) {
            pg.execScript("BEGIN");
        }
        try {
            pg.execScript("ALTER TABLE awb." + table + " ADD COLUMN source_schema text");
            pg.exec("UPDATE awb." + table + " SET source_schema = $1", {from.empty() ? schema : from});
            if (own) {
                pg.execScript("COMMIT");
            }
        } catch (...) {
            if (own) {
                pg.setCancelCheck({}); // the rollback itself must run
                pg.execScript("ROLLBACK");
            }
            throw;
        }
    }
    return saved;
}

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

} // namespace detail

Result<WarehouseSummary> openWarehouse(const std::string &uri, ProgressSink &progress)
{
    return guarded([&]() -> Result<WarehouseSummary> {
        const auto pg = connectWatched(uri, progress);
        const auto source = segmentSource(*pg, uri);
        if (!source) {
            return fail(source.error());
        }
        WarehouseSummary out;
        out.schema = source->schema;
        const std::optional<std::int64_t> computed = traitsTime(*pg, source->schema);
        out.nowMs = computed ? *computed
                             : refreshWarehouseTraits(*pg, *source, latestEventMs(*pg, *source) + 1).nowMs;
        out.people = pg->exec("SELECT count(*) FROM awb.traits").int64(0, 0);
        std::vector<std::string> numbers;
        std::string largest;
        for (const std::string &id : warehouseTraitIds()) {
            if (traits::findTraitInfo(id)->kind == traits::TraitKind::Number) {
                numbers.push_back(id);
                largest += std::string(largest.empty() ? "" : ", ") + "max(abs(" + sqlName(id) + "))";
            }
        }
        const PgResult maxima = pg->exec("SELECT " + largest + " FROM awb.traits");
        for (std::size_t i = 0; i < numbers.size(); ++i) {
            const int column = static_cast<int>(i);
            out.largest[numbers[i]] = maxima.isNull(0, column) ? 0.0 : maxima.real(0, column);
        }
        for (const auto &[name, table] : readEventSources(*pg)) {
            if (out.events.empty() || out.events.back() != name) {
                out.events.push_back(name);
            }
        }
        return out;
    });
}

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

Result<void> setSourceMapping(const std::string &uri, const SourceMapping &mapping)
{
    return guarded([&]() -> Result<void> {
        const auto pg = PgConnection::connect(uri);
        const auto source = segmentSource(*pg, uri);
        if (!source) {
            return fail(source.error());
        }
        if (mapping.orderEvent.empty() || mapping.refundEvent.empty() || mapping.valueColumns.empty() ||
            mapping.userIdColumn.empty()) {
            return fail(
                Error::Code::InvalidInput,
                "The order event, the refund event, the order value and the user id column need a name.");
        }
        const auto anyTableHas = [&](const std::string &column) {
            return std::any_of(source->columns.begin(), source->columns.end(),
                               [&](const auto &table) { return table.second.count(column) > 0; });
        };
        for (const auto &[column, role] : {std::pair{mapping.userIdColumn, "user id"},
                                           std::pair{mapping.anonymousIdColumn, "anonymous id"}}) {
            if (!column.empty() && !anyTableHas(column)) {
                return fail(Error::Code::InvalidInput, "No table of schema " + source->schema +
                                                           " has a column '" + column + "' (the " + role +
                                                           " column).");
            }
        }
        if (!mapping.profileTable.empty()) {
            if (!source->has(mapping.profileTable)) {
                return fail(Error::Code::InvalidInput, "Schema " + source->schema + " has no table '" +
                                                           mapping.profileTable + "' (the profile table).");
            }
            if (source->typeOf(mapping.profileTable, mapping.profileKey).empty()) {
                return fail(Error::Code::InvalidInput, "Table " + mapping.profileTable + " of schema " +
                                                           source->schema + " has no column '" +
                                                           mapping.profileKey + "' (the profile key).");
            }
        }
        writeMapping(*pg, source->schema, mapping);
        return {};
    });
}

Result<SourceMapping> sourceMapping(const std::string &uri)
{
    return guarded([&]() -> Result<SourceMapping> {
        const auto pg = PgConnection::connect(uri);
        return readMapping(*pg, sourceSchemaOf(*pg));
    });
}

Result<WarehouseTraitsInfo> refreshTraits(const std::string &uri, std::optional<std::int64_t> asOfMs,
                                          ProgressSink &progress)
{
    return guarded([&]() -> Result<WarehouseTraitsInfo> {
        const auto pg = connectWatched(uri, progress);
        const auto source = segmentSource(*pg, uri);
        if (!source) {
            return fail(source.error());
        }
        return refreshWarehouseTraits(*pg, *source, asOfMs.value_or(latestEventMs(*pg, *source) + 1));
    });
}

namespace {

// The traits as of now, refreshed when they were computed for another time; the rule compiled against them.
Result<CompiledRule> prepareRule(PgConnection &pg, const std::string &uri, const segments::Rule &rule,
                                 std::optional<std::int64_t> asOfMs, std::int64_t &now)
{
    const auto found = segmentSource(pg, uri);
    if (!found) {
        return fail(found.error());
    }
    const std::map<std::string, segments::Rule> saved = readSavedSegments(pg, found->schema);
    segments::ValidationContext context;
    context.traits = traits::fixedTraitInfos();
    context.segments.emplace();
    for (const auto &entry : saved) {
        context.segments->push_back(entry.first);
    }
    context.audiences = readAudienceNames(pg, found->schema);
    if (const auto valid = segments::validateRule(rule, context); !valid) {
        return fail(valid.error());
    }
    now = asOfMs.value_or(latestEventMs(pg, *found) + 1);
    if (traitsTime(pg, found->schema) != now) {
        refreshWarehouseTraits(pg, *found, now);
    }
    return compileRule(rule, *found, readEventSources(pg), now, saved);
}

} // namespace

Result<WarehouseCount> countRule(const std::string &uri, const segments::Rule &rule,
                                 std::optional<std::int64_t> asOfMs, bool withMembers, ProgressSink &progress)
{
    return guarded([&]() -> Result<WarehouseCount> {
        const auto pg = connectWatched(uri, progress);
        std::int64_t now = 0;
        const auto compiled = prepareRule(*pg, uri, rule, asOfMs, now);
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

Result<SavedMembership> saveSegment(const std::string &uri, const std::string &name,
                                    const segments::Rule &rule, std::optional<std::int64_t> asOfMs,
                                    ProgressSink &progress)
{
    if (name.empty()) {
        return fail(Error::Code::InvalidInput, "A segment needs a name.");
    }
    return guarded([&]() -> Result<SavedMembership> {
        const auto pg = connectWatched(uri, progress);
        SavedMembership out;
        const auto compiled = prepareRule(*pg, uri, rule, asOfMs, out.nowMs);
        if (!compiled) {
            return fail(compiled.error());
        }
        const std::string savedAt = std::to_string(awb::nowMs());
        const std::string schema = sourceSchemaOf(*pg);
        pg->execScript("BEGIN");
        try {
            pg->execScript(
                "CREATE TABLE IF NOT EXISTS awb.segments (name text NOT NULL, rule_json text NOT NULL, "
                "as_of_ms bigint NOT NULL, saved_at_ms bigint NOT NULL, source_schema text); "
                "CREATE TABLE IF NOT EXISTS awb.segment_members (segment_name text NOT NULL, person_key "
                "text NOT NULL, source_schema text); "
                "CREATE TABLE IF NOT EXISTS awb.segment_membership_log (segment_name text NOT NULL, "
                "person_key text NOT NULL, at_ms bigint NOT NULL, event_type text NOT NULL, "
                "source_schema text)");
            detail::savedSegmentsReady(*pg, schema);
            pg->execScript("DROP TABLE IF EXISTS awb_new_members");
            pg->exec("CREATE TEMP TABLE awb_new_members AS SELECT t.person_key FROM awb.traits t WHERE " +
                         compiled->where,
                     compiled->params);
            // Segments are kept per source schema: every statement names both.
            const std::vector<PgParam> byName = {name, schema, savedAt};
            const std::string previous =
                "SELECT person_key FROM awb.segment_members WHERE segment_name = $1 AND "
                "source_schema = $2";
            out.entered = pg->exec("INSERT INTO awb.segment_membership_log (segment_name, source_schema, "
                                   "person_key, at_ms, "
                                   "event_type) SELECT CAST($1 AS text), CAST($2 AS text), person_key, "
                                   "CAST($3 AS bigint), "
                                   "'enter' FROM (SELECT person_key FROM awb_new_members EXCEPT " +
                                       previous + ") d",
                                   byName)
                              .affectedRows();
            out.exited = pg->exec("INSERT INTO awb.segment_membership_log (segment_name, source_schema, "
                                  "person_key, at_ms, "
                                  "event_type) SELECT CAST($1 AS text), CAST($2 AS text), person_key, "
                                  "CAST($3 AS bigint), "
                                  "'exit' FROM (" +
                                      previous + " EXCEPT SELECT person_key FROM awb_new_members) d",
                                  byName)
                             .affectedRows();
            pg->exec("DELETE FROM awb.segment_members WHERE segment_name = $1 AND source_schema = $2",
                     {name, schema});
            out.members =
                pg->exec("INSERT INTO awb.segment_members (segment_name, source_schema, person_key) "
                         "SELECT CAST($1 AS text), CAST($2 AS text), person_key FROM awb_new_members",
                         {name, schema})
                    .affectedRows();
            pg->exec("DELETE FROM awb.segments WHERE name = $1 AND source_schema = $2", {name, schema});
            pg->exec("INSERT INTO awb.segments (name, source_schema, rule_json, as_of_ms, saved_at_ms) "
                     "VALUES ($1, "
                     "$2, $3, CAST($4 AS bigint), CAST($5 AS bigint))",
                     {name, schema, segments::ruleToJson(rule), std::to_string(out.nowMs), savedAt});
            pg->execScript("COMMIT");
        } catch (...) {
            pg->setCancelCheck({}); // the rollback itself must run
            pg->execScript("ROLLBACK");
            throw;
        }
        return out;
    });
}

} // namespace awb::warehouse
