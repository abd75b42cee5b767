// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/MemberReader.h"

#include "store/Database.h"
#include "store/ProfileRepository.h"

namespace awb::exports {

namespace {

// Traits as JSON, or NULL when the stored text is not valid JSON (json_extract would fail the whole
// query). SQLite caches the parse, so the check and the extractions parse each row once.
constexpr const char *kTraits = "(CASE WHEN json_valid(p.traits) THEN p.traits END)";

std::string extract(std::initializer_list<const char *> paths)
{
    std::string sql;
    for (const char *path : paths) {
        sql += std::string("json_extract(") + kTraits + ", '" + path + "'),";
    }
    sql.pop_back();
    return paths.size() > 1 ? "coalesce(" + sql + ")" : sql;
}

enum Column
{
    Email,
    FirstName,
    LastName,
    Phone,
    City,
    State,
    Zip,
    Country,
    UserId,
    AnonymousIds,
    Traits, // first trait column
};

// The field expressions over profile p, in Column order; unused fields are NULL. Trait paths are bound
// from parameter 2 on.
std::string fieldSql(const ExportPreset &preset)
{
    const bool key = preset.uses(Field::Key) || preset.uses(Field::ExternalIds) ||
                     preset.requirement == Requirement::Key;
    const bool needs[] = {
        preset.uses(Field::Email) || preset.uses(Field::ExternalIds),
        preset.uses(Field::FirstName),
        preset.uses(Field::LastName),
        preset.uses(Field::Phone),
        preset.uses(Field::City),
        preset.uses(Field::State),
        preset.uses(Field::Zip),
        preset.uses(Field::Country) || preset.uses(Field::Phone) || preset.uses(Field::Zip) ||
            preset.uses(Field::State),
        key || preset.uses(Field::UserId) || preset.requirement == Requirement::UserId,
        key || preset.uses(Field::AnonymousId),
    };
    const std::string exprs[] = {
        "coalesce(p.email, " + extract({"$.email"}) + ")",
        extract({"$.firstName", "$.first_name"}),
        extract({"$.lastName", "$.last_name"}),
        extract({"$.phone", "$.phoneNumber", "$.phone_number"}),
        extract({"$.address.city", "$.city"}),
        extract({"$.address.state", "$.state"}),
        extract({"$.address.postalCode", "$.address.postal_code", "$.address.zip", "$.postalCode", "$.zip"}),
        extract({"$.address.country", "$.country"}),
        "(SELECT min(value) FROM identities WHERE profile_id = p.id AND kind = 0)",
        "(SELECT group_concat(value, char(31)) FROM (SELECT value FROM identities WHERE profile_id = p.id "
        "AND kind = 1 ORDER BY value))",
    };
    std::string sql;
    for (std::size_t i = 0; i < std::size(exprs); ++i) {
        sql += (needs[i] ? exprs[i] : std::string("NULL")) + ", ";
    }
    for (std::size_t i = 0; i < preset.traitPaths.size(); ++i) {
        sql += std::string("json_extract(") + kTraits + ", ?" + std::to_string(i + 2) + "), ";
    }
    sql.resize(sql.size() - 2);
    return sql;
}

void bindPaths(store::Statement &st, const ExportPreset &preset)
{
    for (std::size_t i = 0; i < preset.traitPaths.size(); ++i) {
        st.bind(static_cast<int>(i + 2), MemberReader::jsonPath(preset.traitPaths[i]));
    }
}

void splitIds(const std::string &joined, std::vector<std::string> &out)
{
    out.clear();
    std::size_t start = 0;
    while (start < joined.size()) {
        const std::size_t sep = joined.find('\x1f', start);
        out.push_back(joined.substr(start, sep - start));
        if (sep == std::string::npos) {
            break;
        }
        start = sep + 1;
    }
}

} // namespace

MemberReader::MemberReader(store::Database &db, std::int64_t audienceId, const ExportPreset &preset)
    : m_db(db), m_preset(preset), m_fieldSql(fieldSql(preset)),
      m_members(db.prepare("SELECT m.rank, m.score, m.profile_id, p.id, " + m_fieldSql +
                           " FROM audience_members m LEFT JOIN profiles p ON p.id = m.profile_id "
                           "WHERE m.audience_id = ?1 ORDER BY m.rank"))
{
    m_members.bind(1, audienceId);
    bindPaths(m_members, preset);
}

std::string MemberReader::jsonPath(const std::string &dotted)
{
    std::string path = "$";
    std::size_t start = 0;
    while (start <= dotted.size()) {
        const std::size_t dot = std::min(dotted.find('.', start), dotted.size());
        path += ".\"" + dotted.substr(start, dot - start) + "\"";
        start = dot + 1;
    }
    return path;
}

void MemberReader::readFields(const store::Statement &st, int first, MemberRecord &m) const
{
    std::string *fields[] = {&m.email, &m.firstName, &m.lastName, &m.phone,  &m.city,
                             &m.state, &m.zip,       &m.country,  &m.userId};
    for (int i = 0; i < static_cast<int>(std::size(fields)); ++i) {
        *fields[i] = st.text(first + i);
    }
    splitIds(st.text(first + AnonymousIds), m.anonymousIds);
    m.traits.resize(m_preset.traitPaths.size());
    for (std::size_t i = 0; i < m.traits.size(); ++i) {
        m.traits[i] = st.text(first + Traits + static_cast<int>(i));
    }
}

bool MemberReader::readMerged(std::int64_t profileId, MemberRecord &m)
{
    const std::int64_t into = store::ProfileRepository(m_db).resolveMerged(profileId);
    if (!m_profile) {
        m_profile.emplace(m_db.prepare("SELECT p.id, " + m_fieldSql + " FROM profiles p WHERE p.id = ?1"));
    }
    m_profile->bind(1, into);
    bindPaths(*m_profile, m_preset); // reset() clears the bindings
    const bool found = m_profile->step();
    if (found) {
        m.profileId = into;
        readFields(*m_profile, 1, m);
    }
    m_profile->reset();
    return found;
}

bool MemberReader::next(MemberRecord &m)
{
    if (!m_members.step()) {
        return false;
    }
    m.rank = m_members.int64(0);
    m.score = m_members.real(1);
    m.profileId = m_members.int64(2);
    m.merged = m_members.isNull(3);
    if (!m.merged) {
        readFields(m_members, 4, m);
    } else if (!readMerged(m.profileId, m)) {
        readFields(m_members, 4, m); // the profile is gone: every field is NULL, the row lacks identifiers
    }
    return true;
}

} // namespace awb::exports
