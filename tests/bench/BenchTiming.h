// SPDX-License-Identifier: GPL-3.0-or-later
// Wall-clock timing shared by the benchmarks: seconds since a moment, best and median of repeated runs.
#pragma once

#include <algorithm>
#include <chrono>
#include <vector>

namespace awb::bench {

using Clock = std::chrono::steady_clock;

inline double seconds(Clock::time_point since)
{
    return std::chrono::duration<double>(Clock::now() - since).count();
}

struct Timing
{
    double best = 1e300;
    double median = 0;
};

/// Runs fn repeats times (at least once).
template <typename Fn> Timing time(int repeats, Fn fn)
{
    std::vector<double> runs;
    for (int r = 0; r < std::max(repeats, 1); ++r) {
        const auto start = Clock::now();
        fn();
        runs.push_back(seconds(start));
    }
    std::sort(runs.begin(), runs.end());
    return {runs.front(), runs[runs.size() / 2]};
}

} // namespace awb::bench
