// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/NelderMead.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace awb::numeric {

NelderMeadResult minimizeNelderMead(const std::function<double(const std::vector<double> &)> &f,
                                    std::vector<double> start, double step, double tolerance, int maxIterations)
{
    const std::size_t n = start.size();
    auto eval = [&](const std::vector<double> &x) {
        const double v = f(x);
        return std::isfinite(v) ? v : std::numeric_limits<double>::infinity();
    };
    std::vector<std::vector<double>> simplex(n + 1, start);
    for (std::size_t i = 0; i < n; ++i) {
        simplex[i + 1][i] += step;
    }
    std::vector<double> values(n + 1);
    for (std::size_t i = 0; i <= n; ++i) {
        values[i] = eval(simplex[i]);
    }
    NelderMeadResult result;
    std::vector<std::size_t> order(n + 1);
    for (result.iterations = 0; result.iterations < maxIterations; ++result.iterations) {
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
        const std::size_t best = order.front();
        const std::size_t worst = order.back();
        const std::size_t second = order[n - 1];
        if (std::abs(values[worst] - values[best]) < tolerance) {
            result.converged = true;
            break;
        }
        std::vector<double> centroid(n, 0.0);
        for (std::size_t i = 0; i <= n; ++i) {
            if (i != worst) {
                for (std::size_t j = 0; j < n; ++j) {
                    centroid[j] += simplex[i][j] / static_cast<double>(n);
                }
            }
        }
        auto along = [&](double t) {
            std::vector<double> p(n);
            for (std::size_t j = 0; j < n; ++j) {
                p[j] = centroid[j] + t * (simplex[worst][j] - centroid[j]);
            }
            return p;
        };
        const std::vector<double> reflected = along(-1.0);
        const double fr = eval(reflected);
        if (fr < values[best]) {
            const std::vector<double> expanded = along(-2.0);
            const double fe = eval(expanded);
            simplex[worst] = fe < fr ? expanded : reflected;
            values[worst] = std::min(fe, fr);
        } else if (fr < values[second]) {
            simplex[worst] = reflected;
            values[worst] = fr;
        } else {
            const std::vector<double> contracted = fr < values[worst] ? along(-0.5) : along(0.5);
            const double fc = eval(contracted);
            if (fc < std::min(fr, values[worst])) {
                simplex[worst] = contracted;
                values[worst] = fc;
            } else {
                for (std::size_t i = 0; i <= n; ++i) {
                    if (i == best) {
                        continue;
                    }
                    for (std::size_t j = 0; j < n; ++j) {
                        simplex[i][j] = simplex[best][j] + 0.5 * (simplex[i][j] - simplex[best][j]);
                    }
                    values[i] = eval(simplex[i]);
                }
            }
        }
    }
    const auto bestIt = std::min_element(values.begin(), values.end());
    result.x = simplex[static_cast<std::size_t>(bestIt - values.begin())];
    result.value = *bestIt;
    return result;
}

} // namespace awb::numeric
