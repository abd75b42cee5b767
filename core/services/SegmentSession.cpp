// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/SegmentSession.h"

#include "segments/RuleEvaluator.h"
#include "segments/RuleJson.h"

#include <algorithm>
#include <numeric>

namespace awb::services {

SegmentSession::SegmentSession(std::string workspacePath, std::shared_ptr<const traits::TraitTable> table)
    : m_path(std::move(workspacePath)), m_table(std::move(table))
{}

SegmentSession::~SegmentSession() = default;
SegmentSession::SegmentSession(SegmentSession &&) noexcept = default;
SegmentSession &SegmentSession::operator=(SegmentSession &&) noexcept = default;

Result<SegmentSession> SegmentSession::open(const std::string &workspacePath, const TraitRequest &request,
                                            ProgressSink &progress)
{
    auto table = TraitService(workspacePath).load(request, progress);
    if (!table) {
        return fail(table.error());
    }
    return SegmentSession(workspacePath, std::move(*table));
}

segments::RuleEvaluator &SegmentSession::evaluator()
{
    if (!m_evaluator) {
        m_evaluator = SegmentService(m_path).evaluator(m_table);
    }
    return *m_evaluator;
}

Result<segments::Bitset> SegmentSession::evaluate(const segments::Rule &rule)
{
    return SegmentService(m_path).evaluate(evaluator(), rule);
}

Result<SegmentCount> SegmentSession::count(const segments::Rule &rule)
{
    auto rows = evaluate(rule);
    if (!rows) {
        return fail(rows.error());
    }
    return SegmentService::countOf(*m_table, *rows);
}

Result<SegmentInsights> SegmentSession::insights(const SegmentInsightsRequest &request)
{
    auto rows = evaluate(request.rule);
    if (!rows) {
        return fail(rows.error());
    }
    SegmentService service(m_path);
    SegmentInsights out;
    out.count = SegmentService::countOf(*m_table, *rows);
    out.rfm = SegmentService::rfmGrid(*m_table, *rows);
    std::int64_t inGrid = 0;
    for (const auto &recency : out.rfm) {
        inGrid = std::accumulate(recency.begin(), recency.end(), inGrid);
    }
    out.withoutRfm = out.count.matching - inGrid;
    if (const traits::TraitColumn *f = m_table->column("rfm_frequency")) {
        for (std::size_t row = 0; row < m_table->size(); ++row) {
            if (f->isSet(row)) {
                out.frequencyScores = std::max(out.frequencyScores, static_cast<int>(f->numbers[row]));
            }
        }
    }
    auto preview = service.preview(*m_table, *rows, request.previewLimit, request.previewTraits);
    if (!preview) {
        return fail(preview.error());
    }
    out.preview = std::move(*preview);
    if (!request.overlapWith.empty()) {
        auto other = evaluate(SegmentService::inSegment(request.overlapWith));
        if (other) {
            out.overlap = SegmentService::overlap(*rows, *other);
        } else {
            out.overlapError = other.error();
        }
    }
    return out;
}

std::vector<std::int64_t> SegmentSession::profileIds(const segments::Bitset &rows) const
{
    std::vector<std::int64_t> ids;
    ids.reserve(rows.count());
    rows.forEach([&](std::size_t row) { ids.push_back(m_table->profileIds[row]); });
    return ids;
}

Result<std::vector<std::pair<std::string, SegmentCount>>> SegmentSession::countSaved()
{
    auto list = SegmentService(m_path).list();
    if (!list) {
        return fail(list.error());
    }
    std::vector<std::pair<std::string, SegmentCount>> out;
    for (const segments::SavedSegment &s : *list) {
        if (s.isStatic()) {
            continue;
        }
        auto rule = segments::ruleFromJson(s.ruleJson);
        auto rows = rule ? evaluate(*rule) : Result<segments::Bitset>(fail(rule.error()));
        SegmentCount count;
        count.matching = -1;
        out.emplace_back(s.name, rows ? SegmentService::countOf(*m_table, *rows) : count);
    }
    return out;
}

} // namespace awb::services
