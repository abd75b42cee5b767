// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ImportRunRepository.h"

#include "store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace awb::store {

namespace {

std::vector<std::string> sourceList(const std::string &json)
{
    std::vector<std::string> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(QByteArray::fromStdString(json)).array()) {
        out.push_back(v.toString().toStdString());
    }
    return out;
}

// Profiles the removed events were on, gone when nothing else keeps them.
constexpr const char *kOrphans = "SELECT profile_id FROM removed_run_profiles r WHERE "
                                 "NOT EXISTS (SELECT 1 FROM events e WHERE e.profile_id = r.profile_id) AND "
                                 "NOT EXISTS (SELECT 1 FROM profile_attributes a WHERE a.profile_id = "
                                 "r.profile_id) AND (SELECT email FROM profiles p WHERE p.id = r.profile_id) "
                                 "IS NULL";

} // namespace

std::vector<ImportRun> ImportRunRepository::list()
{
    // Events per run are counted in one scan of events (there is no index on run_id: imports would pay
    // for it on every row, and the history is read rarely).
    auto st = m_db.prepare(
        "SELECT r.id, r.started_at, coalesce(r.finished_at, 0), r.status, r.sources, r.mapping, r.rows_read, "
        "r.imported, r.duplicates, r.rejected, coalesce(n.events, 0) FROM import_runs r LEFT JOIN "
        "(SELECT run_id, count(*) AS events FROM events GROUP BY run_id) n ON n.run_id = r.id "
        "ORDER BY r.id DESC");
    std::vector<ImportRun> runs;
    while (st.step()) {
        ImportRun r;
        r.id = st.int64(0);
        r.startedAt = st.int64(1);
        r.finishedAt = st.int64(2);
        r.status = st.text(3);
        r.sources = sourceList(st.text(4));
        r.mapping = st.text(5);
        r.rowsRead = st.int64(6);
        r.imported = st.int64(7);
        r.duplicates = st.int64(8);
        r.rejected = st.int64(9);
        r.eventsNow = st.int64(10);
        runs.push_back(std::move(r));
    }
    return runs;
}

bool ImportRunRepository::exists(std::int64_t id)
{
    auto st = m_db.prepare("SELECT 1 FROM import_runs WHERE id = ?");
    st.bind(1, id);
    return st.step();
}

RemovedRun ImportRunRepository::remove(std::int64_t id)
{
    RemovedRun removed;
    m_db.exec("CREATE TEMP TABLE IF NOT EXISTS removed_run_profiles (profile_id INTEGER PRIMARY KEY)");
    m_db.exec("DELETE FROM removed_run_profiles");
    m_db.prepare("INSERT INTO removed_run_profiles SELECT DISTINCT profile_id FROM events WHERE run_id = ?")
        .bind(1, id)
        .run();
    // event_products go with their events (ON DELETE CASCADE); their de-duplication keys go first, so that
    // the same events can be imported again.
    m_db.prepare("DELETE FROM event_keys WHERE key IN (SELECT dedup_key FROM events WHERE run_id = ?)")
        .bind(1, id)
        .run();
    m_db.prepare("DELETE FROM events WHERE run_id = ?").bind(1, id).run();
    removed.events = m_db.changes();
    m_db.exec(std::string("DELETE FROM profile_merges WHERE into_id IN (") + kOrphans + ")");
    m_db.exec(std::string("DELETE FROM identities WHERE profile_id IN (") + kOrphans + ")");
    m_db.exec(std::string("DELETE FROM profiles WHERE id IN (") + kOrphans + ")");
    removed.profiles = m_db.changes();
    m_db.exec(
        "UPDATE profiles SET first_seen = (SELECT min(ts) FROM events e WHERE e.profile_id = profiles.id), "
        "last_seen = (SELECT max(ts) FROM events e WHERE e.profile_id = profiles.id) "
        "WHERE id IN (SELECT profile_id FROM removed_run_profiles)");
    m_db.exec("DELETE FROM removed_run_profiles");
    m_db.prepare("UPDATE profile_merges SET run_id = NULL WHERE run_id = ?").bind(1, id).run();
    m_db.prepare("DELETE FROM import_rejections WHERE run_id = ?").bind(1, id).run();
    m_db.prepare("DELETE FROM import_runs WHERE id = ?").bind(1, id).run();
    return removed;
}

} // namespace awb::store
