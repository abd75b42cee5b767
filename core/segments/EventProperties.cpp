// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/EventProperties.h"

#include "store/Database.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <unordered_map>

namespace awb::segments {

namespace {

// Distinct values counted per key; later new values are ignored (the examples are the common ones).
constexpr std::size_t kMaxDistinct = 200;

struct Tally
{
    std::int64_t events = 0;
    std::int64_t lastEvent = -1; ///< the sampled event counted last (a key counts once per event)
    bool numeric = true;
    std::unordered_map<std::string, std::int64_t> values;
};

using Tallies = std::map<std::string, Tally>;

// The text of a scalar (numbers in their shortest form, booleans as SQLite reads them); false for
// objects, arrays and null.
bool scalarText(simdjson::dom::element e, std::string &text, bool &numeric)
{
    using simdjson::dom::element_type;
    char buf[32];
    std::to_chars_result r{buf, {}};
    switch (e.type()) {
    case element_type::STRING:
        text = std::string(e.get_string().value_unsafe());
        numeric = false;
        return true;
    case element_type::INT64:
        r = std::to_chars(buf, buf + sizeof buf, e.get_int64().value_unsafe());
        break;
    case element_type::UINT64:
        r = std::to_chars(buf, buf + sizeof buf, e.get_uint64().value_unsafe());
        break;
    case element_type::DOUBLE:
        r = std::to_chars(buf, buf + sizeof buf, e.get_double().value_unsafe());
        break;
    case element_type::BOOL:
        text = e.get_bool().value_unsafe() ? "1" : "0";
        numeric = true;
        return true;
    default:
        return false;
    }
    text.assign(buf, r.ptr);
    numeric = true;
    return true;
}

void count(Tallies &tallies, const std::string &key, simdjson::dom::element value, std::int64_t event)
{
    std::string text;
    bool numeric = false;
    if (!scalarText(value, text, numeric)) {
        return;
    }
    Tally &t = tallies[key];
    if (t.lastEvent != event) {
        t.lastEvent = event;
        ++t.events;
    }
    t.numeric = t.numeric && numeric;
    if (auto it = t.values.find(text); it != t.values.end()) {
        ++it->second;
    } else if (t.values.size() < kMaxDistinct) {
        t.values.emplace(std::move(text), 1);
    }
}

// Scalar keys of a JSON object, and one level into its objects as "outer.inner", under prefix.
void collect(simdjson::dom::parser &parser, std::string_view json, const std::string &prefix,
             std::int64_t event, Tallies &tallies)
{
    simdjson::dom::object root;
    if (parser.parse(json.data(), json.size()).get_object().get(root) != simdjson::SUCCESS) {
        return;
    }
    for (const auto field : root) {
        const std::string key = prefix + std::string(field.key);
        simdjson::dom::object inner;
        if (field.value.get_object().get(inner) != simdjson::SUCCESS) {
            count(tallies, key, field.value, event);
            continue;
        }
        for (const auto sub : inner) {
            count(tallies, key + "." + std::string(sub.key), sub.value, event);
        }
    }
}

std::vector<std::string> topValues(const Tally &t, std::size_t n)
{
    std::vector<std::pair<std::string, std::int64_t>> all(t.values.begin(), t.values.end());
    std::sort(all.begin(), all.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < std::min(n, all.size()); ++i) {
        out.push_back(std::move(all[i].first));
    }
    return out;
}

} // namespace

std::vector<EventProperty> sampleEventProperties(store::Database &db, const std::string &event,
                                                 std::size_t sampleEvents, std::size_t maxExamples)
{
    // The latest events of that name (index events_name_ts), then their product rows (primary key).
    auto events = db.prepare("SELECT id, properties FROM events WHERE name_id = "
                             "(SELECT id FROM event_names WHERE name = ?) ORDER BY ts DESC LIMIT ?");
    events.bind(1, event).bind(2, static_cast<std::int64_t>(sampleEvents));
    auto products = db.prepare("SELECT properties FROM event_products WHERE event_id = ?");
    simdjson::dom::parser parser;
    Tallies tallies;
    while (events.step()) {
        const std::int64_t id = events.int64(0);
        collect(parser, events.textView(1), {}, id, tallies);
        products.bind(1, id);
        while (products.step()) {
            collect(parser, products.textView(0), "products[].", id, tallies);
        }
        products.reset();
    }
    std::vector<EventProperty> out;
    for (const auto &[key, tally] : tallies) {
        out.push_back({key, tally.numeric, tally.events, topValues(tally, maxExamples)});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const EventProperty &a, const EventProperty &b) { return a.events > b.events; });
    return out;
}

} // namespace awb::segments
