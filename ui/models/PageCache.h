// SPDX-License-Identifier: GPL-3.0-or-later
// A bounded cache of row blocks fetched on demand, for table models over millions of rows.
#pragma once

#include "common/Result.h"

#include <cstdint>
#include <functional>
#include <unordered_map>
#include <vector>

namespace awb::ui {

/// Keeps at most maxBlocks blocks of blockSize consecutive rows; the least recently used block goes first.
template <typename Row> class PageCache
{
public:
    using Fetch = std::function<Result<std::vector<Row>>(std::int64_t offset, std::int64_t limit)>;

    explicit PageCache(int blockSize = 256, int maxBlocks = 64)
        : m_blockSize(blockSize), m_maxBlocks(maxBlocks)
    {}

    int blockSize() const { return m_blockSize; }
    void setBlockSize(int size)
    {
        m_blockSize = size > 0 ? size : 1;
        clear();
    }
    void clear() { m_blocks.clear(); }
    std::size_t blockCount() const { return m_blocks.size(); }

    /// The row at index, fetching its whole block when it is not cached. Returns nullptr when the row does
    /// not exist or the fetch failed (then error is set once; the failed block is remembered as empty so
    /// painting does not retry it in a loop until clear()).
    const Row *row(std::int64_t index, const Fetch &fetch, Error &error, bool &failed)
    {
        const std::int64_t key = index / m_blockSize;
        auto it = m_blocks.find(key);
        if (it == m_blocks.end()) {
            evictIfFull();
            Block block;
            auto rows = fetch(key * m_blockSize, m_blockSize);
            if (rows) {
                block.rows = std::move(rows).value();
            } else {
                error = rows.error();
                failed = true;
            }
            it = m_blocks.emplace(key, std::move(block)).first;
        }
        it->second.lastUse = ++m_clock;
        const auto offset = static_cast<std::size_t>(index - key * m_blockSize);
        return offset < it->second.rows.size() ? &it->second.rows[offset] : nullptr;
    }

private:
    struct Block
    {
        std::vector<Row> rows;
        std::uint64_t lastUse = 0;
    };

    void evictIfFull()
    {
        if (static_cast<int>(m_blocks.size()) < m_maxBlocks) {
            return;
        }
        auto oldest = m_blocks.begin();
        for (auto it = m_blocks.begin(); it != m_blocks.end(); ++it) {
            if (it->second.lastUse < oldest->second.lastUse) {
                oldest = it;
            }
        }
        m_blocks.erase(oldest);
    }

    int m_blockSize;
    int m_maxBlocks;
    std::uint64_t m_clock = 0;
    std::unordered_map<std::int64_t, Block> m_blocks;
};

} // namespace awb::ui
