// SPDX-License-Identifier: GPL-3.0-or-later
// A small hand-built workspace with known trait values, shared by the trait and segment tests.
#pragma once

#include "JsonlTestUtil.h"
#include "catalog/CatalogDefinition.h"
#include "services/CatalogService.h"

#include <string>
#include <vector>

namespace awb::test {

/// 2026-03-01T00:00:00Z, the fixture's day 0.
inline constexpr std::int64_t kT0 = 1772323200000;
inline constexpr std::int64_t kMinute = 60 * 1000;
inline constexpr std::int64_t kDay = 86'400'000;

/// Known answers (see traitFixtureLines):
///  alice: viewed p1, then order o1 (revenue 100, coupon, p1 Skincare 55 x 2) 5 minutes later on day 0;
///         order o2 on day 9 12:00 (revenue 50: p2 Makeup 20, p1 Skincare 30); refund of o2 (total 50) on
///         day 11. Orders 2, spend 150, AOV 75, sessions 2, items 3 of which 1 discounted.
///  bob:   page views at 01:00, 01:20, 02:00 on day 0: 3 events, 2 sessions, no purchase.
///  carol: one page view on day 29 (the latest event: now = day 29 + 1 ms).
///  dave:  order o3 on day 2 (revenue 40, 4 lines with their own discount fields, one discounted) and o4 on
///         day 3 (revenue 20, 2 lines, both discounted): items 6, discounted 3.
///  erin:  order o5 on day 5 (revenue 30, one undiscounted line).
inline std::vector<std::string> traitFixtureLines()
{
    auto at = [](std::int64_t ms) { return j("'timestamp':") + std::to_string(ms) + ","; };
    auto line = [](const char *id, const char *category, double price, const char *extra = "") {
        return j("{'product_id':'") + id + j("','category':'") + category + j("','price':") +
               std::to_string(price) + j(",'quantity':") + (price == 55 ? "2" : "1") + extra + "}";
    };
    const char *noDisc = ",\"retail_disc\":0,\"coupon_disc\":0,\"coupon_match_disc\":0";
    const std::string track = j("{'type':'track','userId':'");
    return {
        track + j("alice','event':'Product Viewed',") + at(kT0 + 600 * kMinute) +
            j("'properties':{'product_id':'p1','category':'Skincare'}}"),
        track + j("alice','event':'Order Completed',") + at(kT0 + 605 * kMinute) +
            j("'properties':{'order_id':'o1','revenue':100,'discount':10,'coupon':'SAVE10','products':[") +
            line("p1", "Skincare", 55) + "]}}",
        track + j("alice','event':'Order Completed',") + at(kT0 + 9 * kDay + 720 * kMinute) +
            j("'properties':{'order_id':'o2','revenue':50,'products':[") + line("p2", "Makeup", 20) + "," +
            line("p1", "Skincare", 30) + "]}}",
        track + j("alice','event':'Order Refunded',") + at(kT0 + 11 * kDay) +
            j("'properties':{'order_id':'o2','total':50}}"),
        track + j("bob','event':'Page Viewed',") + at(kT0 + 60 * kMinute) + j("'properties':{}}"),
        track + j("bob','event':'Page Viewed',") + at(kT0 + 80 * kMinute) + j("'properties':{}}"),
        track + j("bob','event':'Page Viewed',") + at(kT0 + 120 * kMinute) + j("'properties':{}}"),
        track + j("carol','event':'Page Viewed',") + at(kT0 + 29 * kDay) + j("'properties':{}}"),
        track + j("dave','event':'Order Completed',") + at(kT0 + 2 * kDay) +
            j("'properties':{'order_id':'o3','revenue':40,'discount':0.5,'products':[") +
            line("p4", "Makeup", 10, ",\"retail_disc\":0.5,\"coupon_disc\":0,\"coupon_match_disc\":0") + "," +
            line("p5", "Makeup", 10, noDisc) + "," + line("p6", "Haircare", 10, noDisc) + "," +
            line("p7", "Haircare", 10, noDisc) + "]}}",
        track + j("dave','event':'Order Completed',") + at(kT0 + 3 * kDay) +
            j("'properties':{'order_id':'o4','revenue':20,'discount':3,'products':[") +
            line("p4", "Makeup", 10, ",\"retail_disc\":1,\"coupon_disc\":0") + "," +
            line("p5", "Makeup", 10, ",\"coupon_disc\":2") + "]}}",
        track + j("erin','event':'Order Completed',") + at(kT0 + 5 * kDay) +
            j("'properties':{'order_id':'o5','revenue':30,'products':[") + line("p8", "Haircare", 30) + "]}}",
    };
}

/// Imports the fixture into scratch's current workspace and builds a catalog with column Category.
inline void buildTraitFixture(JsonlScratch &scratch)
{
    scratch.run({scratch.write("traits.jsonl", traitFixtureLines())});
    catalog::CatalogDefinition def;
    def.events = {{"Order Completed", "products[].product_id", 3.0}, {"Product Viewed", "product_id", 1.0}};
    def.columns = {{"Category", "category", ""}};
    services::CatalogService catalog(scratch.workspace());
    if (!catalog.save(def) || !catalog.build(ProgressSink::null())) {
        qFatal("catalog build failed");
    }
}

} // namespace awb::test
