// SPDX-License-Identifier: GPL-3.0-or-later
#include "warehouse/WarehouseAudience.h"

#include "audience/ControlGroup.h"
#include "common/Time.h"
#include "services/ScoringService.h"
#include "warehouse/WarehouseCatalog.h"
#include "warehouse/WarehouseSession.h"

#include <cstdio>

namespace awb::warehouse {

namespace {

const char *const kAudienceTables =
    "CREATE SCHEMA IF NOT EXISTS awb; "
    "CREATE TABLE IF NOT EXISTS awb.audiences (audience_id bigint NOT NULL, name text NOT NULL, "
    "source_schema text NOT NULL, target text NOT NULL, size_rule text NOT NULL, horizon_days integer NOT "
    "NULL, as_of_ms bigint NOT NULL, created_at_ms bigint NOT NULL, scored bigint NOT NULL, members bigint "
    "NOT NULL, control_share double precision NOT NULL, control_seed bigint NOT NULL, quality text, auc "
    "double precision); "
    "CREATE TABLE IF NOT EXISTS awb.audience_memberships (person_id text NOT NULL, audience_id bigint NOT "
    "NULL, score double precision NOT NULL, rank integer NOT NULL, control boolean NOT NULL); "
    "CREATE TABLE IF NOT EXISTS awb.audience_membership_log (audience_id bigint NOT NULL, person_id text NOT "
    "NULL, at_ms bigint NOT NULL, event_type text NOT NULL)";

std::string exact(double v)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", v);
    return buffer;
}

// Writes the members in one transaction: COPY into a temporary table, the enter / exit log against the
// previous snapshot with EXCEPT, then the snapshot replaced.
void storeMembers(PgConnection &pg, const std::string &schema, const WarehouseAudienceRequest &request,
                  const services::ScoringInput &input, const services::ScoreResult &scores,
                  const std::vector<bool> &control, WarehouseAudience &out)
{
    pg.execScript("BEGIN");
    try {
        pg.execScript(kAudienceTables);
        const PgResult existing =
            pg.exec("SELECT audience_id FROM awb.audiences WHERE name = $1", {request.name});
        out.audienceId =
            existing.rows() > 0
                ? existing.int64(0, 0)
                : pg.exec("SELECT coalesce(max(audience_id), 0) + 1 FROM awb.audiences").int64(0, 0);
        const std::string id = std::to_string(out.audienceId);
        pg.execScript(
            "DROP TABLE IF EXISTS awb_new_audience; CREATE TEMP TABLE awb_new_audience (person_id "
            "text NOT NULL, score double precision NOT NULL, rank integer NOT NULL, control boolean "
            "NOT NULL)");
        std::string rows;
        for (std::int64_t r = 0; r < out.members; ++r) {
            const services::ScoredProfile &p = scores.ranked[static_cast<std::size_t>(r)];
            copyField(rows, input.labels[static_cast<std::size_t>(p.profileId)]);
            rows += '\t';
            copyField(rows, exact(p.probability));
            rows += '\t';
            copyField(rows, std::to_string(r + 1));
            rows += '\t';
            copyField(rows, control[static_cast<std::size_t>(r)] ? "true" : "false");
            rows += '\n';
        }
        pg.copyIn("COPY awb_new_audience (person_id, score, rank, control) FROM STDIN", rows);
        const std::string at = std::to_string(awb::nowMs());
        const std::vector<PgParam> params = {id, at};
        out.entered =
            pg.exec("INSERT INTO awb.audience_membership_log SELECT CAST($1 AS bigint), person_id, "
                    "CAST($2 AS bigint), 'enter' FROM (SELECT person_id FROM awb_new_audience EXCEPT "
                    "SELECT person_id FROM awb.audience_memberships WHERE audience_id = CAST($1 AS "
                    "bigint)) d",
                    params)
                .affectedRows();
        out.exited =
            pg.exec("INSERT INTO awb.audience_membership_log SELECT CAST($1 AS bigint), person_id, "
                    "CAST($2 AS bigint), 'exit' FROM (SELECT person_id FROM awb.audience_memberships "
                    "WHERE audience_id = CAST($1 AS bigint) EXCEPT SELECT person_id FROM "
                    "awb_new_audience) d",
                    params)
                .affectedRows();
        pg.exec("DELETE FROM awb.audience_memberships WHERE audience_id = CAST($1 AS bigint)", {id});
        pg.exec(
            "INSERT INTO awb.audience_memberships SELECT person_id, CAST($1 AS bigint), score, rank, control "
            "FROM awb_new_audience",
            {id});
        pg.exec("DELETE FROM awb.audiences WHERE audience_id = CAST($1 AS bigint)", {id});
        const numeric::Quality *model = scores.backtest.empty() ? nullptr : &scores.backtest.front();
        pg.exec(
            "INSERT INTO awb.audiences VALUES (CAST($1 AS bigint), $2, $3, $4, $5, CAST($6 AS integer), "
            "CAST($7 AS bigint), CAST($8 AS bigint), CAST($9 AS bigint), CAST($10 AS bigint), CAST($11 AS "
            "double precision), CAST($12 AS bigint), $13, CAST($14 AS double precision))",
            {id, request.name, schema, request.target.describe(), request.size.toString(),
             std::to_string(request.horizonMs / 86400000), std::to_string(out.nowMs), at,
             std::to_string(out.scored), std::to_string(out.members), exact(request.controlShare),
             std::to_string(out.controlSeed), model ? PgParam(model->label) : PgParam(),
             model ? PgParam(exact(model->auc)) : PgParam()});
        pg.execScript("DROP TABLE awb_new_audience; COMMIT");
    } catch (...) {
        pg.setCancelCheck({}); // the rollback itself must run
        pg.execScript("ROLLBACK");
        throw;
    }
}

} // namespace

Result<void> setCatalogDefinition(const std::string &uri, const catalog::CatalogDefinition &definition)
{
    if (auto valid = definition.validate(); !valid) {
        return fail(valid.error());
    }
    return detail::guarded([&]() -> Result<void> {
        const auto pg = PgConnection::connect(uri);
        const auto source = detail::segmentSource(*pg, uri);
        if (!source) {
            return fail(source.error());
        }
        writeCatalogDefinition(*pg, source->schema, definition);
        return {};
    });
}

Result<catalog::CatalogDefinition> catalogDefinition(const std::string &uri)
{
    return detail::guarded([&]() -> Result<catalog::CatalogDefinition> {
        const auto pg = PgConnection::connect(uri);
        const auto source = detail::segmentSource(*pg, uri);
        if (!source) {
            return fail(source.error());
        }
        return readCatalogDefinition(*pg, source->schema);
    });
}

Result<WarehouseAudience> createAudience(const std::string &uri, const WarehouseAudienceRequest &request,
                                         ProgressSink &progress)
{
    if (request.name.empty()) {
        return fail(Error::Code::InvalidInput, "An audience needs a name.");
    }
    return detail::guarded([&]() -> Result<WarehouseAudience> {
        const auto pg = detail::connectWatched(uri, progress);
        const auto source = detail::segmentSource(*pg, uri);
        if (!source) {
            return fail(source.error());
        }
        if (!detail::traitsTime(*pg, source->schema)) {
            progress.setStage("Joining identities");
            refreshWarehouseTraits(*pg, *source, latestEventMs(*pg, *source) + 1);
        }
        const PulledCatalog pulled =
            pullInteractions(*pg, *source, readCatalogDefinition(*pg, source->schema), progress);
        const auto items = resolveTarget(pulled, request.target);
        if (!items) {
            return fail(items.error());
        }
        services::ScoreRequest scoreRequest;
        scoreRequest.target = request.target;
        scoreRequest.asOfMs = request.asOfMs;
        scoreRequest.horizonMs = request.horizonMs;
        scoreRequest.everyone = request.everyone;
        const auto scores = services::scoreInput(pulled.input, *items, scoreRequest, progress);
        if (!scores) {
            return fail(scores.error());
        }
        WarehouseAudience out;
        out.nowMs = scores->nowMs;
        out.interactions = static_cast<std::int64_t>(pulled.input.data.log.ts.size());
        out.scored = static_cast<std::int64_t>(scores->ranked.size());
        out.members = request.size.resolve(out.scored);
        out.controlSeed = request.controlSeed.value_or(audience::newControlSeed());
        out.backtest = scores->backtest;
        out.note = scores->note;
        out.tuning = scores->tuning;
        const std::vector<bool> control = audience::drawControlGroup(static_cast<std::size_t>(out.members),
                                                                     {request.controlShare, out.controlSeed});
        out.controlSize = std::count(control.begin(), control.end(), true);
        progress.setStage("Writing " + std::to_string(out.members) + " members");
        storeMembers(*pg, source->schema, request, pulled.input, *scores, control, out);
        return out;
    });
}

} // namespace awb::warehouse
