// SPDX-License-Identifier: GPL-3.0-or-later
#include "audience/AudienceTypes.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace awb::audience {

Result<SizeRule> SizeRule::parse(const std::string &text)
{
    std::string t = text;
    t.erase(std::remove_if(t.begin(), t.end(), [](char c) { return c == ' ' || c == ','; }), t.end());
    const auto bad = [&text] {
        return fail(Error::Code::InvalidInput,
                    "Bad audience size '" + text +
                        "': give a percentage of the scored profiles (5%) or a count (1000).");
    };
    if (t.empty()) {
        return bad();
    }
    if (t.back() == '%') {
        double p = 0;
        const auto r = std::from_chars(t.data(), t.data() + t.size() - 1, p);
        if (r.ec != std::errc() || r.ptr != t.data() + t.size() - 1 || !(p > 0) || p > 100) {
            return bad();
        }
        return ofPercent(p);
    }
    std::int64_t n = 0;
    const auto r = std::from_chars(t.data(), t.data() + t.size(), n);
    if (r.ec != std::errc() || r.ptr != t.data() + t.size() || n < 1) {
        return bad();
    }
    return ofCount(n);
}

std::string SizeRule::toString() const
{
    if (kind == Kind::Count) {
        return std::to_string(count);
    }
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, percent, std::chars_format::general, 10);
    return std::string(buf, r.ptr) + "%";
}

std::int64_t SizeRule::resolve(std::int64_t eligible) const
{
    if (eligible <= 0) {
        return 0;
    }
    if (kind == Kind::Count) {
        return std::min(count, eligible);
    }
    // ceil, as the backtest's top k; the epsilon keeps 5% of 1000 at 50 despite rounding.
    const auto n =
        static_cast<std::int64_t>(std::ceil(percent / 100.0 * static_cast<double>(eligible) - 1e-9));
    return std::clamp<std::int64_t>(n, 1, eligible);
}

std::string AudienceInfo::statusText() const
{
    if (status == AudienceStatus::Computing) {
        return "computing";
    }
    return "live, " + std::to_string(size) + (size == 1 ? " person" : " people");
}

std::string Population::describe() const
{
    const auto named = [](MemberSource source, const std::string &name) {
        return (source == MemberSource::Segment ? "segment '" : "'") + name + "'";
    };
    const std::string people = everyone ? "everyone" : "identified people";
    const std::string members = everyone ? "members of " : "identified members of ";
    if (isUnrestricted()) {
        return people;
    }
    if (excluding.empty()) {
        return members + named(onlyInSource, onlyIn);
    }
    if (onlyIn.empty()) {
        return people + " but members of " + named(excludingSource, excluding);
    }
    return members + named(onlyInSource, onlyIn) + " but not of " + named(excludingSource, excluding);
}

} // namespace awb::audience
