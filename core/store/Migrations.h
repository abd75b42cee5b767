// SPDX-License-Identifier: GPL-3.0-or-later
// Ordered schema migrations for workspace files (PRAGMA user_version).
#pragma once

namespace awb::store {

class Database;

/// SQLite PRAGMA application_id of workspace files ("AWB1").
inline constexpr int kApplicationId = 0x41574231;

/// The schema version this build writes. Steps are append-only: never edit a released step.
int currentSchemaVersion();

/// Applies every step above the file's user_version, each inside one transaction that also bumps
/// user_version. Throws StoreError; a failed step leaves the file at the previous version.
void migrate(Database &db);

} // namespace awb::store
