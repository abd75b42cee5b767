// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestWorkspaces.h"

#include "ingest/EventRecord.h"
#include "ingest/EventWriter.h"
#include "store/Database.h"

#include <QDir>

#include <functional>
#include <stdexcept>

namespace awb::test {

namespace {

// Opens path, runs fill(writer) inside one import run and commits, like an import does.
void writeRun(const std::string &path, const std::function<void(ingest::EventWriter &)> &fill)
{
    auto opened = store::Database::open(path, store::Database::OpenMode::CreateIfMissing);
    if (!opened) {
        throw std::runtime_error(opened.error().message);
    }
    store::Database &db = **opened;
    store::Transaction tx(db);
    db.exec("INSERT INTO import_runs (started_at, status) VALUES (0, 'completed')");
    ingest::EventWriter writer(db, db.lastInsertRowId());
    fill(writer);
    writer.finish();
    tx.commit();
}

ingest::EventRecord track(const std::string &name, std::int64_t ms, const std::string &userId,
                          const std::string &anonymousId)
{
    ingest::EventRecord e;
    e.type = ingest::EventType::Track;
    e.name = name;
    e.timestampMs = ms;
    e.userId = userId;
    e.anonymousId = anonymousId;
    return e;
}

} // namespace

void buildBrowseWorkspace(const std::string &path, int profiles, int eventsPerProfile)
{
    writeRun(path, [&](ingest::EventWriter &writer) {
        for (int p = 0; p < profiles; ++p) {
            const bool known = p % 2 == 0;
            const std::string user = known ? "user-" + std::to_string(p) : std::string();
            const std::string anon = known ? std::string() : "anon-" + std::to_string(p);
            // Profiles start at different times so that the time order interleaves them.
            const std::int64_t start = kFixtureStartMs + static_cast<std::int64_t>(p) * 7 * 60 * 1000;
            for (int i = 0; i < eventsPerProfile; ++i) {
                ingest::EventRecord e =
                    track(kFixtureNames[(p + i) % 3], start + i * kFixtureSpacingMs, user, anon);
                e.propertiesJson = "{\"n\":" + std::to_string(i) + ",\"profile\":" + std::to_string(p) + "}";
                writer.write(e);
            }
            if (known) {
                ingest::EventRecord id =
                    track("Identify", start + eventsPerProfile * kFixtureSpacingMs, user, {});
                id.type = ingest::EventType::Identify;
                id.email = "person" + std::to_string(p) + "@example.com";
                id.traitsJson =
                    "{\"email\":\"" + id.email + "\",\"plan\":\"p" + std::to_string(p % 4) + "\"}";
                writer.write(id);
            }
        }
    });
}

std::int64_t buildMergedProfileWorkspace(const std::string &path)
{
    writeRun(path, [&](ingest::EventWriter &writer) {
        writer.write(track("Page Viewed", kFixtureStartMs, {}, "visitor-1"));
        writer.write(track("Product Viewed", kFixtureStartMs + kHourMs, {}, "visitor-1"));
        writer.write(track("Order Completed", kFixtureStartMs + 2 * kHourMs, "user-merge", {}));
        ingest::EventRecord id = track("Identify", kFixtureStartMs + 3 * kHourMs, "user-merge", "visitor-1");
        id.type = ingest::EventType::Identify;
        id.email = "merge@example.com";
        id.traitsJson = R"({"email":"merge@example.com","firstName":"Ada","address":{"city":"Paris"}})";
        writer.write(id);
    });
    return 1; // the first profile created, for "visitor-1"
}

QString workspacePath(const QString &dir, const QString &name)
{
    return QDir(dir).filePath(name + QStringLiteral(".awb"));
}

} // namespace awb::test
