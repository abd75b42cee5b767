// SPDX-License-Identifier: GPL-3.0-or-later
// Recommended items benchmark: N items for each of MEMBERS people "after training" (the models trained, the
// lists computed), per strategy, with and without an item filter (a fifth of the catalog) and ten excluded
// items per person, on the synthetic log of bench_score. Reference in the same run: the dense personal scores
// of every member for every item by one matrix product per block, with no selection (the arithmetic the
// personal strategy cannot avoid).
//
// usage: bench_recommend [PROFILES INTERACTIONS ITEMS MEMBERS COUNT REPEATS]
//        (defaults 1000000 10000000 10000 100000 5 5)
#include "BenchTiming.h"
#include "SyntheticLog.h"
#include "numeric/Parallel.h"
#include "numeric/Recommender.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace awb::numeric;
using awb::bench::kDayMs;
using awb::bench::kDays;
using awb::bench::Clock;
using awb::bench::seconds;
using awb::bench::time;
using awb::bench::Timing;

int main(int argc, char **argv)
{
    const std::int32_t profiles = argc > 1 ? std::atoi(argv[1]) : 1000000;
    const std::int64_t interactions = argc > 2 ? std::atoll(argv[2]) : 10000000;
    const std::int32_t items = argc > 3 ? std::atoi(argv[3]) : 10000;
    const std::int32_t members = std::min(profiles, argc > 4 ? std::atoi(argv[4]) : 100000);
    const int count = argc > 5 ? std::atoi(argv[5]) : 5;
    const int repeats = std::max(1, argc > 6 ? std::atoi(argv[6]) : 5);

    auto start = Clock::now();
    const InteractionLog log = awb::bench::syntheticLog(profiles, interactions, items);
    std::printf("log: %d profiles, %lld interactions, %d items (generated in %.1f s)\n", profiles,
                static_cast<long long>(interactions), items, seconds(start));
    const std::int64_t now = kDays * kDayMs;
    start = Clock::now();
    IalsParams ials;
    ials.iterations = 3; // the lists' cost does not depend on how well the factors fit
    RecModels models = RecModels::train(log, now, 30 * kDayMs, RecStrategy::Blend, ials);
    models.knn = ItemKnn::fit(models.userItems, {});
    std::printf("trained (iALS %d factors, %d iterations; item-kNN) in %.1f s\n", ials.factors, ials.iterations,
                seconds(start));

    // Members: every profile-count / members-th profile (light and heavy ones alike).
    std::vector<std::int32_t> people;
    for (std::int64_t k = 0; k < members; ++k) {
        people.push_back(static_cast<std::int32_t>(k * profiles / members));
    }
    std::vector<char> fifth(static_cast<std::size_t>(items), 0);
    for (std::int32_t i = 0; i < items; i += 5) {
        fifth[static_cast<std::size_t>(i)] = 1;
    }
    std::vector<std::vector<std::int32_t>> excluded(static_cast<std::size_t>(profiles));
    for (const std::int32_t p : people) {
        for (std::int32_t k = 0; k < 10; ++k) {
            excluded[static_cast<std::size_t>(p)].push_back((p + k * 97) % items);
        }
        std::sort(excluded[static_cast<std::size_t>(p)].begin(), excluded[static_cast<std::size_t>(p)].end());
    }

    double checksum = 0;
    // Reference: the dense scores alone.
    const Timing dense = time(repeats, [&] {
        const FactorMatrix &users = models.cf.userFactors();
        const std::size_t per = (people.size() + 1) / 2;
        double sums[2] = {0, 0};
        runTasks(2, [&](int task) {
            FactorMatrix b;
            FactorMatrix s;
            const std::size_t begin = std::min(people.size(), per * static_cast<std::size_t>(task));
            const std::size_t end = std::min(people.size(), begin + per);
            for (std::size_t first = begin; first < end; first += 64) {
                const auto rows = static_cast<Eigen::Index>(std::min<std::size_t>(end - first, 64));
                b.resize(rows, users.cols());
                for (Eigen::Index r = 0; r < rows; ++r) {
                    b.row(r) = users.row(people[first + static_cast<std::size_t>(r)]);
                }
                s.noalias() = b * models.cf.itemFactors().transpose();
                sums[task] += static_cast<double>(s(0, 0));
            }
        });
        checksum += sums[0] + sums[1];
    });

    std::printf("\n%-44s %9s %9s %7s\n", "step (members x items)", "best ms", "median ms", "ratio");
    std::printf("%-44s %9.1f %9.1f %7s\n", "reference: dense personal scores", dense.best * 1e3, dense.median * 1e3, "1.00");
    const std::pair<const char *, RecStrategy> strategies[] = {{"personal", RecStrategy::Personal},
                                                               {"similar", RecStrategy::Similar},
                                                               {"bestsellers", RecStrategy::Bestsellers},
                                                               {"blend", RecStrategy::Blend}};
    double blendFiltered = 0;
    double blendAll = 0;
    for (const auto &[name, strategy] : strategies) {
        for (const bool filtered : {false, true}) {
            RecOptions options{strategy, count, filtered ? fifth : std::vector<char>{}};
            std::size_t listed = 0;
            const Timing t = time(repeats, [&] {
                const auto lists = recommend(models, options, people, filtered ? excluded : std::vector<std::vector<std::int32_t>>{});
                listed = 0;
                for (const RecList &l : lists) {
                    listed += l.items.size();
                }
            });
            checksum += static_cast<double>(listed);
            char label[96];
            std::snprintf(label, sizeof label, "%s%s", name, filtered ? " + filter + 10 excluded" : "");
            std::printf("%-44s %9.1f %9.1f %7.2f   (%zu items listed)\n", label, t.best * 1e3, t.median * 1e3,
                        t.median / dense.median, listed);
            if (strategy == RecStrategy::Blend) {
                (filtered ? blendFiltered : blendAll) = t.median;
            }
        }
    }
    std::printf("\nsummary: recommend members=%d items=%d count=%d blend_filtered_median_s=%.3f "
                "blend_median_s=%.3f reference_s=%.3f ratio=%.2f target_s=2 (checksum %.1f)\n",
                members, items, count, blendFiltered, blendAll, dense.median, blendFiltered / dense.median,
                checksum);
    return 0;
}
