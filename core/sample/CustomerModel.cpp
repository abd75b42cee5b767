// SPDX-License-Identifier: GPL-3.0-or-later
// Latent customer traits, their simulated sessions, and the closed-form planted truth.
#include "sample/CustomerModel.h"

#include "numeric/Random.h"
#include "sample/Catalog.h"
#include "sample/People.h"

#include <algorithm>
#include <cmath>

namespace awb::sample {

namespace {

constexpr std::int64_t kDayMs = 86'400'000;

// Share of customers, and their behaviour. Rates are per day; "gamma(k)/k" draws have mean 1.
constexpr double kKnownShare = 0.75; // the rest browse anonymously and never identify
constexpr double kVipShare = 0.06;   // of known customers
constexpr double kDiscountSeekerShare = 0.15;
constexpr double kLapsingVipShare = 0.4;  // of VIPs
constexpr double kEstablishedShare = 0.4; // active from the start of the window
constexpr double kMeanLifetimeDays = 240;
constexpr double kSeekerCouponRate = 0.85; // P(coupon on an order) for discount seekers
constexpr double kOtherCouponRate = 0.06;
constexpr double kRefundRate = 0.04;
constexpr double kHomePageShare = 0.5;
constexpr int kMaxSessions = 2000;

// When in the day (UTC) sessions start: low at night, an evening peak.
constexpr double kHourWeights[24] = {2, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 5, 6, 6, 5, 5, 5, 6, 7, 8, 8, 7, 5, 3};

std::uint64_t mix64(std::uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// The seed of customer `index`'s own stream.
std::uint64_t customerSeed(std::uint64_t seed, std::int64_t index)
{
    return mix64(seed ^ mix64(static_cast<std::uint64_t>(index) + 0x9e3779b97f4a7c15ULL));
}

// A gamma draw with mean `mean` and shape k (coefficient of variation 1/sqrt(k)).
double gammaMean(numeric::Random &rng, double mean, double k)
{
    return mean * rng.gamma(k) / k;
}

// The pause between two events of a session: 5 s plus an exponential with mean 40 s.
std::int64_t gap(numeric::Random &rng)
{
    return 5000 + static_cast<std::int64_t>(rng.exponential(40'000));
}

} // namespace

const std::vector<Coupon> &coupons()
{
    static const std::vector<Coupon> list = {
        {"SAVE10", 10}, {"WELCOME15", 15}, {"FLASH20", 20}, {"VIP25", 25}};
    return list;
}

struct CustomerModel::Session
{
    std::int64_t ts = 0;
    std::int8_t device = 0;
    bool identified = false; ///< events carry the userId
    bool identify = false;   ///< this session starts with an identify call
    std::vector<OrderLine> cart;

    void push(CustomerHistory &out, std::int64_t endMs, EventKind kind, int item = -1, int order = -1,
              int quantity = 1) const
    {
        // A session running over the end of the window is cut at its last millisecond.
        out.events.push_back({std::min(ts, endMs - 1), kind, identified, device, item, order, quantity});
    }
};

CustomerModel::CustomerModel(const Catalog &catalog, std::uint64_t seed, Window window)
    : m_catalog(catalog), m_seed(seed), m_window(window)
{}

void CustomerModel::drawTraits(numeric::Random &rng, Customer &c) const
{
    c.known = rng.chance(kKnownShare);
    c.vip = c.known && rng.chance(kVipShare);
    c.discountSeeker = c.known && rng.chance(kDiscountSeekerShare);
    if (c.vip) {
        c.sessionRate = gammaMean(rng, 0.25, 4);
        c.cartRate = std::min(0.6, gammaMean(rng, 0.3, 4));
        c.orderRate = std::min(0.95, gammaMean(rng, 0.7, 8));
    } else {
        c.sessionRate = gammaMean(rng, c.known ? 0.06 : 0.04, 0.8);
        c.cartRate = std::min(0.6, gammaMean(rng, c.known ? 0.12 : 0.08, 3));
        c.orderRate = c.known ? std::min(0.9, gammaMean(rng, 0.4, 4)) : 0.0;
    }
    c.sessionRate = std::min(c.sessionRate, 2.0);
    c.extraViews = gammaMean(rng, 2.5, 3);
}

void CustomerModel::drawTastes(numeric::Random &rng, Customer &c) const
{
    const auto &categories = m_catalog.categories();
    c.categoryTaste = rng.dirichlet(categories.size(), 0.4);
    c.subcategoryTaste.assign(m_catalog.subcategories().size(), 0.0);
    c.brandTaste.assign(m_catalog.brands().size(), 0.0);
    for (const Category &cat : categories) {
        const std::vector<double> sub = rng.dirichlet(cat.subcategories.size(), 0.6);
        for (std::size_t i = 0; i < sub.size(); ++i) {
            c.subcategoryTaste[cat.subcategories[i]] = sub[i];
        }
        std::vector<double> brand = rng.dirichlet(cat.brands.size(), 0.5);
        double sum = 0;
        for (std::size_t i = 0; i < brand.size(); ++i) {
            // VIPs lean towards premium brands.
            const double tier = m_catalog.brands()[cat.brands[i]].tier;
            brand[i] *= c.vip ? tier * tier : 1.0;
            sum += brand[i];
        }
        for (std::size_t i = 0; i < brand.size(); ++i) {
            c.brandTaste[cat.brands[i]] = brand[i] / sum;
        }
    }
    c.shelfWeights.resize(m_catalog.subcategories().size());
    for (std::size_t s = 0; s < c.shelfWeights.size(); ++s) {
        const auto &shelves = m_catalog.shelves(static_cast<int>(s));
        c.shelfWeights[s].resize(shelves.size());
        for (std::size_t j = 0; j < shelves.size(); ++j) {
            c.shelfWeights[s][j] = c.brandTaste[shelves[j].brand] * shelves[j].popularity;
        }
    }
}

void CustomerModel::drawLifetime(numeric::Random &rng, Customer &c) const
{
    const std::int64_t length = m_window.endMs - m_window.startMs;
    const bool established = c.vip || rng.chance(kEstablishedShare);
    c.startMs = m_window.startMs + (established ? 0 : static_cast<std::int64_t>(rng.uniform() * length));
    c.stopMs = c.startMs + static_cast<std::int64_t>(rng.exponential(kMeanLifetimeDays) * kDayMs);
    c.lapsedVip = false;
    if (c.vip && rng.chance(kLapsingVipShare)) {
        // Lapsing VIPs stop 47 to 107 days before the end (so no purchase in the last 45 days).
        const std::int64_t lapse =
            m_window.endMs - static_cast<std::int64_t>((47 + 60 * rng.uniform()) * kDayMs);
        if (lapse > c.startMs + 7 * kDayMs) {
            c.stopMs = std::min(c.stopMs, lapse);
            c.lapsedVip = true;
        }
    }
    c.activeAtEnd = c.stopMs >= m_window.endMs;
    c.stopMs = std::min(c.stopMs, m_window.endMs);
}

void CustomerModel::drawSessionTimes(numeric::Random &rng, const Customer &c,
                                     std::vector<std::int64_t> &times) const
{
    const double activeDays = static_cast<double>(c.stopMs - c.startMs) / kDayMs;
    const auto n = std::clamp<std::uint64_t>(rng.poisson(c.sessionRate * activeDays), 1, kMaxSessions);
    times.clear();
    for (std::uint64_t i = 0; i < n; ++i) {
        const std::int64_t t = c.startMs + static_cast<std::int64_t>(rng.uniform() * (c.stopMs - c.startMs));
        // Move the session to a typical hour of its day, unless that leaves the active period.
        const std::int64_t day = t - t % kDayMs;
        const std::int64_t at = day + static_cast<std::int64_t>(rng.pick(kHourWeights, 24)) * 3'600'000 +
                                static_cast<std::int64_t>(rng.below(3'600'000));
        times.push_back(at >= c.startMs && at < c.stopMs ? at : t);
    }
    std::sort(times.begin(), times.end());
}

int CustomerModel::pickProduct(numeric::Random &rng, const Customer &c) const
{
    const Category &cat = m_catalog.categories()[rng.pick(c.categoryTaste)];
    // Subcategories of a category have consecutive indices (Catalog builds them so).
    const int first = cat.subcategories.front();
    const int sub = first + static_cast<int>(rng.pick(&c.subcategoryTaste[first], cat.subcategories.size()));
    const Shelf &shelf = m_catalog.shelves(sub)[rng.pick(c.shelfWeights[sub])];
    return shelf.products[rng.pick(shelf.weights)];
}

void CustomerModel::placeOrder(numeric::Random &rng, Session &s, CustomerHistory &out) const
{
    const Customer &c = out.customer;
    if (!s.identified) {
        // Checkout needs an account: log in first.
        s.ts += gap(rng);
        s.identified = true;
        s.push(out, m_window.endMs, EventKind::Identify);
    }
    Order order;
    order.number = static_cast<int>(out.orders.size()) + 1;
    order.lines = s.cart;
    for (const OrderLine &line : order.lines) {
        order.subtotalCents += m_catalog.products()[line.product].priceCents * line.quantity;
    }
    if (rng.chance(c.discountSeeker ? kSeekerCouponRate : kOtherCouponRate)) {
        order.coupon = static_cast<int>(rng.below(coupons().size()));
        order.discountCents = (order.subtotalCents * coupons()[order.coupon].percent + 50) / 100;
    }
    const int index = static_cast<int>(out.orders.size());
    out.orders.push_back(std::move(order));
    s.ts += gap(rng);
    s.push(out, m_window.endMs, EventKind::OrderCompleted, -1, index);
    if (rng.chance(kRefundRate)) {
        const std::int64_t at = s.ts + static_cast<std::int64_t>((1 + rng.uniform() * 14) * kDayMs);
        if (at < m_window.endMs) {
            // Refunds come from the back office: userId only.
            out.events.push_back({at, EventKind::OrderRefunded, true, -1, -1, index, 1});
        }
    }
}

void CustomerModel::runSession(numeric::Random &rng, Session &s, CustomerHistory &out) const
{
    const Customer &c = out.customer;
    const std::int64_t end = m_window.endMs;
    const auto views = 1 + rng.poisson(c.extraViews);
    int product = pickProduct(rng, c);
    const bool home = rng.chance(kHomePageShare);
    s.push(out, end, EventKind::Page, home ? -1 : m_catalog.products()[product].subcategory);
    if (s.identify) {
        s.ts += gap(rng);
        s.identified = true;
        s.push(out, end, EventKind::Identify);
    }
    s.cart.clear();
    for (std::uint64_t v = 0; v < views; ++v) {
        if (v > 0) {
            product = pickProduct(rng, c);
        }
        s.ts += gap(rng);
        s.push(out, end, EventKind::ProductViewed, product);
        if (rng.chance(c.cartRate)) {
            const int quantity = rng.chance(c.vip ? 0.3 : 0.12) ? 2 : 1;
            s.ts += gap(rng);
            s.push(out, end, EventKind::ProductAdded, product, -1, quantity);
            s.cart.push_back({product, quantity});
        }
    }
    if (!s.cart.empty() && rng.chance(c.orderRate)) {
        s.ts += gap(rng);
        placeOrder(rng, s, out);
    }
}

void CustomerModel::simulate(std::int64_t index, CustomerHistory &out) const
{
    out.events.clear();
    out.orders.clear();
    Customer &c = out.customer;
    numeric::Random rng(customerSeed(m_seed, index));
    c.index = index;
    drawTraits(rng, c);
    drawTastes(rng, c);
    drawLifetime(rng, c);
    c.anonymousIds[0] = drawUuid(rng);
    c.anonymousIds[1].clear();
    c.userId = c.known ? userIdFor(index) : std::string();
    c.person = Person();
    if (c.known) {
        drawPerson(rng, index, c.person);
    }
    std::vector<std::int64_t> times;
    drawSessionTimes(rng, c, times);
    const int sessions = static_cast<int>(times.size());
    // Known customers browse anonymously for a few sessions (geometric), then log in; a quarter of those
    // with enough sessions later switch to a second device and log in there too.
    int login = 0;
    while (login < sessions - 1 && rng.chance(0.45)) {
        ++login;
    }
    int secondDevice = sessions;
    if (c.known && sessions - login >= 3 && rng.chance(0.25)) {
        secondDevice = login + 1 + static_cast<int>(rng.below(sessions - login - 1));
        c.anonymousIds[1] = drawUuid(rng);
    }
    Session s;
    for (int i = 0; i < sessions; ++i) {
        s.ts = times[i];
        s.device = i >= secondDevice ? 1 : 0;
        s.identify = c.known && (i == login || i == secondDevice);
        s.identified = s.identified && i != secondDevice;
        runSession(rng, s, out);
    }
    std::stable_sort(out.events.begin(), out.events.end(),
                     [](const SampleEvent &a, const SampleEvent &b) { return a.ts < b.ts; });
}

double CustomerModel::purchaseProbability(const Customer &c, double viewShare) const
{
    // A session views K = 1 + Poisson(v) products, each in the target with probability viewShare and
    // carted with probability cartRate, so P(no target product in the cart) = E[(1-a)^K] = (1-a) e^(-v a)
    // with a = viewShare * cartRate; the cart becomes an order with probability orderRate. Sessions are
    // a Poisson process (sessionRate per day, 0 once the customer has stopped), so the number of sessions
    // with a target purchase in H days is Poisson(rate * H * q) and P(at least one) = 1 - e^(-rate H q).
    if (!c.activeAtEnd) {
        return 0.0;
    }
    const double a = viewShare * c.cartRate;
    const double q = c.orderRate * (1.0 - (1.0 - a) * std::exp(-c.extraViews * a));
    return 1.0 - std::exp(-c.sessionRate * kTruthHorizonDays * q);
}

void CustomerModel::truth(const Customer &c, std::vector<TruthRow> &out) const
{
    out.clear();
    if (!c.known) {
        return;
    }
    const auto &subs = m_catalog.subcategories();
    std::vector<double> brandShare(m_catalog.brands().size(), 0.0);
    for (std::size_t s = 0; s < subs.size(); ++s) {
        const auto &shelves = m_catalog.shelves(static_cast<int>(s));
        double total = 0;
        for (const double w : c.shelfWeights[s]) {
            total += w;
        }
        const double subShare = c.categoryTaste[subs[s].category] * c.subcategoryTaste[s];
        for (std::size_t j = 0; j < shelves.size(); ++j) {
            brandShare[shelves[j].brand] += subShare * c.shelfWeights[s][j] / total;
        }
        out.push_back({"subcategory=" + subs[s].name, purchaseProbability(c, subShare)});
    }
    for (std::size_t k = 0; k < m_catalog.categories().size(); ++k) {
        out.push_back(
            {"category=" + m_catalog.categories()[k].name, purchaseProbability(c, c.categoryTaste[k])});
    }
    for (std::size_t b = 0; b < brandShare.size(); ++b) {
        out.push_back({"brand=" + m_catalog.brands()[b].name, purchaseProbability(c, brandShare[b])});
    }
    out.push_back({"purchase", purchaseProbability(c, 1.0)});
    out.push_back({"vip", c.vip ? 1.0 : 0.0});
    out.push_back({"discount_seeker", c.discountSeeker ? 1.0 : 0.0});
    out.push_back({"churned", c.activeAtEnd ? 0.0 : 1.0});
}

} // namespace awb::sample
