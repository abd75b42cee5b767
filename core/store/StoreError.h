// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stdexcept>
#include <string>

namespace awb::store {

/// Thrown by the RAII store wrappers when SQLite fails. Caught at the service boundary and turned into
/// awb::Error; never crosses into ui/ or a thread boundary.
class StoreError : public std::runtime_error
{
public:
    StoreError(int sqliteCode, const std::string &what) : std::runtime_error(what), m_code(sqliteCode) {}
    int sqliteCode() const { return m_code; }
    /// Another connection held the lock this statement needed (after the busy timeout).
    bool isBusy() const;

private:
    int m_code;
};

} // namespace awb::store
