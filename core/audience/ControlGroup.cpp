// SPDX-License-Identifier: GPL-3.0-or-later
#include "audience/ControlGroup.h"

#include "numeric/Random.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <numeric>

namespace awb::audience {

namespace {
constexpr std::size_t kStrata = 10;
}

std::string ControlGroup::shareText() const
{
    const double percent = std::round(share * 1000.0) / 10.0; // one decimal, as typed
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, percent).ptr;
    return std::string(buffer, end) + "%";
}

bool parseControlShare(const std::string &text, double &share)
{
    std::string_view s(text);
    while (!s.empty() && s.front() == ' ') {
        s.remove_prefix(1);
    }
    while (!s.empty() && s.back() == ' ') {
        s.remove_suffix(1);
    }
    const bool percent = !s.empty() && s.back() == '%';
    if (percent) {
        s.remove_suffix(1);
    }
    double value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value) || value < 0 ||
        (!percent && value != 0)) {
        return false;
    }
    value /= 100.0;
    if (value > kMaxControlShare) {
        return false;
    }
    share = value;
    return true;
}

std::vector<bool> drawControlGroup(std::size_t memberCount, const ControlGroup &control)
{
    std::vector<bool> held(memberCount, false);
    if (control.share <= 0 || memberCount == 0) {
        return held;
    }
    numeric::Random random(control.seed);
    // Each tenth of the ranks gets the floor of its share; the members left to reach round(share x count)
    // go one each to the tenths with the largest remainders (ties in a random order), so that the total is
    // exact and every tenth is within one member of its share.
    struct Stratum
    {
        std::size_t begin, size, take;
        double remainder;
        std::uint64_t tie;
    };
    std::vector<Stratum> strata;
    std::size_t begin = 0;
    std::size_t taken = 0;
    for (std::size_t i = 0; i < kStrata; ++i) {
        const std::size_t size = memberCount / kStrata + (i < memberCount % kStrata ? 1 : 0);
        const double ideal = control.share * static_cast<double>(size);
        const auto take = static_cast<std::size_t>(std::floor(ideal));
        strata.push_back({begin, size, take, ideal - static_cast<double>(take), random.next()});
        begin += size;
        taken += take;
    }
    const auto total = static_cast<std::size_t>(std::llround(control.share * static_cast<double>(memberCount)));
    std::vector<Stratum *> order;
    for (Stratum &s : strata) {
        order.push_back(&s);
    }
    std::sort(order.begin(), order.end(), [](const Stratum *a, const Stratum *b) {
        return a->remainder != b->remainder ? a->remainder > b->remainder : a->tie < b->tie;
    });
    for (std::size_t i = 0; taken < total && i < order.size(); ++i) {
        if (order[i]->take < order[i]->size) {
            ++order[i]->take;
            ++taken;
        }
    }
    std::vector<std::size_t> ranks;
    for (const Stratum &s : strata) {
        // The first `take` of a partial Fisher-Yates shuffle of the stratum's ranks.
        ranks.resize(s.size);
        std::iota(ranks.begin(), ranks.end(), s.begin);
        for (std::size_t i = 0; i < s.take; ++i) {
            const std::size_t j = i + static_cast<std::size_t>(random.below(s.size - i));
            std::swap(ranks[i], ranks[j]);
            held[ranks[i]] = true;
        }
    }
    return held;
}

std::uint64_t newControlSeed()
{
    static std::atomic<std::uint64_t> counter{0};
    const auto now = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count());
    // Kept below 2^53 so that it survives JSON and SQLite's signed integers unchanged.
    return (now ^ (++counter * 0x9E3779B97F4A7C15ull)) & ((std::uint64_t{1} << 53) - 1);
}

} // namespace awb::audience
