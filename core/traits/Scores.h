// SPDX-License-Identifier: GPL-3.0-or-later
// The documented cut-offs that turn computed traits into scores and named bands: RFM quintile scores and
// groups, discount affinity bands, churn risk bands, the session rule.
//
// RFM (over purchasers, i.e. profiles with at least one order before now):
//   score = 1 + floor(5 * (purchasers with a strictly worse value) / purchasers), so 1..5 by quintile and
//   equal values always share a score; where ties would leave a score empty, a value scores at most one above
//   the next worse value (score_i = min(quintile_i, score_(i-1) + 1) over the distinct values in order). So
//   when most buyers have one order, one order is F1, two F2, three F3, and so on, instead of F1 then F4;
//   without large ties the scores are the plain quintiles. Recency compares the last purchase time (later is better),
//   frequency the order count and monetary the total spend (more is better).
//   Named groups from the recency (R) and frequency (F) scores, the grid a heat map shows:
//     R\F   1               2                   3                   4         5
//     5     New             Potential Loyalists Potential Loyalists Champions Champions
//     4     Promising       Potential Loyalists Potential Loyalists Loyal     Loyal
//     3     About to Sleep  About to Sleep      Need Attention      Loyal     Loyal
//     2     Hibernating     Hibernating         At Risk             At Risk   Can't Lose Them
//     1     Lost            Lost                At Risk             At Risk   Can't Lose Them
// Discount affinity (like Insider's High / Mid / Low, whose initial state is Mid): the share of purchased
//   items bought with a discount; High from 0.5, Low below 0.2, Mid in between and for profiles without
//   purchased items.
// Churn risk = P(no purchase in the next 90 days) under the fitted BG/NBD; High from 0.8, Medium from 0.5,
//   Low below. A one-time buyer's P(alive) is 1, but its expected purchases fall with its age, so its
//   risk rises: it is never ranked safe merely for having bought once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace awb::traits {

/// A visit ends after 30 minutes without events.
inline constexpr std::int64_t kSessionGapMs = 30 * 60 * 1000;
inline constexpr double kDiscountHighFrom = 0.5;
inline constexpr double kDiscountLowBelow = 0.2;
inline constexpr double kChurnHighFrom = 0.8;
inline constexpr double kChurnMediumFrom = 0.5;
/// Horizon of the churn risk, in days.
inline constexpr double kChurnHorizonDays = 90;

/// RFM group names, in the order of the issue (and of their text codes).
const std::vector<std::string> &rfmGroupNames();
/// The group of a recency and frequency score (both 1..5).
const std::string &rfmGroup(int recency, int frequency);

/// Quintile scores 1..5 of values over the rows where eligible[r] is true (others get 0); higher values
/// score higher. Ties share the score; no score is skipped between two neighbouring values. O(n log n).
std::vector<int> quintileScores(const std::vector<double> &values, const std::vector<bool> &eligible);

/// "High", "Mid" or "Low" for an item share in [0, 1]; "Mid" for NaN (no purchased items).
const char *discountBand(double share);
/// "High", "Medium" or "Low" for a churn risk in [0, 1].
const char *churnBand(double risk);

} // namespace awb::traits
