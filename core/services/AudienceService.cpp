// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/AudienceService.h"

#include "audience/AudienceRepository.h"
#include "export/TraitReader.h"
#include "segments/SegmentRepository.h"
#include "services/WithWorkspace.h"
#include "store/Database.h"

#include <algorithm>

namespace awb::services {

AudienceService::AudienceService(std::string workspacePath) : m_path(std::move(workspacePath)) {}

Result<AudienceCreated> AudienceService::create(const AudienceSpec &spec, ProgressSink &progress)
{
    if (auto ok = AudienceDraft::check(m_path, spec.create); !ok) {
        return fail(ok.error());
    }
    auto draft = AudienceDraft::score(m_path, spec.draft, progress);
    if (!draft) {
        return fail(draft.error());
    }
    return draft->create(m_path, spec.create, progress);
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
    spec.draft.target = original->target;
    spec.draft.horizonMs = original->horizonMs;
    spec.draft.asOfMs = original->asOfMs;
    spec.create.name = newName;
    spec.create.description = original->description;
    spec.create.size = newSize;
    spec.create.controlShare = original->control.share; // a control group of the same share, drawn anew
    return create(spec, progress);
}

} // namespace awb::services
