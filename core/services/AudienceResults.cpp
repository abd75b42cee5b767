// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/AudienceResults.h"

#include "audience/AudienceRepository.h"
#include "common/Text.h"
#include "ingest/Timestamp.h"
#include "model/InteractionLoader.h"
#include "services/WithWorkspace.h"
#include "store/Statement.h"

#include <cmath>
#include <cstdio>
#include <unordered_map>
#include <unordered_set>

namespace awb::services {

namespace {

struct Conversion
{
    double revenue = 0;
};
using Conversions = std::unordered_map<std::int64_t, Conversion>;

/// from_id -> the profile it lives on in now (merges are retargeted to the survivor when they chain).
std::unordered_map<std::int64_t, std::int64_t> mergedInto(store::Database &db)
{
    std::unordered_map<std::int64_t, std::int64_t> into;
    auto st = db.prepare("SELECT from_id, into_id FROM profile_merges");
    while (st.step()) {
        into[st.int64(0)] = st.int64(1);
    }
    return into;
}

std::int64_t current(const std::unordered_map<std::int64_t, std::int64_t> &into, std::int64_t id)
{
    for (int hops = 0; hops < 64; ++hops) { // retargeted merges take one hop; the bound guards a cycle
        const auto it = into.find(id);
        if (it == into.end()) {
            break;
        }
        id = it->second;
    }
    return id;
}

/// Profiles with an interaction with a target item in [from, to), with its value (price x quantity).
Result<Conversions> targetConversions(store::Database &db, const model::Target &target, std::int64_t from,
                                      std::int64_t to)
{
    auto items = model::resolveTarget(db, target);
    if (!items) {
        return fail(items.error());
    }
    auto st = db.prepare("SELECT profile_id, sum(value) FROM catalog_interactions WHERE ts >= ? AND ts < ? AND "
                         "item IN (SELECT value FROM json_each(?)) GROUP BY profile_id");
    st.bind(1, from).bind(2, to).bind(3, jsonArrayOf(*items));
    Conversions out;
    while (st.step()) {
        out[st.int64(0)].revenue = st.real(1);
    }
    return out;
}

/// Profiles with the event in [from, to), with the value of its products.
Result<Conversions> eventConversions(store::Database &db, const std::string &event, std::int64_t from,
                                     std::int64_t to)
{
    auto name = db.prepare("SELECT id FROM event_names WHERE name = ?");
    name.bind(1, event);
    if (!name.step()) {
        return fail(Error::Code::InvalidInput, "No event named '" + event + "' in the workspace.");
    }
    auto st = db.prepare("SELECT e.profile_id, sum(coalesce(p.price * coalesce(p.quantity, 1), 0)) FROM events e "
                         "LEFT JOIN event_products p ON p.event_id = e.id "
                         "WHERE e.name_id = ? AND e.ts >= ? AND e.ts < ? GROUP BY e.profile_id");
    st.bind(1, name.int64(0)).bind(2, from).bind(3, to);
    Conversions out;
    while (st.step()) {
        out[st.int64(0)].revenue = st.real(1);
    }
    return out;
}

std::string percent(double share)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * share);
    return buffer;
}

std::string points(double share)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%+.1f", 100.0 * share);
    return buffer;
}

std::string money(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
    return buffer;
}

std::string group(const char *label, const audience::GroupOutcome &g)
{
    return std::string("  ") + label + withThousands(g.members) + " members, " + withThousands(g.converted) +
           " converted (" + percent(g.rate()) + "), revenue per member " + money(g.revenuePerMember()) + "\n";
}

} // namespace

Result<AudienceOutcome> audienceResults(const std::string &workspacePath, const ResultsRequest &request)
{
    return flatten(withWorkspace<Result<AudienceOutcome>>(
        workspacePath, "Results", [&](store::Database &db) -> Result<AudienceOutcome> {
            audience::AudienceRepository repo(db);
            const auto info = repo.find(request.audience);
            if (!info) {
                return fail(Error::Code::NotFound, "No audience named '" + request.audience + "'.");
            }
            if (info->status != audience::AudienceStatus::Live) {
                return fail(Error::Code::InvalidInput, "Audience '" + request.audience + "' is still computing.");
            }
            AudienceOutcome out;
            out.audience = *info;
            out.fromMs = request.sinceMs.value_or(info->asOfMs);
            out.toMs = out.fromMs + info->horizonMs;
            out.latestEventMs = db.queryInt("SELECT max(ts) FROM events");
            Result<Conversions> converted = Conversions{};
            if (request.event.empty()) {
                out.conversion = "engaged with " + info->target.describe();
                converted = targetConversions(db, info->target, out.fromMs, out.toMs);
                out.catalogStale = db.queryInt("SELECT max(finished_at) FROM import_runs") >
                                   db.queryInt("SELECT max(built_at) FROM catalog_builds");
            } else {
                out.conversion = "did " + request.event;
                converted = eventConversions(db, request.event, out.fromMs, out.toMs);
            }
            if (!converted) {
                return fail(converted.error());
            }
            const auto into = mergedInto(db);
            Conversions now; // by the profile each converted one is today
            for (const auto &[profile, c] : *converted) {
                now[current(into, profile)].revenue += c.revenue;
            }
            // Members in rank order, as the profiles they are today; a person in both groups (merged since)
            // was exported, so counts there only.
            auto st = db.prepare("SELECT profile_id, score, control FROM audience_members WHERE audience_id = ? "
                                 "ORDER BY rank");
            st.bind(1, info->id);
            std::vector<audience::MemberOutcome> members;
            std::vector<std::int64_t> profiles;
            std::unordered_set<std::int64_t> exported;
            while (st.step()) {
                const std::int64_t profile = current(into, st.int64(0));
                const bool control = st.int64(2) != 0;
                members.push_back({st.real(1), control, false, 0});
                profiles.push_back(profile);
                if (!control) {
                    exported.insert(profile);
                }
            }
            std::unordered_set<std::int64_t> counted;
            std::vector<audience::MemberOutcome> kept;
            for (std::size_t i = 0; i < members.size(); ++i) {
                audience::MemberOutcome m = members[i];
                if ((m.control && exported.count(profiles[i]) > 0) || !counted.insert(profiles[i]).second) {
                    continue; // the same person as an exported (or an earlier) member
                }
                if (const auto it = now.find(profiles[i]); it != now.end()) {
                    m.converted = true;
                    m.revenue = it->second.revenue;
                }
                kept.push_back(m);
            }
            out.results = audience::measureCampaign(kept);
            return out;
        }));
}

std::string AudienceOutcome::toText() const
{
    const audience::CampaignResults &r = results;
    std::string s = "results of audience '" + audience.name + "': " + conversion + " from " +
                    ingest::formatTimestamp(fromMs) + " to " + ingest::formatTimestamp(toMs) + "\n";
    if (windowOpen()) {
        const double observed = std::max<double>(0, static_cast<double>(latestEventMs - fromMs));
        char days[64];
        std::snprintf(days, sizeof days, "%.0f of %.0f days", observed / 86'400'000.0,
                      static_cast<double>(toMs - fromMs) / 86'400'000.0);
        s += "  note: the window is not over: the latest event is from " + ingest::formatTimestamp(latestEventMs) +
             " (" + days + " observed)\n";
    }
    if (catalogStale) {
        s += "  note: events were imported after the catalog was built; rebuild it to count their interactions\n";
    }
    s += group("exported: ", r.exported);
    s += group("control:  ", r.control);
    if (!r.measurable) {
        s += "  lift: not measurable (the audience has no control group)\n";
    } else {
        char incremental[32];
        std::snprintf(incremental, sizeof incremental, "%.1f", r.incremental);
        s += "  lift:     " + points(r.lift) + " points (95% CI " + points(r.liftLow) + " to " + points(r.liftHigh) +
             "), about " + incremental + " conversions added\n";
    }
    s += "decile,members,predicted,observed,exported_rate,control_rate\n";
    for (std::size_t d = 0; d < r.deciles.size(); ++d) {
        const audience::DecileOutcome &o = r.deciles[d];
        s += std::to_string(d + 1) + "," + std::to_string(o.members) + "," + percent(o.predicted) + "," +
             percent(o.observed()) + "," + percent(o.exported.rate()) + "," +
             (o.control.members > 0 ? percent(o.control.rate()) : std::string("-")) + "\n";
    }
    return s;
}

Result<std::vector<std::string>> conversionEvents(const std::string &workspacePath)
{
    return withWorkspace<std::vector<std::string>>(workspacePath, "Event names", [](store::Database &db) {
        std::vector<std::string> names;
        auto st = db.prepare("SELECT name FROM event_names ORDER BY name");
        while (st.step()) {
            names.push_back(st.text(0));
        }
        return names;
    });
}

} // namespace awb::services
