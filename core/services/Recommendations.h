// SPDX-License-Identifier: GPL-3.0-or-later
// Recommended items per person, for the rec_K_* columns of an export: the strategy, the item filters and
// exclusions a campaign asks for, and the backtest that says whether the lists beat the bestsellers.
#pragma once

#include "common/Result.h"
#include "export/ExportPresets.h"
#include "export/RecommendationTable.h"
#include "numeric/RecTypes.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace awb {
class ProgressSink;
}
namespace awb::store {
class Database;
}

namespace awb::services {

/// Items whose catalog column has one of values ("Category" in {"Beauty"}).
struct ItemCondition
{
    std::string column;
    std::vector<std::string> values;
};

struct RecommendationRequest
{
    numeric::RecStrategy strategy = numeric::RecStrategy::Blend;
    int count = 5; ///< 1 .. numeric::kMaxRecommendations
    std::vector<ItemCondition> conditions; ///< all must hold
    std::optional<double> minPrice;        ///< unit price bounds (the latest price seen); an item without
    std::optional<double> maxPrice;        ///< a known price fails them
    double minMarkdown = 0; ///< 0.2: at least 20% below the highest price seen for the item
    bool excludeBought = true;  ///< items the person ordered (Order Completed)
    bool excludeInCart = false; ///< items added to the cart (Product Added) since the person's last order and
                                ///< not removed (Product Removed)
    int activeDays = 90; ///< leave out items nobody engaged with in the last activeDays (0: keep all)
    std::optional<std::int64_t> asOfMs; ///< "now"; default just after the latest event
    std::int64_t horizonMs = 30LL * 86400000; ///< backtest window, and the bestsellers' window
};

/// "blend" / "personal" / "similar" / "bestsellers".
Result<numeric::RecStrategy> parseRecStrategy(const std::string &name);
/// "Category=Beauty|Fashion" (values separated by '|').
Result<ItemCondition> parseItemCondition(const std::string &text);
/// "10-100", "-100", "10-": the price bounds.
Result<void> parsePriceRange(const std::string &text, RecommendationRequest &request);
/// "20%": the smallest markdown, below 100%.
Result<void> parseMarkdown(const std::string &text, RecommendationRequest &request);
/// "bought,cart" / "bought" / "cart" / "none".
Result<void> parseExclusions(const std::string &text, RecommendationRequest &request);

struct RecommendationOutcome
{
    exports::RecommendationTable table;     ///< lists of the profiles asked for
    std::vector<numeric::RecQuality> backtest; ///< the strategy's row, then the bestsellers'
    std::int64_t people = 0;         ///< profiles asked for
    std::int64_t withItems = 0;      ///< of them, with at least one item
    std::int64_t fromBestsellers = 0; ///< of them, whose list came from the bestsellers
    std::int64_t allowedItems = 0;   ///< catalog items the filters and activeDays leave
    std::int64_t catalogItems = 0;
    std::string strategy;            ///< numeric::strategyName
    std::string note;                ///< what the backtest leaves out

    std::string toText() const;
};

/// Lists for profileIds (current profile ids; unknown ones get none), trained on the catalog's
/// interactions before asOf. InvalidInput for a bad count or an unknown column; NotFound without a built
/// catalog. Cancellable.
Result<RecommendationOutcome> recommendItems(store::Database &db, const std::vector<std::int64_t> &profileIds,
                                             const RecommendationRequest &request, ProgressSink &progress);

/// Adds the rec_K_* columns of count items to preset, with the fields recommendItems' table holds: "id",
/// "price", then the catalog's columns. InvalidInput for a preset that takes identifiers only.
Result<void> addRecommendationColumns(store::Database &db, exports::ExportPreset &preset, int count);

} // namespace awb::services
