// SPDX-License-Identifier: GPL-3.0-or-later
// Field rules of Segment calls: types, fallbacks, limits (products are in SegmentProducts.cpp).
#include "ingest/SegmentCall.h"

#include "ingest/SegmentJson.h"
#include "ingest/Timestamp.h"

#include <optional>

namespace awb::ingest {

namespace {

using simdjson::dom::element;
using namespace segment;

constexpr const char *kTimeFields[] = {"timestamp", "originalTimestamp", "sentAt", "receivedAt"};

/// The top-level fields of a call that matter; null values count as absent, the first of duplicates wins.
struct CallFields
{
    std::optional<element> type, event, userId, anonymousId, messageId, properties, context, traits;
    std::optional<element> times[4];
    int timeField = -1; ///< index in kTimeFields of the first present time
};

void collect(simdjson::dom::object call, CallFields &f)
{
    for (const auto field : call) {
        if (field.value.is_null()) {
            continue;
        }
        const std::string_view k = field.key;
        std::optional<element> *slot = nullptr;
        if (k == "type") {
            slot = &f.type;
        } else if (k == "event") {
            slot = &f.event;
        } else if (k == "userId") {
            slot = &f.userId;
        } else if (k == "anonymousId") {
            slot = &f.anonymousId;
        } else if (k == "messageId") {
            slot = &f.messageId;
        } else if (k == "properties") {
            slot = &f.properties;
        } else if (k == "context") {
            slot = &f.context;
        } else if (k == "traits") {
            slot = &f.traits;
        } else {
            for (int i = 0; i < 4; ++i) {
                if (k == kTimeFields[i]) {
                    slot = &f.times[i];
                }
            }
        }
        if (slot && !slot->has_value()) {
            *slot = field.value;
        }
    }
    for (int i = 0; i < 4 && f.timeField < 0; ++i) {
        if (f.times[i]) {
            f.timeField = i;
        }
    }
}

/// 'value' for a reason text: at most kMaxQuotedBytes, cut on a UTF-8 character boundary.
bool readType(const CallFields &f, EventRecord &event, std::string &reason)
{
    if (!f.type) {
        if (!f.event) {
            reason = "missing type (and no event name)";
            return false;
        }
        event.type = EventType::Track;
        return true;
    }
    if (!f.type->is_string()) {
        reason = "type must be a string";
        return false;
    }
    const std::string_view t = f.type->get_string().value_unsafe();
    if (t == "track") {
        event.type = EventType::Track;
    } else if (t == "identify") {
        event.type = EventType::Identify;
    } else if (t == "page") {
        event.type = EventType::Page;
    } else if (t == "screen") {
        event.type = EventType::Screen;
    } else {
        reason = "unknown or unsupported call type " + inQuotes(t);
        return false;
    }
    return true;
}

bool readName(const CallFields &f, EventRecord &event, std::string &reason)
{
    if (f.event && !f.event->is_string()) {
        reason = "event must be a string";
        return false;
    }
    if (event.type != EventType::Track) {
        event.name.assign(defaultEventName(event.type));
        return true;
    }
    if (f.event) {
        event.name.assign(std::string_view(f.event->get_string().value_unsafe()));
    }
    if (event.name.empty()) {
        reason = "track call without an event name";
        return false;
    }
    return !tooLong(event.name, "event name", reason);
}

bool readIds(const CallFields &f, EventRecord &event, std::string &reason)
{
    const struct
    {
        const std::optional<element> &value;
        std::string &out;
        const char *name;
    } ids[] = {{f.userId, event.userId, "userId"},
               {f.anonymousId, event.anonymousId, "anonymousId"},
               {f.messageId, event.messageId, "messageId"}};
    for (const auto &id : ids) {
        if (id.value && !readId(*id.value, id.out)) {
            reason = std::string(id.name) + " must be a string or an integer";
            return false;
        }
        if (tooLong(id.out, id.name, reason)) {
            return false;
        }
    }
    if (event.userId.empty() && event.anonymousId.empty()) {
        reason = "missing both userId and anonymousId";
        return false;
    }
    return true;
}

bool readTime(const CallFields &f, EventRecord &event, std::string &reason)
{
    if (f.timeField < 0) {
        reason = "missing timestamp";
        return false;
    }
    const element v = *f.times[f.timeField];
    const char *field = kTimeFields[f.timeField];
    std::string numeric;
    std::string_view text;
    if (v.is_string()) {
        text = v.get_string().value_unsafe();
    } else if (numberText(v, numeric)) {
        text = numeric;
    } else {
        reason = std::string(field) + " must be a string or a number";
        return false;
    }
    const std::optional<std::int64_t> ms = parseTimestamp(text);
    if (!ms) {
        reason = "unparseable " + std::string(field) + " " + inQuotes(text);
        return false;
    }
    event.timestampMs = *ms;
    return true;
}

/// Nested objects: properties, context and (identify) traits with traits.email.
bool readObjects(const CallFields &f, const CallSpans &spans, EventRecord &event, std::string &reason)
{
    const struct
    {
        const std::optional<element> &value;
        const char *name;
    } objects[] = {{f.properties, "properties"}, {f.context, "context"}, {f.traits, "traits"}};
    for (const auto &o : objects) {
        if (o.value && !o.value->is_object()) {
            reason = std::string(o.name) + " must be an object";
            return false;
        }
    }
    if (f.properties) {
        rawText(spans.properties, *f.properties, event.propertiesJson);
    }
    if (f.context) {
        rawText(spans.context, *f.context, event.contextJson);
    }
    if (f.traits && event.type == EventType::Identify) {
        rawText(spans.traits, *f.traits, event.traitsJson);
        const auto email = f.traits->at_key("email");
        if (!email.error() && email.value_unsafe().is_string()) {
            event.email.assign(std::string_view(email.value_unsafe().get_string().value_unsafe()));
            if (tooLong(event.email, "traits.email", reason)) {
                return false;
            }
        }
    }
    return true;
}

} // namespace

simdjson::error_code findCallSpans(simdjson::ondemand::object call, CallSpans &spans)
{
    for (auto field : call) {
        std::string_view key;
        if (const auto error = field.unescaped_key().get(key)) {
            return error;
        }
        std::string_view *target = key == "properties" ? &spans.properties
                                   : key == "context"  ? &spans.context
                                   : key == "traits"   ? &spans.traits
                                                       : nullptr;
        if (!target || !target->empty()) {
            continue; // the value is skipped by the next iteration
        }
        simdjson::ondemand::value value;
        simdjson::ondemand::json_type type{};
        if (const auto error = field.value().get(value)) {
            return error;
        }
        if (const auto error = value.type().get(type)) {
            return error;
        }
        if (type != simdjson::ondemand::json_type::object) {
            continue; // null counts as absent; other types are rejected by the DOM pass
        }
        simdjson::ondemand::object object;
        if (const auto error = value.get_object().get(object)) {
            return error;
        }
        if (const auto error = object.raw_json().get(*target)) {
            return error;
        }
    }
    return simdjson::SUCCESS;
}

bool SegmentCallReader::read(simdjson::dom::object call, const CallSpans &spans, EventRecord &event,
                             std::string &reason)
{
    event.clear();
    CallFields f;
    collect(call, f);
    if (!readType(f, event, reason) || !readName(f, event, reason) || !readIds(f, event, reason) ||
        !readTime(f, event, reason) || !readObjects(f, spans, event, reason)) {
        return false;
    }
    if (f.properties) {
        return readProducts(f.properties->get_object().value_unsafe(), spans, event, reason);
    }
    return true;
}

} // namespace awb::ingest
