// SPDX-License-Identifier: GPL-3.0-or-later
// The narrow API for computed traits: the whole table (for segments), one profile's traits, and the
// fitted customer-base model parameters.
#pragma once

#include "common/Result.h"
#include "traits/TraitTable.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace awb {
class ProgressSink;
}

namespace awb::services {

struct TraitRequest
{
    std::optional<std::int64_t> asOfMs; ///< "now"; default: just after the latest event
    double timeUnitDays = 1;            ///< BG/NBD time unit: 1 (days) or 7 (weeks)
};

/// One value of a profile's trait, as text ("" when not set; dates ISO 8601).
struct TraitValue
{
    traits::TraitInfo info;
    std::string value;
};

/// A profile's purchases of one catalog column value.
struct ValuePurchases
{
    std::string column;
    std::string value;
    std::int32_t purchases = 0;
    double spend = 0;
    std::string lastPurchase;
};

struct ProfileTraits
{
    std::int64_t profileId = 0;
    std::string key; ///< the user id or anonymous id asked for
    std::int64_t nowMs = 0;
    std::vector<TraitValue> traits;
    std::vector<ValuePurchases> catalog;
    std::vector<std::string> audiences;  ///< live audience snapshots holding the profile
    std::vector<std::string> exportedIn; ///< exported audiences holding the profile

    /// {"profile_id", "key", "now", "traits": {id: value or null}, "catalog": [...], "audiences": [...],
    /// "exported_in": [...]}; numbers as JSON numbers.
    std::string toJson() const;
};

class TraitService
{
public:
    /// Each call opens its own connections, so calls may run on worker threads.
    explicit TraitService(std::string workspacePath);

    /// Computes every profile's traits (background work, cancellable; see traits::loadTraits).
    Result<std::shared_ptr<const traits::TraitTable>> load(const TraitRequest &request,
                                                           ProgressSink &progress);
    /// The traits of the profile with that user id (or anonymous id). NotFound when no profile has it or
    /// the profile was first seen after now.
    Result<ProfileTraits> profile(const std::string &key, const TraitRequest &request,
                                  ProgressSink &progress);

    /// The fitted BG/NBD and Gamma-Gamma parameters, log-likelihoods and customers as JSON.
    static std::string modelsToJson(const traits::ModelSummary &models, std::int64_t nowMs);

private:
    std::string m_path;
};

} // namespace awb::services
