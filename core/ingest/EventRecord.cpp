// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/EventRecord.h"

#define XXH_STATIC_LINKING_ONLY // stack-allocated XXH3_state_t, no allocation per event
#include <xxhash.h>

#include <cstring>

namespace awb::ingest {

namespace {
// Feeds a length-prefixed field so that ("ab","c") and ("a","bc") hash differently.
void feed(XXH3_state_t *state, const void *data, std::size_t size)
{
    const std::uint64_t len = size;
    XXH3_64bits_update(state, &len, sizeof len);
    XXH3_64bits_update(state, data, size);
}
void feed(XXH3_state_t *state, const std::string &s)
{
    feed(state, s.data(), s.size());
}
void feed(XXH3_state_t *state, const std::optional<double> &v)
{
    const double d = v.value_or(-0.0);
    const char present = v.has_value() ? 1 : 0;
    XXH3_64bits_update(state, &present, 1);
    XXH3_64bits_update(state, &d, sizeof d);
}
} // namespace

std::uint64_t dedupKey(const EventRecord &event)
{
    if (!event.messageId.empty()) {
        // Prefixed so a messageId can never collide with a content hash by construction of the input.
        XXH3_state_t state;
        XXH3_64bits_reset(&state);
        XXH3_64bits_update(&state, "m", 1);
        feed(&state, event.messageId);
        return XXH3_64bits_digest(&state);
    }
    XXH3_state_t stateStorage;
    XXH3_state_t *state = &stateStorage;
    XXH3_64bits_reset(state);
    XXH3_64bits_update(state, "c", 1);
    const int type = static_cast<int>(event.type);
    XXH3_64bits_update(state, &type, sizeof type);
    feed(state, event.name);
    XXH3_64bits_update(state, &event.timestampMs, sizeof event.timestampMs);
    feed(state, event.userId);
    feed(state, event.anonymousId);
    feed(state, event.propertiesJson);
    feed(state, event.traitsJson);
    for (const ProductRecord &p : event.products) {
        feed(state, p.productId);
        feed(state, p.price);
        feed(state, p.quantity);
        feed(state, p.propertiesJson);
    }
    return XXH3_64bits_digest(state);
}

const char *defaultEventName(EventType type)
{
    switch (type) {
    case EventType::Identify:
        return "Identify";
    case EventType::Page:
        return "Page Viewed";
    case EventType::Screen:
        return "Screen Viewed";
    case EventType::Track:
        break;
    }
    return "";
}

} // namespace awb::ingest
