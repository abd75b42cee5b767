// SPDX-License-Identifier: GPL-3.0-or-later
// A small std::expected<T, Error> subset (switch to std::expected with C++23).
#pragma once

#include "common/Error.h"

#include <cassert>
#include <utility>
#include <variant>

namespace awb {

struct Unexpected
{
    Error error;
};

inline Unexpected fail(Error::Code code, std::string message, std::string detail = {})
{
    return Unexpected{Error{code, std::move(message), std::move(detail)}};
}
inline Unexpected fail(Error error)
{
    return Unexpected{std::move(error)};
}

template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_value(std::in_place_index<0>, std::move(value)) {}
    Result(Unexpected e) : m_value(std::in_place_index<1>, std::move(e.error)) {}

    bool hasValue() const { return m_value.index() == 0; }
    explicit operator bool() const { return hasValue(); }

    T &value() &
    {
        assert(hasValue());
        return std::get<0>(m_value);
    }
    const T &value() const &
    {
        assert(hasValue());
        return std::get<0>(m_value);
    }
    T &&value() &&
    {
        assert(hasValue());
        return std::get<0>(std::move(m_value));
    }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }

    const Error &error() const
    {
        assert(!hasValue());
        return std::get<1>(m_value);
    }

private:
    std::variant<T, Error> m_value;
};

template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Unexpected e) : m_error(std::move(e.error)), m_failed(true) {}

    bool hasValue() const { return !m_failed; }
    explicit operator bool() const { return hasValue(); }
    const Error &error() const
    {
        assert(m_failed);
        return m_error;
    }

private:
    Error m_error;
    bool m_failed = false;
};

} // namespace awb
