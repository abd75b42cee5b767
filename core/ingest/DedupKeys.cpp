// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/DedupKeys.h"

#include "store/Database.h"
#include "store/Statement.h"

#include <algorithm>
#include <utility>

namespace awb::ingest {

namespace {

constexpr int kInitialBits = 16;

// The slot of a key in a table of 2^bits slots. The keys are xxh3 hashes already; the multiplication spreads
// any that are not (a workspace written by hand) over the table's high bits.
std::size_t slotOf(std::uint64_t key, int bits)
{
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> (64 - bits));
}

} // namespace

DedupKeys::DedupKeys(store::Database &db) : m_db(db)
{
    auto count = db.prepare("SELECT count(*) FROM event_keys");
    const std::size_t stored = count.step() ? static_cast<std::size_t>(count.int64(0)) : 0;
    m_bits = kInitialBits;
    while ((std::size_t{1} << m_bits) * 3 < (stored + 1) * 4) {
        ++m_bits;
    }
    m_slots.assign(std::size_t{1} << m_bits, 0);
    auto all = db.prepare("SELECT key FROM event_keys");
    while (all.step()) {
        insert(static_cast<std::uint64_t>(all.int64(0)));
    }
}

bool DedupKeys::insert(std::uint64_t key)
{
    if (key == 0) {
        return !std::exchange(m_hasZero, true);
    }
    if ((m_size + 1) * 4 > m_slots.size() * 3) { // at most three quarters full
        grow();
    }
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = slotOf(key, m_bits);; i = (i + 1) & mask) {
        if (m_slots[i] == key) {
            return false;
        }
        if (m_slots[i] == 0) {
            m_slots[i] = key;
            ++m_size;
            return true;
        }
    }
}

void DedupKeys::grow()
{
    std::vector<std::uint64_t> old(m_slots.size() * 2, 0);
    old.swap(m_slots);
    ++m_bits;
    m_size = 0;
    for (const std::uint64_t key : old) {
        if (key != 0) {
            insert(key);
        }
    }
}

bool DedupKeys::add(std::uint64_t key)
{
    if (!insert(key)) {
        return false;
    }
    m_added.push_back(key);
    return true;
}

void DedupKeys::store()
{
    // event_keys holds them as SQLite integers: signed order is the table's order. Sorted in place: a copy
    // would add 8 bytes per new key at the peak.
    std::sort(m_added.begin(), m_added.end(), [](std::uint64_t a, std::uint64_t b) {
        return static_cast<std::int64_t>(a) < static_cast<std::int64_t>(b);
    });
    auto insertKey = m_db.prepare("INSERT INTO event_keys (key) VALUES (?)");
    for (const std::uint64_t key : m_added) {
        insertKey.bind(1, static_cast<std::int64_t>(key)).run();
    }
    m_added.clear();
    m_added.shrink_to_fit();
}

} // namespace awb::ingest
