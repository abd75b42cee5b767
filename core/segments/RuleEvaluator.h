// SPDX-License-Identifier: GPL-3.0-or-later
// Exact evaluation of a rule over a trait table: one bitset per condition (trait conditions scan one
// contiguous column; event conditions are counted in the store), combined word by word up the tree.
#pragma once

#include "common/Result.h"
#include "segments/Bitset.h"
#include "segments/Rule.h"
#include "traits/TraitTable.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace awb::store {
class Database;
}

namespace awb::segments {

/// Not thread-safe: one per thread. Keeps the bitsets of event conditions and the materialised per-value
/// columns between calls, so re-evaluating an edited rule only computes what changed (live counts).
/// What a membership condition on a saved segment stands for: the segment's rule, or (a static segment)
/// its frozen members.
struct SegmentSource
{
    std::optional<Rule> rule; ///< a rule segment
    std::vector<std::int64_t>
        members; ///< a static segment: profile ids (profiles not in the table are ignored)
};

class RuleEvaluator
{
public:
    /// A saved segment by name, for membership conditions; NotFound when there is none.
    using SegmentLookup = std::function<Result<SegmentSource>(const std::string &name)>;

    /// table must outlive the evaluator. workspacePath: where event conditions are counted (opened
    /// read-only on first use); empty when rules have no event conditions.
    RuleEvaluator(const traits::TraitTable &table, std::string workspacePath, SegmentLookup segments = {});
    ~RuleEvaluator();
    RuleEvaluator(const RuleEvaluator &) = delete;
    RuleEvaluator &operator=(const RuleEvaluator &) = delete;

    /// The matching rows of a validated rule. InvalidInput naming the part for a trait, column value,
    /// audience or segment the table does not know, or a segment that refers to itself; Database when
    /// counting events fails.
    Result<Bitset> evaluate(const Rule &rule);

private:
    Result<Bitset> node(const Node &n, const std::string &path);
    Result<Bitset> trait(const TraitCondition &c, const std::string &path);
    Result<Bitset> event(const EventCondition &c, const std::string &path);
    Result<Bitset> membership(const MembershipCondition &c, const std::string &path);
    Result<Bitset> segment(const std::string &name, const std::string &path);

    const traits::TraitTable &m_table;
    std::string m_path;
    SegmentLookup m_segments;
    std::unique_ptr<store::Database> m_db;
    std::map<std::string, Bitset> m_eventCache;
    std::map<std::string, traits::TraitColumn> m_valueColumns;
    std::vector<std::string> m_segmentStack; ///< segments being evaluated (cycle detection)
};

} // namespace awb::segments
