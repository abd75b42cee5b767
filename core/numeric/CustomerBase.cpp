// SPDX-License-Identifier: GPL-3.0-or-later
#include "numeric/CustomerBase.h"

#include "numeric/NelderMead.h"

#include <cmath>

namespace awb::numeric {

namespace {
double logBeta(double a, double b)
{
    return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
}
// log(exp(u) + exp(v)) without overflow.
double logAdd(double u, double v)
{
    const double m = std::max(u, v);
    return m + std::log(std::exp(u - m) + std::exp(v - m));
}
} // namespace

double bgNbdLogLikelihood(const BgNbdParams &p, const RfmSummary &c)
{
    const double common = std::lgamma(p.r + c.x) - std::lgamma(p.r) + p.r * std::log(p.alpha);
    const double term1 = logBeta(p.a, p.b + c.x) - logBeta(p.a, p.b) - (p.r + c.x) * std::log(p.alpha + c.T);
    if (c.x <= 0) {
        return common + term1;
    }
    const double term2 = logBeta(p.a + 1, p.b + c.x - 1) - logBeta(p.a, p.b) - (p.r + c.x) * std::log(p.alpha + c.tx);
    return common + logAdd(term1, term2);
}

BgNbdFit fitBgNbd(const std::vector<RfmSummary> &customers)
{
    auto negLl = [&](const std::vector<double> &logParams) {
        const BgNbdParams p{std::exp(logParams[0]), std::exp(logParams[1]), std::exp(logParams[2]),
                            std::exp(logParams[3])};
        double sum = 0;
        for (const RfmSummary &c : customers) {
            sum += bgNbdLogLikelihood(p, c);
        }
        return -sum;
    };
    const NelderMeadResult r = minimizeNelderMead(negLl, {0.0, 0.0, 0.0, 0.0}, 0.5, 1e-9);
    BgNbdFit fit;
    fit.params = {std::exp(r.x[0]), std::exp(r.x[1]), std::exp(r.x[2]), std::exp(r.x[3])};
    fit.logLikelihood = -r.value;
    fit.converged = r.converged;
    return fit;
}

double hypergeometric2F1(double a, double b, double c, double z)
{
    double term = 1.0;
    double sum = 1.0;
    for (int k = 0; k < 100000; ++k) {
        term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
        sum += term;
        if (std::abs(term) < 1e-14 * std::abs(sum)) {
            break;
        }
    }
    return sum;
}

double bgNbdProbabilityAlive(const BgNbdParams &p, const RfmSummary &c)
{
    if (c.x <= 0) {
        return 1.0;
    }
    const double ratio = std::exp((p.r + c.x) * (std::log(p.alpha + c.T) - std::log(p.alpha + c.tx)));
    return 1.0 / (1.0 + p.a / (p.b + c.x - 1.0) * ratio);
}

double bgNbdExpectedPurchases(const BgNbdParams &p, const RfmSummary &c, double t)
{
    const double z = t / (p.alpha + c.T + t);
    const double hyp = hypergeometric2F1(p.r + c.x, p.b + c.x, p.a + p.b + c.x - 1.0, z);
    const double shrink = std::exp((p.r + c.x) * (std::log(p.alpha + c.T) - std::log(p.alpha + c.T + t)));
    const double numerator = (p.a + p.b + c.x - 1.0) / (p.a - 1.0) * (1.0 - shrink * hyp);
    double denominator = 1.0;
    if (c.x > 0) {
        denominator += p.a / (p.b + c.x - 1.0) *
                       std::exp((p.r + c.x) * (std::log(p.alpha + c.T) - std::log(p.alpha + c.tx)));
    }
    return numerator / denominator;
}

GammaGammaFit fitGammaGamma(const std::vector<RfmSummary> &customers)
{
    auto negLl = [&](const std::vector<double> &logParams) {
        const double p = std::exp(logParams[0]);
        const double q = std::exp(logParams[1]);
        const double v = std::exp(logParams[2]);
        double sum = 0;
        for (const RfmSummary &c : customers) {
            if (c.x <= 0 || c.meanSpend <= 0) {
                continue;
            }
            const double px = p * c.x;
            sum += std::lgamma(px + q) - std::lgamma(px) - std::lgamma(q) + q * std::log(v) +
                   (px - 1.0) * std::log(c.meanSpend) + px * std::log(c.x) - (px + q) * std::log(v + c.meanSpend * c.x);
        }
        return -sum;
    };
    const NelderMeadResult r = minimizeNelderMead(negLl, {0.0, 0.0, 0.0}, 0.5, 1e-9);
    GammaGammaFit fit;
    fit.params = {std::exp(r.x[0]), std::exp(r.x[1]), std::exp(r.x[2])};
    fit.logLikelihood = -r.value;
    fit.converged = r.converged;
    return fit;
}

double gammaGammaExpectedSpend(const GammaGammaParams &g, const RfmSummary &c)
{
    if (c.x <= 0 || c.meanSpend <= 0) {
        return g.q > 1.0 ? g.p * g.v / (g.q - 1.0) : 0.0;
    }
    return (g.v + c.meanSpend * c.x) * g.p / (g.p * c.x + g.q - 1.0);
}

} // namespace awb::numeric
