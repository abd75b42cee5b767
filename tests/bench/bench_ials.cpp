// SPDX-License-Identifier: GPL-3.0-or-later
// iALS benchmark: a generated matrix shaped like MovieLens-20M (users x items, nnz, long-tailed item
// popularity), 64 factors, CG solver on all cores. Prints seconds per iteration and peak RSS, and the same
// iterations of the reference solver (the one before gathering each row's factors: sparse products per
// interaction, one-threaded Gramian) run alternately in the same process, with their ratio.
//
// usage: bench_ials [USERS ITEMS INTERACTIONS FACTORS ITERATIONS]   (defaults 138000 27000 10000000 64 3)
#include "numeric/Ials.h"
#include "numeric/Random.h"

#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

using namespace awb::numeric;

namespace {

double peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// Zipf-like item popularity (exponent 1), users with log-normal activity.
InteractionMatrix generate(int users, int items, long nnz, std::uint64_t seed)
{
    Random rng(seed);
    std::vector<double> cumulative(static_cast<std::size_t>(items));
    double total = 0;
    for (int i = 0; i < items; ++i) {
        total += 1.0 / (i + 10.0);
        cumulative[static_cast<std::size_t>(i)] = total;
    }
    std::vector<double> activity(static_cast<std::size_t>(users));
    double activitySum = 0;
    for (double &a : activity) {
        a = std::exp(rng.normal());
        activitySum += a;
    }
    std::vector<Eigen::Triplet<float, std::int32_t>> triplets;
    triplets.reserve(static_cast<std::size_t>(nnz));
    for (int u = 0; u < users; ++u) {
        const long n = std::max(1L, std::lround(activity[static_cast<std::size_t>(u)] / activitySum * nnz));
        for (long k = 0; k < n; ++k) {
            const double r = rng.uniform() * total;
            const auto it = std::lower_bound(cumulative.begin(), cumulative.end(), r);
            triplets.emplace_back(u, static_cast<std::int32_t>(it - cumulative.begin()), 1.0f);
        }
    }
    InteractionMatrix m(users, items);
    m.setFromTriplets(triplets.begin(), triplets.end()); // duplicates sum: repeated interactions weigh more
    m.makeCompressed();
    return m;
}

// The reference: the CG half-step as it was before (Ials.cpp at the first release), on its own factors.
struct Reference
{
    const IalsParams &p;

    void halfStep(const InteractionMatrix &rows, const FactorMatrix &fixed, FactorMatrix &solved,
                  std::int64_t otherCount) const
    {
        const Eigen::MatrixXf gramian = p.alpha0 * (fixed.transpose() * fixed).eval();
        auto solveRow = [&](Eigen::Index row) {
            const float n = static_cast<float>(rows.outerIndexPtr()[row + 1] - rows.outerIndexPtr()[row]);
            const float reg = p.lambda * std::pow(n + p.alpha0 * static_cast<float>(otherCount), p.nu);
            auto apply = [&](const Eigen::VectorXf &x, Eigen::VectorXf &y) {
                y.noalias() = gramian * x;
                y += reg * x;
                for (InteractionMatrix::InnerIterator it(rows, row); it; ++it) {
                    const auto f = fixed.row(it.index());
                    y += ((1.0f + p.alpha * it.value() - p.alpha0) * f.dot(x)) * f.transpose();
                }
            };
            Eigen::VectorXf x = solved.row(row).transpose();
            Eigen::VectorXf b = Eigen::VectorXf::Zero(fixed.cols());
            for (InteractionMatrix::InnerIterator it(rows, row); it; ++it) {
                b += (1.0f + p.alpha * it.value()) * fixed.row(it.index()).transpose();
            }
            Eigen::VectorXf ax(x.size()), ad(x.size());
            apply(x, ax);
            Eigen::VectorXf r = b - ax;
            Eigen::VectorXf d = r;
            float rr = r.squaredNorm();
            for (int k = 0; k < p.cgSteps && rr > 1e-20f; ++k) {
                apply(d, ad);
                const float dad = d.dot(ad);
                if (dad <= 0.0f) {
                    break;
                }
                x += (rr / dad) * d;
                r -= (rr / dad) * ad;
                const float rrNew = r.squaredNorm();
                d = r + (rrNew / rr) * d;
                rr = rrNew;
            }
            solved.row(row) = x.transpose();
        };
        constexpr Eigen::Index kBlock = 64;
        std::vector<std::thread> pool;
        for (int t = 0; t < p.threads; ++t) {
            pool.emplace_back([&, t] {
                for (Eigen::Index start = t * kBlock; start < rows.rows(); start += p.threads * kBlock) {
                    for (Eigen::Index r = start; r < std::min(rows.rows(), start + kBlock); ++r) {
                        solveRow(r);
                    }
                }
            });
        }
        for (auto &th : pool) {
            th.join();
        }
    }
};

} // namespace

int main(int argc, char **argv)
{
    const int users = argc > 1 ? std::atoi(argv[1]) : 138000;
    const int items = argc > 2 ? std::atoi(argv[2]) : 27000;
    const long nnz = argc > 3 ? std::atol(argv[3]) : 10000000;
    IalsParams params;
    params.factors = argc > 4 ? std::atoi(argv[4]) : 64;
    params.iterations = argc > 5 ? std::atoi(argv[5]) : 3;
    params.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    const InteractionMatrix userItems = generate(users, items, nnz, 1);
    const InteractionMatrix itemUsers = userItems.transpose();
    const double genSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
    std::printf("matrix: %d users x %d items, %ld non-zeros (generated in %.1f s)\n", users, items,
                static_cast<long>(userItems.nonZeros()), genSeconds);
    std::printf("iALS: %d factors, %d CG steps, %d threads\n", params.factors, params.cgSteps,
                params.threads);

    Ials model(params);
    model.initialize(userItems);
    FactorMatrix refUsers = model.userFactors();
    FactorMatrix refItems = model.itemFactors();
    const Reference reference{params};
    double best = 1e300, sum = 0, refBest = 1e300, refSum = 0;
    for (int it = 1; it <= params.iterations; ++it) {
        auto start = Clock::now();
        model.iterate(userItems, itemUsers);
        const double s = std::chrono::duration<double>(Clock::now() - start).count();
        start = Clock::now();
        reference.halfStep(userItems, refItems, refUsers, userItems.cols());
        reference.halfStep(itemUsers, refUsers, refItems, userItems.rows());
        const double r = std::chrono::duration<double>(Clock::now() - start).count();
        // Same arithmetic up to float rounding: the factors agree to a few 1e-5 relative.
        const double diff = (model.itemFactors() - refItems).norm() / refItems.norm();
        best = std::min(best, s);
        sum += s;
        refBest = std::min(refBest, r);
        refSum += r;
        std::printf("iteration %d: %.2f s (reference %.2f s, ratio %.2f; factors differ by %.1e)\n", it, s, r,
                    s / r, diff);
    }
    std::printf("\nseconds per iteration: mean %.2f, best %.2f (target <= 3 s)\n", sum / params.iterations,
                best);
    std::printf("reference solver:      mean %.2f, best %.2f; mean ratio %.2f\n", refSum / params.iterations,
                refBest, sum / refSum);
    std::printf("peak RSS: %.0f MiB\n", peakRssMiB());
    // One line for tests/bench/report.sh.
    std::printf("summary: ials users=%d items=%d nonzeros=%ld factors=%d mean_s=%.3f best_s=%.3f "
                "reference_mean_s=%.3f ratio=%.3f peak_mib=%.0f\n",
                users, items, static_cast<long>(userItems.nonZeros()), params.factors,
                sum / params.iterations, best, refSum / params.iterations, sum / refSum, peakRssMiB());
    return 0;
}
