// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/Random.h"

#include <cmath>
#include <numbers>

namespace awb::numeric {

namespace {
std::uint64_t splitMix(std::uint64_t &x)
{
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
std::uint64_t rotl(std::uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}
} // namespace

Random::Random(std::uint64_t seed)
{
    for (auto &s : m_s) {
        s = splitMix(seed);
    }
}

std::uint64_t Random::next()
{
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

double Random::uniform()
{
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

std::uint64_t Random::below(std::uint64_t n)
{
    // Rejection sampling: unbiased.
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t x = next();
    while (x >= limit) {
        x = next();
    }
    return x % n;
}

double Random::normal()
{
    double u1 = uniform();
    while (u1 <= 0.0) {
        u1 = uniform();
    }
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double Random::gamma(double shape)
{
    if (shape < 1.0) {
        double u = uniform();
        while (u <= 0.0) {
            u = uniform();
        }
        return gamma(shape + 1.0) * std::pow(u, 1.0 / shape);
    }
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
        double x = 0;
        double v = 0;
        do {
            x = normal();
            v = 1.0 + c * x;
        } while (v <= 0.0);
        v = v * v * v;
        const double u = uniform();
        if (u < 1.0 - 0.0331 * x * x * x * x || std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) {
            return d * v;
        }
    }
}

std::uint64_t Random::poisson(double mean)
{
    if (mean <= 0) {
        return 0;
    }
    if (mean > 30) {
        const double x = std::round(mean + std::sqrt(mean) * normal());
        return x < 0 ? 0 : static_cast<std::uint64_t>(x);
    }
    const double limit = std::exp(-mean);
    std::uint64_t k = 0;
    double p = uniform();
    while (p > limit) {
        ++k;
        p *= uniform();
    }
    return k;
}

double Random::exponential(double mean)
{
    double u = uniform();
    while (u <= 0.0) {
        u = uniform();
    }
    return -std::log(u) * mean;
}

std::vector<double> Random::dirichlet(std::size_t k, double alpha)
{
    std::vector<double> v(k);
    double sum = 0;
    for (double &x : v) {
        x = gamma(alpha);
        sum += x;
    }
    for (double &x : v) {
        x = sum > 0 ? x / sum : 1.0 / static_cast<double>(k);
    }
    return v;
}

std::size_t Random::pick(const std::vector<double> &weights)
{
    return pick(weights.data(), weights.size());
}

std::size_t Random::pick(const double *weights, std::size_t n)
{
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) {
        total += weights[i];
    }
    double r = uniform() * total;
    for (std::size_t i = 0; i < n; ++i) {
        r -= weights[i];
        if (r < 0) {
            return i;
        }
    }
    return n == 0 ? 0 : n - 1;
}

Random Random::split()
{
    return Random(next());
}

} // namespace awb::numeric
