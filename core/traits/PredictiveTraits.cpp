// SPDX-License-Identifier: GPL-3.0-or-later
#include "traits/PredictiveTraits.h"

#include "numeric/CustomerBase.h"
#include "traits/Scores.h"
#include "traits/TraitColumns.h"

#include <cmath>
#include <limits>

namespace awb::traits {

namespace {

constexpr std::size_t kMinCustomers = 10;

std::int64_t dayOf(std::int64_t ms)
{
    return ms >= 0 ? ms / kDayMs : -((-ms + kDayMs - 1) / kDayMs);
}

numeric::RfmSummary summaryOf(const ProfileStats &s, std::int64_t nowDay, double unit)
{
    numeric::RfmSummary c;
    c.x = s.purchaseDays - 1;
    c.tx = static_cast<double>(s.lastPurchaseDay - s.firstPurchaseDay) / unit;
    c.T = static_cast<double>(nowDay - s.firstPurchaseDay) / unit;
    c.meanSpend = c.x > 0 ? (s.spend - s.firstDaySpend) / c.x : 0.0;
    return c;
}

// An evenly spaced subset of at most kMaxFitCustomers summaries (all of them when fewer).
std::vector<numeric::RfmSummary> fitSample(const std::vector<numeric::RfmSummary> &all)
{
    if (all.size() <= kMaxFitCustomers) {
        return all;
    }
    std::vector<numeric::RfmSummary> out;
    out.reserve(kMaxFitCustomers);
    const double stride = static_cast<double>(all.size()) / kMaxFitCustomers;
    for (std::size_t i = 0; i < kMaxFitCustomers; ++i) {
        out.push_back(all[static_cast<std::size_t>(static_cast<double>(i) * stride)]);
    }
    return out;
}

void fitModels(ModelSummary &m, const std::vector<numeric::RfmSummary> &customers)
{
    const std::vector<numeric::RfmSummary> sample = fitSample(customers);
    const numeric::BgNbdFit bg = numeric::fitBgNbd(sample);
    m.r = bg.params.r;
    m.alpha = bg.params.alpha;
    m.a = bg.params.a;
    m.b = bg.params.b;
    m.bgNbdLogLikelihood = bg.logLikelihood;
    m.bgNbdConverged = bg.converged;
    m.customers = static_cast<std::int64_t>(sample.size());
    for (const numeric::RfmSummary &c : sample) {
        m.repeatCustomers += c.x > 0 && c.meanSpend > 0 ? 1 : 0;
    }
    if (m.repeatCustomers > 0) {
        const numeric::GammaGammaFit gg = numeric::fitGammaGamma(sample);
        m.p = gg.params.p;
        m.q = gg.params.q;
        m.v = gg.params.v;
        m.gammaGammaLogLikelihood = gg.logLikelihood;
        m.gammaGammaConverged = gg.converged;
    }
    m.fitted = true;
}

// P(no purchase in (T, T + t]) under BG/NBD: a customer who has dropped out buys nothing; one who is
// alive, with purchase rate lambda ~ Gamma(r + x, alpha + T) a posteriori, buys nothing with probability
// E[exp(-lambda t)] = ((alpha + T) / (alpha + T + t))^(r + x). Dropping out happens only at purchases,
// so it does not change the chance of the first one.
double noPurchaseProbability(const numeric::BgNbdParams &p, const numeric::RfmSummary &c, double alive,
                             double t)
{
    const double stay = std::exp((p.r + c.x) * (std::log(p.alpha + c.T) - std::log(p.alpha + c.T + t)));
    return (1.0 - alive) + alive * stay;
}

} // namespace

void addPredictiveColumns(TraitTable &table, const std::vector<ProfileStats> &stats, double timeUnitDays)
{
    auto &e30 = addColumn(table, "expected_purchases_30d");
    auto &e90 = addColumn(table, "expected_purchases_90d");
    auto &alive = addColumn(table, "p_alive");
    auto &aov = addColumn(table, "expected_order_value");
    auto &value = addColumn(table, "predicted_value_90d");
    auto &risk = addColumn(table, "churn_risk");
    auto &band = addTextColumn(table, "churn_risk_band", {"High", "Medium", "Low"});
    ModelSummary &m = table.models;
    m.timeUnitDays = timeUnitDays;
    const std::int64_t nowDay = dayOf(table.nowMs - 1); // now is exclusive: its own day when mid-day
    std::vector<numeric::RfmSummary> customers;
    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r < table.size(); ++r) {
        if (stats[r].orders > 0) {
            customers.push_back(summaryOf(stats[r], nowDay, timeUnitDays));
            rows.push_back(r);
        }
    }
    m.purchasers = static_cast<std::int64_t>(customers.size());
    std::size_t repeat = 0;
    for (const numeric::RfmSummary &c : customers) {
        repeat += c.x > 0 ? 1 : 0;
    }
    if (customers.size() < kMinCustomers || repeat == 0) {
        m.note = "Not fitted: needs at least 10 purchasers and one repeat purchase (" +
                 std::to_string(customers.size()) + " purchasers, " + std::to_string(repeat) + " repeat).";
        return;
    }
    fitModels(m, customers);
    const numeric::BgNbdParams bg{m.r, m.alpha, m.a, m.b};
    const numeric::GammaGammaParams gg{m.p, m.q, m.v};
    for (std::size_t i = 0; i < customers.size(); ++i) {
        const numeric::RfmSummary &c = customers[i];
        const std::size_t r = rows[i];
        e30.numbers[r] = numeric::bgNbdExpectedPurchases(bg, c, 30.0 / timeUnitDays);
        e90.numbers[r] = numeric::bgNbdExpectedPurchases(bg, c, 90.0 / timeUnitDays);
        alive.numbers[r] = numeric::bgNbdProbabilityAlive(bg, c);
        if (m.repeatCustomers > 0) {
            aov.numbers[r] = numeric::gammaGammaExpectedSpend(gg, c);
            value.numbers[r] = e90.numbers[r] * aov.numbers[r];
        }
        risk.numbers[r] = noPurchaseProbability(bg, c, alive.numbers[r], kChurnHorizonDays / timeUnitDays);
        band.codes[r] = band.codeOf(churnBand(risk.numbers[r]));
    }
}

} // namespace awb::traits
