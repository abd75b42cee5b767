// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/RuleEvaluator.h"

#include "segments/EventQuery.h"
#include "segments/RuleJson.h"
#include "segments/RuleValidator.h"
#include "segments/TraitConditions.h"
#include "store/Database.h"
#include "store/StoreError.h"

#include <algorithm>

namespace awb::segments {

RuleEvaluator::RuleEvaluator(const traits::TraitTable &table, std::string workspacePath,
                             SegmentLookup segments)
    : m_table(table), m_path(std::move(workspacePath)), m_segments(std::move(segments))
{}

RuleEvaluator::~RuleEvaluator() = default;

Result<Bitset> RuleEvaluator::evaluate(const Rule &rule)
{
    try {
        return node(rule.root, "rule");
    } catch (const store::StoreError &e) {
        return fail(Error::Code::Database, std::string("Segment: ") + e.what());
    }
}

Result<Bitset> RuleEvaluator::node(const Node &n, const std::string &path)
{
    switch (n.type) {
    case Node::Type::Trait:
        return trait(n.trait, path);
    case Node::Type::Event:
        return event(n.event, path);
    case Node::Type::Membership:
        return membership(n.membership, path);
    case Node::Type::Group:
        break;
    }
    // all: intersection (empty = everyone); any: union (empty = nobody); none: complement of the union.
    Bitset acc(m_table.size(), n.mode == GroupMode::All);
    for (std::size_t i = 0; i < n.children.size(); ++i) {
        auto child = node(n.children[i], path + ".conditions[" + std::to_string(i) + "]");
        if (!child) {
            return child;
        }
        if (n.mode == GroupMode::All) {
            acc &= *child;
        } else {
            acc |= *child;
        }
    }
    if (n.mode == GroupMode::None) {
        acc.flip();
    }
    return acc;
}

Result<Bitset> RuleEvaluator::trait(const TraitCondition &c, const std::string &path)
{
    if (!isPerValueTrait(c.trait)) {
        const traits::TraitColumn *column = m_table.column(c.trait);
        if (column == nullptr) {
            return fail(Error::Code::InvalidInput, path + ".trait: unknown trait '" + c.trait + "'");
        }
        // Checked again against the loaded column: an attribute's kind follows the stored values, which
        // may have changed since the rule was validated.
        if (std::string e = traitConditionError(c, column->info, path); !e.empty()) {
            return fail(Error::Code::InvalidInput, e);
        }
        return evaluateTraitCondition(*column, c, m_table.nowMs);
    }
    const std::string key = c.trait + ":" + c.column + "=" + c.columnValue;
    auto it = m_valueColumns.find(key);
    if (it == m_valueColumns.end()) {
        auto column = traits::materializeValueTrait(m_table, c.trait, c.column, c.columnValue);
        if (!column) {
            // A value nobody bought (or a column the catalog lost) is a column of zeros, not an error.
            if (m_table.catalogColumn(c.column) == nullptr) {
                return fail(Error::Code::InvalidInput,
                            path + ".column: the built catalog has no column '" + c.column + "'");
            }
            column = traits::TraitColumn{};
            column->info = {c.trait,
                            {},
                            {},
                            c.trait == "value_last_purchase" ? traits::TraitKind::Date
                                                             : traits::TraitKind::Number,
                            {}};
            if (column->info.kind == traits::TraitKind::Date) {
                column->dates.assign(m_table.size(), traits::kNoDate);
            } else {
                column->numbers.assign(m_table.size(), 0.0);
            }
        }
        it = m_valueColumns.emplace(key, std::move(*column)).first;
    }
    return evaluateTraitCondition(it->second, c, m_table.nowMs);
}

Result<Bitset> RuleEvaluator::event(const EventCondition &c, const std::string &)
{
    const std::string key = ruleToJson(Rule{Node::eventCondition(c)});
    if (const auto it = m_eventCache.find(key); it != m_eventCache.end()) {
        return it->second;
    }
    if (!m_db) {
        auto db = store::Database::open(m_path, store::Database::OpenMode::ReadOnly);
        if (!db) {
            return fail(db.error());
        }
        m_db = std::move(db).value();
    }
    Bitset rows = evaluateEventCondition(*m_db, m_table, c);
    m_eventCache.emplace(key, rows);
    return rows;
}

Result<Bitset> RuleEvaluator::membership(const MembershipCondition &c, const std::string &path)
{
    Result<Bitset> rows = Bitset(m_table.size());
    if (c.kind == MembershipKind::Segment) {
        rows = segment(c.name, path);
    } else {
        const traits::MembershipList *list =
            m_table.membership(c.kind == MembershipKind::Audience ? "audience" : "export", c.name);
        if (list == nullptr) {
            return fail(Error::Code::InvalidInput,
                        path + ".name: no " +
                            (c.kind == MembershipKind::Audience ? "audience" : "exported audience") +
                            " named '" + c.name + "'");
        }
        for (const std::int32_t row : list->rows) {
            rows->set(static_cast<std::size_t>(row));
        }
    }
    if (rows && !c.in) {
        rows->flip();
    }
    return rows;
}

Result<Bitset> RuleEvaluator::segment(const std::string &name, const std::string &path)
{
    if (std::find(m_segmentStack.begin(), m_segmentStack.end(), name) != m_segmentStack.end()) {
        std::string chain;
        for (const std::string &s : m_segmentStack) {
            chain += s + " -> ";
        }
        return fail(Error::Code::InvalidInput,
                    path + ".name: segment '" + name + "' refers to itself (" + chain + name + ")");
    }
    if (!m_segments) {
        return fail(Error::Code::InvalidInput, path + ".name: saved segments are not available here");
    }
    auto source = m_segments(name);
    if (!source) {
        return fail(source.error().code, path + ".name: " + source.error().message);
    }
    if (!source->rule) {
        // A static segment: its frozen members, never re-evaluated.
        Bitset rows(m_table.size());
        for (const std::int64_t id : source->members) {
            if (const auto row = m_table.rowOf(id)) {
                rows.set(*row);
            }
        }
        return rows;
    }
    m_segmentStack.push_back(name);
    auto rows = node(source->rule->root, "segment '" + name + "' rule");
    m_segmentStack.pop_back();
    return rows;
}

} // namespace awb::segments
