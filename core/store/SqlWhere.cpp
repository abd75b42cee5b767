// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/SqlWhere.h"

namespace awb::store {

void SqlWhere::add(std::string condition, std::vector<Value> values)
{
    m_conditions.push_back(std::move(condition));
    for (Value &v : values) {
        m_values.push_back(std::move(v));
    }
}

void SqlWhere::addNested(const std::string &prefix, const SqlWhere &inner, const std::string &suffix)
{
    m_conditions.push_back(prefix + inner.conditions() + suffix);
    m_values.insert(m_values.end(), inner.m_values.begin(), inner.m_values.end());
}

std::string SqlWhere::conditions() const
{
    if (m_conditions.empty()) {
        return "1";
    }
    std::string text;
    for (const std::string &c : m_conditions) {
        text += text.empty() ? "(" : " AND (";
        text += c;
        text += ')';
    }
    return text;
}

std::string SqlWhere::clause() const
{
    return m_conditions.empty() ? std::string() : " WHERE " + conditions();
}

int SqlWhere::bind(Statement &statement, int first) const
{
    int index = first;
    for (const Value &v : m_values) {
        if (const auto *i = std::get_if<std::int64_t>(&v)) {
            statement.bind(index++, *i);
        } else {
            statement.bind(index++, std::get<std::string>(v));
        }
    }
    return index;
}

std::string SqlWhere::containsPattern(const std::string &text)
{
    std::string pattern = "%";
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            pattern += '\\';
        }
        pattern += c;
    }
    pattern += '%';
    return pattern;
}

} // namespace awb::store
