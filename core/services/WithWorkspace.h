// SPDX-License-Identifier: GPL-3.0-or-later
// The one way services open a workspace for a call: their own connection, store exceptions turned into
// errors.
#pragma once

#include "common/Result.h"
#include "store/Database.h"
#include "store/StoreError.h"

#include <string>

namespace awb::services {

/// Opens the existing workspace at path and returns fn(db). A store::StoreError thrown by fn becomes an
/// Error::Code::Database whose message starts with context ("Catalog: ...").
template <typename T, typename Fn>
Result<T> withWorkspace(const std::string &path, const char *context, Fn fn)
{
    auto db = store::Database::open(path, store::Database::OpenMode::OpenExisting);
    if (!db) {
        return fail(db.error());
    }
    try {
        return fn(**db);
    } catch (const store::StoreError &e) {
        return fail(Error::Code::Database, std::string(context) + ": " + e.what());
    }
}

/// withWorkspace around a function that returns a Result itself: one level of Result.
template <typename T> Result<T> flatten(Result<Result<T>> r)
{
    if (!r) {
        return fail(r.error());
    }
    return std::move(r).value();
}

} // namespace awb::services
