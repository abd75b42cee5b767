// SPDX-License-Identifier: GPL-3.0-or-later
// Ready-made rules for the scenarios users ask for, with parameters. Thresholds written as "top N%" are
// computed from the trait table when the template is instantiated and stored in the rule as numbers, so
// the rule stays editable and explains itself (it does not move with later imports).
//
//  lapsed-vips         total_spend >= spend (2000) and last_purchase more than days (45) ago
//  aov-builders        average_order_value between min (80) and max (120), value_purchases of
//                      column (Category) = category >= times (2), and value_purchases of never = 0
//  discount-seekers    discount_affinity is High
//  new-visitors        visitor_type is New and first_seen within the last days (30)
//  returning-visitors  visitor_type is Returning and last_seen within the last days (30)
//  loyal-low-spenders  rfm_frequency >= 4 and rfm_monetary <= 2
//  top-brand-buyers    value_spend of column (Brand) = brand in the top percent (5) of its buyers
//  ready-to-buy        expected_purchases_30d in the top percent (20) of purchasers
//  long-shots          expected_purchases_30d below the purchasers' median and churn_risk_band is not High
//  high-value          predicted_value_90d in the top percent (10) of purchasers
//  potential-vips      predicted_value_90d in the top percent (20) and total_spend below that top percent
//  dormant             churn_risk_band is High and last_purchase more than days (60) ago
#pragma once

#include "common/Result.h"
#include "segments/Rule.h"
#include "traits/TraitTable.h"

#include <map>
#include <string>
#include <vector>

namespace awb::segments {

struct TemplateParam
{
    std::string name;
    std::string description;
    std::string defaultValue; ///< empty = required
};

struct TemplateInfo
{
    std::string name;  ///< "lapsed-vips"
    std::string label; ///< "Lapsed VIPs"
    std::string description;
    std::vector<TemplateParam> params;
};

/// Every template, in the order of the issue.
const std::vector<TemplateInfo> &templateList();

/// The rule of a template with its parameters (missing ones take their defaults). InvalidInput for an
/// unknown template or parameter, a missing required one, a bad number, a catalog column or value the
/// table does not have, predictive traits whose models were not fitted, or a target nobody bought.
Result<Rule> instantiateTemplate(const std::string &name, const std::map<std::string, std::string> &params,
                                 const traits::TraitTable &table);

} // namespace awb::segments
