// SPDX-License-Identifier: GPL-3.0-or-later
// The one way numeric code uses both cores: a fixed number of tasks, each on its own thread.
#pragma once

#include <thread>
#include <vector>

namespace awb::numeric {

/// Runs fn(0) .. fn(tasks - 1) at once, fn(0) on the calling thread and each other task on a thread of its
/// own, and returns when all have finished. Callers split work into a fixed number of tasks (not one per
/// core), so their results do not depend on the machine.
template <typename Fn> void runTasks(int tasks, Fn fn)
{
    std::vector<std::thread> pool;
    for (int t = 1; t < tasks; ++t) {
        pool.emplace_back([t, &fn] { fn(t); });
    }
    if (tasks > 0) {
        fn(0);
    }
    for (std::thread &th : pool) {
        th.join();
    }
}

} // namespace awb::numeric
