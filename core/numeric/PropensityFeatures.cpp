// SPDX-License-Identifier: GPL-3.0-or-later
// The propensity features: the profile timeline and the per-profile pass that scoring runs for every
// target and cutoff. Hot path: contiguous arrays, both cores.
#include "numeric/DecayTable.h"
#include "numeric/Parallel.h"
#include "numeric/Propensity.h"
#include "numeric/PropensityDetail.h"

#include <cmath>
#include <limits>
#include <optional>

namespace awb::numeric {

namespace {

using detail::kDayMs;

constexpr double kNoHistoryDays = 3650.0;
constexpr int kFeatures = static_cast<int>(FeatureIndex::Count);
constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::min();
// Rows are split into this many tasks, whatever the machine; each row is computed by one task from its
// profile's interactions in time order, so the result never depends on the split.
constexpr int kTasks = 2;

// log1p of a count, from a table for the usual small ones.
double log1pCount(std::int64_t n)
{
    static const std::vector<double> table = [] {
        std::vector<double> t(1024);
        for (std::size_t i = 0; i < t.size(); ++i) {
            t[i] = std::log1p(static_cast<double>(i));
        }
        return t;
    }();
    return static_cast<std::size_t>(n) < table.size() ? table[static_cast<std::size_t>(n)]
                                                      : std::log1p(static_cast<double>(n));
}

double logDaysSince(std::int64_t cutoff, std::int64_t ts)
{
    static const double noHistory = std::log1p(kNoHistoryDays);
    if (ts == kNever) {
        return noHistory; // most profiles never touched the target: skip the log
    }
    return std::log1p(std::clamp(static_cast<double>(cutoff - ts) / kDayMs, 0.0, kNoHistoryDays));
}

// log1p(v), skipping the call for the common 0.
double log1pOrZero(double v)
{
    return v == 0.0 ? 0.0 : std::log1p(v);
}

Eigen::VectorXf targetFactor(const Ials &cf, const std::vector<char> &target)
{
    Eigen::VectorXf out = Eigen::VectorXf::Zero(cf.itemFactors().cols());
    int count = 0;
    for (std::size_t i = 0; i < target.size() && static_cast<Eigen::Index>(i) < cf.itemFactors().rows();
         ++i) {
        if (target[i]) {
            out += cf.itemFactors().row(static_cast<Eigen::Index>(i)).transpose();
            ++count;
        }
    }
    if (count > 0) {
        out /= static_cast<float>(count);
    }
    return out;
}

struct FeatureInputs
{
    const ProfileTimeline &timeline;
    const std::vector<char> &target;
    std::int64_t cutoff;
    DecayTable decay; ///< of the own history, by age in ms
    std::optional<DecayTable>
        neighbourDecay; ///< of the history the neighbourhood scores read; none: undecayed
    const std::vector<std::int32_t> &population;
    const CutoffModels &models;
    const FactorMatrix &userFactors;
    Eigen::VectorXf targetCf;
    Eigen::VectorXf knn;  ///< s_T of ItemKnn
    Eigen::VectorXf ease; ///< s_T of Ease
};

// Rows [begin, end) of the feature matrix: each profile's interactions before the cutoff, in time order.
void fillRows(const FeatureInputs &in, std::size_t begin, std::size_t end, Eigen::MatrixXd &x)
{
    const ProfileTimeline &tl = in.timeline;
    // A model not trained on this log (only CF given, or tuning one model at a time): its score is 0.
    const bool hasKnn = in.knn.size() == static_cast<Eigen::Index>(in.target.size());
    const bool hasEase = in.ease.size() == static_cast<Eigen::Index>(in.target.size());
    for (std::size_t r = begin; r < end; ++r) {
        const std::int32_t p = in.population[r];
        double money = 0;
        double own = 0;  // time-decayed weighted interactions with the target
        double knn = 0;  // sum over the history of decayed weight x s_T(item), item-kNN
        double ease = 0; // the same for EASE
        std::int64_t count = 0;
        std::int64_t ownCount = 0;
        std::int64_t last = kNever;
        std::int64_t ownLast = kNever;
        const auto stop = static_cast<std::size_t>(tl.offsets[static_cast<std::size_t>(p) + 1]);
        for (auto j = static_cast<std::size_t>(tl.offsets[static_cast<std::size_t>(p)]); j < stop; ++j) {
            const std::int64_t ts = tl.ts[j];
            if (ts >= in.cutoff) {
                break;
            }
            ++count;
            money += std::max(0.0f, tl.value[j]);
            last = ts;
            const auto item = static_cast<Eigen::Index>(tl.item[j]);
            if (hasKnn || hasEase) {
                const double w =
                    in.neighbourDecay
                        ? tl.weight[j] * (*in.neighbourDecay)(static_cast<double>(in.cutoff - ts))
                        : tl.weight[j];
                knn += hasKnn ? w * in.knn[item] : 0.0;
                ease += hasEase ? w * in.ease[item] : 0.0;
            }
            if (in.target[static_cast<std::size_t>(tl.item[j])]) {
                own += tl.weight[j] * in.decay(static_cast<double>(in.cutoff - ts));
                ++ownCount;
                ownLast = ts;
            }
        }
        const auto row = static_cast<Eigen::Index>(r);
        const auto &factors = in.userFactors;
        // No CF model trained on this log (tuning the neighbourhood models alone): its score is 0.
        x(row, static_cast<int>(FeatureIndex::Cf)) =
            p < factors.rows() && factors.cols() == in.targetCf.size() ? factors.row(p).dot(in.targetCf)
                                                                       : 0.0f;
        x(row, static_cast<int>(FeatureIndex::Knn)) = log1pOrZero(std::max(0.0, knn));
        x(row, static_cast<int>(FeatureIndex::Ease)) = std::copysign(log1pOrZero(std::abs(ease)), ease);
        x(row, static_cast<int>(FeatureIndex::Own)) = log1pOrZero(own);
        x(row, static_cast<int>(FeatureIndex::OwnCount)) = log1pCount(ownCount);
        x(row, static_cast<int>(FeatureIndex::OwnRecency)) = logDaysSince(in.cutoff, ownLast);
        x(row, static_cast<int>(FeatureIndex::Recency)) = logDaysSince(in.cutoff, last);
        x(row, static_cast<int>(FeatureIndex::Frequency)) = log1pCount(count);
        x(row, static_cast<int>(FeatureIndex::Money)) = log1pOrZero(money);
    }
}

} // namespace

ProfileTimeline ProfileTimeline::build(const InteractionLog &log)
{
    ProfileTimeline out;
    const std::size_t n = log.profile.size();
    out.offsets.assign(static_cast<std::size_t>(log.profileCount) + 1, 0);
    for (const std::int32_t p : log.profile) {
        ++out.offsets[static_cast<std::size_t>(p) + 1];
    }
    for (std::size_t p = 1; p < out.offsets.size(); ++p) {
        out.offsets[p] += out.offsets[p - 1];
    }
    out.item.resize(n);
    out.ts.resize(n);
    out.weight.resize(n);
    out.value.resize(n);
    // A stable counting sort: each task scatters two of the four columns with its own cursors.
    runTasks(2, [&](int task) {
        std::vector<std::int64_t> cursor(out.offsets.begin(), out.offsets.end() - 1);
        for (std::size_t k = 0; k < n; ++k) {
            const auto at = static_cast<std::size_t>(cursor[static_cast<std::size_t>(log.profile[k])]++);
            if (task == 0) {
                out.item[at] = log.item[k];
                out.weight[at] = log.weight[k];
            } else {
                out.ts[at] = log.ts[k];
                out.value[at] = log.value[k];
            }
        }
    });
    return out;
}

std::vector<std::int32_t> populationAt(const InteractionLog &log, std::int64_t cutoff, bool everyone)
{
    const bool allIdentified = everyone || log.identified.empty();
    std::vector<std::int32_t> out;
    for (std::int32_t p = 0; p < log.profileCount; ++p) {
        const auto at = static_cast<std::size_t>(p);
        if (log.firstSeen[at] < cutoff && (allIdentified || log.identified[at])) {
            out.push_back(p);
        }
    }
    return out;
}

Eigen::MatrixXd propensityFeatures(const InteractionLog &log, const ProfileTimeline &timeline,
                                   const std::vector<std::int32_t> &targetItems,
                                   const std::vector<std::int32_t> &population, const CutoffModels &models,
                                   const PropensityParams &params, const FeatureOptions &options)
{
    const std::vector<char> target = detail::itemMask(log, targetItems);
    const FeatureInputs in{timeline,
                           target,
                           models.cutoff,
                           DecayTable(params.decayDays * kDayMs),
                           params.neighbourDecayDays > 0
                               ? std::optional<DecayTable>(DecayTable(params.neighbourDecayDays * kDayMs))
                               : std::nullopt,
                           population,
                           models,
                           options.userFactors ? *options.userFactors : models.cf.userFactors(),
                           targetFactor(models.cf, target),
                           models.knn.targetWeights(targetItems),
                           models.ease.targetWeights(targetItems)};
    Eigen::MatrixXd x(static_cast<Eigen::Index>(population.size()), kFeatures);
    const std::size_t rows = population.size();
    const int tasks = rows < 4096 ? 1 : kTasks;
    runTasks(tasks, [&](int task) {
        const auto t = static_cast<std::size_t>(task);
        fillRows(in, rows * t / static_cast<std::size_t>(tasks),
                 rows * (t + 1) / static_cast<std::size_t>(tasks), x);
    });
    // The neighbourhood scores grow with the length of everyone's history, so between the cutoff the
    // combiner is fitted at and the one it is applied at they shift as a whole; measured from their mean
    // over the candidates they keep the ranking and lose the shift (which else inflates the calibrated
    // probabilities, by 20 % on tst_Propensity's planted log without history decay).
    const FeatureIndex centred[] = {FeatureIndex::Knn, FeatureIndex::Ease};
    for (std::size_t c = 0; c < 2; ++c) {
        auto column = x.col(static_cast<int>(centred[c]));
        const double centre = options.centres ? (*options.centres)[c] : rows > 0 ? column.mean() : 0.0;
        column.array() -= centre;
        if (options.centresUsed) {
            (*options.centresUsed)[c] = centre;
        }
    }
    return x;
}

} // namespace awb::numeric
