// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/WorkspaceService.h"

#include "ingest/Timestamp.h"
#include "services/CatalogService.h"
#include "store/Database.h"
#include "store/StoreError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace awb::services {

Result<void> WorkspaceService::create(const std::string &path)
{
    auto db = store::Database::open(path, store::Database::OpenMode::CreateIfMissing);
    if (!db) {
        return fail(db.error());
    }
    return {};
}

Result<void> WorkspaceService::check(const std::string &path)
{
    auto db = store::Database::open(path, store::Database::OpenMode::OpenExisting);
    if (!db) {
        return fail(db.error());
    }
    return {};
}

Result<WorkspaceInfo> WorkspaceService::info(const std::string &path)
{
    auto opened = store::Database::open(path, store::Database::OpenMode::OpenExisting);
    if (!opened) {
        return fail(opened.error());
    }
    store::Database &db = **opened;
    WorkspaceInfo info;
    try {
        info.schemaVersion = db.schemaVersion();
        info.profiles = db.queryInt("SELECT count(*) FROM profiles");
        info.identifiedProfiles =
            db.queryInt("SELECT count(DISTINCT profile_id) FROM identities WHERE kind = 0");
        info.events = db.queryInt("SELECT count(*) FROM events");
        info.products = db.queryInt("SELECT count(DISTINCT product_id) FROM event_products");
        info.productRows = db.queryInt("SELECT count(*) FROM event_products");
        info.firstEventMs = db.queryInt("SELECT min(ts) FROM events");
        info.lastEventMs = db.queryInt("SELECT max(ts) FROM events");
        info.importRuns = db.queryInt("SELECT count(*) FROM import_runs");
        auto st =
            db.prepare("SELECT n.name, count(*) AS c FROM events e JOIN event_names n ON n.id = e.name_id "
                       "GROUP BY e.name_id ORDER BY c DESC, n.name");
        while (st.step()) {
            info.eventsByName.push_back({st.text(0), st.int64(1)});
        }
    } catch (const store::StoreError &e) {
        return fail(Error::Code::Database, "Cannot read workspace " + path + ": " + e.what());
    }
    return info;
}

std::string WorkspaceInfo::toText() const
{
    std::string s;
    s += "profiles:        " + std::to_string(profiles) + " (" + std::to_string(identifiedProfiles) +
         " with a user id)\n";
    s += "events:          " + std::to_string(events) + "\n";
    s += "products:        " + std::to_string(products) + " distinct, " + std::to_string(productRows) +
         " event lines\n";
    if (events > 0) {
        s += "first event:     " + ingest::formatTimestamp(firstEventMs) + "\n";
        s += "last event:      " + ingest::formatTimestamp(lastEventMs) + "\n";
    }
    s += "import runs:     " + std::to_string(importRuns) + "\n";
    s += "schema version:  " + std::to_string(schemaVersion) + "\n";
    if (!eventsByName.empty()) {
        s += "events by name:\n";
        for (const EventCount &e : eventsByName) {
            s += "  " + std::to_string(e.count) + "\t" + e.name + "\n";
        }
    }
    return s;
}

std::string WorkspaceInfo::toJson() const
{
    QJsonObject o;
    o[QStringLiteral("schemaVersion")] = schemaVersion;
    o[QStringLiteral("profiles")] = static_cast<qint64>(profiles);
    o[QStringLiteral("identifiedProfiles")] = static_cast<qint64>(identifiedProfiles);
    o[QStringLiteral("events")] = static_cast<qint64>(events);
    o[QStringLiteral("products")] = static_cast<qint64>(products);
    o[QStringLiteral("productRows")] = static_cast<qint64>(productRows);
    o[QStringLiteral("importRuns")] = static_cast<qint64>(importRuns);
    if (events > 0) {
        o[QStringLiteral("firstEvent")] = QString::fromStdString(ingest::formatTimestamp(firstEventMs));
        o[QStringLiteral("lastEvent")] = QString::fromStdString(ingest::formatTimestamp(lastEventMs));
    }
    QJsonObject byName;
    for (const EventCount &e : eventsByName) {
        byName[QString::fromStdString(e.name)] = static_cast<qint64>(e.count);
    }
    o[QStringLiteral("eventsByName")] = byName;
    return QJsonDocument(o).toJson(QJsonDocument::Indented).toStdString();
}

catalog::CatalogDefinition WorkspaceService::sampleCatalog()
{
    return catalog::segmentSpecCatalog();
}

Result<sample::SampleSummary> WorkspaceService::createSample(const std::string &path,
                                                             const sample::SampleSpec &spec,
                                                             ProgressSink &progress)
{
    auto summary = sample::generateWorkspace(path, spec, progress);
    if (!summary) {
        return summary;
    }
    CatalogService catalog(path);
    if (auto saved = catalog.save(sampleCatalog()); !saved) {
        return fail(saved.error());
    }
    if (auto built = catalog.build(progress); !built) {
        return fail(built.error());
    }
    return summary;
}

} // namespace awb::services
