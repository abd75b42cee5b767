// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/SegmentRepository.h"

#include "store/Database.h"
#include "store/ProfileRepository.h"

#include <algorithm>

namespace awb::segments {

namespace {
SavedSegment read(const store::Statement &st)
{
    return {st.int64(0),
            st.text(1),
            st.text(2),
            st.text(3),
            st.int64(4),
            st.int64(5),
            st.text(6) == "static" ? SegmentKind::Static : SegmentKind::Rule,
            st.text(7),
            st.int64(8),
            st.int64(9),
            {st.real(10), static_cast<std::uint64_t>(st.int64(11))},
            st.int64(12)};
}
constexpr const char *kColumns =
    "SELECT id, name, description, rule, created_at, updated_at, kind, frozen_from, "
    "as_of, member_count, control_share, control_seed, control_size FROM segments ";
} // namespace

std::int64_t SegmentRepository::save(const std::string &name, const std::string &description,
                                     const std::string &ruleJson, std::int64_t nowMs)
{
    auto st = m_db.prepare(
        "INSERT INTO segments (name, description, rule, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT(name) DO UPDATE SET "
        "description = excluded.description, rule = excluded.rule, updated_at = excluded.updated_at "
        "RETURNING id");
    st.bind(1, name).bind(2, description).bind(3, ruleJson).bind(4, nowMs);
    st.step();
    const std::int64_t id = st.int64(0);
    st.reset();
    return id;
}

std::int64_t SegmentRepository::insertStatic(const SavedSegment &s,
                                             const std::vector<std::int64_t> &profileIds,
                                             const std::vector<bool> &control)
{
    auto st = m_db.prepare("INSERT INTO segments (name, description, rule, created_at, updated_at, kind, "
                           "frozen_from, as_of, member_count, control_share, control_seed, control_size) "
                           "VALUES (?1, ?2, ?3, ?4, ?4, 'static', ?5, ?6, ?7, ?8, ?9, ?10)");
    st.bind(1, s.name)
        .bind(2, s.description)
        .bind(3, s.ruleJson)
        .bind(4, s.createdAtMs)
        .bind(5, s.frozenFrom)
        .bind(6, s.asOfMs)
        .bind(7, static_cast<std::int64_t>(profileIds.size()))
        .bind(8, s.control.share)
        .bind(9, static_cast<std::int64_t>(s.control.seed))
        .bind(10, s.controlSize)
        .run();
    const std::int64_t id = m_db.lastInsertRowId();
    auto member =
        m_db.prepare("INSERT INTO segment_members (segment_id, profile_id, control) VALUES (?1, ?2, ?3)");
    for (std::size_t k = 0; k < profileIds.size(); ++k) {
        const bool held = k < control.size() && control[k];
        member.bind(1, id).bind(2, profileIds[k]).bind(3, static_cast<std::int64_t>(held ? 1 : 0)).run();
    }
    return id;
}

std::optional<SavedSegment> SegmentRepository::find(const std::string &name)
{
    auto st = m_db.prepare(std::string(kColumns) + "WHERE name = ?1");
    st.bind(1, name);
    return st.step() ? std::optional<SavedSegment>(read(st)) : std::nullopt;
}

std::optional<SavedSegment> SegmentRepository::find(std::int64_t id)
{
    auto st = m_db.prepare(std::string(kColumns) + "WHERE id = ?1");
    st.bind(1, id);
    return st.step() ? std::optional<SavedSegment>(read(st)) : std::nullopt;
}

std::optional<std::int64_t> SegmentRepository::update(std::int64_t id, std::int64_t updatedAtMs,
                                                      const std::string &name, const std::string &description,
                                                      const std::string &ruleJson, std::int64_t nowMs)
{
    // Two saves within one millisecond still give two versions.
    const std::int64_t version = std::max(nowMs, updatedAtMs + 1);
    auto st = m_db.prepare("UPDATE segments SET name = ?3, description = ?4, rule = ?5, updated_at = ?6 "
                           "WHERE id = ?1 AND updated_at = ?2 AND kind = 'rule'");
    st.bind(1, id).bind(2, updatedAtMs).bind(3, name).bind(4, description).bind(5, ruleJson).bind(6, version);
    st.run();
    return m_db.changes() > 0 ? std::optional(version) : std::nullopt;
}

std::vector<SavedSegment> SegmentRepository::list()
{
    auto st = m_db.prepare(std::string(kColumns) + "ORDER BY name");
    std::vector<SavedSegment> out;
    while (st.step()) {
        out.push_back(read(st));
    }
    return out;
}

std::vector<std::int64_t> SegmentRepository::memberProfiles(std::int64_t segmentId)
{
    return store::ProfileRepository(m_db).currentMembers(
        "SELECT profile_id FROM segment_members WHERE segment_id = ? AND control = 0", segmentId);
}

bool SegmentRepository::remove(const std::string &name)
{
    auto st = m_db.prepare("DELETE FROM segments WHERE name = ?1");
    st.bind(1, name).run();
    return m_db.changes() > 0;
}

bool SegmentRepository::rename(const std::string &from, const std::string &to, std::int64_t nowMs)
{
    auto st = m_db.prepare("UPDATE segments SET name = ?2, updated_at = ?3 WHERE name = ?1");
    st.bind(1, from).bind(2, to).bind(3, nowMs).run();
    return m_db.changes() > 0;
}

} // namespace awb::segments
