// SPDX-License-Identifier: GPL-3.0-or-later
#include "audience/CampaignResults.h"

#include <algorithm>
#include <cmath>

namespace awb::audience {

namespace {
constexpr double kZ = 1.959963984540054; // the two-sided 95% normal quantile
constexpr std::size_t kDeciles = 10;

void add(GroupOutcome &group, const MemberOutcome &m)
{
    ++group.members;
    group.converted += m.converted ? 1 : 0;
    group.revenue += m.revenue;
}
} // namespace

void wilsonInterval(std::int64_t successes, std::int64_t trials, double &low, double &high)
{
    if (trials <= 0) {
        low = 0;
        high = 1;
        return;
    }
    const double n = static_cast<double>(trials);
    const double p = static_cast<double>(successes) / n;
    const double z2 = kZ * kZ;
    const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    const double half = kZ * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
    low = std::max(0.0, centre - half);
    high = std::min(1.0, centre + half);
}

CampaignResults measureCampaign(const std::vector<MemberOutcome> &members)
{
    CampaignResults r;
    const std::size_t n = members.size();
    std::size_t begin = 0;
    for (std::size_t d = 0; d < kDeciles; ++d) {
        const std::size_t size = n / kDeciles + (d < n % kDeciles ? 1 : 0);
        if (size == 0) {
            continue;
        }
        DecileOutcome decile;
        double scores = 0;
        for (std::size_t i = begin; i < begin + size; ++i) {
            const MemberOutcome &m = members[i];
            scores += m.score;
            add(m.control ? decile.control : decile.exported, m);
            add(m.control ? r.control : r.exported, m);
        }
        decile.members = static_cast<std::int64_t>(size);
        decile.predicted = scores / static_cast<double>(size);
        r.deciles.push_back(decile);
        begin += size;
    }
    r.measurable = r.exported.members > 0 && r.control.members > 0;
    if (!r.measurable) {
        return r;
    }
    const double p1 = r.exported.rate();
    const double p2 = r.control.rate();
    r.lift = p1 - p2;
    // Newcombe (1998), method 10: the difference of two proportions from their Wilson intervals; sound
    // at rates near 0 and with small control groups, where the Wald interval is not.
    double l1 = 0, u1 = 0, l2 = 0, u2 = 0;
    wilsonInterval(r.exported.converted, r.exported.members, l1, u1);
    wilsonInterval(r.control.converted, r.control.members, l2, u2);
    r.liftLow = r.lift - std::sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
    r.liftHigh = r.lift + std::sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));
    r.incremental = r.lift * static_cast<double>(r.exported.members);
    return r;
}

} // namespace awb::audience
