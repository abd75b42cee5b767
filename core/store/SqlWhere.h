// SPDX-License-Identifier: GPL-3.0-or-later
// Collects WHERE conditions written by a repository together with the values they bind.
#pragma once

#include "store/Statement.h"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace awb::store {

/// Conditions are fixed SQL text from the repositories; every value goes through a `?` placeholder.
class SqlWhere
{
public:
    using Value = std::variant<std::int64_t, std::string>;

    /// Adds "condition" (ANDed with the others); values bind its `?` placeholders in order.
    void add(std::string condition, std::vector<Value> values = {});
    /// Adds prefix + inner's conditions + suffix as one condition, taking over inner's values.
    void addNested(const std::string &prefix, const SqlWhere &inner, const std::string &suffix);
    bool isEmpty() const { return m_conditions.empty(); }
    /// " WHERE a AND b", or "" without conditions.
    std::string clause() const;
    /// The conditions joined with AND, without the keyword ("1" when empty).
    std::string conditions() const;
    /// Binds every value from index first on; returns the next free index.
    int bind(Statement &statement, int first = 1) const;

    /// text escaped for LIKE ... ESCAPE '\' and wrapped in % wildcards ("contains").
    static std::string containsPattern(const std::string &text);

private:
    std::vector<std::string> m_conditions;
    std::vector<Value> m_values;
};

} // namespace awb::store
