// SPDX-License-Identifier: GPL-3.0-or-later
// The user x item matrix the models train on, at a cutoff. No Qt.
#pragma once

#include "numeric/Ials.h"
#include "numeric/InteractionLog.h"

#include <cstdint>

namespace awb::numeric {

/// The interactions before cutoff as a profiles x items matrix: repeated interactions add up their
/// weights, and each cell holds log1p of the sum (so heavy repeat buyers do not swamp the others).
/// Compressed.
InteractionMatrix userItemsBefore(const InteractionLog &log, std::int64_t cutoff);

} // namespace awb::numeric
