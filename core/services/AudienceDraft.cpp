// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/AudienceDraft.h"

#include "audience/AudienceRepository.h"
#include "audience/ControlGroup.h"
#include "common/Text.h"
#include "jobs/Progress.h"
#include "services/SegmentService.h"
#include "services/WithWorkspace.h"
#include "store/Database.h"
#include "store/StoreError.h"
#include "traits/Reachability.h"

#include <algorithm>
#include <chrono>

namespace awb::services {

namespace {

constexpr std::size_t kMaxNameLength = 200;
constexpr std::int64_t kProgressEvery = 4096;

std::string trimmedName(const std::string &name)
{
    const auto first = name.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    return name.substr(first, name.find_last_not_of(" \t\r\n") - first + 1);
}

Result<void> validate(const DraftCreate &what)
{
    const std::string name = trimmedName(what.name);
    if (name.empty() || name.size() > kMaxNameLength) {
        return fail(Error::Code::InvalidInput, "An audience needs a name (1 to 200 characters).");
    }
    const audience::SizeRule &size = what.size;
    if (size.kind == audience::SizeRule::Kind::Percent ? !(size.percent > 0 && size.percent <= 100)
                                                       : size.count < 1) {
        return fail(Error::Code::InvalidInput,
                    "Bad audience size " + size.toString() +
                        ": give a percentage in (0, 100] or a count of at least 1.");
    }
    if (!(what.controlShare >= 0 && what.controlShare <= audience::kMaxControlShare)) {
        return fail(Error::Code::InvalidInput, "Bad control group share: give 0% to 50% of the members.");
    }
    for (const ExportRequest &d : what.destinations) {
        if (auto preset = exports::makePreset(d.preset, d.columns); !preset) {
            return fail(preset.error());
        }
        if (d.outFile.empty()) {
            return fail(Error::Code::InvalidInput, "Export preset " + d.preset + " given without a file.");
        }
    }
    return {};
}

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The members of one audience or saved segment, ascending (segments evaluated as of asOf).
Result<std::vector<std::int64_t>> membersOf(const std::string &path, const std::string &name,
                                            audience::MemberSource source, std::optional<std::int64_t> asOf,
                                            ProgressSink &progress)
{
    if (source == audience::MemberSource::Segment) {
        TraitRequest traits;
        traits.asOfMs = asOf;
        auto ids = SegmentService(path).members(name, traits, progress);
        if (!ids && ids.error().code == Error::Code::NotFound) {
            return fail(Error::Code::NotFound, "No segment named '" + name + "' to restrict the population to.");
        }
        return ids;
    }
    return flatten(withWorkspace<Result<std::vector<std::int64_t>>>(
        path, "Audiences", [&](store::Database &db) -> Result<std::vector<std::int64_t>> {
            audience::AudienceRepository repo(db);
            const auto found = repo.find(name);
            if (!found) {
                return fail(Error::Code::NotFound,
                            "No audience named '" + name + "' to restrict the population to.");
            }
            auto ids = repo.memberProfiles(found->id);
            std::sort(ids.begin(), ids.end());
            return ids;
        }));
}

// Who the population admits, by profile id.
Result<EligibleProfiles> resolve(const std::string &path, const DraftRequest &request, ProgressSink &progress)
{
    const audience::Population &population = request.population;
    EligibleProfiles out;
    if (!population.onlyIn.empty()) {
        auto only = membersOf(path, population.onlyIn, population.onlyInSource, request.asOfMs, progress);
        if (!only) {
            return fail(only.error());
        }
        out.only = std::move(*only);
    }
    if (!population.excluding.empty()) {
        auto excluded =
            membersOf(path, population.excluding, population.excludingSource, request.asOfMs, progress);
        if (!excluded) {
            return fail(excluded.error());
        }
        out.excluded = std::move(*excluded);
    }
    return out;
}

// The reach flags of the scored profiles, in the order of scores.ranked (empty when they cannot be read: the
// counts then read 0 rather than the draft failing over a read-out).
traits::ReachFlags reachOf(const std::string &path, const ScoreResult &scores)
{
    std::vector<std::int64_t> ids;
    ids.reserve(scores.ranked.size());
    for (const ScoredProfile &p : scores.ranked) {
        ids.push_back(p.profileId);
    }
    std::sort(ids.begin(), ids.end());
    auto flags = withWorkspace<traits::ReachFlags>(
        path, "Audiences", [&](store::Database &db) { return traits::readReachability(db, ids); });
    traits::ReachFlags out;
    if (!flags) {
        return out;
    }
    for (const ScoredProfile &p : scores.ranked) {
        const auto at = std::lower_bound(ids.begin(), ids.end(), p.profileId) - ids.begin();
        traits::appendRow(out, *flags, static_cast<std::size_t>(at));
    }
    return out;
}

// Stores the top members and the frozen quality in one transaction, then marks the audience live.
Result<void> storeMembers(store::Database &db, audience::AudienceInfo &info, const AudienceDraft &draft,
                          ProgressSink &progress)
{
    const ScoreResult &scores = draft.scores();
    info.asOfMs = scores.nowMs;
    info.eligible = draft.curve().eligible();
    info.size = info.sizeRule.resolve(info.eligible);
    audience::AudienceQuality quality = audience::freezeQuality(draft.curve(), scores.backtest, info.size);
    quality.population = draft.request().population.describe();
    quality.backtestPopulation = draft.backtestPopulation();
    quality.reachableByEmail = draft.reachableByEmail(info.size);
    info.reachableByEmail = quality.reachableByEmail;

    progress.setStage("Storing " + std::to_string(info.size) + " members");
    progress.setRange(info.size);
    const std::vector<bool> control = audience::drawControlGroup(static_cast<std::size_t>(info.size), info.control);
    info.controlSize = std::count(control.begin(), control.end(), true);
    store::Transaction tx(db);
    audience::AudienceRepository::MemberInserter insert(db, info.id);
    for (std::int64_t r = 0; r < info.size; ++r) {
        const ScoredProfile &p = scores.ranked[static_cast<std::size_t>(r)];
        insert.add(r + 1, p.profileId, p.probability, control[static_cast<std::size_t>(r)]);
        if ((r + 1) % kProgressEvery == 0) {
            progress.setValue(r + 1);
            if (progress.isCancelled()) {
                return fail(Error::cancelled()); // tx rolls back
            }
        }
    }
    audience::AudienceRepository(db).markLive(info, audience::qualityToJson(quality));
    tx.commit();
    progress.setValue(info.size);
    info.status = audience::AudienceStatus::Live;
    if (!scores.backtest.empty()) {
        info.qualityLabel = scores.backtest.front().label;
        info.auc = scores.backtest.front().auc;
    }
    return {};
}

// The destinations, in order; a failed one is reported and the others are still written.
void writeDestinations(const std::string &path, const DraftCreate &what, AudienceCreated &out,
                       ProgressSink &progress)
{
    for (ExportRequest request : what.destinations) {
        request.audience = out.audience.name;
        auto written = ExportService(path).exportAudience(request, progress);
        if (written) {
            out.exports.push_back(std::move(*written));
        } else if (written.error().isCancelled()) {
            return; // the audience stays; the remaining files are not written
        } else {
            out.exportErrors.push_back(written.error());
        }
    }
}

} // namespace

AudienceDraft::AudienceDraft(DraftRequest request, ScoreResult scores, traits::ReachFlags reach)
    : m_request(std::move(request)), m_scores(std::move(scores))
{
    // One rank order everywhere: probability, then profile id.
    std::vector<std::size_t> order(m_scores.ranked.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    const auto &ranked = m_scores.ranked;
    const auto before = [&](std::size_t a, std::size_t b) {
        return ranked[a].probability > ranked[b].probability ||
               (ranked[a].probability == ranked[b].probability && ranked[a].profileId < ranked[b].profileId);
    };
    // ScoringService ranks in this order already; only scores from elsewhere need the sort.
    if (!std::is_sorted(order.begin(), order.end(), before)) {
        std::sort(order.begin(), order.end(), before);
    }
    std::vector<ScoredProfile> sorted;
    sorted.reserve(order.size());
    std::vector<double> probabilities;
    probabilities.reserve(order.size());
    const bool known = reach.identified.size() == order.size() && !order.empty();
    m_reachableBefore.assign(order.size() + 1, 0);
    for (std::size_t r = 0; r < order.size(); ++r) {
        sorted.push_back(std::move(m_scores.ranked[order[r]]));
        probabilities.push_back(sorted.back().probability);
        if (known) {
            traits::appendRow(m_reach, reach, order[r]);
        }
        m_reachableBefore[r + 1] = m_reachableBefore[r] + (known && m_reach.reachableByEmail(r) ? 1 : 0);
    }
    m_scores.ranked = std::move(sorted);
    m_curve = audience::PropensityCurve(std::move(probabilities));
    m_chart = audience::freezeQuality(m_curve, m_scores.backtest, 0);
    m_chart.population = m_request.population.describe();
    m_chart.backtestPopulation = backtestPopulation();
}

Result<AudienceDraft> AudienceDraft::score(const std::string &workspacePath, const DraftRequest &request,
                                           ProgressSink &progress)
{
    auto eligible = resolve(workspacePath, request, progress);
    if (!eligible) {
        return fail(eligible.error());
    }
    ScoreRequest score;
    score.target = request.target;
    score.asOfMs = request.asOfMs;
    score.horizonMs = request.horizonMs;
    score.everyone = request.population.everyone;
    score.eligible = std::move(*eligible);
    auto scores = ScoringService(workspacePath).score(score, progress);
    if (!scores) {
        return fail(scores.error());
    }
    traits::ReachFlags reach = reachOf(workspacePath, *scores);
    return AudienceDraft(request, std::move(*scores), std::move(reach));
}

AudienceDraft AudienceDraft::fromScores(DraftRequest request, ScoreResult scores, traits::ReachFlags reach)
{
    return AudienceDraft(std::move(request), std::move(scores), std::move(reach));
}

std::int64_t AudienceDraft::writtenBy(const std::string &presetId, std::int64_t size) const
{
    const auto preset = exports::makePreset(presetId);
    if (!preset) {
        return -1;
    }
    const auto n = static_cast<std::size_t>(std::clamp<std::int64_t>(size, 0, m_curve.eligible()));
    std::int64_t written = 0;
    for (std::size_t r = 0; r < n && r < m_reach.identified.size(); ++r) {
        written += traits::writtenBy(*preset, m_reach, r) ? 1 : 0;
    }
    return written;
}

std::int64_t AudienceDraft::reachableByEmail(std::int64_t size) const
{
    const auto n = static_cast<std::size_t>(std::clamp<std::int64_t>(size, 0, m_curve.eligible()));
    return m_reachableBefore[n];
}

bool AudienceDraft::insufficientData() const
{
    return m_scores.backtest.empty() || m_scores.backtest.front().label == numeric::kInsufficientData;
}

std::string AudienceDraft::backtestPopulation() const
{
    if (m_scores.backtest.empty()) {
        return "no backtest";
    }
    const numeric::Quality &q = m_scores.backtest.front();
    const std::string who = m_request.population.everyone ? "people" : "identified people";
    return "backtest over " + withThousands(static_cast<std::int64_t>(q.rows)) + " " +
           (m_request.population.isUnrestricted() ? who : m_request.population.describe()) +
           " with history, " + withThousands(static_cast<std::int64_t>(q.positives)) + " of them engaged";
}

Result<void> AudienceDraft::check(const std::string &workspacePath, const DraftCreate &what)
{
    if (auto ok = validate(what); !ok) {
        return ok;
    }
    auto taken = withWorkspace<bool>(workspacePath, "Audiences", [&](store::Database &db) {
        audience::AudienceRepository repo(db);
        repo.removeAbandoned(); // a creation killed earlier no longer holds its name
        return repo.nameExists(trimmedName(what.name));
    });
    if (!taken) {
        return fail(taken.error());
    }
    if (*taken) {
        return fail(Error::Code::InvalidInput,
                    "An audience named '" + trimmedName(what.name) + "' already exists; choose another name.");
    }
    return {};
}

Result<AudienceCreated> AudienceDraft::create(const std::string &workspacePath, const DraftCreate &what,
                                              ProgressSink &progress) const
{
    if (auto ok = validate(what); !ok) {
        return fail(ok.error());
    }
    if (m_scores.ranked.empty()) {
        return fail(Error::Code::InvalidInput,
                    "No profile could be scored for " + m_scores.target +
                        " among " + m_request.population.describe() + ".");
    }
    auto db = store::Database::open(workspacePath, store::Database::OpenMode::OpenExisting);
    if (!db) {
        return fail(db.error());
    }
    audience::AudienceInfo info;
    info.name = trimmedName(what.name);
    info.description = what.description;
    info.target = m_request.target;
    info.horizonMs = m_request.horizonMs;
    info.asOfMs = m_scores.nowMs;
    info.sizeRule = what.size;
    info.createdAtMs = nowMs();
    if (what.controlShare > 0) {
        info.control = {what.controlShare, what.controlSeed.value_or(audience::newControlSeed())};
    }
    audience::AudienceRepository repo(**db);
    try {
        repo.removeAbandoned(); // a creation killed earlier no longer holds its name
        if (repo.nameExists(info.name)) {
            return fail(Error::Code::InvalidInput,
                        "An audience named '" + info.name + "' already exists; choose another name.");
        }
        info.id = repo.insert(info); // status computing: visible to other connections while storing
    } catch (const store::StoreError &e) {
        return fail(Error::Code::Database, "Cannot create audience '" + info.name + "': " + e.what());
    }
    const auto abandon = [&](Error error) -> Result<AudienceCreated> {
        try {
            repo.remove(info.id);
        } catch (const store::StoreError &) {
            // Leave the computing row: removeAbandoned() deletes it later; the error below is what matters.
        }
        return fail(std::move(error));
    };
    try {
        if (auto stored = storeMembers(**db, info, *this, progress); !stored) {
            return abandon(stored.error());
        }
    } catch (const store::StoreError &e) {
        return abandon({Error::Code::Database, "Cannot store audience '" + info.name + "': " + e.what(), {}});
    }
    AudienceCreated out{info, {}, {}};
    writeDestinations(workspacePath, what, out, progress);
    return out;
}

} // namespace awb::services
