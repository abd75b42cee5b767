// SPDX-License-Identifier: GPL-3.0-or-later
#include "warehouse/WarehouseAudienceStore.h"

#include "services/ScoringService.h"
#include "warehouse/PgConnection.h"
#include "warehouse/WarehouseSession.h"

#include <algorithm>
#include <climits>

namespace awb::warehouse {

namespace {

const char *const kColumns =
    "a.audience_id, a.name, a.target, a.size_rule, a.horizon_days, a.as_of_ms, "
    "a.created_at_ms, a.scored, a.members, a.control_share, a.control_seed, a.quality, "
    "a.auc, (SELECT count(*) FROM awb.audience_memberships m WHERE m.audience_id = "
    "a.audience_id AND m.control)";

audience::AudienceInfo infoOf(const PgResult &rows, int r)
{
    audience::AudienceInfo a;
    a.id = rows.int64(r, 0);
    a.name = std::string(rows.text(r, 1));
    a.target = model::Target::parse(rows.text(r, 2)); // as stored: Target::describe()
    if (auto rule = audience::SizeRule::parse(std::string(rows.text(r, 3)))) {
        a.sizeRule = *rule;
    }
    a.horizonMs = rows.int64(r, 4) * services::kDayMs;
    a.asOfMs = rows.int64(r, 5);
    a.createdAtMs = rows.int64(r, 6);
    a.eligible = rows.int64(r, 7);
    a.size = rows.int64(r, 8);
    a.status = audience::AudienceStatus::Live;
    a.control.share = rows.real(r, 9);
    a.control.seed = static_cast<std::uint64_t>(rows.int64(r, 10));
    a.qualityLabel = rows.isNull(r, 11) ? std::string() : std::string(rows.text(r, 11));
    a.auc = rows.isNull(r, 12) ? 0.0 : rows.real(r, 12);
    a.controlSize = rows.int64(r, 13);
    return a;
}

bool hasAudiences(PgConnection &pg)
{
    return pg.exec(
                 "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'awb' AND table_name = "
                 "'audiences'")
               .int64(0, 0) > 0;
}

// The audience of that name in the source schema, or NotFound naming it.
Result<audience::AudienceInfo> find(PgConnection &pg, const std::string &uri, const std::string &name)
{
    if (const auto id = detail::audienceIdOf(pg, sourceSchemaOf(pg), name)) {
        const PgResult rows = pg.exec(std::string("SELECT ") + kColumns +
                                          " FROM awb.audiences a WHERE a.audience_id = CAST($1 AS bigint)",
                                      {std::to_string(*id)});
        if (rows.rows() > 0) {
            return infoOf(rows, 0);
        }
    }
    return fail(Error::Code::NotFound, "No audience named '" + name + "' was created in " + redactedUri(uri) +
                                           " (awb audience create).");
}

} // namespace

Result<std::vector<audience::AudienceInfo>> listAudiences(const std::string &uri)
{
    return detail::guarded([&]() -> Result<std::vector<audience::AudienceInfo>> {
        const auto pg = PgConnection::connect(uri);
        std::vector<audience::AudienceInfo> out;
        if (!hasAudiences(*pg)) {
            return out;
        }
        const PgResult rows = pg->exec(std::string("SELECT ") + kColumns +
                                           " FROM awb.audiences a WHERE a.source_schema = $1 ORDER BY a.name",
                                       {sourceSchemaOf(*pg)});
        for (int r = 0; r < rows.rows(); ++r) {
            out.push_back(infoOf(rows, r));
        }
        return out;
    });
}

Result<audience::AudienceInfo> audienceInfo(const std::string &uri, const std::string &name)
{
    return detail::guarded([&]() -> Result<audience::AudienceInfo> {
        const auto pg = PgConnection::connect(uri);
        return find(*pg, uri, name);
    });
}

Result<std::vector<audience::AudienceMember>> audienceMembers(const std::string &uri, const std::string &name,
                                                              std::int64_t offset, std::int64_t limit)
{
    return detail::guarded([&]() -> Result<std::vector<audience::AudienceMember>> {
        const auto pg = PgConnection::connect(uri);
        const auto info = find(*pg, uri, name);
        if (!info) {
            return fail(info.error());
        }
        const PgResult rows =
            pg->exec("SELECT rank, person_id, score, control FROM awb.audience_memberships WHERE audience_id "
                     "= CAST($1 AS "
                     "bigint) ORDER BY rank LIMIT CAST($2 AS bigint) OFFSET CAST($3 AS bigint)",
                     {std::to_string(info->id), std::to_string(limit > 0 ? limit : INT64_MAX),
                      std::to_string(std::max<std::int64_t>(0, offset))});
        std::vector<audience::AudienceMember> out;
        for (int r = 0; r < rows.rows(); ++r) {
            audience::AudienceMember m;
            m.rank = rows.int64(r, 0);
            m.key = std::string(rows.text(r, 1).substr(1));
            m.score = rows.real(r, 2);
            m.control = rows.text(r, 3) == "t";
            out.push_back(std::move(m));
        }
        return out;
    });
}

Result<void> removeAudience(const std::string &uri, const std::string &name)
{
    return detail::guarded([&]() -> Result<void> {
        const auto pg = PgConnection::connect(uri);
        const auto info = find(*pg, uri, name);
        if (!info) {
            return fail(info.error());
        }
        const std::vector<PgParam> id = {std::to_string(info->id)};
        pg->execScript("BEGIN");
        try {
            for (const char *table : {"audience_memberships", "audience_membership_log", "audiences"}) {
                pg->exec(std::string("DELETE FROM awb.") + table + " WHERE audience_id = CAST($1 AS bigint)",
                         id);
            }
            pg->execScript("COMMIT");
        } catch (...) {
            pg->execScript("ROLLBACK");
            throw;
        }
        return {};
    });
}

} // namespace awb::warehouse
