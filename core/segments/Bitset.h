// SPDX-License-Identifier: GPL-3.0-or-later
// A fixed-size set of trait-table rows, 64 per word: the result of one condition or group.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

namespace awb::segments {

class Bitset
{
public:
    Bitset() = default;
    /// size rows, all set to value.
    explicit Bitset(std::size_t size, bool value = false)
        : m_size(size), m_words((size + 63) / 64, value ? ~std::uint64_t(0) : 0)
    {
        trim();
    }

    std::size_t size() const { return m_size; }
    bool test(std::size_t row) const { return (m_words[row >> 6] >> (row & 63)) & 1; }
    void set(std::size_t row) { m_words[row >> 6] |= std::uint64_t(1) << (row & 63); }
    std::vector<std::uint64_t> &words() { return m_words; }
    const std::vector<std::uint64_t> &words() const { return m_words; }

    std::size_t count() const
    {
        std::size_t n = 0;
        for (const std::uint64_t w : m_words) {
            n += static_cast<std::size_t>(std::popcount(w));
        }
        return n;
    }
    Bitset &operator&=(const Bitset &o)
    {
        for (std::size_t i = 0; i < m_words.size(); ++i) {
            m_words[i] &= o.m_words[i];
        }
        return *this;
    }
    Bitset &operator|=(const Bitset &o)
    {
        for (std::size_t i = 0; i < m_words.size(); ++i) {
            m_words[i] |= o.m_words[i];
        }
        return *this;
    }
    void flip()
    {
        for (std::uint64_t &w : m_words) {
            w = ~w;
        }
        trim();
    }
    /// Calls fn(row) for every set row, ascending.
    template <typename Fn> void forEach(Fn fn) const
    {
        for (std::size_t i = 0; i < m_words.size(); ++i) {
            for (std::uint64_t w = m_words[i]; w != 0; w &= w - 1) {
                fn(i * 64 + static_cast<std::size_t>(std::countr_zero(w)));
            }
        }
    }
    /// The set rows, ascending.
    std::vector<std::size_t> rows() const
    {
        std::vector<std::size_t> out;
        forEach([&](std::size_t row) { out.push_back(row); });
        return out;
    }

    /// Clears the bits past size() in the last word (after operations that set them).
    void trim()
    {
        if (m_size % 64 != 0 && !m_words.empty()) {
            m_words.back() &= (std::uint64_t(1) << (m_size % 64)) - 1;
        }
    }

    /// Builds a bitset from a predicate over rows, 64 rows per word without branches on the bits.
    template <typename Pred> static Bitset fromPredicate(std::size_t size, Pred pred)
    {
        Bitset b(size);
        for (std::size_t w = 0; w < b.m_words.size(); ++w) {
            const std::size_t base = w * 64;
            const std::size_t end = std::min<std::size_t>(64, size - base);
            std::uint64_t word = 0;
            for (std::size_t i = 0; i < end; ++i) {
                word |= static_cast<std::uint64_t>(pred(base + i)) << i;
            }
            b.m_words[w] = word;
        }
        return b;
    }

private:
    std::size_t m_size = 0;
    std::vector<std::uint64_t> m_words;
};

} // namespace awb::segments
