// SPDX-License-Identifier: GPL-3.0-or-later
// Value types of recommendation audiences: the size rule, an audience's summary and its members.
#pragma once

#include "audience/ControlGroup.h"
#include "common/Result.h"
#include "model/InteractionLoader.h"

#include <cstdint>
#include <string>

namespace awb::audience {

/// How many of the scored (eligible) profiles an audience keeps: a percentage or an exact count.
struct SizeRule
{
    enum class Kind
    {
        Percent,
        Count,
    };
    Kind kind = Kind::Percent;
    double percent = 5.0;   ///< Kind::Percent: (0, 100]
    std::int64_t count = 0; ///< Kind::Count: >= 1

    static SizeRule ofPercent(double p) { return {Kind::Percent, p, 0}; }
    static SizeRule ofCount(std::int64_t n) { return {Kind::Count, 0, n}; }
    /// "5%", "12.5%" or "1000"; InvalidInput with the accepted forms otherwise.
    static Result<SizeRule> parse(const std::string &text);
    /// The text parse() reads back ("5%", "1000").
    std::string toString() const;
    /// Members for that many eligible profiles: ceil(percent of eligible) (as the backtest's top k), or
    /// the count capped at eligible.
    std::int64_t resolve(std::int64_t eligible) const;
};

enum class AudienceStatus
{
    Computing, ///< created, members being scored and stored
    Live,      ///< snapshot complete
};

/// An audience as listed: what it targets, how it was sized, how good its model was.
struct AudienceInfo
{
    std::int64_t id = 0;
    std::string name;
    std::string description;
    model::Target target;
    std::int64_t horizonMs = 0;
    std::int64_t asOfMs = 0; ///< the "now" the scores were computed for
    SizeRule sizeRule;
    std::int64_t eligible = 0; ///< profiles scored
    std::int64_t size = 0;     ///< members stored
    AudienceStatus status = AudienceStatus::Computing;
    std::int64_t createdAtMs = 0;
    std::string qualityLabel; ///< the model's backtest label ("Good"), empty while computing
    double auc = 0;           ///< the model's backtest AUC
    std::int64_t reachableByEmail = -1; ///< members reachable by e-mail at creation; -1: not recorded
    ControlGroup control;               ///< the share held out and its seed (share 0: none)
    std::int64_t controlSize = 0;       ///< of size: members held out, never exported

    std::string statusText() const; ///< "computing" or "live, N people"
};

struct AudienceMember
{
    std::int64_t rank = 0; ///< 1 = highest score
    std::int64_t profileId = 0;
    std::string key;  ///< user id, else first anonymous id (as stored now)
    double score = 0; ///< calibrated probability at creation
    // The profile's traits as stored now (empty when unknown).
    std::string email;
    std::string firstName;
    std::string lastName;
    std::string country;
    bool control = false; ///< held out in the control group: never exported
};

/// What a population name refers to: a saved audience snapshot or a saved segment (rule or static).
enum class MemberSource
{
    Audience,
    Segment,
};

/// Who may enter an audience: identified people (with a user id: known customers, not guests or anonymous
/// visitors) unless everyone is set; only the members of another audience or saved segment, or all but the
/// members of one.
struct Population
{
    std::string onlyIn;    ///< empty = no restriction
    std::string excluding; ///< empty = nobody excluded
    MemberSource onlyInSource = MemberSource::Audience;
    MemberSource excludingSource = MemberSource::Audience;
    bool everyone = false; ///< guests and anonymous visitors may enter too

    bool isUnrestricted() const { return onlyIn.empty() && excluding.empty(); }
    /// "identified people", "everyone", "identified members of 'A'", "identified people but members of
    /// segment 'B'", "members of 'A' but not of 'B'" (everyone set: no "identified"; segments are named as
    /// such, audiences plainly).
    std::string describe() const;
};

} // namespace awb::audience
