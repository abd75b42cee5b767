// SPDX-License-Identifier: GPL-3.0-or-later
// The sample generator's planted truth as an "oracle" score: the ceiling a model can reach on a backtest.
#pragma once

#include "model/InteractionLoader.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace awb::store {
class Database;
}

namespace awb::services {

/// The generator (core/sample) plants, per known customer and per category, subcategory and brand, the true
/// probability of an Order Completed containing it within 30 days after the sample's end E (table
/// sample_truth, targets "category=Beauty", "subcategory=Skincare", "brand=Acme"). Customers keep constant
/// rates while active, so for a customer active through a window of H days the same truth gives
/// P(order in the window) = 1 - (1 - p30)^(H / 30): exactly the labels of a backtest whose window ends at E
/// (as-of = E - H), up to the customers who stop buying inside the window (their truth is 0). Anonymous
/// visitors never order: their truth is 0.
///
/// The oracle is offered only when the workspace holds planted truth and the catalog counts Order Completed
/// alone (the truth is about orders); on real data it is never available and note() is empty.
class SampleOracle
{
public:
    /// Reads the sample's end and the catalog's events from db, for a backtest [asOfMs, asOfMs + horizonMs).
    static SampleOracle load(store::Database &db, std::int64_t asOfMs, std::int64_t horizonMs);

    /// True when targets may get an oracle score (see the class comment).
    bool available() const { return m_available; }
    /// What the oracle row is, how faithful it is for this window, or why there is none; empty on real data.
    const std::string &note() const { return m_note; }
    /// The sample's end E (ms), 0 when unknown.
    std::int64_t sampleEndMs() const { return m_endMs; }

    /// The planted probability of the target within the horizon for each profile of population (dense
    /// indices into profileIds); nullopt when unavailable or when the target has no planted truth (products,
    /// columns other than category / subcategory / brand).
    std::optional<std::vector<double>> probabilities(store::Database &db, const model::Target &target,
                                                     const std::vector<std::int64_t> &profileIds,
                                                     const std::vector<std::int32_t> &population) const;

private:
    bool m_available = false;
    std::string m_note;
    std::int64_t m_endMs = 0;
    std::int64_t m_horizonMs = 0;
};

} // namespace awb::services
