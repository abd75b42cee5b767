// SPDX-License-Identifier: GPL-3.0-or-later
// Turns one parsed Segment call (track / identify / page / screen) into an EventRecord, or a rejection
// reason.
#pragma once

#include "ingest/EventRecord.h"

#include <simdjson.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace awb::ingest {

/// Longest userId, anonymousId, messageId, event name, traits.email and product id accepted, in bytes.
inline constexpr std::size_t kMaxFieldBytes = 1024;

/// The exact source text of a call's nested objects. The DOM keeps no source positions, so the importer
/// finds these with a cheap on-demand pass; an empty view means "not found" and the DOM value is
/// re-serialised instead. Every view must be readable up to paddedEnd (>= its end + SIMDJSON_PADDING).
struct CallSpans
{
    std::string_view properties;
    std::string_view context;
    std::string_view traits;
    const char *paddedEnd = nullptr;
};

/// Finds the CallSpans of one call object. Returns the on-demand error, if any (the spans found so far stay).
simdjson::error_code findCallSpans(simdjson::ondemand::object call, CallSpans &spans);

/// Reads calls into EventRecords. Keeps a parser for the products[] of order events; reuse one instance.
class SegmentCallReader
{
public:
    /// Fills event from call. Returns false and sets reason (without line number) when the call must be
    /// rejected. event is cleared first; its buffers are reused.
    bool read(simdjson::dom::object call, const CallSpans &spans, EventRecord &event, std::string &reason);

private:
    bool readProducts(simdjson::dom::object properties, const CallSpans &spans, EventRecord &event,
                      std::string &reason);
    bool readProductArray(simdjson::dom::array products, const CallSpans &spans, EventRecord &event,
                          std::string &reason);
    void findElementSpans(const CallSpans &spans);

    simdjson::ondemand::parser m_ondemand;
    std::vector<std::string_view> m_elementSpans;
};

} // namespace awb::ingest
