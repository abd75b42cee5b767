// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to the propensity code (Propensity*.cpp): small helpers over the log, and the feature windows
// of one target that the per-target and the pooled combiners share.
#pragma once

#include "numeric/Propensity.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace awb::numeric::detail {

inline constexpr double kDayMs = 86400000.0;

/// The number of interactions before cutoff (the log is time-ordered).
inline std::size_t endBefore(const InteractionLog &log, std::int64_t cutoff)
{
    return static_cast<std::size_t>(std::lower_bound(log.ts.begin(), log.ts.end(), cutoff) - log.ts.begin());
}

/// 1 for the given items, 0 for the others (indices outside the catalog are ignored).
inline std::vector<char> itemMask(const InteractionLog &log, const std::vector<std::int32_t> &items)
{
    std::vector<char> mask(static_cast<std::size_t>(log.itemCount), 0);
    for (const std::int32_t i : items) {
        if (i >= 0 && i < log.itemCount) {
            mask[static_cast<std::size_t>(i)] = 1;
        }
    }
    return mask;
}

inline std::vector<double> toStd(const Eigen::VectorXd &v)
{
    return {v.data(), v.data() + v.size()};
}

inline Eigen::VectorXd toEigen(const std::vector<int> &labels)
{
    Eigen::VectorXd y(static_cast<Eigen::Index>(labels.size()));
    for (std::size_t i = 0; i < labels.size(); ++i) {
        y[static_cast<Eigen::Index>(i)] = labels[i] != 0 ? 1.0 : 0.0;
    }
    return y;
}

/// One target's features and labels: x0 at T - 2H with labels y0 in [T - 2H, T - H), x1 at T - H with y1 in
/// [T - H, T), x2 at T (rows aligned with pop0, pop1, pop2). pop2 and eval1 keep the eligible profiles only
/// (PropensityParams::eligible).
struct TargetWindows
{
    std::vector<std::int32_t> pop0, pop1, pop2;
    std::vector<Eigen::Index> eval1; ///< the rows of pop1 the backtest is reported on
    Eigen::MatrixXd x0, x1, x2;
    std::vector<int> y0, y1;
    std::array<double, 2> centres2{0.0, 0.0}; ///< the item-kNN and EASE centres subtracted from x2
};

TargetWindows targetWindows(const InteractionLog &log, const ProfileTimeline &timeline,
                            const std::vector<std::int32_t> &targetItems, const PropensityParams &params,
                            const ModelSnapshots &models);

/// The per-target combiner: backtest, baselines, fallback and scores (scorePropensity's result).
PropensityResult combinePerTarget(const TargetWindows &windows, const PropensityParams &params);

} // namespace awb::numeric::detail
