// SPDX-License-Identifier: GPL-3.0-or-later
// Derivative-free minimisation (Nelder & Mead 1965, standard coefficients). No Qt.
#pragma once

#include <functional>
#include <vector>

namespace awb::numeric {

struct NelderMeadResult
{
    std::vector<double> x;
    double value = 0;
    int iterations = 0;
    bool converged = false;
};

/// Minimises f from start with an initial simplex of the given step per coordinate. Stops when the spread
/// of the simplex values is below tolerance (absolute) or after maxIterations. Non-finite values of f are
/// treated as +infinity.
NelderMeadResult minimizeNelderMead(const std::function<double(const std::vector<double> &)> &f,
                                    std::vector<double> start, double step = 0.5, double tolerance = 1e-10,
                                    int maxIterations = 20000);

} // namespace awb::numeric
