// SPDX-License-Identifier: GPL-3.0-or-later
// Customer-base models: BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way") and
// Gamma-Gamma spend (Fader, Hardie & Lee 2005, "RFM and CLV"). No Qt. Time is in any unit (weeks in the
// paper); x = repeat purchases, t_x = time of the last purchase, T = age, all since the first purchase.
#pragma once

#include <vector>

namespace awb::numeric {

struct RfmSummary
{
    double x = 0;   ///< repeat transactions
    double tx = 0;  ///< recency: time of the last transaction since the first
    double T = 0;   ///< time since the first transaction
    double meanSpend = 0; ///< mean value of the repeat transactions (Gamma-Gamma), 0 when x = 0
};

struct BgNbdParams
{
    double r = 1, alpha = 1, a = 1, b = 1;
};

struct BgNbdFit
{
    BgNbdParams params;
    double logLikelihood = 0;
    bool converged = false;
};

/// Log-likelihood of one customer under BG/NBD (equation 6 of the paper, in logs).
double bgNbdLogLikelihood(const BgNbdParams &p, const RfmSummary &c);
/// Maximum likelihood fit over all customers (Nelder-Mead on log parameters).
BgNbdFit fitBgNbd(const std::vector<RfmSummary> &customers);
/// E[Y(t) | x, t_x, T]: expected transactions in the next t (equation 10).
double bgNbdExpectedPurchases(const BgNbdParams &p, const RfmSummary &c, double t);
/// P(alive | x, t_x, T); exactly 1 when x = 0.
double bgNbdProbabilityAlive(const BgNbdParams &p, const RfmSummary &c);

struct GammaGammaParams
{
    double p = 1, q = 1, v = 1;
};

struct GammaGammaFit
{
    GammaGammaParams params;
    double logLikelihood = 0;
    bool converged = false;
};

/// Fit on the customers with x > 0 and meanSpend > 0 (others are ignored).
GammaGammaFit fitGammaGamma(const std::vector<RfmSummary> &customers);
/// E[M | p, q, v, mean spend, x]: expected spend per transaction; the population mean p v / (q - 1) for x = 0.
double gammaGammaExpectedSpend(const GammaGammaParams &g, const RfmSummary &c);

/// Gauss hypergeometric 2F1(a, b; c; z) for |z| < 1 by its series (relative tolerance 1e-14).
double hypergeometric2F1(double a, double b, double c, double z);

} // namespace awb::numeric
