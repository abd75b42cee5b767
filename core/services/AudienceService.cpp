// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/AudienceService.h"

#include "audience/AudienceRepository.h"
#include "export/TraitReader.h"
#include "jobs/Progress.h"
#include "segments/SegmentRepository.h"
#include "services/SegmentService.h"
#include "services/WithWorkspace.h"
#include "store/Database.h"
#include "store/StoreError.h"

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

Result<void> validate(const AudienceSpec &spec)
{
    const std::string name = trimmedName(spec.name);
    if (name.empty() || name.size() > kMaxNameLength) {
        return fail(Error::Code::InvalidInput, "An audience needs a name (1 to 200 characters).");
    }
    const audience::SizeRule &size = spec.size;
    if (size.kind == audience::SizeRule::Kind::Percent ? !(size.percent > 0 && size.percent <= 100)
                                                       : size.count < 1) {
        return fail(Error::Code::InvalidInput,
                    "Bad audience size " + size.toString() +
                        ": give a percentage in (0, 100] or a count of at least 1.");
    }
    if (!spec.exportPreset.empty()) {
        if (auto preset = exports::makePreset(spec.exportPreset, spec.exportColumns); !preset) {
            return fail(preset.error());
        }
        if (spec.exportFile.empty()) {
            return fail(Error::Code::InvalidInput,
                        "Export preset " + spec.exportPreset + " given without a file.");
        }
    }
    return {};
}

Result<void> nameIsFree(audience::AudienceRepository &repo, const std::string &name)
{
    if (repo.nameExists(name)) {
        return fail(Error::Code::InvalidInput,
                    "An audience named '" + name + "' already exists; choose another name.");
    }
    return {};
}

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Stores the top members and the frozen quality in one transaction, then marks the audience live.
Result<void> storeSnapshot(store::Database &db, audience::AudienceInfo &info, const ScoreResult &scores,
                           const audience::Population &population, ProgressSink &progress)
{
    // Highest probability first; ties broken by profile id, so the cut is deterministic.
    std::vector<std::pair<double, std::int64_t>> order;
    order.reserve(scores.ranked.size());
    for (const ScoredProfile &p : scores.ranked) {
        order.emplace_back(p.probability, p.profileId);
    }
    std::sort(order.begin(), order.end(), [](const auto &a, const auto &b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
    });
    if (order.empty()) {
        return fail(
            Error::Code::InvalidInput,
            "No profile could be scored for " + scores.target +
                (population.isEveryone() ? std::string(".") : " among " + population.describe() + "."));
    }
    std::vector<double> probabilities(order.size());
    std::transform(order.begin(), order.end(), probabilities.begin(), [](const auto &o) { return o.first; });
    const audience::PropensityCurve curve(std::move(probabilities));
    info.asOfMs = scores.nowMs;
    info.eligible = curve.eligible();
    info.size = info.sizeRule.resolve(info.eligible);
    audience::AudienceQuality quality = audience::freezeQuality(curve, scores.backtest, info.size);
    quality.population = population.describe();

    progress.setStage("Storing " + std::to_string(info.size) + " members");
    progress.setRange(info.size);
    store::Transaction tx(db);
    audience::AudienceRepository::MemberInserter insert(db, info.id);
    for (std::int64_t r = 0; r < info.size; ++r) {
        const auto &[probability, profileId] = order[static_cast<std::size_t>(r)];
        insert.add(r + 1, profileId, probability);
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

audience::AudienceInfo newAudience(const AudienceSpec &spec, const ScoreResult *given)
{
    audience::AudienceInfo info;
    info.name = trimmedName(spec.name);
    info.description = spec.description;
    info.target = spec.target;
    info.horizonMs = spec.horizonMs;
    info.asOfMs = given ? given->nowMs : spec.asOfMs.value_or(0);
    info.sizeRule = spec.size;
    info.createdAtMs = nowMs();
    return info;
}

// The export the spec asks for right after creation; its failure is reported, the audience stays.
void exportNew(const std::string &path, const AudienceSpec &spec, AudienceCreated &out,
               ProgressSink &progress)
{
    auto exported = ExportService(path).exportAudience(
        {out.audience.name, spec.exportPreset, spec.exportFile, spec.exportColumns, spec.defaultCountry},
        progress);
    if (exported) {
        out.exported = std::move(*exported);
    } else {
        out.exportError = exported.error();
    }
}

} // namespace

AudienceService::AudienceService(std::string workspacePath) : m_path(std::move(workspacePath)) {}

Result<AudienceCreated> AudienceService::snapshot(const AudienceSpec &spec, const ScoreResult *given,
                                                  ProgressSink &progress)
{
    if (auto ok = validate(spec); !ok) {
        return fail(ok.error());
    }
    auto db = store::Database::open(m_path, store::Database::OpenMode::OpenExisting);
    if (!db) {
        return fail(db.error());
    }
    audience::AudienceInfo info = newAudience(spec, given);
    audience::AudienceRepository repo(**db);
    try {
        repo.removeAbandoned(); // a creation killed earlier no longer holds its name
        if (auto free = nameIsFree(repo, info.name); !free) {
            return fail(free.error());
        }
        info.id = repo.insert(info); // status computing: visible to other connections while scoring
    } catch (const store::StoreError &e) {
        return fail(Error::Code::Database, "Cannot create audience '" + info.name + "': " + e.what());
    }
    const auto abandon = [&](Error error) -> Result<AudienceCreated> {
        try {
            repo.remove(info.id);
        } catch (const store::StoreError &) {
            // Leave the computing row: remove() deletes it later; the error below is what matters.
        }
        return fail(std::move(error));
    };
    std::optional<ScoreResult> own;
    if (!given) {
        auto scored = ScoringService(m_path).score({spec.target, spec.asOfMs, spec.horizonMs}, progress);
        if (!scored) {
            return abandon(scored.error());
        }
        own = std::move(*scored);
        if (auto restricted = restrict(*own, spec.population, progress); !restricted) {
            return abandon(restricted.error());
        }
        given = &*own;
    }
    try {
        if (auto stored = storeSnapshot(**db, info, *given, spec.population, progress); !stored) {
            return abandon(stored.error());
        }
    } catch (const store::StoreError &e) {
        return abandon({Error::Code::Database, "Cannot store audience '" + info.name + "': " + e.what(), {}});
    }
    AudienceCreated out{info, std::nullopt, std::nullopt};
    if (!spec.exportPreset.empty()) {
        exportNew(m_path, spec, out, progress);
    }
    return out;
}

Result<AudienceCreated> AudienceService::create(const AudienceSpec &spec, ProgressSink &progress)
{
    return snapshot(spec, nullptr, progress);
}

Result<AudienceCreated> AudienceService::createFromScores(const AudienceSpec &spec, const ScoreResult &scores,
                                                          ProgressSink &progress)
{
    return snapshot(spec, &scores, progress);
}

Result<void> AudienceService::restrict(ScoreResult &scores, const audience::Population &population,
                                       ProgressSink &progress)
{
    if (population.isEveryone()) {
        return {};
    }
    // The members of one name, ascending (empty name: not used).
    const auto membersOf = [&](const std::string &name,
                               audience::MemberSource source) -> Result<std::vector<std::int64_t>> {
        if (name.empty()) {
            return std::vector<std::int64_t>{};
        }
        if (source == audience::MemberSource::Segment) {
            TraitRequest traits;
            traits.asOfMs = scores.nowMs;
            auto ids = SegmentService(m_path).members(name, traits, progress);
            if (!ids && ids.error().code == Error::Code::NotFound) {
                return fail(Error::Code::NotFound,
                            "No segment named '" + name + "' to restrict the population to.");
            }
            return ids;
        }
        return flatten(withWorkspace<Result<std::vector<std::int64_t>>>(
            m_path, "Audiences", [&](store::Database &db) -> Result<std::vector<std::int64_t>> {
                audience::AudienceRepository repo(db);
                const auto found = repo.find(name);
                if (!found) {
                    return fail(Error::Code::NotFound,
                                "No audience named '" + name + "' to restrict the population to.");
                }
                return repo.memberProfiles(found->id);
            }));
    };
    const auto only = membersOf(population.onlyIn, population.onlyInSource);
    if (!only) {
        return fail(only.error());
    }
    const auto excluded = membersOf(population.excluding, population.excludingSource);
    if (!excluded) {
        return fail(excluded.error());
    }
    const auto has = [](const std::vector<std::int64_t> &sorted, std::int64_t id) {
        return std::binary_search(sorted.begin(), sorted.end(), id);
    };
    std::erase_if(scores.ranked, [&](const ScoredProfile &p) {
        return (!population.onlyIn.empty() && !has(*only, p.profileId)) ||
               (!population.excluding.empty() && has(*excluded, p.profileId));
    });
    return {};
}

Result<audience::MemberSource> AudienceService::resolvePopulationName(const std::string &name)
{
    return flatten(withWorkspace<Result<audience::MemberSource>>(
        m_path, "Audiences", [&](store::Database &db) -> Result<audience::MemberSource> {
            audience::AudienceRepository audiences(db);
            if (audiences.find(name)) {
                return audience::MemberSource::Audience;
            }
            const std::vector<segments::SavedSegment> saved = segments::SegmentRepository(db).list();
            std::string segmentNames;
            for (const segments::SavedSegment &s : saved) {
                if (s.name == name) {
                    return audience::MemberSource::Segment;
                }
                segmentNames += (segmentNames.empty() ? "'" : ", '") + s.name + "'";
            }
            std::string audienceNames;
            for (const audience::AudienceInfo &a : audiences.list()) {
                audienceNames += (audienceNames.empty() ? "'" : ", '") + a.name + "'";
            }
            return fail(Error::Code::NotFound,
                        "No audience or segment named '" + name +
                            "'. Audiences: " + (audienceNames.empty() ? "none" : audienceNames) +
                            "; segments: " + (segmentNames.empty() ? "none" : segmentNames) + ".");
        }));
}

Result<std::vector<audience::AudienceInfo>> AudienceService::list()
{
    return withWorkspace<std::vector<audience::AudienceInfo>>(m_path, "Audiences", [](store::Database &db) {
        audience::AudienceRepository repo(db);
        // Housekeeping that is not worth a wait: while another process writes (an import holds the write
        // lock for its whole run) abandoned audiences stay listed as computing until the next listing,
        // rather than the listing waiting for the lock and failing with "database is locked".
        db.setBusyTimeout(0);
        try {
            repo.removeAbandoned();
        } catch (const store::StoreError &e) {
            if (!e.isBusy()) {
                throw;
            }
        }
        db.setBusyTimeout(store::Database::kBusyTimeoutMs);
        return repo.list();
    });
}

Result<audience::AudienceInfo> AudienceService::get(const std::string &name)
{
    return withWorkspace<audience::AudienceInfo>(
        m_path, "Audiences", [&](store::Database &db) -> Result<audience::AudienceInfo> {
            auto found = audience::AudienceRepository(db).find(name);
            if (!found) {
                return fail(Error::Code::NotFound, "No audience named '" + name + "' in " + m_path + ".");
            }
            return *found;
        });
}

Result<audience::AudienceQuality> AudienceService::quality(const std::string &name)
{
    auto info = get(name);
    if (!info) {
        return fail(info.error());
    }
    return withWorkspace<audience::AudienceQuality>(m_path, "Audiences", [&](store::Database &db) {
        return audience::qualityFromJson(audience::AudienceRepository(db).qualityJson(info->id));
    });
}

Result<std::vector<audience::AudienceMember>>
AudienceService::members(const std::string &name, std::int64_t offset, std::int64_t limit)
{
    auto info = get(name);
    if (!info) {
        return fail(info.error());
    }
    return withWorkspace<std::vector<audience::AudienceMember>>(
        m_path, "Audiences", [&](store::Database &db) -> Result<std::vector<audience::AudienceMember>> {
            std::vector<std::string> traits;
            auto members = audience::AudienceRepository(db).members(
                info->id, std::max<std::int64_t>(offset, 0), limit, &traits);
            auto preset = exports::makePreset("generic", {"email", "first_name", "last_name", "country"});
            if (!preset) {
                return fail(preset.error());
            }
            exports::TraitReader reader(*preset);
            for (std::size_t i = 0; i < members.size(); ++i) {
                exports::MemberRecord record;
                record.email = members[i].email;
                record.traitsJson = std::move(traits[i]);
                reader.read(record);
                members[i].email = record.email;
                members[i].firstName = record.firstName;
                members[i].lastName = record.lastName;
                members[i].country = record.country;
            }
            return members;
        });
}

Result<void> AudienceService::remove(const std::string &name)
{
    auto removed = withWorkspace<bool>(m_path, "Audiences", [&](store::Database &db) -> Result<bool> {
        audience::AudienceRepository repo(db);
        store::Transaction tx(db);
        const auto found = repo.find(name);
        if (!found) {
            return fail(Error::Code::NotFound, "No audience named '" + name + "' in " + m_path + ".");
        }
        repo.remove(found->id);
        tx.commit();
        return true;
    });
    if (!removed) {
        return fail(removed.error());
    }
    return {};
}

Result<AudienceCreated> AudienceService::duplicate(const std::string &name, const std::string &newName,
                                                   const audience::SizeRule &newSize, ProgressSink &progress)
{
    auto original = get(name);
    if (!original) {
        return fail(original.error());
    }
    AudienceSpec spec;
    spec.name = newName;
    spec.description = original->description;
    spec.target = original->target;
    spec.horizonMs = original->horizonMs;
    spec.asOfMs = original->asOfMs;
    spec.size = newSize;
    return create(spec, progress);
}

} // namespace awb::services
