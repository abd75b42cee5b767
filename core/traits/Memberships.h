// SPDX-License-Identifier: GPL-3.0-or-later
// Membership traits: which saved audience snapshots a profile is in, and the campaign history (exports).
#pragma once

#include "traits/TraitTable.h"

namespace awb::store {
class Database;
}

namespace awb::traits {

/// Adds a MembershipList per live audience (kind "audience") and per exported audience (kind "export"),
/// members resolved through profile merges, and the columns audience_count, export_count and
/// last_exported. An export counts for every member of the exported audience (the snapshot, including
/// members the preset skipped for lack of an identifier). Throws StoreError.
void addMemberships(store::Database &db, TraitTable &table);
/// Only the (unset) columns of addMemberships, for listing the traits.
void addMembershipColumns(TraitTable &table);

} // namespace awb::traits
