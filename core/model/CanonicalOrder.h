// SPDX-License-Identifier: GPL-3.0-or-later
// One numbering of the interactions, whatever store they were read from (a workspace or a warehouse). The
// models start from random factors per row, so two stores holding the same interactions give the same scores
// only when they number people, products and the order of simultaneous interactions alike. No Qt.
#pragma once

#include "numeric/InteractionLog.h"

#include <cstdint>
#include <string>
#include <vector>

namespace awb::model {

struct CanonicalLog
{
    /// Profiles by label, items by product id (byte order), interactions by (time, profile, item, weight,
    /// value).
    numeric::InteractionLog log;
    std::vector<std::int32_t> inputProfile; ///< canonical profile -> the input's profile index
    std::vector<std::int32_t> itemOf;       ///< the input's item index -> canonical item
};

/// log renumbered; profileLabels and productIds are aligned with the input's profiles and items and unique.
CanonicalLog canonicalOrder(const numeric::InteractionLog &log, const std::vector<std::string> &profileLabels,
                            const std::vector<std::string> &productIds);

} // namespace awb::model
