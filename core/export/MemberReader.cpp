// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/MemberReader.h"

#include "store/Database.h"
#include "store/ProfileRepository.h"

namespace awb::exports {

namespace {

// Columns of both queries after their leading ones: email, traits, user id, anonymous ids.
constexpr const char *kAnonymousIds =
    "(SELECT group_concat(value, char(31)) FROM (SELECT value FROM identities "
    "WHERE profile_id = p.id AND kind = 1 ORDER BY value))";

void splitIds(std::string_view joined, std::vector<std::string> &out)
{
    out.clear();
    std::size_t start = 0;
    while (start < joined.size()) {
        const std::size_t sep = joined.find('\x1f', start);
        out.emplace_back(joined.substr(start, sep - start));
        if (sep == std::string_view::npos) {
            break;
        }
        start = sep + 1;
    }
}

} // namespace

MemberReader::MemberReader(store::Database &db, std::int64_t audienceId, const ExportPreset &preset)
    : m_db(db), m_preset(preset),
      m_needAnonymous(preset.uses(Field::AnonymousId) || preset.uses(Field::Key) ||
                      preset.uses(Field::ExternalIds) || preset.requirement == Requirement::Key),
      // The user id comes from a join (one row per user id, several only after merges; the smallest is
      // kept), much cheaper than a correlated subquery per member.
      m_members(db.prepare(std::string("SELECT m.rank, m.score, m.profile_id, p.id, p.email, " +
                                       std::string(store::kAttributesOfP) + ", u.value, ") +
                           (m_needAnonymous ? kAnonymousIds : "NULL") +
                           " FROM audience_members m LEFT JOIN profiles p ON p.id = m.profile_id "
                           "LEFT JOIN identities u ON u.profile_id = m.profile_id AND u.kind = 0 "
                           "WHERE m.audience_id = ? AND m.control = 0 ORDER BY m.rank")),
      m_audienceId(audienceId)
{
    m_members.bind(1, audienceId);
}

MemberReader::~MemberReader() = default;

bool MemberReader::readMerged(std::int64_t profileId, MemberRecord &m)
{
    const std::int64_t into = store::ProfileRepository(m_db).resolveMerged(profileId);
    if (!m_profile) {
        m_profile.emplace(
            m_db.prepare(std::string("SELECT p.email, " + std::string(store::kAttributesOfP) +
                                     ", (SELECT min(value) FROM identities WHERE profile_id = p.id "
                                     "AND kind = 0), ") +
                         (m_needAnonymous ? kAnonymousIds : "NULL") + " FROM profiles p WHERE p.id = ?"));
    }
    m_profile->bind(1, into);
    const bool found = m_profile->step();
    if (found) {
        m.profileId = into;
        m.email.assign(m_profile->textView(0));
        m.traitsJson.assign(m_profile->textView(1));
        m.userId.assign(m_profile->textView(2));
        splitIds(m_profile->textView(3), m.anonymousIds);
    }
    m_profile->reset();
    return found;
}

bool MemberReader::next(MemberRecord &m)
{
    if (m_done || (!m_pending && !m_members.step())) {
        m_done = true;
        return false;
    }
    m_pending = false;
    m.rank = m_members.int64(0);
    m.score = m_members.real(1);
    m.profileId = m_members.int64(2);
    m.merged = m_members.isNull(3);
    if (!m.merged) {
        m.email.assign(m_members.textView(4));
        m.traitsJson.assign(m_members.textView(5));
        m.userId.assign(m_members.textView(6));
        splitIds(m_members.textView(7), m.anonymousIds);
    }
    // Further rows of the same member: other user ids of a merged person; keep the smallest.
    while (true) {
        if (!m_members.step()) {
            m_done = true;
            break;
        }
        if (m_members.int64(0) != m.rank) {
            m_pending = true;
            break;
        }
        const std::string_view other = m_members.textView(6);
        if (other < m.userId) {
            m.userId.assign(other);
        }
    }
    if (m.merged && !readMerged(m.profileId, m)) {
        m.email.clear(); // the profile is gone without a trace: no identifiers, the row is skipped
        m.traitsJson.clear();
        m.userId.clear();
        m.anonymousIds.clear();
    }
    m.duplicate = isDuplicate(m);
    return true;
}

bool MemberReader::isDuplicate(const MemberRecord &m)
{
    if (m_mergedInto.empty() && !m.merged) {
        return false; // the usual case: no merge since the snapshot
    }
    if (!m.merged) {
        return m_mergedInto.count(m.profileId) > 0; // read already for a better-ranked merged-away member
    }
    if (!m_mergedInto.insert(m.profileId).second) {
        return true;
    }
    if (!m_rankOf) {
        m_rankOf.emplace(
            m_db.prepare("SELECT min(rank), max(control) FROM audience_members WHERE profile_id = ? AND "
                         "audience_id = ?"));
    }
    m_rankOf->bind(1, m.profileId).bind(2, m_audienceId);
    const bool found = m_rankOf->step() && !m_rankOf->isNull(0);
    const std::int64_t own = found ? m_rankOf->int64(0) : 0;
    const bool control = found && m_rankOf->int64(1) != 0;
    m_rankOf->reset();
    // The profile it became is itself a better-ranked member, or held out in the control group: the
    // person must not be written twice, nor reach the campaign through a merged-away member.
    return (own > 0 && own < m.rank) || control;
}

} // namespace awb::exports
