// SPDX-License-Identifier: GPL-3.0-or-later
#include "traits/EventScan.h"

#include "store/Database.h"
#include "store/StoreError.h"
#include "traits/OrderReader.h"
#include "traits/Scores.h"

#include <algorithm>
#include <cmath>

namespace awb::traits {

namespace {

constexpr std::int64_t kCheckEvery = 4096;
constexpr int kIdentifyType = 1;

std::int64_t dayOf(std::int64_t ms)
{
    return ms >= 0 ? ms / kDayMs : -((-ms + kDayMs - 1) / kDayMs);
}

struct ValueAcc
{
    std::int32_t value = 0;
    std::int32_t purchases = 0;
    double spend = 0;
    std::int64_t last = kNoDate;
    std::int64_t lastOrder = -1;
};

struct Line
{
    std::string productId;
    double total = 0;
    LineFacts facts;
};

class Scanner
{
public:
    Scanner(const ScanInput &input, ScanOutput &output, store::Database &db)
        : m_in(input), m_out(output),
          m_products(db.prepare("SELECT product_id, price, quantity, properties FROM event_products "
                                "WHERE event_id = ?1 ORDER BY position")),
          m_values(input.catalog ? input.catalog->columns.size() : 0)
    {}

    void event(std::size_t row, std::int64_t eventId, std::int64_t ts, int type, std::int64_t nameId,
               std::string_view properties);
    void finishProfile(std::size_t row);

private:
    void order(ProfileStats &s, std::int64_t eventId, std::int64_t ts, std::string_view properties);
    void refund(ProfileStats &s, std::int64_t eventId, std::string_view properties);
    void readLines(std::int64_t eventId);
    void addValues(const Line &line, std::int64_t eventId, std::int64_t ts);

    const ScanInput &m_in;
    ScanOutput &m_out;
    store::Statement m_products;
    OrderReader m_reader;
    std::vector<Line> m_lines;
    std::vector<std::vector<ValueAcc>> m_values; ///< per column, this profile's values
};

void Scanner::event(std::size_t row, std::int64_t eventId, std::int64_t ts, int type, std::int64_t nameId,
                    std::string_view properties)
{
    ProfileStats &s = (*m_out.stats)[row];
    ++s.events;
    s.firstSeen = s.firstSeen == kNoDate ? ts : std::min(s.firstSeen, ts);
    s.lastSeen = std::max(s.lastSeen, ts);
    const bool isRefund = nameId == m_in.refundNameId;
    // Visits: identify calls and back-office refunds are not activity of the person.
    if (type != kIdentifyType && !isRefund) {
        if (s.lastVisitEvent == kNoDate || ts - s.lastVisitEvent > kSessionGapMs) {
            ++s.sessions;
        }
        s.lastVisitEvent = ts;
    }
    if (nameId == m_in.orderNameId) {
        order(s, eventId, ts, properties);
    } else if (isRefund) {
        refund(s, eventId, properties);
    }
}

void Scanner::readLines(std::int64_t eventId)
{
    m_lines.clear();
    m_products.bind(1, eventId);
    while (m_products.step()) {
        Line line;
        line.productId = m_products.text(0);
        if (!m_products.isNull(1)) {
            line.total = m_products.real(1) * (m_products.isNull(2) ? 1.0 : m_products.real(2));
        }
        line.facts = m_reader.line(m_products.textView(3));
        m_lines.push_back(std::move(line));
    }
    m_products.reset();
}

void Scanner::order(ProfileStats &s, std::int64_t eventId, std::int64_t ts, std::string_view properties)
{
    const OrderFacts facts = m_reader.order(properties);
    readLines(eventId);
    double linesTotal = 0;
    bool linesOwnDiscount = false;
    bool anyLineDiscounted = false;
    for (const Line &line : m_lines) {
        linesTotal += line.total;
        linesOwnDiscount = linesOwnDiscount || line.facts.hasOwnDiscount;
        anyLineDiscounted = anyLineDiscounted || line.facts.discounted;
    }
    const double value = facts.revenue.value_or(facts.total.value_or(linesTotal));
    ++s.orders;
    s.spend += value;
    s.firstPurchase = s.firstPurchase == kNoDate ? ts : s.firstPurchase;
    s.lastPurchase = ts;
    const std::int64_t day = dayOf(ts);
    if (s.purchaseDays == 0 || day != s.lastPurchaseDay) {
        if (s.purchaseDays == 0) {
            s.firstPurchaseDay = day;
        }
        ++s.purchaseDays;
        s.lastPurchaseDay = day;
    }
    if (s.purchaseDays == 1) {
        s.firstDaySpend += value;
    }
    s.discountedOrders += facts.discounted || anyLineDiscounted ? 1 : 0;
    for (const Line &line : m_lines) {
        ++s.items;
        const bool discounted = linesOwnDiscount ? line.facts.discounted : facts.discounted;
        s.discountedItems += discounted ? 1 : 0;
        addValues(line, eventId, ts);
    }
}

void Scanner::refund(ProfileStats &s, std::int64_t eventId, std::string_view properties)
{
    const OrderFacts facts = m_reader.order(properties);
    double amount = 0;
    if (facts.revenue || facts.total) {
        amount = facts.revenue.value_or(facts.total.value_or(0.0));
    } else {
        readLines(eventId);
        for (const Line &line : m_lines) {
            amount += line.total;
        }
    }
    ++s.refunds;
    s.refundAmount += std::abs(amount);
}

void Scanner::addValues(const Line &line, std::int64_t eventId, std::int64_t ts)
{
    if (m_in.catalog == nullptr) {
        return;
    }
    const auto it = m_in.catalog->byProduct.find(line.productId);
    if (it == m_in.catalog->byProduct.end()) {
        return;
    }
    for (const ProductValues::Key &key : it->second) {
        std::vector<ValueAcc> &accs = m_values[static_cast<std::size_t>(key.column)];
        auto acc =
            std::find_if(accs.begin(), accs.end(), [&](const ValueAcc &a) { return a.value == key.value; });
        if (acc == accs.end()) {
            accs.push_back({key.value, 0, 0.0, kNoDate, -1});
            acc = accs.end() - 1;
        }
        if (acc->lastOrder != eventId) {
            ++acc->purchases;
            acc->lastOrder = eventId;
        }
        acc->spend += line.total;
        acc->last = std::max(acc->last, ts);
    }
}

// Moves the profile's value statistics into the part's CSR and picks its most frequent values.
void Scanner::finishProfile(std::size_t row)
{
    for (std::size_t c = 0; c < m_values.size(); ++c) {
        std::vector<ValueAcc> &accs = m_values[c];
        std::sort(accs.begin(), accs.end(),
                  [](const ValueAcc &a, const ValueAcc &b) { return a.value < b.value; });
        const ValueAcc *top = nullptr;
        for (const ValueAcc &a : accs) {
            m_out.entries[c].push_back({a.value, a.purchases, a.spend, a.last});
            // Most orders, then most spend, then the first value in sort order.
            if (top == nullptr || a.purchases > top->purchases ||
                (a.purchases == top->purchases && a.spend > top->spend)) {
                top = &a;
            }
        }
        m_out.rowCounts[c].push_back(static_cast<std::int64_t>(accs.size()));
        (*m_out.topValues)[c][row] = top ? top->value : kNoText;
        accs.clear();
    }
}

Result<void> scanRange(const ScanInput &input, std::size_t rowBegin, std::size_t rowEnd, ScanOutput &output,
                       std::atomic<std::int64_t> &done, const std::atomic_bool &stop)
{
    auto db = store::Database::open(input.workspacePath, store::Database::OpenMode::ReadOnly);
    if (!db) {
        return fail(db.error());
    }
    const std::vector<std::int64_t> &ids = *input.profileIds;
    Scanner scanner(input, output, **db);
    auto events =
        (*db)->prepare("SELECT id, profile_id, ts, type, name_id, "
                       "CASE WHEN name_id IN (?1, ?2) THEN properties END FROM events "
                       "WHERE profile_id >= ?3 AND profile_id <= ?4 AND ts < ?5 ORDER BY profile_id, ts");
    events.bind(1, input.orderNameId).bind(2, input.refundNameId);
    events.bind(3, ids[rowBegin]).bind(4, ids[rowEnd - 1]).bind(5, input.nowMs);
    std::size_t row = rowBegin; // the row of the profile being read; rows before it are finished
    std::int64_t count = 0;
    while (events.step()) {
        const std::int64_t profileId = events.int64(1);
        while (row < rowEnd && ids[row] < profileId) {
            scanner.finishProfile(row++);
        }
        if (row == rowEnd || ids[row] != profileId) {
            continue; // a profile outside the table (first seen after now): cannot happen with ts < now
        }
        scanner.event(row, events.int64(0), events.int64(2), static_cast<int>(events.int64(3)),
                      events.int64(4), events.isNull(5) ? std::string_view() : events.textView(5));
        if (++count % kCheckEvery == 0) {
            done.fetch_add(kCheckEvery, std::memory_order_relaxed);
            if (stop.load(std::memory_order_relaxed)) {
                return fail(Error::cancelled());
            }
        }
    }
    while (row < rowEnd) {
        scanner.finishProfile(row++);
    }
    done.fetch_add(count % kCheckEvery, std::memory_order_relaxed);
    return {};
}

} // namespace

Result<void> scanEvents(const ScanInput &input, std::size_t rowBegin, std::size_t rowEnd, ScanOutput &output,
                        std::atomic<std::int64_t> &done, const std::atomic_bool &stop)
{
    const std::size_t columns = input.catalog ? input.catalog->columns.size() : 0;
    output.rowCounts.assign(columns, {});
    output.entries.assign(columns, {});
    if (rowBegin >= rowEnd) {
        return {};
    }
    try {
        return scanRange(input, rowBegin, rowEnd, output, done, stop);
    } catch (const store::StoreError &e) {
        return fail(Error::Code::Database, std::string("Traits: ") + e.what());
    }
}

} // namespace awb::traits
