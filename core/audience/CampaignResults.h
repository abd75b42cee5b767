// SPDX-License-Identifier: GPL-3.0-or-later
// What a campaign did: conversion among the members who were exported against the control group held out,
// the incremental lift with its 95% confidence interval, revenue per member, and conversions per decile of
// predicted likelihood against the predicted rate (model monitoring). Plain C++: the caller reads who
// converted; this file only counts and estimates.
#pragma once

#include <cstdint>
#include <vector>

namespace awb::audience {

/// One audience member after the campaign, in rank order.
struct MemberOutcome
{
    double score = 0;     ///< the likelihood predicted at creation
    bool control = false; ///< held out
    bool converted = false;
    double revenue = 0; ///< value of the member's conversions (0 when unknown)
};

struct GroupOutcome
{
    std::int64_t members = 0;
    std::int64_t converted = 0;
    double revenue = 0;
    double rate() const { return members > 0 ? static_cast<double>(converted) / static_cast<double>(members) : 0; }
    double revenuePerMember() const { return members > 0 ? revenue / static_cast<double>(members) : 0; }
};

/// A tenth of the ranked members: what the model predicted and what happened.
struct DecileOutcome
{
    std::int64_t members = 0;
    double predicted = 0; ///< mean predicted likelihood
    GroupOutcome exported;
    GroupOutcome control;
    double observed() const
    {
        const std::int64_t n = exported.members + control.members;
        return n > 0 ? static_cast<double>(exported.converted + control.converted) / static_cast<double>(n) : 0;
    }
};

struct CampaignResults
{
    GroupOutcome exported; ///< members not held out (intention to treat: whether or not a row was written)
    GroupOutcome control;
    double lift = 0;    ///< exported rate - control rate (absolute, a share)
    double liftLow = 0; ///< 95% confidence interval of lift (Newcombe's hybrid Wilson score interval)
    double liftHigh = 0;
    double incremental = 0;     ///< lift x exported members: conversions the campaign added
    bool measurable = false;    ///< both groups have members
    std::vector<DecileOutcome> deciles; ///< ten, best ranks first (fewer members: empty tenths left out)
};

/// Counts and estimates over the members (rank order).
CampaignResults measureCampaign(const std::vector<MemberOutcome> &members);

/// Wilson score interval of a proportion at 95%: [low, high].
void wilsonInterval(std::int64_t successes, std::int64_t trials, double &low, double &high);

} // namespace awb::audience
