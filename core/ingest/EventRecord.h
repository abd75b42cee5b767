// SPDX-License-Identifier: GPL-3.0-or-later
// One event as importers produce it and EventWriter stores it. Plain C++ value types, no Qt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace awb::ingest {

enum class EventType
{
    Track = 0,
    Identify = 1,
    Page = 2,
    Screen = 3,
};

/// One product of an event: an element of products[] or the product of a single-product event.
struct ProductRecord
{
    std::string productId;
    std::optional<double> price;
    std::optional<double> quantity;
    std::string propertiesJson = "{}"; ///< the product's own properties, a JSON object
};

struct EventRecord
{
    EventType type = EventType::Track;
    std::string name;               ///< event name; "Identify", "Page Viewed", "Screen Viewed" for non-track calls
    std::int64_t timestampMs = 0;   ///< UTC milliseconds since the epoch
    std::string userId;             ///< at least one of userId / anonymousId is non-empty
    std::string anonymousId;
    std::string messageId;          ///< empty when the source has none: a content hash is used then
    std::string propertiesJson = "{}";
    std::string contextJson;        ///< empty when absent
    std::string traitsJson;         ///< identify traits, empty when absent
    std::string email;              ///< from traits.email (or a mapped CSV column), empty when absent
    std::vector<ProductRecord> products;

    void clear()
    {
        type = EventType::Track;
        name.clear();
        timestampMs = 0;
        userId.clear();
        anonymousId.clear();
        messageId.clear();
        propertiesJson = "{}";
        contextJson.clear();
        traitsJson.clear();
        email.clear();
        products.clear();
    }
};

/// Stable 64-bit key that identifies an event for de-duplication: the hash of its messageId, or of its
/// content (type, name, time, ids, properties, products) when it has none.
std::uint64_t dedupKey(const EventRecord &event);

/// The name stored for non-track calls.
const char *defaultEventName(EventType type);

} // namespace awb::ingest
