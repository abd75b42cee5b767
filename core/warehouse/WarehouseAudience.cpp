// SPDX-License-Identifier: GPL-3.0-or-later
#include "warehouse/WarehouseAudience.h"

#include "audience/ControlGroup.h"
#include "common/Time.h"
#include "services/ScoringService.h"
#include "services/StreamScorer.h"
#include "warehouse/WarehouseCatalog.h"
#include "warehouse/WarehouseSession.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_set>

namespace awb::warehouse {

namespace {

const char *const kAudienceTables =
    "CREATE SCHEMA IF NOT EXISTS awb; "
    "CREATE TABLE IF NOT EXISTS awb.audiences (audience_id bigint NOT NULL, name text NOT NULL, "
    "source_schema text NOT NULL, target text NOT NULL, size_rule text NOT NULL, horizon_days integer NOT "
    "NULL, as_of_ms bigint NOT NULL, created_at_ms bigint NOT NULL, scored bigint NOT NULL, members bigint "
    "NOT NULL, control_share double precision NOT NULL, control_seed bigint NOT NULL, quality text, auc "
    "double precision, sample_share double precision NOT NULL, parts integer NOT NULL, score_histogram text "
    "NOT "
    "NULL); "
    "CREATE TABLE IF NOT EXISTS awb.audience_memberships (person_id text NOT NULL, audience_id bigint NOT "
    "NULL, score double precision NOT NULL, rank integer NOT NULL, control boolean NOT NULL); "
    "CREATE TABLE IF NOT EXISTS awb.audience_membership_log (audience_id bigint NOT NULL, person_id text NOT "
    "NULL, at_ms bigint NOT NULL, event_type text NOT NULL)";

// Who may enter (the request's onlyIn and excluding): the labels admitted, and the same as a condition on
// the person column p.person for counting in the warehouse.
struct PopulationFilter
{
    std::optional<std::unordered_set<std::string>> only;
    std::unordered_set<std::string> excluded;
    std::string sql; ///< " AND p.person IN (...)", " AND p.person NOT IN (...)"
    std::vector<PgParam> params;

    bool restricts() const { return only.has_value() || !excluded.empty(); }
    bool admits(const std::string &label) const
    {
        return (!only || only->count(label) > 0) && excluded.count(label) == 0;
    }
};

// The labels of the members of an audience of that name (its control group too, as in a workspace), else of
// a saved segment of the schema as last saved: a subquery whose parameters are $N0, $N1..., and their values.
// NotFound names it.
struct MembersQuery
{
    std::string sql;
    std::vector<PgParam> params;

    // The subquery with its parameters numbered from first on.
    std::string numbered(int first) const
    {
        std::string out = sql;
        for (std::size_t i = params.size(); i-- > 0;) {
            const std::string placeholder = "$N" + std::to_string(i);
            out.replace(out.find(placeholder), placeholder.size(),
                        "$" + std::to_string(first + static_cast<int>(i)));
        }
        return out;
    }
};

Result<MembersQuery> membersOf(PgConnection &pg, const std::string &schema, const std::string &name)
{
    if (const auto id = detail::audienceIdOf(pg, schema, name)) {
        return MembersQuery{
            "SELECT person_id FROM awb.audience_memberships WHERE audience_id = CAST($N0 AS bigint)",
            {std::to_string(*id)}};
    }
    if (detail::savedSegmentsReady(pg, schema) &&
        pg.exec("SELECT count(*) FROM awb.segments WHERE name = $1 AND source_schema = $2", {name, schema})
                .int64(0, 0) > 0) {
        return MembersQuery{
            "SELECT person_key FROM awb.segment_members WHERE segment_name = $N0 AND source_schema = $N1",
            {name, schema}};
    }
    return fail(Error::Code::NotFound, "No audience or saved segment named '" + name +
                                           "' in the warehouse to restrict the population to (awb audience "
                                           "create, awb segment save).");
}

// The request's population read from the warehouse; its SQL parameters are numbered from firstParam on.
Result<PopulationFilter> readPopulation(PgConnection &pg, const std::string &schema,
                                        const WarehouseAudienceRequest &request, int firstParam)
{
    PopulationFilter out;
    for (const bool only : {true, false}) {
        const std::string &name = only ? request.onlyIn : request.excluding;
        if (name.empty()) {
            continue;
        }
        const auto members = membersOf(pg, schema, name);
        if (!members) {
            return fail(members.error());
        }
        const PgResult rows = pg.exec(members->numbered(1), members->params);
        std::unordered_set<std::string> labels;
        for (int r = 0; r < rows.rows(); ++r) {
            labels.emplace(rows.text(r, 0));
        }
        const int first = firstParam + static_cast<int>(out.params.size());
        out.params.insert(out.params.end(), members->params.begin(), members->params.end());
        out.sql += std::string(only ? " AND p.person IN (" : " AND p.person NOT IN (") +
                   members->numbered(first) + ")";
        if (only) {
            out.only = std::move(labels);
        } else {
            out.excluded = std::move(labels);
        }
    }
    return out;
}

std::string exact(double v)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", v);
    return buffer;
}

// Writes the members in one transaction: COPY into a temporary table, the enter / exit log against the
// previous snapshot with EXCEPT, then the snapshot replaced.
void storeMembers(PgConnection &pg, const std::string &schema, const WarehouseAudienceRequest &request,
                  const std::vector<services::StreamedMember> &ranked, const std::vector<bool> &control,
                  WarehouseAudience &out)
{
    pg.execScript("BEGIN");
    try {
        pg.execScript(kAudienceTables);
        out.audienceId =
            detail::audienceIdOf(pg, schema, request.name)
                .value_or(pg.exec("SELECT coalesce(max(audience_id), 0) + 1 FROM awb.audiences").int64(0, 0));
        const std::string id = std::to_string(out.audienceId);
        pg.execScript(
            "DROP TABLE IF EXISTS awb_new_audience; CREATE TEMP TABLE awb_new_audience (person_id "
            "text NOT NULL, score double precision NOT NULL, rank integer NOT NULL, control boolean "
            "NOT NULL)");
        std::string rows;
        for (std::int64_t r = 0; r < out.members; ++r) {
            const services::StreamedMember &p = ranked[static_cast<std::size_t>(r)];
            copyField(rows, p.label);
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
        const numeric::Quality *model = out.backtest.empty() ? nullptr : &out.backtest.front();
        std::string histogram;
        for (const std::int64_t people : out.histogram) {
            histogram += (histogram.empty() ? "" : ",") + std::to_string(people);
        }
        pg.exec(
            "INSERT INTO awb.audiences VALUES (CAST($1 AS bigint), $2, $3, $4, $5, CAST($6 AS integer), "
            "CAST($7 AS bigint), CAST($8 AS bigint), CAST($9 AS bigint), CAST($10 AS bigint), CAST($11 AS "
            "double precision), CAST($12 AS bigint), $13, CAST($14 AS double precision), CAST($15 AS double "
            "precision), CAST($16 AS integer), $17)",
            {id, request.name, schema, request.target.describe(), request.size.toString(),
             std::to_string(request.horizonMs / services::kDayMs), std::to_string(out.nowMs), at,
             std::to_string(out.scored), std::to_string(out.members), exact(request.controlShare),
             std::to_string(out.controlSeed), model ? PgParam(model->label) : PgParam(),
             model ? PgParam(exact(model->auc)) : PgParam(), exact(out.sampleShare),
             std::to_string(out.parts), histogram});
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
        // People are joined by the last traits refresh: again when events came in since.
        const std::int64_t latest = latestEventMs(*pg, *source);
        if (detail::identitiesLatestEvent(*pg, source->schema) != latest) {
            progress.setStage("Joining identities");
            refreshWarehouseTraits(*pg, *source,
                                   detail::traitsTime(*pg, source->schema).value_or(latest + 1));
        }
        const catalog::CatalogDefinition definition = readCatalogDefinition(*pg, source->schema);
        // $1 of the candidates count below is the as-of time.
        const auto population = readPopulation(*pg, source->schema, request, 2);
        if (!population) {
            return fail(population.error());
        }
        WarehouseAudience out;
        // Held in memory at once: everything when it fits, else a sample of the people to train on, and the
        // people in parts for scoring.
        const std::int64_t budget = std::max<std::int64_t>(1, request.memoryInteractions);
        const std::int64_t rows = catalogEventRows(*pg, *source, definition);
        out.sampleShare = request.sampleShare.value_or(
            rows <= budget ? 1.0 : static_cast<double>(budget) / static_cast<double>(rows));
        progress.setStage("Reading the sample");
        PulledCatalog sample =
            pullInteractions(*pg, *source, definition, progress, PersonRange::share(out.sampleShare));
        sample.input.data.latestEventMs = latest;
        out.interactions = static_cast<std::int64_t>(sample.input.data.log.ts.size());
        out.sampled = static_cast<std::int64_t>(sample.input.labels.size());
        const double estimated = static_cast<double>(out.interactions) / std::max(out.sampleShare, 1e-9);
        out.parts = request.parts.value_or(
            std::max(1, static_cast<int>(std::ceil(estimated / static_cast<double>(budget)))));
        const bool streamed = out.parts > 1 || out.sampleShare < 1.0;
        const auto items = resolveTarget(sample, request.target);
        if (!items) {
            return fail(items.error());
        }
        services::ScoreRequest scoreRequest;
        scoreRequest.target = request.target;
        scoreRequest.asOfMs = request.asOfMs;
        scoreRequest.horizonMs = request.horizonMs;
        scoreRequest.everyone = request.everyone;
        if (population->restricts()) {
            std::vector<std::int64_t> admitted;
            for (std::size_t r = 0; r < sample.input.labels.size(); ++r) {
                if (population->admits(sample.input.labels[r])) {
                    admitted.push_back(sample.input.data.profileIds[r]);
                }
            }
            std::sort(admitted.begin(), admitted.end());
            scoreRequest.eligible.only = std::move(admitted);
        }
        services::FittedScorer fitted;
        const auto scores =
            services::scoreInput(sample.input, *items, scoreRequest, progress, streamed ? &fitted : nullptr);
        if (!scores) {
            return fail(scores.error());
        }
        out.nowMs = scores->nowMs;
        out.backtest = scores->backtest;
        out.note = scores->note;
        out.tuning = scores->tuning;
        std::vector<services::StreamedMember> ranked;
        if (!streamed) {
            out.scored = static_cast<std::int64_t>(scores->ranked.size());
            out.members = request.size.resolve(out.scored);
            for (const services::ScoredProfile &p : scores->ranked) {
                ++out.histogram[static_cast<std::size_t>(
                    std::clamp(static_cast<int>(p.probability * 100.0), 0, 99))];
                if (static_cast<std::int64_t>(ranked.size()) < out.members) {
                    ranked.push_back(
                        {sample.input.labels[static_cast<std::size_t>(p.profileId)], p.probability});
                }
            }
        } else {
            sample = PulledCatalog(); // the models keep what scoring needs
            // Everyone scored a part at a time; only the best members and the histogram are kept.
            std::vector<PgParam> params = {std::to_string(out.nowMs)};
            params.insert(params.end(), population->params.begin(), population->params.end());
            const PgResult candidates = pg->exec(
                std::string("SELECT count(*) FROM awb.people p WHERE p.first_seen < CAST($1 AS bigint)") +
                    (request.everyone ? "" : " AND substr(p.person, 1, 1) = '0'") + population->sql,
                params);
            out.members = request.size.resolve(candidates.int64(0, 0));
            services::StreamScorer scorer(
                fitted, out.members,
                population->restricts()
                    ? std::function<bool(const std::string &)>(
                          [&](const std::string &label) { return population->admits(label); })
                    : std::function<bool(const std::string &)>());
            for (int part = 0; part < out.parts; ++part) {
                progress.setStage("Scoring part " + std::to_string(part + 1) + " of " +
                                  std::to_string(out.parts));
                const PulledCatalog chunk =
                    pullInteractions(*pg, *source, definition, progress, PersonRange::part(part, out.parts));
                if (!scorer.add(chunk.input, progress)) {
                    return fail(Error::cancelled());
                }
            }
            out.scored = scorer.scored();
            out.histogram = scorer.histogram();
            ranked = scorer.ranked();
            out.members = static_cast<std::int64_t>(ranked.size());
        }
        out.controlSeed = request.controlSeed.value_or(audience::newControlSeed());
        const std::vector<bool> control = audience::drawControlGroup(static_cast<std::size_t>(out.members),
                                                                     {request.controlShare, out.controlSeed});
        out.controlSize = std::count(control.begin(), control.end(), true);
        progress.setStage("Writing " + std::to_string(out.members) + " members");
        storeMembers(*pg, source->schema, request, ranked, control, out);
        return out;
    });
}

} // namespace awb::warehouse
