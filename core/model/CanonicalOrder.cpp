// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/CanonicalOrder.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace awb::model {

namespace {

// Indices 0..n-1 in the byte order of names.
std::vector<std::int32_t> orderOf(const std::vector<std::string> &names)
{
    std::vector<std::int32_t> order(names.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
        return names[static_cast<std::size_t>(a)] < names[static_cast<std::size_t>(b)];
    });
    return order;
}

// The inverse of a permutation.
std::vector<std::int32_t> inverse(const std::vector<std::int32_t> &order)
{
    std::vector<std::int32_t> out(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        out[static_cast<std::size_t>(order[i])] = static_cast<std::int32_t>(i);
    }
    return out;
}

} // namespace

CanonicalLog canonicalOrder(const numeric::InteractionLog &log, const std::vector<std::string> &profileLabels,
                            const std::vector<std::string> &productIds)
{
    CanonicalLog out;
    out.inputProfile = orderOf(profileLabels);
    const std::vector<std::int32_t> profileOf = inverse(out.inputProfile);
    out.itemOf = inverse(orderOf(productIds));

    numeric::InteractionLog &c = out.log;
    c.profileCount = log.profileCount;
    c.itemCount = log.itemCount;
    c.firstSeen.resize(log.firstSeen.size());
    c.identified.resize(log.identified.size());
    for (std::size_t p = 0; p < out.inputProfile.size(); ++p) {
        const auto from = static_cast<std::size_t>(out.inputProfile[p]);
        c.firstSeen[p] = log.firstSeen[from];
        if (!log.identified.empty()) {
            c.identified[p] = log.identified[from];
        }
    }
    // The log is in time order already: only runs of equal times need sorting.
    const std::size_t n = log.ts.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    const auto key = [&](std::size_t k) {
        return std::tuple(log.ts[k], profileOf[static_cast<std::size_t>(log.profile[k])],
                          out.itemOf[static_cast<std::size_t>(log.item[k])], log.weight[k], log.value[k]);
    };
    for (std::size_t begin = 0; begin < n;) {
        std::size_t end = begin + 1;
        while (end < n && log.ts[end] == log.ts[begin]) {
            ++end;
        }
        if (end - begin > 1) {
            std::sort(order.begin() + static_cast<std::ptrdiff_t>(begin),
                      order.begin() + static_cast<std::ptrdiff_t>(end),
                      [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
        }
        begin = end;
    }
    c.profile.resize(n);
    c.item.resize(n);
    c.ts.resize(n);
    c.weight.resize(n);
    c.value.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t from = order[k];
        c.profile[k] = profileOf[static_cast<std::size_t>(log.profile[from])];
        c.item[k] = out.itemOf[static_cast<std::size_t>(log.item[from])];
        c.ts[k] = log.ts[from];
        c.weight[k] = log.weight[from];
        c.value[k] = log.value[from];
    }
    return out;
}

} // namespace awb::model
