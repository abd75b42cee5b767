// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/SegmentService.h"

#include "audience/AudienceRepository.h"
#include "export/BatchFormatter.h"
#include "export/ConsentFilter.h"
#include "export/CsvWriter.h"
#include "export/ExportPresets.h"
#include "jobs/Progress.h"
#include "model/InteractionLoader.h"
#include "segments/RuleJson.h"
#include "segments/RuleValidator.h"
#include "segments/SegmentExport.h"
#include "services/SegmentSession.h"
#include "services/WithWorkspace.h"
#include "traits/ProfileAttributes.h"
#include "traits/Reachability.h"
#include "traits/TraitLoader.h"

#include <QFileInfo>

#include <chrono>
#include <set>

namespace awb::services {

namespace {

std::int64_t nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// What a rule may name in this workspace, read once per validation.
struct WorkspaceNames
{
    std::vector<std::string> columns;
    std::set<std::pair<std::string, std::string>> values;
    std::vector<std::string> segments;
    std::vector<std::string> audiences;
    std::vector<std::string> exported;
};

WorkspaceNames readNames(store::Database &db)
{
    WorkspaceNames n;
    auto built = db.prepare("SELECT count(*) FROM catalog_builds");
    if (built.step() && built.int64(0) > 0) {
        auto cols = db.prepare("SELECT name FROM catalog_columns ORDER BY position");
        while (cols.step()) {
            n.columns.push_back(cols.text(0));
        }
        auto values = db.prepare("SELECT column_name, value FROM catalog_values");
        while (values.step()) {
            n.values.emplace(values.text(0), values.text(1));
        }
    }
    for (const segments::SavedSegment &s : segments::SegmentRepository(db).list()) {
        n.segments.push_back(s.name);
    }
    audience::AudienceRepository audiences(db);
    for (const audience::AudienceInfo &a : audiences.list()) {
        n.audiences.push_back(a.name);
        if (!audiences.exports(a.name).empty()) {
            n.exported.push_back(a.name);
        }
    }
    return n;
}

Result<void> validateIn(store::Database &db, const segments::Rule &rule)
{
    const WorkspaceNames names = readNames(db);
    segments::ValidationContext ctx;
    ctx.traits = traits::availableTraits(names.columns);
    for (traits::TraitInfo &info : traits::readAttributeInfos(db)) {
        ctx.traits.push_back(std::move(info));
    }
    ctx.catalogColumns = names.columns;
    ctx.hasValue = [&](const std::string &c, const std::string &v) { return names.values.count({c, v}) > 0; };
    ctx.segments = names.segments;
    ctx.audiences = names.audiences;
    ctx.exportedAudiences = names.exported;
    return segments::validateRule(rule, ctx);
}

} // namespace

std::string SegmentExportReport::toText() const
{
    const std::int64_t missing = skipped - leftOut;
    return "exported " + std::to_string(written) + " of " + std::to_string(members) +
           (members == 1 ? " profile to " : " profiles to ") + file +
           (missing > 0 ? " (" + std::to_string(missing) + " skipped: no identifier for the preset)" : "") +
           (leftOut > 0 ? " (" + std::to_string(leftOut) + " left out: suppressed or declined e-mail)" : "") +
           "\n" + (recommended ? recommended->toText() : std::string());
}

SegmentService::SegmentService(std::string workspacePath) : m_path(std::move(workspacePath)) {}

Result<void> SegmentService::validate(const segments::Rule &rule)
{
    return flatten(withWorkspace<Result<void>>(m_path, "Segment",
                                               [&](store::Database &db) { return validateIn(db, rule); }));
}

std::unique_ptr<segments::RuleEvaluator>
SegmentService::evaluator(std::shared_ptr<const traits::TraitTable> table)
{
    // The lookup keeps the table alive as long as the evaluator that refers to it.
    const traits::TraitTable &ref = *table;
    auto lookup = [path = m_path,
                   keep = std::move(table)](const std::string &name) -> Result<segments::SegmentSource> {
        return flatten(withWorkspace<Result<segments::SegmentSource>>(
            path, "Segment", [&](store::Database &db) -> Result<segments::SegmentSource> {
                segments::SegmentRepository repo(db);
                const auto saved = repo.find(name);
                if (!saved) {
                    return fail(Error::Code::NotFound, "no saved segment named '" + name + "'");
                }
                segments::SegmentSource source;
                if (saved->isStatic()) {
                    source.members = repo.memberProfiles(saved->id);
                    return source;
                }
                auto rule = segments::ruleFromJson(saved->ruleJson);
                if (!rule) {
                    return fail(rule.error());
                }
                source.rule = std::move(*rule);
                return source;
            }));
    };
    return std::make_unique<segments::RuleEvaluator>(ref, m_path, std::move(lookup));
}

Result<segments::Bitset> SegmentService::evaluate(segments::RuleEvaluator &evaluator,
                                                  const segments::Rule &rule)
{
    if (auto ok = validate(rule); !ok) {
        return fail(ok.error());
    }
    return evaluator.evaluate(rule);
}

Result<SegmentCount> SegmentService::count(const segments::Rule &rule, const TraitRequest &request,
                                           ProgressSink &progress)
{
    // Refuse a bad rule before the traits are computed.
    if (auto ok = validate(rule); !ok) {
        return fail(ok.error());
    }
    auto session = SegmentSession::open(m_path, request, progress);
    if (!session) {
        return fail(session.error());
    }
    return session->count(rule);
}

SegmentCount SegmentService::countOf(const traits::TraitTable &table, const segments::Bitset &rows)
{
    SegmentCount c;
    c.matching = static_cast<std::int64_t>(rows.count());
    c.profiles = static_cast<std::int64_t>(table.size());
    c.share = c.profiles > 0 ? static_cast<double>(c.matching) / static_cast<double>(c.profiles) : 0.0;
    c.nowMs = table.nowMs;
    const traits::TraitColumn *identified = table.column(traits::kIdentifiedTrait);
    const traits::TraitColumn *email = table.column(traits::kHasEmailTrait);
    const traits::TraitColumn *consent = table.column(traits::kEmailConsentTrait);
    const traits::TraitColumn *suppressed = table.column(traits::kSuppressedTrait);
    if (identified && email && consent && suppressed) {
        constexpr auto kRefused = static_cast<std::int32_t>(traits::Consent::Refused);
        rows.forEach([&](std::size_t r) {
            c.identified += identified->codes[r] == 1 ? 1 : 0;
            c.reachableByEmail +=
                email->codes[r] == 1 && suppressed->codes[r] != 1 && consent->codes[r] != kRefused ? 1 : 0;
        });
    }
    return c;
}

SegmentOverlap SegmentService::overlap(const segments::Bitset &a, const segments::Bitset &b)
{
    segments::Bitset both = a;
    both &= b;
    const auto n = static_cast<std::int64_t>(both.count());
    return {n, static_cast<std::int64_t>(a.count()) - n, static_cast<std::int64_t>(b.count()) - n};
}

std::array<std::array<std::int64_t, 5>, 5> SegmentService::rfmGrid(const traits::TraitTable &table,
                                                                   const segments::Bitset &rows)
{
    std::array<std::array<std::int64_t, 5>, 5> grid{};
    const traits::TraitColumn *r = table.column("rfm_recency");
    const traits::TraitColumn *f = table.column("rfm_frequency");
    for (const std::size_t row : rows.rows()) {
        if (r->isSet(row) && f->isSet(row)) {
            ++grid[static_cast<std::size_t>(r->numbers[row]) - 1]
                  [static_cast<std::size_t>(f->numbers[row]) - 1];
        }
    }
    return grid;
}

Result<std::vector<PreviewRow>> SegmentService::preview(const traits::TraitTable &table,
                                                        const segments::Bitset &rows, std::size_t limit,
                                                        const std::vector<std::string> &traitIds)
{
    std::vector<PreviewRow> out;
    std::vector<std::int64_t> ids;
    for (const std::size_t row : rows.rows()) {
        if (out.size() == limit) {
            break;
        }
        PreviewRow p;
        p.profileId = table.profileIds[row];
        for (const std::string &id : traitIds) {
            const traits::TraitColumn *c = table.column(id);
            p.values.push_back(c ? c->display(row) : std::string());
        }
        ids.push_back(p.profileId);
        out.push_back(std::move(p));
    }
    auto keys = withWorkspace<std::vector<std::string>>(
        m_path, "Segment", [&](store::Database &db) { return model::profileKeys(db, ids); });
    if (!keys) {
        return fail(keys.error());
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i].key = (*keys)[i];
    }
    return out;
}

Result<segments::Rule> SegmentService::fromTemplate(const std::string &name,
                                                    const std::map<std::string, std::string> &params,
                                                    const traits::TraitTable &table)
{
    return segments::instantiateTemplate(name, params, table);
}

Result<void> SegmentService::save(const std::string &name, const std::string &description,
                                  const segments::Rule &rule)
{
    if (name.empty()) {
        return fail(Error::Code::InvalidInput, "A segment needs a name.");
    }
    if (auto ok = validate(rule); !ok) {
        return fail(ok.error());
    }
    return flatten(withWorkspace<Result<void>>(m_path, "Segment", [&](store::Database &db) -> Result<void> {
        segments::SegmentRepository repo(db);
        if (const auto existing = repo.find(name); existing && existing->isStatic()) {
            return fail(Error::Code::InvalidInput,
                        "'" + name +
                            "' is a static segment (a frozen snapshot): its members never change. Save the "
                            "rule under another name.");
        }
        repo.save(name, description, segments::ruleToJson(rule), nowMs());
        return {};
    }));
}

Result<segments::SavedSegment> SegmentService::saveEdited(const SegmentEdit &edit)
{
    if (edit.name.empty()) {
        return fail(Error::Code::InvalidInput, "A segment needs a name.");
    }
    if (auto ok = validate(edit.rule); !ok) {
        return fail(ok.error());
    }
    const std::string json = segments::ruleToJson(edit.rule);
    using segments::SavedSegment;
    return flatten(withWorkspace<Result<SavedSegment>>(
        m_path, "Segment", [&](store::Database &db) -> Result<SavedSegment> {
            store::Transaction transaction(db);
            segments::SegmentRepository repo(db);
            const std::int64_t openedId = edit.opened ? edit.opened->id : 0;
            if (const auto taken = repo.find(edit.name); taken && taken->id != openedId) {
                return fail(Error::Code::InvalidInput, "A segment named '" + edit.name + "' exists already" +
                                                           (taken->isStatic() ? " (a static segment)" : "") +
                                                           ": choose another name.");
            }
            const std::optional<SavedSegment> current =
                edit.opened ? repo.find(edit.opened->id) : std::optional<SavedSegment>();
            if (edit.opened && !edit.overwrite) {
                const std::string what = "'" + edit.opened->name + "'";
                if (!current) {
                    return fail(Error::Code::Conflict,
                                what + " was deleted in another window or by awb since you opened it.");
                }
                if (current->updatedAtMs != edit.opened->updatedAtMs) {
                    return fail(Error::Code::Conflict,
                                what + " was changed in another window or by awb since you opened it.");
                }
            }
            if (current) {
                if (!repo.update(current->id, current->updatedAtMs, edit.name, edit.description, json,
                                 nowMs())) {
                    return fail(Error::Code::Conflict,
                                "'" + edit.name + "' changed while it was being saved.");
                }
            } else {
                repo.save(edit.name, edit.description, json, nowMs());
            }
            auto stored = repo.find(edit.name);
            transaction.commit();
            return *stored;
        }));
}

Result<std::vector<segments::SavedSegment>> SegmentService::list()
{
    return withWorkspace<std::vector<segments::SavedSegment>>(
        m_path, "Segment", [](store::Database &db) { return segments::SegmentRepository(db).list(); });
}

Result<segments::SavedSegment> SegmentService::find(const std::string &name)
{
    auto found = withWorkspace<std::optional<segments::SavedSegment>>(
        m_path, "Segment", [&](store::Database &db) { return segments::SegmentRepository(db).find(name); });
    if (!found) {
        return fail(found.error());
    }
    if (!*found) {
        return fail(Error::Code::NotFound, "No saved segment named '" + name + "' in " + m_path + ".");
    }
    return std::move(**found);
}

Result<segments::Rule> SegmentService::rule(const std::string &name)
{
    auto found = find(name);
    if (!found) {
        return fail(found.error());
    }
    return found->isStatic() ? inSegment(name) : segments::ruleFromJson(found->ruleJson);
}

segments::Rule SegmentService::inSegment(const std::string &name)
{
    segments::Rule r;
    r.root = segments::Node::group(
        segments::GroupMode::All,
        {segments::Node::membershipCondition({segments::MembershipKind::Segment, true, name})});
    return r;
}

Result<std::vector<segments::EventProperty>> SegmentService::eventProperties(const std::string &event)
{
    // The latest 2,000 events (and their product rows) show the common keys; 12 examples each.
    return withWorkspace<std::vector<segments::EventProperty>>(m_path, "Segment", [&](store::Database &db) {
        return segments::sampleEventProperties(db, event, 2000, 12);
    });
}

Result<void> SegmentService::rename(const std::string &from, const std::string &to)
{
    if (to.empty()) {
        return fail(Error::Code::InvalidInput, "A segment needs a name.");
    }
    enum class Outcome
    {
        Renamed,
        Missing,
        Taken,
    };
    auto done = withWorkspace<Outcome>(m_path, "Segment", [&](store::Database &db) {
        segments::SegmentRepository repo(db);
        if (repo.find(to)) {
            return Outcome::Taken;
        }
        return repo.rename(from, to, nowMs()) ? Outcome::Renamed : Outcome::Missing;
    });
    if (!done) {
        return fail(done.error());
    }
    if (*done == Outcome::Taken) {
        return fail(Error::Code::InvalidInput, "A segment named '" + to + "' exists already.");
    }
    return *done == Outcome::Renamed ? Result<void>()
                                     : fail(Error::Code::NotFound, "No saved segment named '" + from + "'.");
}

Result<void> SegmentService::remove(const std::string &name)
{
    auto done = withWorkspace<bool>(
        m_path, "Segment", [&](store::Database &db) { return segments::SegmentRepository(db).remove(name); });
    if (!done) {
        return fail(done.error());
    }
    return *done ? Result<void>() : fail(Error::Code::NotFound, "No saved segment named '" + name + "'.");
}

Result<SegmentExportReport> SegmentService::exportCsv(const segments::Rule &rule, const TraitRequest &request,
                                                      const SegmentExportRequest &out, ProgressSink &progress)
{
    auto preset =
        exports::makePreset(out.preset, out.preset == "generic" ? out.columns : std::vector<std::string>{});
    if (!preset) {
        return fail(preset.error());
    }
    if (auto ok = validate(rule); !ok) {
        return fail(ok.error());
    }
    auto session = SegmentSession::open(m_path, request, progress);
    if (!session) {
        return fail(session.error());
    }
    auto rows = session->evaluate(rule);
    if (!rows) {
        return fail(rows.error());
    }
    std::optional<RecommendationOutcome> recommended;
    if (out.recommendations) {
        auto outcome = flatten(withWorkspace<Result<RecommendationOutcome>>(
            m_path, "Recommended items", [&](store::Database &db) -> Result<RecommendationOutcome> {
                if (auto added = addRecommendationColumns(db, *preset, out.recommendations->count); !added) {
                    return fail(added.error());
                }
                std::vector<std::int64_t> ids;
                rows->forEach([&](std::size_t row) { ids.push_back(session->table().profileIds[row]); });
                return recommendItems(db, ids, *out.recommendations, progress);
            }));
        if (!outcome) {
            return fail(outcome.error());
        }
        recommended = std::move(*outcome);
    }
    exports::CsvWriter writer(out.outFile);
    if (auto opened = writer.open(); !opened) {
        return fail(opened.error());
    }
    exports::RowFormatter formatter(std::move(*preset), out.defaultCountry);
    if (recommended) {
        formatter.setRecommendations(&recommended->table);
    }
    writer.setColumnKinds(exports::cellKinds(formatter.preset()));
    writer.writeHeader(formatter.preset().header());
    progress.setStage("Exporting");
    progress.setRange(static_cast<std::int64_t>(rows->count()));
    auto counts = flatten(
        withWorkspace<Result<segments::ExportCounts>>(m_path, "Segment export", [&](store::Database &db) {
            // The same rule as audience exports (ExportService), read through this connection.
            const exports::ConsentFilter consent(db, exports::consentRule(formatter.preset()),
                                                 out.includeWithoutConsent);
            formatter.setConsentFilter(&consent);
            auto written =
                segments::writeSegmentMembers(db, session->table(), *rows, formatter, writer, progress);
            formatter.setConsentFilter(nullptr);
            return written;
        }));
    if (!counts) {
        return fail(counts.error()); // the writer's destructor drops the temporary file
    }
    if (auto committed = writer.commit(); !committed) {
        return fail(committed.error());
    }
    const segments::ExportCounts &c = *counts;
    SegmentExportReport report{QFileInfo(QString::fromStdString(out.outFile)).absoluteFilePath().toStdString(),
                               c.members, c.written, c.skipped, c.leftOut};
    if (recommended) {
        recommended->table = {}; // the lists are in the file; the report keeps the figures
        report.recommended = std::move(recommended);
    }
    return report;
}

} // namespace awb::services
