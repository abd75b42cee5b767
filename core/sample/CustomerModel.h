// SPDX-License-Identifier: GPL-3.0-or-later
// The latent customer model of the sample store: who a customer is, what they like, how often they come,
// and the history that follows from it; plus the planted truth of their next-30-day purchases.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace awb::numeric {
class Random;
}

namespace awb::sample {

class Catalog;

/// The history covers [startMs, endMs), UTC milliseconds.
struct Window
{
    std::int64_t startMs = 0;
    std::int64_t endMs = 0;
};

enum class EventKind : std::uint8_t
{
    Page,
    Identify,
    ProductViewed,
    ProductAdded,
    OrderCompleted,
    OrderRefunded,
};

/// One event of a customer's history, before formatting.
struct SampleEvent
{
    std::int64_t ts = 0;
    EventKind kind = EventKind::Page;
    bool withUser = false;     ///< carries the customer's userId
    std::int8_t device = -1;   ///< which anonymousId it carries; -1 = none
    std::int32_t item = -1;    ///< product (Product events) or subcategory page (Page; -1 = home page)
    std::int32_t order = -1;   ///< index into CustomerHistory::orders for order events
    std::int32_t quantity = 1; ///< Product Added
};

struct OrderLine
{
    int product = 0;
    int quantity = 1;
};

struct Order
{
    int number = 0; ///< per customer, from 1
    std::vector<OrderLine> lines;
    int coupon = -1; ///< index into coupons(); -1 = none
    std::int64_t subtotalCents = 0;
    std::int64_t discountCents = 0;
    std::int64_t revenueCents() const { return subtotalCents - discountCents; }
};

struct Coupon
{
    const char *code;
    int percent;
};
const std::vector<Coupon> &coupons();

struct Person
{
    std::string firstName, lastName, email, phone, city, country, postalCode;
};

/// Latent traits. Taste vectors: categoryTaste sums to 1; subcategoryTaste and brandTaste sum to 1
/// within each category (so P(view in subcategory s) = categoryTaste[c(s)] * subcategoryTaste[s]).
struct Customer
{
    std::int64_t index = 0;
    bool known = false;          ///< logs in (has a userId); false = anonymous visitor who never identifies
    bool vip = false;            ///< high spender: more sessions, bigger baskets, premium brands
    bool lapsedVip = false;      ///< a VIP whose activity stopped 47+ days before the end
    bool discountSeeker = false; ///< orders mostly with a coupon
    bool activeAtEnd = false;    ///< still a customer at the end (false: churned or lapsed)
    double sessionRate = 0;      ///< sessions per day while active
    double extraViews = 0;       ///< a session views 1 + Poisson(extraViews) products
    double cartRate = 0;         ///< P(a viewed product is added to the cart)
    double orderRate = 0;        ///< P(a session with a non-empty cart ends with an order)
    std::int64_t startMs = 0, stopMs = 0;
    std::vector<double> categoryTaste, subcategoryTaste, brandTaste;
    std::vector<std::vector<double>> shelfWeights; ///< per subcategory: brandTaste x shelf popularity
    std::string userId;                            ///< empty for anonymous visitors
    std::array<std::string, 2> anonymousIds;       ///< device ids; the second may be empty
    Person person;
};

struct CustomerHistory
{
    Customer customer;
    std::vector<SampleEvent> events; ///< in time order
    std::vector<Order> orders;
};

struct TruthRow
{
    std::string target; ///< "category=Beauty", "subcategory=Skincare", "brand=Acme", "purchase", "vip", ...
    double probability = 0;
};

class CustomerModel
{
public:
    static constexpr int kTruthHorizonDays = 30;

    CustomerModel(const Catalog &catalog, std::uint64_t seed, Window window);

    /// Draws customer `index` and their history from a stream of their own, derived from (seed, index):
    /// a customer is the same whatever else is generated, so customers may be made in any order.
    /// `out` is reused (its buffers keep their capacity).
    void simulate(std::int64_t index, CustomerHistory &out) const;

    /// The planted truth of a known customer (none for anonymous visitors): for every category,
    /// subcategory and brand, P(an Order Completed containing it within kTruthHorizonDays after the end),
    /// computed in closed form from the customer's rates; "purchase" for any order; and 0/1 flags "vip",
    /// "discount_seeker", "churned" (not active at the end, will not come back).
    void truth(const Customer &customer, std::vector<TruthRow> &out) const;

    const Window &window() const { return m_window; }

private:
    struct Session;
    void drawTraits(numeric::Random &rng, Customer &c) const;
    void drawTastes(numeric::Random &rng, Customer &c) const;
    void drawLifetime(numeric::Random &rng, Customer &c) const;
    void drawSessionTimes(numeric::Random &rng, const Customer &c, std::vector<std::int64_t> &times) const;
    void runSession(numeric::Random &rng, Session &s, CustomerHistory &out) const;
    void placeOrder(numeric::Random &rng, Session &s, CustomerHistory &out) const;
    int pickProduct(numeric::Random &rng, const Customer &c) const;
    /// P(an order within the horizon containing a product of the target), given the probability that a
    /// single product view falls in the target.
    double purchaseProbability(const Customer &c, double viewShare) const;

    const Catalog &m_catalog;
    std::uint64_t m_seed;
    Window m_window;
};

} // namespace awb::sample
