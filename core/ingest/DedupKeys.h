// SPDX-License-Identifier: GPL-3.0-or-later
// The de-duplication keys of a workspace's events during one import (issue 18). The stored keys (table
// event_keys, one row per event) are read once when the import starts into an open-addressing set; each
// event's key is checked and added there, and the import's new keys are written to event_keys once, sorted,
// before it commits. A sorted batch touches each page of event_keys about once; the unique index on
// events.dedup_key that this replaces paid a random B-tree insert per event, which made the 10th million of
// an import cost twice as much as without it (tests/bench/index_upkeep_bench.sh). Memory: 8 bytes per slot,
// at most three quarters of them used (11-21 bytes per key), and 8 more per key new to this import.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace awb::store {
class Database;
}

namespace awb::ingest {

class DedupKeys
{
public:
    /// Reads the stored keys. Throws store::StoreError.
    explicit DedupKeys(store::Database &db);

    /// True, and remembered, when neither a stored event nor an earlier one of this import has the key.
    bool add(std::uint64_t key);

    /// Writes the keys added since the start into event_keys, in key order, and forgets them as new. Call
    /// once before the import's transaction commits. Throws store::StoreError.
    void store();

    /// Keys known: stored and added.
    std::size_t size() const { return m_size + (m_hasZero ? 1 : 0); }

private:
    bool insert(std::uint64_t key);
    void grow();

    store::Database &m_db;
    std::vector<std::uint64_t> m_slots; ///< open addressing with linear probing; 0 marks an empty slot
    int m_bits = 0;                     ///< m_slots holds 2^m_bits slots
    std::size_t m_size = 0;             ///< non-zero keys in m_slots
    bool m_hasZero = false;             ///< the key 0, which cannot sit in a slot
    std::vector<std::uint64_t> m_added; ///< added since the start, to store
};

} // namespace awb::ingest
