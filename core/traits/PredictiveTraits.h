// SPDX-License-Identifier: GPL-3.0-or-later
// Predictive traits from the customer-base models fitted on the workspace: BG/NBD (Fader, Hardie & Lee
// 2005) for expected purchases, P(alive) and churn risk, Gamma-Gamma for the expected order value.
//
// Model inputs per purchaser, with transactions counted per UTC day as in the CDNOW summaries: x = distinct
// purchase days - 1 (repeat purchases), t_x = last purchase day - first purchase day, T = day of now - first
// purchase day, in the chosen time unit (days or weeks); mean spend = spend on the repeat days / x. Orders
// with a non-positive value count as purchases but Gamma-Gamma ignores customers whose mean repeat spend is
// not positive. Profiles without orders get no predictive values.
#pragma once

#include "traits/EventScan.h"
#include "traits/TraitTable.h"

#include <vector>

namespace awb::traits {

/// At most this many purchasers are fitted (an evenly spaced, deterministic subset of the rows beyond
/// it): the maximum-likelihood estimates barely move, and the fit (Nelder-Mead over lgamma-heavy
/// likelihoods) stays at about 1.5 s of CPU on the reference machine. TODO(#5): a weighted fit over the
/// distinct (x, t_x, T) summaries would fit everyone in less time.
inline constexpr std::size_t kMaxFitCustomers = 10000;

/// Fits both models on the purchasers and appends expected_purchases_30d / _90d, p_alive,
/// expected_order_value, predicted_value_90d, churn_risk and churn_risk_band. Fills table.models. With
/// fewer than 10 purchasers or no repeat purchase the columns stay unset and models.note says why.
void addPredictiveColumns(TraitTable &table, const std::vector<ProfileStats> &stats, double timeUnitDays);

} // namespace awb::traits
