// SPDX-License-Identifier: GPL-3.0-or-later
// A rule in plain language, generated from the rule itself so it stays true after every edit:
//
//   "Total spend at least 2,000 and last purchase more than 45 days ago"
//   "Any of: in segment “Lapsed VIPs”, performed Order Completed at least 3 times in the last 30 days
//    where revenue is at least 150"
//   "Visitor type is New and (none of: never performed Product Viewed, not in audience “Beauty 5%”)"
//
// An "all" group joins its conditions with "and", "any" and "none" list them after "any of:" / "none of:";
// nested groups are in parentheses (an "all" inside an "all" needs none). Traits are named by their labels
// (traits/TraitInfos.h), per-value traits with their catalog value ("spend on Category = Skincare"), names
// of segments and audiences and texts typed by the user in quotes. Numbers read as the tables show them:
// digit groups ("2,000"), at most two decimals (three below 1).
#pragma once

#include "segments/Rule.h"

#include <cstddef>
#include <string>

namespace awb::segments {

struct SavedSegment;

/// A rule's summary in two lengths.
struct RuleSummary
{
    std::string brief; ///< for a list: cut to about one line (see summarizeRule)
    std::string full;  ///< every condition (for a tooltip or the command line)
};

/// What a list's rule column shows in a window of common width: where brief summaries are cut.
inline constexpr std::size_t kBriefSummaryChars = 90;

/// The summary of rule. brief keeps the top-level conditions that fit in maxChars characters (at least
/// one), names nested groups that do not fit by their size ("(none of 3 conditions)") and counts the
/// conditions left out ("… and 2 more conditions"); it equals full when full fits.
RuleSummary summarizeRule(const Rule &rule, std::size_t maxChars = kBriefSummaryChars);

/// The summary of a saved segment. A static segment's says what it was frozen from and when, then the rule
/// it was frozen from ("Frozen from “Lapsed VIPs” on 2026-11-21: total spend …"); full adds the day of
/// the traits when it was earlier ("… on 2026-11-21 (traits as of 2026-10-31): …"). A rule that cannot be
/// read says so.
RuleSummary summarizeSegment(const SavedSegment &segment, std::size_t maxChars = kBriefSummaryChars);

} // namespace awb::segments
