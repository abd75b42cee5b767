// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/CatalogDefinition.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace awb::catalog {

namespace {
std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}
bool contains(const std::string &haystack, const char *needle)
{
    return haystack.find(needle) != std::string::npos;
}

// Per-event properties of column c: on catalog events (eventNames), one per event, never empty.
Result<void> validateOverrides(const CatalogColumn &c, const std::set<std::string> &eventNames)
{
    std::set<std::string> seen;
    for (const ColumnOverride &o : c.overrides) {
        if (o.event.empty()) {
            return fail(Error::Code::InvalidInput, "Column '" + c.name + "' has a per-event property ('" +
                                                       o.property + "') without an event.");
        }
        if (eventNames.count(o.event) == 0) {
            return fail(Error::Code::InvalidInput, "Column '" + c.name + "' reads '" + o.property +
                                                       "' on event '" + o.event +
                                                       "', which is not one of the catalog's events.");
        }
        if (!seen.insert(o.event).second) {
            return fail(Error::Code::InvalidInput,
                        "Column '" + c.name + "' has two properties for event '" + o.event + "'.");
        }
        if (productKey(o.property).empty()) {
            return fail(Error::Code::InvalidInput,
                        "Column '" + c.name + "' has an empty property for event '" + o.event + "'.");
        }
    }
    return {};
}
} // namespace

Result<void> CatalogDefinition::validate() const
{
    if (events.empty()) {
        return fail(Error::Code::InvalidInput, "A catalog needs at least one interaction event.");
    }
    if (events.size() > kMaxEvents) {
        return fail(Error::Code::InvalidInput, "A catalog takes at most " + std::to_string(kMaxEvents) +
                                                   " interaction events; " + std::to_string(events.size()) +
                                                   " were given (3 to 7 are recommended).");
    }
    std::set<std::string> seen;
    for (const CatalogEvent &e : events) {
        if (e.name.empty()) {
            return fail(Error::Code::InvalidInput, "An interaction event has no name.");
        }
        if (!seen.insert(e.name).second) {
            return fail(Error::Code::InvalidInput, "Event '" + e.name + "' is listed twice.");
        }
        if (productKey(e.productProperty).empty()) {
            return fail(Error::Code::InvalidInput, "Event '" + e.name + "' has no product id property.");
        }
        if (!(e.weight > 0.0) || e.weight > 1e6) {
            return fail(Error::Code::InvalidInput, "Event '" + e.name + "' needs a weight above 0 (got " +
                                                       std::to_string(e.weight) + ").");
        }
    }
    std::set<std::string> columnNames;
    for (const CatalogColumn &c : columns) {
        if (c.name.empty()) {
            return fail(Error::Code::InvalidInput, "A column has no name (property '" + c.property + "').");
        }
        if (!columnNames.insert(lower(c.name)).second) {
            return fail(Error::Code::InvalidInput, "Column '" + c.name + "' is defined twice.");
        }
        if (productKey(c.property).empty()) {
            return fail(Error::Code::InvalidInput, "Column '" + c.name + "' is not mapped to a property.");
        }
        if (auto valid = validateOverrides(c, seen); !valid) {
            return valid;
        }
    }
    return {};
}

const std::string &CatalogColumn::propertyFor(const std::string &event) const
{
    for (const ColumnOverride &o : overrides) {
        if (o.event == event) {
            return o.property;
        }
    }
    return property;
}

std::string productKey(const std::string &property)
{
    static const std::string prefix = "products[].";
    return property.rfind(prefix, 0) == 0 ? property.substr(prefix.size()) : property;
}

double defaultWeight(const std::string &eventName)
{
    const std::string n = lower(eventName);
    if (contains(n, "order") || contains(n, "purchase") || contains(n, "checkout completed")) {
        return 5.0;
    }
    if (contains(n, "added") || contains(n, "cart") || contains(n, "wishlist")) {
        return 3.0;
    }
    if (contains(n, "rated") || contains(n, "review")) {
        return 2.0;
    }
    return 1.0;
}

CatalogDefinition segmentSpecCatalog()
{
    CatalogDefinition d;
    d.events = {{"Order Completed", "products[].product_id", 3.0},
                {"Product Added", "product_id", 2.0},
                {"Product Viewed", "product_id", 1.0}};
    d.columns = {{"Brand", "brand", ""},
                 {"Category", "category", ""},
                 {"Subcategory", "subcategory", ""},
                 {"Name", "name", ""}};
    return d;
}

} // namespace awb::catalog
