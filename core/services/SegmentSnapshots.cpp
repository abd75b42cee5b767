// SPDX-License-Identifier: GPL-3.0-or-later
// SegmentService: freezing a segment into a static snapshot of its members, and the members of a saved
// segment (static or rule) as profile ids.
#include "services/SegmentService.h"

#include "jobs/Progress.h"
#include "services/SegmentSession.h"
#include "services/WithWorkspace.h"

#include <QDateTime>

#include <algorithm>
#include <chrono>

namespace awb::services {

namespace {

std::int64_t wallClockMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string dayOf(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date().toString(Qt::ISODate).toStdString();
}

} // namespace

std::string SegmentService::frozenName(const std::string &source, std::optional<std::int64_t> asOfMs,
                                       std::int64_t todayMs)
{
    // "Frozen" is always the day the snapshot was made; an earlier moment is named as such.
    return asOfMs ? source + " (as of " + dayOf(*asOfMs) + ")" : source + " (frozen " + dayOf(todayMs) + ")";
}

Result<segments::SavedSegment> SegmentService::freeze(const std::string &source, const std::string &name,
                                                      std::shared_ptr<const traits::TraitTable> table,
                                                      ProgressSink &progress, const audience::ControlGroup &control)
{
    if (name.empty()) {
        return fail(Error::Code::InvalidInput, "A segment needs a name.");
    }
    if (!(control.share >= 0 && control.share <= audience::kMaxControlShare)) {
        return fail(Error::Code::InvalidInput, "A control group holds out 0 to 50% of the members.");
    }
    auto from = find(source);
    if (!from) {
        return fail(from.error());
    }
    if (from->isStatic()) {
        return fail(Error::Code::InvalidInput, "'" + source + "' is a static segment already (frozen on " +
                                                   dayOf(from->createdAtMs) + "): its members never change.");
    }
    progress.setStage("Freezing " + source);
    SegmentSession session(m_path, table);
    auto rows = session.evaluate(inSegment(source));
    if (!rows) {
        return fail(rows.error());
    }
    if (progress.isCancelled()) {
        return fail(Error::cancelled());
    }
    const std::vector<std::int64_t> ids = session.profileIds(*rows);
    segments::SavedSegment frozen;
    frozen.name = name;
    frozen.description = from->description;
    frozen.ruleJson = from->ruleJson;
    frozen.createdAtMs = wallClockMs();
    frozen.updatedAtMs = frozen.createdAtMs;
    frozen.kind = segments::SegmentKind::Static;
    frozen.frozenFrom = source;
    frozen.asOfMs = table->nowMs;
    frozen.memberCount = static_cast<std::int64_t>(ids.size());
    const std::vector<bool> held = audience::drawControlGroup(ids.size(), control);
    frozen.control = control;
    frozen.controlSize = std::count(held.begin(), held.end(), true);
    return flatten(withWorkspace<Result<segments::SavedSegment>>(
        m_path, "Segment", [&](store::Database &db) -> Result<segments::SavedSegment> {
            store::Transaction tx(db);
            segments::SegmentRepository repo(db);
            if (repo.find(name)) {
                return fail(Error::Code::InvalidInput, "A segment named '" + name + "' exists already.");
            }
            frozen.id = repo.insertStatic(frozen, ids, held);
            tx.commit();
            return frozen;
        }));
}

Result<segments::SavedSegment> SegmentService::freeze(const std::string &source, const std::string &name,
                                                      const TraitRequest &request, ProgressSink &progress,
                                                      const audience::ControlGroup &control)
{
    // Refuse early, before the traits are computed, when the freeze cannot succeed.
    if (auto from = find(source); !from) {
        return fail(from.error());
    }
    auto table = TraitService(m_path).load(request, progress);
    if (!table) {
        return fail(table.error());
    }
    return freeze(source, name, *table, progress, control);
}

Result<std::vector<std::int64_t>> SegmentService::members(const std::string &name,
                                                          const TraitRequest &request, ProgressSink &progress)
{
    auto found = find(name);
    if (!found) {
        return fail(found.error());
    }
    if (found->isStatic()) {
        return withWorkspace<std::vector<std::int64_t>>(m_path, "Segment", [&](store::Database &db) {
            return segments::SegmentRepository(db).memberProfiles(found->id);
        });
    }
    auto session = SegmentSession::open(m_path, request, progress);
    if (!session) {
        return fail(session.error());
    }
    auto rows = session->evaluate(inSegment(name));
    if (!rows) {
        return fail(rows.error());
    }
    return session->profileIds(*rows); // ascending, as the table's rows
}

} // namespace awb::services
