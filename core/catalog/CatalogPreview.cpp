// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/CatalogPreview.h"

#include "catalog/PropertyReader.h"
#include "store/Database.h"

#include <simdjson.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace awb::catalog {

namespace {

// Events probed per name for product rows: enough to see them on any event that carries products.
constexpr std::int64_t kProbeEvents = 200;
// Distinct values counted per key; later new values are ignored (the examples are the common ones).
constexpr std::size_t kMaxDistinct = 500;
const std::string kProductIdKey = "product_id";

// The latest product rows of one event: (product id, product properties, event properties). The inner
// LIMIT bounds the events visited, so an event without products costs sampleRows index steps, not a scan.
store::Statement sampleRows(store::Database &db, const std::string &event, std::size_t rows)
{
    auto st =
        db.prepare("SELECT ep.product_id, ep.properties, e.properties FROM "
                   "(SELECT id, ts, properties FROM events WHERE name_id = "
                   "(SELECT id FROM event_names WHERE name = ?) ORDER BY ts DESC LIMIT ?) e "
                   "JOIN event_products ep ON ep.event_id = e.id ORDER BY e.ts DESC, ep.position LIMIT ?");
    st.bind(1, event).bind(2, static_cast<std::int64_t>(rows)).bind(3, static_cast<std::int64_t>(rows));
    return st;
}

// Top-level keys of a JSON object, and the keys of its nested objects as "outer.inner" (one level).
void collectKeys(simdjson::dom::parser &parser, const std::string &json, std::vector<std::string> &keys)
{
    keys.clear();
    simdjson::dom::object root;
    if (parser.parse(json).get_object().get(root) != simdjson::SUCCESS) {
        return;
    }
    for (const auto field : root) {
        simdjson::dom::object inner;
        if (field.value.get_object().get(inner) != simdjson::SUCCESS) {
            keys.emplace_back(field.key);
            continue;
        }
        for (const auto sub : inner) {
            if (!sub.value.is_object()) {
                keys.push_back(std::string(field.key) + "." + std::string(sub.key));
            }
        }
    }
}

bool hasProductArray(simdjson::dom::parser &parser, const std::string &json)
{
    simdjson::dom::array products;
    return parser.parse(json)["products"].get_array().get(products) == simdjson::SUCCESS;
}

// Counts of distinct values, capped at kMaxDistinct.
struct ValueTally
{
    std::int64_t rows = 0;
    std::unordered_map<std::string, std::int64_t> counts;

    void add(const std::vector<std::string> &values)
    {
        ++rows;
        for (const std::string &v : std::set<std::string>(values.begin(), values.end())) {
            if (auto it = counts.find(v); it != counts.end()) {
                ++it->second;
            } else if (counts.size() < kMaxDistinct) {
                counts.emplace(v, 1);
            }
        }
    }

    std::vector<SampleValue> top(std::size_t n) const
    {
        std::vector<SampleValue> out;
        out.reserve(counts.size());
        for (const auto &[value, count] : counts) {
            out.push_back({value, count});
        }
        std::sort(out.begin(), out.end(), [](const SampleValue &a, const SampleValue &b) {
            return a.rows != b.rows ? a.rows > b.rows : a.value < b.value;
        });
        out.resize(std::min(n, out.size()));
        return out;
    }
};

} // namespace

std::vector<EventSummary> CatalogPreview::eventSummaries()
{
    auto names =
        m_db.prepare("SELECT n.id, n.name, c FROM (SELECT name_id, count(*) AS c FROM events "
                     "GROUP BY name_id) JOIN event_names n ON n.id = name_id ORDER BY c DESC, n.name");
    auto probe = m_db.prepare("SELECT EXISTS (SELECT 1 FROM (SELECT id FROM events WHERE name_id = ? "
                              "ORDER BY ts DESC LIMIT ?) e JOIN event_products ep ON ep.event_id = e.id)");
    std::vector<EventSummary> out;
    while (names.step()) {
        probe.bind(1, names.int64(0)).bind(2, kProbeEvents);
        const bool products = probe.step() && probe.int64(0) != 0;
        probe.reset();
        out.push_back({names.text(1), names.int64(2), products});
    }
    return out;
}

ProductProperties CatalogPreview::productProperties(const std::string &event, std::size_t rows,
                                                    std::size_t maxExamples)
{
    ProductProperties out;
    out.event = event;
    simdjson::dom::parser keyParser;
    PropertyReader reader;
    std::map<std::string, ValueTally> tallies;
    std::vector<std::string> keys;
    std::vector<std::string> values;
    bool checkedList = false;
    auto st = sampleRows(m_db, event, rows);
    while (st.step()) {
        ++out.sampledRows;
        const std::string properties = st.text(1);
        if (!checkedList) {
            // The event's own properties hold products[] for order events (one look is enough).
            out.productList = hasProductArray(keyParser, st.text(2));
            checkedList = true;
        }
        collectKeys(keyParser, properties, keys);
        reader.parse(properties);
        for (const std::string &key : keys) {
            if (key == kProductIdKey) {
                continue; // from the product_id column below, as the build reads it
            }
            reader.values(key, {}, values);
            if (!values.empty()) {
                tallies[key].add(values);
            }
        }
        if (const std::string id = st.text(0); !id.empty()) {
            tallies[kProductIdKey].add({id});
        }
    }
    for (const auto &[key, tally] : tallies) {
        PropertyKey k{key, tally.rows, {}};
        for (SampleValue &v : tally.top(maxExamples)) {
            k.examples.push_back(std::move(v.value));
        }
        out.keys.push_back(std::move(k));
    }
    std::stable_sort(out.keys.begin(), out.keys.end(),
                     [](const PropertyKey &a, const PropertyKey &b) { return a.rows > b.rows; });
    return out;
}

ValuePreview CatalogPreview::values(const std::vector<std::string> &events, const CatalogColumn &column,
                                    std::size_t rows, std::size_t maxValues)
{
    ValuePreview out;
    ValueTally tally;
    PropertyReader reader;
    std::vector<std::string> values;
    for (const std::string &event : events) {
        const std::string key = productKey(column.propertyFor(event));
        auto st = sampleRows(m_db, event, rows);
        while (st.step()) {
            ++out.sampledRows;
            if (key == kProductIdKey) {
                values.assign(1, st.text(0));
                values.erase(std::remove(values.begin(), values.end(), std::string()), values.end());
            } else if (reader.parse(st.text(1))) {
                reader.values(key, column.split, values);
            } else {
                values.clear();
            }
            if (!values.empty()) {
                tally.add(values);
            }
        }
    }
    out.rowsWithValue = tally.rows;
    out.values = tally.top(maxValues);
    return out;
}

} // namespace awb::catalog
