// SPDX-License-Identifier: GPL-3.0-or-later
#include "traits/Memberships.h"

#include "audience/AudienceRepository.h"
#include "traits/TraitColumns.h"

#include <algorithm>

namespace awb::traits {

void addMembershipColumns(TraitTable &table)
{
    addColumn(table, "audience_count");
    addColumn(table, "export_count");
    addColumn(table, "last_exported");
}

void addMemberships(store::Database &db, TraitTable &table)
{
    addMembershipColumns(table);
    const std::size_t first = table.columns.size() - 3;
    TraitColumn &audiences = table.columns[first];
    TraitColumn &exports = table.columns[first + 1];
    TraitColumn &lastExport = table.columns[first + 2];
    std::fill(audiences.numbers.begin(), audiences.numbers.end(), 0.0);
    std::fill(exports.numbers.begin(), exports.numbers.end(), 0.0);
    audience::AudienceRepository repo(db);
    for (const audience::AudienceInfo &info : repo.list()) {
        if (info.status != audience::AudienceStatus::Live) {
            continue;
        }
        MembershipList list{"audience", info.name, {}};
        for (const std::int64_t id : repo.memberProfiles(info.id)) {
            if (const auto row = table.rowOf(id)) {
                list.rows.push_back(static_cast<std::int32_t>(*row));
            }
        }
        std::sort(list.rows.begin(), list.rows.end());
        const std::vector<audience::ExportRecord> history = repo.exports(info.name);
        std::int64_t latest = kNoDate;
        for (const audience::ExportRecord &e : history) {
            latest = std::max(latest, e.createdAtMs);
        }
        for (const std::int32_t row : list.rows) {
            const auto r = static_cast<std::size_t>(row);
            audiences.numbers[r] += 1;
            exports.numbers[r] += static_cast<double>(history.size());
            lastExport.dates[r] = std::max(lastExport.dates[r], latest);
        }
        if (!history.empty()) {
            table.memberships.push_back({"export", info.name, list.rows});
        }
        table.memberships.push_back(std::move(list));
    }
}

} // namespace awb::traits
