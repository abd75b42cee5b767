// SPDX-License-Identifier: GPL-3.0-or-later
// The fixed category / brand hierarchy of the sample store and its seeded products.
#include "sample/Catalog.h"

#include "numeric/Random.h"
#include "sample/JsonText.h"

#include <array>
#include <cmath>
#include <cstdio>

namespace awb::sample {

namespace {

struct SubcategorySeed
{
    const char *name;
    double basePrice; ///< typical price in the currency unit
    std::array<const char *, 5> nouns;
};

struct BrandSeed
{
    const char *name;
    double tier;
};

struct CategorySeed
{
    const char *name;
    const char *code;
    std::array<SubcategorySeed, 3> subcategories;
    std::array<BrandSeed, 4> brands;
};

// Names include quotes, ampersands, apostrophes and non-ASCII letters on purpose: they exercise escaping
// in every writer and reader downstream.
const std::array<CategorySeed, 5> kCategories = {{
    {"Beauty",
     "BEA",
     {{{"Skincare",
        28,
        {"Hydrating Serum", "Night Cream", "Gentle Cleanser", "SPF 50 Sunscreen", "Eye Cream"}},
       {"Makeup", 19, {"Matte Lipstick", "Liquid Foundation", "Mascara", "Blush Palette", "Eyeliner"}},
       {"Fragrance", 65, {"Eau de Parfum", "Eau de Toilette", "Body Mist", "Cologne", "Discovery Set"}}}},
     {{{"Lumière Paris", 1.6}, {"GlowLab", 1.0}, {"Pure & Simple", 0.7}, {"Velvet Rose", 1.2}}}},
    {"Electronics",
     "ELE",
     {{{"Laptops",
        1100,
        {"14\" Ultrabook", "16\" Pro Laptop", "2-in-1 Convertible", "Gaming Laptop", "Chromebook"}},
       {"Phones", 700, {"Smartphone", "Compact Phone", "Phone Max", "Rugged Phone", "Flip Phone"}},
       {"Accessories", 35, {"USB-C Charger", "Wireless Mouse", "Laptop Sleeve", "Earbuds", "Power Bank"}}}},
     {{{"Acme", 1.0}, {"Voltix", 0.8}, {"Nordlicht", 1.4}, {"Pixelworks", 1.1}}}},
    {"Sports",
     "SPO",
     {{{"Running", 95, {"Road Shoes", "Trail Shoes", "Running Vest", "Race Shorts", "GPS Watch"}},
       {"Cycling", 320, {"Helmet", "Road Bike Frame", "Bike Lights", "Cycling Jersey", "Clipless Pedals"}},
       {"Fitness", 45, {"Yoga Mat", "Kettlebell", "Resistance Bands", "Foam Roller", "Jump Rope"}}}},
     {{{"Stride", 1.0}, {"Peak Motion", 1.3}, {"Ironclad", 0.9}, {"TrailFox", 1.1}}}},
    {"Home",
     "HOM",
     {{{"Kitchen", 55, {"Chef's Knife", "Cast Iron Pan", "Espresso Maker", "Cutting Board", "Stand Mixer"}},
       {"Furniture", 280, {"Armchair", "Oak Side Table", "Bookshelf", "Desk", "Bar Stool"}},
       {"Decor", 35, {"Scented Candle", "Table Lamp", "Wall Print", "Throw Pillow", "Ceramic Vase"}}}},
     {{{"Casa Bella", 1.2}, {"Hearth & Home", 1.0}, {"Nordhus", 0.8}, {"Maison O'Neil", 1.5}}}},
    {"Fashion",
     "FAS",
     {{{"Shoes", 85, {"Leather Sneakers", "Chelsea Boots", "Loafers", "Sandals", "High-Top Sneakers"}},
       {"Outerwear", 140, {"Rain Jacket", "Wool Coat", "Puffer Jacket", "Denim Jacket", "Trench Coat"}},
       {"Bags", 75, {"Tote Bag", "Backpack", "Crossbody Bag", "Weekender", "Wallet"}}}},
     {{{"Urban Thread", 1.0}, {"Atelier Noé", 1.6}, {"Denim Co.", 0.8}, {"Kestrel", 1.1}}}},
}};

const std::array<const char *, 8> kVariants = {"Classic",   "Pro", "Lite",     "Essential",
                                               "Signature", "Air", "Everyday", "Limited Edition"};

std::string lowerAscii(std::string s)
{
    for (char &c : s) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return s;
}

std::string upperAscii(std::string s)
{
    for (char &c : s) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return s;
}

// Prices end in .99: round the drawn price to whole units, minus one cent, at least 0.99.
std::int64_t priceCents(double price)
{
    const double units = std::max(1.0, std::round(price));
    return static_cast<std::int64_t>(units) * 100 - 1;
}

} // namespace

Catalog::Catalog(std::uint64_t seed)
{
    buildHierarchy();
    buildProducts(seed);
}

void Catalog::buildHierarchy()
{
    for (const CategorySeed &cs : kCategories) {
        const int c = static_cast<int>(m_categories.size());
        Category category{cs.name, {}, {}};
        for (const SubcategorySeed &ss : cs.subcategories) {
            category.subcategories.push_back(static_cast<int>(m_subcategories.size()));
            m_subcategories.push_back({ss.name, c});
            m_pagePaths.push_back("/" + lowerAscii(cs.name) + "/" + lowerAscii(ss.name));
        }
        for (const BrandSeed &bs : cs.brands) {
            category.brands.push_back(static_cast<int>(m_brands.size()));
            m_brands.push_back({bs.name, c, bs.tier});
        }
        m_categories.push_back(std::move(category));
    }
    m_shelves.resize(m_subcategories.size());
}

void Catalog::buildProducts(std::uint64_t seed)
{
    // A stream of its own, so the catalog does not depend on how many customers are drawn.
    numeric::Random rng(seed ^ 0xca7a1061ca7a1061ULL);
    for (const Category &category : m_categories) {
        for (const int sub : category.subcategories) {
            for (const int brand : category.brands) {
                addShelf(rng, sub, brand);
            }
        }
    }
    for (Product &p : m_products) {
        p.json = productJson(p);
    }
}

void Catalog::addShelf(numeric::Random &rng, int subcategory, int brand)
{
    const int c = m_subcategories[subcategory].category;
    const CategorySeed &cs = kCategories[c];
    const SubcategorySeed &ss = cs.subcategories[subcategory - m_categories[c].subcategories.front()];
    Shelf shelf;
    shelf.brand = brand;
    const int count = 3 + static_cast<int>(rng.below(5));
    for (int k = 0; k < count; ++k) {
        Product p;
        const int n = static_cast<int>(m_products.size()) + 1;
        char id[32];
        std::snprintf(id, sizeof id, "P%05d", n);
        p.id = id;
        std::snprintf(id, sizeof id, "%s-%.3s-%04d", cs.code, ss.name, n);
        p.sku = upperAscii(id);
        p.name = m_brands[brand].name + " " + kVariants[rng.below(kVariants.size())] + " " +
                 ss.nouns[rng.below(ss.nouns.size())];
        p.brand = brand;
        p.category = c;
        p.subcategory = subcategory;
        p.priceCents = priceCents(ss.basePrice * m_brands[brand].tier * std::exp(0.3 * rng.normal()));
        // Long-tailed popularity: a few best sellers per shelf.
        p.popularity = 0.05 + rng.gamma(0.7);
        shelf.products.push_back(static_cast<int>(m_products.size()));
        shelf.weights.push_back(p.popularity);
        shelf.popularity += p.popularity;
        m_products.push_back(std::move(p));
    }
    m_shelves[subcategory].push_back(std::move(shelf));
}

std::string Catalog::productJson(const Product &p) const
{
    std::string j;
    json::appendKey(j, "product_id");
    appendJsonString(j, p.id);
    j.append(",\"sku\":");
    appendJsonString(j, p.sku);
    j.append(",\"name\":");
    appendJsonString(j, p.name);
    j.append(",\"brand\":");
    appendJsonString(j, m_brands[p.brand].name);
    j.append(",\"category\":");
    appendJsonString(j, m_categories[p.category].name);
    j.append(",\"subcategory\":");
    appendJsonString(j, m_subcategories[p.subcategory].name);
    j.append(",\"price\":");
    json::appendCents(j, p.priceCents);
    return j;
}

} // namespace awb::sample
