// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ChangeStamp.h"

#include "store/Database.h"

namespace awb::store {

namespace {
std::string text(Database &db, const char *sql)
{
    auto st = db.prepare(sql);
    return st.step() ? st.text(0) : std::string();
}
} // namespace

std::int64_t dataVersion(Database &db)
{
    auto st = db.prepare("PRAGMA data_version");
    st.step();
    return st.int64(0);
}

ChangeStamp readChangeStamp(Database &db)
{
    db.exec("BEGIN");
    try {
        ChangeStamp stamp;
        stamp.events = text(db, "SELECT (SELECT coalesce(max(rowid), 0) FROM events) || ':' || "
                                "(SELECT count(*) || ':' || coalesce(max(id), 0) FROM import_runs) || ':' || "
                                "(SELECT count(*) FROM profile_merges)");
        stamp.segments = text(
            db, "SELECT coalesce(group_concat(x, '|'), '') FROM (SELECT id || ':' || updated_at || ':' || "
                "name AS x FROM segments ORDER BY id)");
        stamp.audiences = text(db, "SELECT (SELECT coalesce(group_concat(x, '|'), '') FROM (SELECT id || ':' "
                                   "|| status || ':' || size || "
                                   "':' || name AS x FROM audiences ORDER BY id)) || ':' || "
                                   "(SELECT count(*) || ':' || coalesce(max(id), 0) FROM exports)");
        stamp.catalog = text(db, "SELECT (SELECT coalesce(max(id), 0) FROM catalog_builds) || ':' || "
                                 "(SELECT coalesce(group_concat(x, '|'), '') FROM (SELECT event_name || '=' "
                                 "|| product_property || '*' || "
                                 "weight AS x FROM catalog_events ORDER BY position)) || ':' || "
                                 "(SELECT coalesce(group_concat(x, '|'), '') FROM (SELECT name || '=' || "
                                 "property || '/' || split AS x "
                                 "FROM catalog_columns ORDER BY position))");
        db.exec("COMMIT");
        return stamp;
    } catch (...) {
        db.exec("ROLLBACK");
        throw;
    }
}

} // namespace awb::store
