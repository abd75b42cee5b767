// SPDX-License-Identifier: GPL-3.0-or-later
// The control group of an audience: a random share of its members, drawn within each decile of the ranked
// members (stratified by score) so that the control group matches the exported members at every predicted
// likelihood. Stored with the audience, never exported; the campaign's lift is measured against it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace awb::audience {

struct ControlGroup
{
    double share = 0;       ///< of the members, in [0, kMaxControlShare]; 0 = no control group
    std::uint64_t seed = 0; ///< recorded so the same members can be drawn again

    /// "10%" or "12.5%"; the text parse reads back.
    std::string shareText() const;
};

/// A control group larger than half of the audience would leave the campaign smaller than its yardstick.
inline constexpr double kMaxControlShare = 0.5;
/// The share the builder and `awb audience create` offer when none is asked for.
inline constexpr double kDefaultControlShare = 0.10;

/// "10%", "12.5%" or "0" into a share in [0, kMaxControlShare]; false when text is none of these.
bool parseControlShare(const std::string &text, double &share);

/// For members in rank order (best first), which are held out: round(share x memberCount) members, spread
/// over the tenths of the ranks (the first count % 10 tenths one member larger) in proportion to their size
/// (each within one member of share x its size), drawn uniformly within each tenth with the seed.
/// Deterministic on every platform (numeric::Random).
std::vector<bool> drawControlGroup(std::size_t memberCount, const ControlGroup &control);

/// A seed for a new control group (from the clock and a counter: two audiences made in the same
/// millisecond still differ).
std::uint64_t newControlSeed();

} // namespace awb::audience
