// SPDX-License-Identifier: GPL-3.0-or-later
#include "audience/AudienceRepository.h"

#include "store/Database.h"
#include "store/ProfileRepository.h"

#include <QString>
#include <QSysInfo>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <unistd.h>

namespace awb::audience {

namespace {

constexpr const char *kColumns =
    "a.id, a.name, a.description, a.target_column, a.target_value, a.target_product, a.horizon_ms, a.as_of, "
    "a.size_rule, a.eligible, a.size, a.status, a.created_at, "
    "json_extract(a.quality, '$.backtest[0].label'), json_extract(a.quality, '$.backtest[0].auc'), "
    "json_extract(a.quality, '$.reachableByEmail'), a.control_share, a.control_seed, a.control_size";

AudienceInfo readInfo(const store::Statement &st)
{
    AudienceInfo a;
    a.id = st.int64(0);
    a.name = st.text(1);
    a.description = st.text(2);
    a.target = model::Target{st.text(3), st.text(4), st.text(5)};
    a.horizonMs = st.int64(6);
    a.asOfMs = st.int64(7);
    auto rule = SizeRule::parse(st.text(8));
    if (rule) {
        a.sizeRule = *rule;
    }
    a.eligible = st.int64(9);
    a.size = st.int64(10);
    a.status = st.text(11) == "live" ? AudienceStatus::Live : AudienceStatus::Computing;
    a.createdAtMs = st.int64(12);
    a.qualityLabel = st.text(13);
    a.auc = st.isNull(14) ? 0.0 : st.real(14);
    a.reachableByEmail = st.isNull(15) ? -1 : st.int64(15);
    a.control.share = st.real(16);
    a.control.seed = static_cast<std::uint64_t>(st.int64(17));
    a.controlSize = st.int64(18);
    return a;
}

std::string hostPrefix()
{
    return QSysInfo::machineHostName().toStdString() + ":";
}

std::string thisProcess()
{
    return hostPrefix() + std::to_string(::getpid());
}

} // namespace

int AudienceRepository::removeAbandoned()
{
    const std::string host = hostPrefix();
    auto st = m_db.prepare(
        "SELECT id, owner FROM audiences WHERE status = 'computing' AND substr(owner, 1, ?) = ?");
    st.bind(1, static_cast<std::int64_t>(host.size())).bind(2, host);
    std::vector<std::int64_t> abandoned;
    while (st.step()) {
        const std::string owner = st.text(1);
        const long pid = std::strtol(owner.c_str() + host.size(), nullptr, 10);
        // kill(pid, 0) checks existence only; ESRCH: no such process.
        if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
            abandoned.push_back(st.int64(0));
        }
    }
    for (const std::int64_t id : abandoned) {
        remove(id);
    }
    return static_cast<int>(abandoned.size());
}

std::int64_t AudienceRepository::insert(const AudienceInfo &info)
{
    auto st = m_db.prepare("INSERT INTO audiences (name, description, target_column, target_value, "
                           "target_product, horizon_ms, as_of, size_rule, status, created_at, owner, "
                           "control_share, control_seed) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'computing', ?, ?, ?, ?)");
    st.bind(1, info.name).bind(2, info.description);
    st.bindTextOrNull(3, info.target.column).bindTextOrNull(4, info.target.value);
    st.bindTextOrNull(5, info.target.productId);
    st.bind(6, info.horizonMs)
        .bind(7, info.asOfMs)
        .bind(8, info.sizeRule.toString())
        .bind(9, info.createdAtMs)
        .bind(10, thisProcess())
        .bind(11, info.control.share)
        .bind(12, static_cast<std::int64_t>(info.control.seed));
    st.run();
    return m_db.lastInsertRowId();
}

bool AudienceRepository::nameExists(const std::string &name)
{
    auto st = m_db.prepare("SELECT 1 FROM audiences WHERE name = ?");
    st.bind(1, name);
    return st.step();
}

std::optional<AudienceInfo> AudienceRepository::find(const std::string &name)
{
    auto st = m_db.prepare(std::string("SELECT ") + kColumns + " FROM audiences a WHERE a.name = ?");
    st.bind(1, name);
    if (!st.step()) {
        return std::nullopt;
    }
    return readInfo(st);
}

std::vector<AudienceInfo> AudienceRepository::list()
{
    auto st = m_db.prepare(std::string("SELECT ") + kColumns +
                           " FROM audiences a ORDER BY a.created_at DESC, a.id DESC");
    std::vector<AudienceInfo> out;
    while (st.step()) {
        out.push_back(readInfo(st));
    }
    return out;
}

void AudienceRepository::markLive(const AudienceInfo &info, const std::string &qualityJson)
{
    auto st =
        m_db.prepare("UPDATE audiences SET status = 'live', as_of = ?, eligible = ?, size = ?, quality = ?, "
                     "owner = '', control_size = ? WHERE id = ?");
    st.bind(1, info.asOfMs).bind(2, info.eligible).bind(3, info.size).bind(4, qualityJson);
    st.bind(5, info.controlSize).bind(6, info.id);
    st.run();
}

std::string AudienceRepository::qualityJson(std::int64_t audienceId)
{
    auto st = m_db.prepare("SELECT quality FROM audiences WHERE id = ?");
    st.bind(1, audienceId);
    return st.step() ? st.text(0) : std::string();
}

std::vector<std::int64_t> AudienceRepository::memberProfiles(std::int64_t audienceId)
{
    return store::ProfileRepository(m_db).currentMembers(
        "SELECT profile_id FROM audience_members WHERE audience_id = ?", audienceId);
}

std::vector<AudienceMember> AudienceRepository::members(std::int64_t audienceId, std::int64_t offset,
                                                        std::int64_t limit,
                                                        std::vector<std::string> *traitsJson)
{
    auto st = m_db.prepare("SELECT m.rank, m.profile_id, m.score, "
                           "(SELECT value FROM identities i WHERE i.profile_id = m.profile_id ORDER BY "
                           "i.kind, i.value LIMIT 1), "
                           "p.email, " +
                           std::string(store::kAttributesOfP) +
                           ", m.control "
                           "FROM audience_members m LEFT JOIN profiles p ON p.id = m.profile_id "
                           "WHERE m.audience_id = ? AND m.rank > ? ORDER BY m.rank LIMIT ?");
    st.bind(1, audienceId).bind(2, offset).bind(3, limit);
    std::vector<AudienceMember> out;
    while (st.step()) {
        AudienceMember m{st.int64(0), st.int64(1), st.text(3), st.real(2), st.text(4), {}, {}, {}, st.int64(6) != 0};
        out.push_back(std::move(m));
        if (traitsJson) {
            traitsJson->push_back(st.text(5));
        }
    }
    return out;
}

void AudienceRepository::remove(std::int64_t audienceId)
{
    auto members = m_db.prepare("DELETE FROM audience_members WHERE audience_id = ?");
    members.bind(1, audienceId).run();
    auto audience = m_db.prepare("DELETE FROM audiences WHERE id = ?");
    audience.bind(1, audienceId).run();
}

void AudienceRepository::recordExport(std::int64_t audienceId, const ExportRecord &r)
{
    auto st = m_db.prepare("INSERT INTO exports (audience_id, audience_name, preset, file, rows, skipped, "
                           "created_at, include_unconsented, left_out) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, audienceId).bind(2, r.audience).bind(3, r.preset).bind(4, r.file).bind(5, r.rows);
    st.bind(6, r.skipped).bind(7, r.createdAtMs).bind(8, r.includedWithoutConsent ? 1 : 0);
    st.bind(9, r.leftOut).run();
}

std::vector<ExportRecord> AudienceRepository::exports(const std::string &audienceName)
{
    auto st = m_db.prepare("SELECT id, audience_name, preset, file, rows, skipped, created_at, "
                           "include_unconsented, left_out FROM exports "
                           "WHERE ?1 = '' OR audience_name = ?1 ORDER BY created_at DESC, id DESC");
    st.bind(1, audienceName);
    std::vector<ExportRecord> out;
    while (st.step()) {
        out.push_back({st.int64(0), st.text(1), st.text(2), st.text(3), st.int64(4), st.int64(5), st.int64(6),
                       st.int64(7) != 0, st.int64(8)});
    }
    return out;
}

AudienceRepository::MemberInserter::MemberInserter(store::Database &db, std::int64_t audienceId)
    : m_insert(db.prepare(
          "INSERT INTO audience_members (audience_id, rank, profile_id, score, control) VALUES (?, ?, ?, ?, ?)")),
      m_audienceId(audienceId)
{}

void AudienceRepository::MemberInserter::add(std::int64_t rank, std::int64_t profileId, double score, bool control)
{
    m_insert.bind(1, m_audienceId).bind(2, rank).bind(3, profileId).bind(4, score).bind(5, control ? 1 : 0);
    m_insert.run();
}

} // namespace awb::audience
