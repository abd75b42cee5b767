// SPDX-License-Identifier: GPL-3.0-or-later
// The sample store's catalog: categories > subcategories, brands per category, products with prices.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace awb::numeric {
class Random;
}

namespace awb::sample {

struct Category
{
    std::string name;
    std::vector<int> subcategories;
    std::vector<int> brands;
};

struct Subcategory
{
    std::string name;
    int category = 0;
};

struct Brand
{
    std::string name;
    int category = 0;
    double tier = 1.0; ///< price multiplier; > 1 is premium (VIPs lean towards these)
};

struct Product
{
    std::string id;  ///< "P00042"
    std::string sku; ///< "BEA-SKI-0042"
    std::string name;
    int brand = 0;
    int category = 0;
    int subcategory = 0;
    std::int64_t priceCents = 0;
    double popularity = 1.0;
    /// The product's JSON members without braces, ending with the price:
    /// "product_id":"P00042","sku":...,"name":...,"brand":...,"category":...,"subcategory":...,"price":12.99
    std::string json;
};

/// The products of one brand within one subcategory, with their popularity weights.
struct Shelf
{
    int brand = 0;
    double popularity = 0; ///< sum of the products' popularity
    std::vector<int> products;
    std::vector<double> weights;
};

/// A deterministic catalog of about 300 products (5 categories, 15 subcategories, 20 brands). The
/// hierarchy and names are fixed; product counts, prices and popularity are drawn from the seed.
/// Category values are written as two fields: "category" (top level, e.g. "Beauty") and "subcategory"
/// (e.g. "Skincare"); subcategory and brand names are unique across the catalog. The subcategories and
/// the brands of a category have consecutive indices.
class Catalog
{
public:
    explicit Catalog(std::uint64_t seed);

    const std::vector<Category> &categories() const { return m_categories; }
    const std::vector<Subcategory> &subcategories() const { return m_subcategories; }
    const std::vector<Brand> &brands() const { return m_brands; }
    const std::vector<Product> &products() const { return m_products; }
    /// The shelves (one per brand with products there) of a subcategory.
    const std::vector<Shelf> &shelves(int subcategory) const { return m_shelves[subcategory]; }
    /// Path of a subcategory's page, e.g. "/beauty/skincare".
    const std::string &pagePath(int subcategory) const { return m_pagePaths[subcategory]; }

private:
    void buildHierarchy();
    void buildProducts(std::uint64_t seed);
    void addShelf(numeric::Random &rng, int subcategory, int brand);
    std::string productJson(const Product &p) const;

    std::vector<Category> m_categories;
    std::vector<Subcategory> m_subcategories;
    std::vector<Brand> m_brands;
    std::vector<Product> m_products;
    std::vector<std::vector<Shelf>> m_shelves;
    std::vector<std::string> m_pagePaths;
};

} // namespace awb::sample
