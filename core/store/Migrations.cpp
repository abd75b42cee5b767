// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Migrations.h"

#include "store/Database.h"
#include "store/ProfileFields.h"
#include "store/Statement.h"

#include <string>
#include <vector>

namespace awb::store {

namespace {

struct Step
{
    int toVersion;
    const char *sql;
    void (*moveData)(Database &db) = nullptr; ///< runs after sql, in the same transaction
};

// Version 1: profiles and identities, events and their products, import runs.
// Times are milliseconds since the Unix epoch, UTC. JSON columns hold objects as text.
constexpr const char *kSchemaV1 = R"sql(
-- AUTOINCREMENT: a merged-away profile's id is never reused, so ids stay stable (EventWriter's in-memory
-- merge map and saved references to profiles rely on that).
CREATE TABLE profiles (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    email       TEXT,
    traits      TEXT NOT NULL DEFAULT '{}',
    first_seen  INTEGER,
    last_seen   INTEGER
);
CREATE INDEX profiles_email ON profiles(email) WHERE email IS NOT NULL;

-- kind: 0 = user id, 1 = anonymous id. Each external id belongs to exactly one profile.
CREATE TABLE identities (
    kind        INTEGER NOT NULL CHECK (kind IN (0, 1)),
    value       TEXT NOT NULL,
    profile_id  INTEGER NOT NULL REFERENCES profiles(id),
    PRIMARY KEY (kind, value)
) WITHOUT ROWID;
CREATE INDEX identities_profile ON identities(profile_id);

-- Every (anonymous id, user id) pair seen together, whether it caused a merge or not.
CREATE TABLE identity_links (
    anonymous_id TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    first_ts     INTEGER,
    PRIMARY KEY (anonymous_id, user_id)
) WITHOUT ROWID;

-- Profiles folded into another one (union-find): from_id no longer exists.
CREATE TABLE profile_merges (
    from_id     INTEGER NOT NULL,
    into_id     INTEGER NOT NULL REFERENCES profiles(id),
    run_id      INTEGER REFERENCES import_runs(id)
);
CREATE INDEX profile_merges_into ON profile_merges(into_id);

CREATE TABLE import_runs (
    id           INTEGER PRIMARY KEY,
    started_at   INTEGER NOT NULL,
    finished_at  INTEGER,
    status       TEXT NOT NULL,
    sources      TEXT NOT NULL DEFAULT '[]',
    rows_read    INTEGER NOT NULL DEFAULT 0,
    imported     INTEGER NOT NULL DEFAULT 0,
    duplicates   INTEGER NOT NULL DEFAULT 0,
    rejected     INTEGER NOT NULL DEFAULT 0,
    message      TEXT
);

-- The first rejected rows of each run, with where they came from and why.
CREATE TABLE import_rejections (
    run_id      INTEGER NOT NULL REFERENCES import_runs(id) ON DELETE CASCADE,
    source      TEXT NOT NULL,
    line        INTEGER NOT NULL,
    reason      TEXT NOT NULL
);
CREATE INDEX import_rejections_run ON import_rejections(run_id);

CREATE TABLE event_names (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE
);

-- type: 0 = track, 1 = identify, 2 = page, 3 = screen.
-- dedup_key: 64-bit hash of the messageId, or of the event's content when it has none.
CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    dedup_key    INTEGER NOT NULL,
    type         INTEGER NOT NULL,
    name_id      INTEGER NOT NULL REFERENCES event_names(id),
    ts           INTEGER NOT NULL,
    profile_id   INTEGER NOT NULL REFERENCES profiles(id),
    user_id      TEXT,
    anonymous_id TEXT,
    message_id   TEXT,
    properties   TEXT NOT NULL DEFAULT '{}',
    context      TEXT,
    run_id       INTEGER REFERENCES import_runs(id)
);
CREATE UNIQUE INDEX events_dedup ON events(dedup_key);
CREATE INDEX events_profile_ts ON events(profile_id, ts);
CREATE INDEX events_name_ts ON events(name_id, ts);
CREATE INDEX events_ts ON events(ts);

-- One row per element of products[] or per single-product event. No index on product_id: nothing looks
-- products up by id in the store (the catalog build scans by event), and it would cost every import.
CREATE TABLE event_products (
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    product_id  TEXT NOT NULL,
    price       REAL,
    quantity    REAL,
    properties  TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (event_id, position)
) WITHOUT ROWID;

-- Ground truth planted by the sample generator (empty for real data).
CREATE TABLE sample_truth (
    user_id     TEXT NOT NULL,
    target      TEXT NOT NULL,
    probability REAL NOT NULL,
    PRIMARY KEY (user_id, target)
) WITHOUT ROWID;
)sql";

// Version 2: the recommendation catalog (definition and the tables derived from it by a build).
constexpr const char *kSchemaV2 = R"sql(
CREATE TABLE catalog_events (
    position         INTEGER NOT NULL,
    event_name       TEXT PRIMARY KEY,
    product_property TEXT NOT NULL,
    weight           REAL NOT NULL CHECK (weight > 0)
);
CREATE TABLE catalog_columns (
    position    INTEGER NOT NULL,
    name        TEXT PRIMARY KEY,
    property    TEXT NOT NULL,
    split       TEXT NOT NULL DEFAULT ''
);
-- Derived by a build; rebuilt from the store, never edited by hand.
CREATE TABLE catalog_items (
    item        INTEGER PRIMARY KEY,   -- dense 0-based index, the column of the interaction matrix
    product_id  TEXT NOT NULL UNIQUE,
    last_ts     INTEGER NOT NULL
);
CREATE TABLE catalog_item_values (
    column_name TEXT NOT NULL,
    value       TEXT NOT NULL,
    item        INTEGER NOT NULL REFERENCES catalog_items(item) ON DELETE CASCADE,
    PRIMARY KEY (column_name, value, item)
) WITHOUT ROWID;
CREATE INDEX catalog_item_values_item ON catalog_item_values(item);
CREATE TABLE catalog_values (
    column_name  TEXT NOT NULL,
    value        TEXT NOT NULL,
    products     INTEGER NOT NULL,
    interactions INTEGER NOT NULL,
    PRIMARY KEY (column_name, value)
) WITHOUT ROWID;
-- One row per product of an interaction event: the weighted, time-stamped user x item matrix.
CREATE TABLE catalog_interactions (
    profile_id  INTEGER NOT NULL,
    item        INTEGER NOT NULL,
    ts          INTEGER NOT NULL,
    weight      REAL NOT NULL,
    value       REAL NOT NULL DEFAULT 0   -- price * quantity when both are known, else 0
);
CREATE TABLE catalog_builds (
    id           INTEGER PRIMARY KEY,
    built_at     INTEGER NOT NULL,
    items        INTEGER NOT NULL,
    interactions INTEGER NOT NULL,
    profiles     INTEGER NOT NULL,
    skipped      INTEGER NOT NULL
);
)sql";

// Version 3: recommendation audiences (one-time snapshots of scored profiles) and the export history.
constexpr const char *kSchemaV3 = R"sql(
-- status: 'computing' while members are scored and stored, then 'live'. Never recalculated.
-- size_rule: '5%' (of the scored profiles) or an exact count '1000'. quality: JSON frozen at creation
-- (backtest rows, chart series, score histogram). as_of: the "now" the scores were computed for.
CREATE TABLE audiences (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    description     TEXT NOT NULL DEFAULT '',
    target_column   TEXT,
    target_value    TEXT,
    target_product  TEXT,
    horizon_ms      INTEGER NOT NULL,
    as_of           INTEGER NOT NULL DEFAULT 0,
    size_rule       TEXT NOT NULL,
    eligible        INTEGER NOT NULL DEFAULT 0,
    size            INTEGER NOT NULL DEFAULT 0,
    quality         TEXT NOT NULL DEFAULT '{}',
    status          TEXT NOT NULL CHECK (status IN ('computing', 'live')),
    created_at      INTEGER NOT NULL
);
-- profile_id has no foreign key: a member whose profile is later merged into another one stays a member
-- (profile_merges tells where it went).
CREATE TABLE audience_members (
    audience_id INTEGER NOT NULL REFERENCES audiences(id) ON DELETE CASCADE,
    rank        INTEGER NOT NULL,
    profile_id  INTEGER NOT NULL,
    score       REAL NOT NULL,
    PRIMARY KEY (audience_id, rank)
) WITHOUT ROWID;
CREATE INDEX audience_members_profile ON audience_members(profile_id);
-- Campaign history: every export file written. audience_id is cleared when the audience is removed.
CREATE TABLE exports (
    id            INTEGER PRIMARY KEY,
    audience_id   INTEGER REFERENCES audiences(id) ON DELETE SET NULL,
    audience_name TEXT NOT NULL,
    preset        TEXT NOT NULL,
    file          TEXT NOT NULL,
    rows          INTEGER NOT NULL,
    skipped       INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);
CREATE INDEX exports_audience ON exports(audience_id);
)sql";

// Version 4: saved segments (rule-based, evaluated live from the computed traits), and who computes an
// audience (so that one left "computing" by a killed process can be recognised and removed).
constexpr const char *kSchemaV4 = R"sql(
-- owner: "HOST:PID" of the process creating the audience while its status is 'computing'.
ALTER TABLE audiences ADD COLUMN owner TEXT NOT NULL DEFAULT '';
-- rule: the rule JSON (core/segments/RuleJson.h, versioned inside). Times are UTC ms.
CREATE TABLE segments (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    rule        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
-- Per-event properties of a catalog column: on event_name the column reads property instead of
-- catalog_columns.property (events name the same thing differently, e.g. brand / product_brand).
CREATE TABLE catalog_column_events (
    column_name TEXT NOT NULL REFERENCES catalog_columns(name) ON DELETE CASCADE,
    event_name  TEXT NOT NULL,
    property    TEXT NOT NULL,
    PRIMARY KEY (column_name, event_name)
) WITHOUT ROWID;
)sql";

// Version 5: static segments, frozen snapshots of a segment's members that are never re-evaluated.
constexpr const char *kSchemaV5 = R"sql(
-- kind: 'rule' (members evaluated from rule whenever asked) or 'static' (members in segment_members; rule
-- keeps the rule it was frozen from, for reference only). For a static segment: created_at is when it was
-- frozen, frozen_from the segment it was frozen from, as_of the "now" (UTC ms) its rule was evaluated for
-- and member_count its members then.
ALTER TABLE segments ADD COLUMN kind TEXT NOT NULL DEFAULT 'rule' CHECK (kind IN ('rule', 'static'));
ALTER TABLE segments ADD COLUMN frozen_from TEXT NOT NULL DEFAULT '';
ALTER TABLE segments ADD COLUMN as_of INTEGER NOT NULL DEFAULT 0;
ALTER TABLE segments ADD COLUMN member_count INTEGER NOT NULL DEFAULT 0;
-- profile_id has no foreign key: a member whose profile is later merged into another one stays a member
-- (profile_merges tells where it went), as for audience_members.
CREATE TABLE segment_members (
    segment_id  INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    profile_id  INTEGER NOT NULL,
    PRIMARY KEY (segment_id, profile_id)
) WITHOUT ROWID;
)sql";

// Version 6: profile attributes in one place. Recognised fields (store/ProfileFields.h) under their keys,
// any other attribute under its own name; the e-mail stays in profiles.email. The identify traits that
// version 5 kept as JSON in profiles.traits move here (moveTraitsToAttributes), and the column goes.
constexpr const char *kSchemaV6 = R"sql(
CREATE TABLE profile_attributes (
    profile_id  INTEGER NOT NULL REFERENCES profiles(id),
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (profile_id, key)
) WITHOUT ROWID;
CREATE INDEX profile_attributes_key ON profile_attributes(key, value);
)sql";

// Version 7 (import history): the CSV mapping JSON each run read its CSV
// files with, so that the history can show it and a run can be repeated or compared. Empty for runs
// without CSV files and for runs from before this version. Added only when missing, so that a file whose
// version number was lowered by hand (the tests build old versions that way) migrates too.
constexpr const char *kSchemaV7 = "";

void addColumnIfMissing(Database &db, const char *table, const char *column, const char *declaration)
{
    auto st = db.prepare("SELECT count(*) FROM pragma_table_info(?) WHERE name = ?");
    st.bind(1, table).bind(2, column);
    if (st.step() && st.int64(0) == 0) {
        db.exec(std::string("ALTER TABLE ") + table + " ADD COLUMN " + column + " " + declaration);
    }
}

void addRunMapping(Database &db)
{
    addColumnIfMissing(db, "import_runs", "mapping", "TEXT NOT NULL DEFAULT ''");
}

// Version 8: the suppression list (people who must not be e-mailed) and the consent choice of each export.
constexpr const char *kSchemaV8 = R"sql(
-- One row per key: kind 'email' (value normalised: trimmed, lower case) or 'user_id' (value trimmed). A
-- list row carrying both an e-mail and a user id adds two keys. Re-importing a key keeps its first row.
-- source: the file name it came from; added_at: UTC ms.
CREATE TABLE suppressions (
    kind      TEXT NOT NULL CHECK (kind IN ('email', 'user_id')),
    value     TEXT NOT NULL,
    reason    TEXT NOT NULL CHECK (reason IN ('unsubscribed', 'bounced', 'complained', 'other')),
    source    TEXT NOT NULL DEFAULT '',
    added_at  INTEGER NOT NULL,
    PRIMARY KEY (kind, value)
) WITHOUT ROWID;
-- include_unconsented: 1 when the user chose to write suppressed and non-consenting people too;
-- left_out: members left out for suppression or refused e-mail consent (also counted in skipped).
ALTER TABLE exports ADD COLUMN include_unconsented INTEGER NOT NULL DEFAULT 0;
ALTER TABLE exports ADD COLUMN left_out INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 9: control groups. An audience may hold out a share of its members (drawn per score decile with
// control_seed, audience/ControlGroup.h): they are stored with control = 1 and never exported, so that the
// campaign's result can be measured against them. control_size: members held out (of size).
// Added only when missing, as version 7's column.
constexpr const char *kSchemaV9 = "";

void addControlGroups(Database &db)
{
    addColumnIfMissing(db, "audiences", "control_share", "REAL NOT NULL DEFAULT 0");
    addColumnIfMissing(db, "audiences", "control_seed", "INTEGER NOT NULL DEFAULT 0");
    addColumnIfMissing(db, "audiences", "control_size", "INTEGER NOT NULL DEFAULT 0");
    addColumnIfMissing(db, "audience_members", "control", "INTEGER NOT NULL DEFAULT 0");
}

// Version 10: each catalog item's prices, for the filters and columns of recommended items: the latest unit
// price seen and the highest (its list price; the markdown is 1 - price / list_price). NULL when no event
// carried a price; filled by the next catalog build. Added only when missing, as version 7's column.
constexpr const char *kSchemaV10 = "";

void addItemPrices(Database &db)
{
    addColumnIfMissing(db, "catalog_items", "price", "REAL");
    addColumnIfMissing(db, "catalog_items", "list_price", "REAL");
}

// Version 11: control groups of frozen (static) segments, as version 9's of audiences:
// segment_members.control = 1 for a member held out (stored, never a member for exports and conditions), and
// the share, seed and size. Added only when missing, as version 7's column.
constexpr const char *kSchemaV11 = "";

void addSegmentControlGroups(Database &db)
{
    addColumnIfMissing(db, "segments", "control_share", "REAL NOT NULL DEFAULT 0");
    addColumnIfMissing(db, "segments", "control_seed", "INTEGER NOT NULL DEFAULT 0");
    addColumnIfMissing(db, "segments", "control_size", "INTEGER NOT NULL DEFAULT 0");
    addColumnIfMissing(db, "segment_members", "control", "INTEGER NOT NULL DEFAULT 0");
}

// Version 12 (issue 18): the events' de-duplication keys in a table of their own, which imports read once and
// write in sorted batches (ingest/DedupKeys), in place of the unique index on events.dedup_key, which cost a
// random B-tree insert per event. events.dedup_key stays: removing an import run removes its keys with it.
// Added only when missing, as version 7's column.
constexpr const char *kSchemaV12 = "CREATE TABLE IF NOT EXISTS event_keys (key INTEGER PRIMARY KEY);";

void moveDedupKeys(Database &db)
{
    bool indexed = false;
    {
        auto index =
            db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'events_dedup'");
        indexed = index.step() && index.int64(0) > 0;
    } // finalised before the index can be dropped
    if (indexed) {
        db.exec("INSERT OR IGNORE INTO event_keys (key) SELECT dedup_key FROM events ORDER BY dedup_key");
        db.exec("DROP INDEX events_dedup");
    }
}

void moveTraitsToAttributes(Database &db)
{
    auto read = db.prepare("SELECT id, traits FROM profiles WHERE traits <> '{}'");
    auto insert =
        db.prepare("INSERT OR REPLACE INTO profile_attributes (profile_id, key, value) VALUES (?, ?, ?)");
    auto setEmail = db.prepare("UPDATE profiles SET email = ? WHERE id = ? AND email IS NULL");
    while (read.step()) {
        const std::int64_t id = read.int64(0);
        std::string email;
        for (const ProfileAttribute &a : attributesFromTraits(read.textView(1), email)) {
            insert.bind(1, id).bind(2, a.key).bind(3, a.value).run();
        }
        if (!email.empty()) {
            setEmail.bind(1, email).bind(2, id).run();
        }
    }
    db.exec("ALTER TABLE profiles DROP COLUMN traits");
}

const std::vector<Step> &steps()
{
    static const std::vector<Step> list = {
        {1, kSchemaV1},
        {2, kSchemaV2},
        {3, kSchemaV3},
        {4, kSchemaV4},
        {5, kSchemaV5},
        {6, kSchemaV6, moveTraitsToAttributes},
        {7, kSchemaV7, addRunMapping},
        {8, kSchemaV8},
        {9, kSchemaV9, addControlGroups},
        {10, kSchemaV10, addItemPrices},
        {11, kSchemaV11, addSegmentControlGroups},
        {12, kSchemaV12, moveDedupKeys},
    };
    return list;
}

} // namespace

int currentSchemaVersion()
{
    return steps().back().toVersion;
}

void migrate(Database &db)
{
    const int from = db.schemaVersion();
    for (const Step &step : steps()) {
        if (step.toVersion <= from) {
            continue;
        }
        Transaction tx(db);
        db.exec(step.sql);
        if (step.moveData) {
            step.moveData(db);
        }
        db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
        db.exec("PRAGMA user_version = " + std::to_string(step.toVersion));
        tx.commit();
    }
}

} // namespace awb::store
