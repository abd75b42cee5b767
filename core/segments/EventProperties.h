// SPDX-License-Identifier: GPL-3.0-or-later
// The properties an event carries, as the "where" filters of event conditions read them, sampled from the
// latest events of that name (what the segment builder's property picker offers).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace awb::store {
class Database;
}

namespace awb::segments {

struct EventProperty
{
    std::string key; ///< "category", "address.city" (one level into objects) or "products[].brand"
    bool numeric =
        true; ///< every sampled value is a JSON number or boolean (SQLite reads true / false as 1 / 0)
    std::int64_t events = 0;           ///< sampled events holding a value for it
    std::vector<std::string> examples; ///< distinct values, most frequent first (booleans as 1 / 0)
};

/// The properties of the latest sampleEvents events named event, most common first (ties by key):
/// scalar top-level keys, scalar keys one level into objects ("a.b") and the keys of the events' product
/// rows ("products[].key"); up to maxExamples example values each. An unknown event gives none. Throws
/// StoreError.
std::vector<EventProperty> sampleEventProperties(store::Database &db, const std::string &event,
                                                 std::size_t sampleEvents, std::size_t maxExamples);

} // namespace awb::segments
