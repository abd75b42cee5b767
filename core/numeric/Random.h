// SPDX-License-Identifier: GPL-3.0-or-later
// Deterministic random numbers for the sample generator and model tests. No Qt.
#pragma once

#include <cstdint>
#include <vector>

namespace awb::numeric {

/// xoshiro256** seeded through SplitMix64 (Blackman & Vigna 2018). Same seed, same sequence, on every
/// platform: the distributions below are implemented here rather than with <random>'s, whose outputs
/// are implementation-defined.
class Random
{
public:
    explicit Random(std::uint64_t seed);

    std::uint64_t next();
    /// Uniform in [0, 1).
    double uniform();
    /// Uniform integer in [0, n). n > 0.
    std::uint64_t below(std::uint64_t n);
    bool chance(double p) { return uniform() < p; }
    /// Standard normal (Box-Muller).
    double normal();
    /// Gamma(shape, 1) (Marsaglia & Tsang 2000; shape < 1 boosted by U^(1/shape)).
    double gamma(double shape);
    /// Poisson(mean) (Knuth for small means, normal approximation above 30).
    std::uint64_t poisson(double mean);
    /// Exponential with the given mean.
    double exponential(double mean);
    /// A Dirichlet(alpha, ..., alpha) draw of size k.
    std::vector<double> dirichlet(std::size_t k, double alpha);
    /// Index drawn with probability proportional to weights[i] (weights non-negative, sum > 0).
    std::size_t pick(const std::vector<double> &weights);
    /// Same over n weights at `weights` (no allocation; for hot loops over sub-ranges).
    std::size_t pick(const double *weights, std::size_t n);
    /// A child generator with an independent stream (for per-customer streams).
    Random split();

private:
    std::uint64_t m_s[4];
};

} // namespace awb::numeric
