// SPDX-License-Identifier: GPL-3.0-or-later
// What the warehouse tests share: the fixture's server (or why there is none) and the local engine's members
// of a rule as warehouse person keys, so both engines' answers compare as sorted lists.
#pragma once

#include "services/SegmentService.h"
#include "store/Database.h"
#include "warehouse/PgConnection.h"

#include <QString>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace awb::test {

/// The URI of the server ctest's fixture started; empty with why in skipReason when there is none.
inline std::string warehouseServer(QString &skipReason)
{
    const std::string server = qEnvironmentVariable("AWB_TEST_PG_URI").toStdString();
    if (server.empty()) {
        skipReason =
            QStringLiteral("AWB_TEST_PG_URI is not set: run through ctest, whose fixture starts PostgreSQL");
        return {};
    }
    try {
        warehouse::PgConnection::connect(server);
    } catch (const warehouse::PgError &e) {
        skipReason =
            QStringLiteral("no PostgreSQL server (is PostgreSQL installed?): ") + QString::fromUtf8(e.what());
        return {};
    }
    return server;
}

/// Each local profile's warehouse person key: its smallest identity, a user id ("0" || id) before an
/// anonymous id ("1" || id).
inline std::map<std::int64_t, std::string> personKeys(const std::string &workspace)
{
    std::map<std::int64_t, std::string> keys;
    auto db = store::Database::open(workspace, store::Database::OpenMode::ReadOnly);
    if (!db) {
        return keys;
    }
    auto st =
        (*db)->prepare("SELECT profile_id, min(CASE kind WHEN 0 THEN '0' || value ELSE '1' || value END) "
                       "FROM identities GROUP BY profile_id");
    while (st.step()) {
        keys[st.int64(0)] = st.text(1);
    }
    return keys;
}

/// The person keys, sorted, of the profiles the local engine selects with rule over table.
inline std::vector<std::string> localMembers(const std::string &workspace,
                                             const std::shared_ptr<const traits::TraitTable> &table,
                                             const segments::Rule &rule,
                                             const std::map<std::int64_t, std::string> &keyOf)
{
    services::SegmentService service(workspace);
    auto evaluator = service.evaluator(table);
    const auto rows = service.evaluate(*evaluator, rule);
    if (!rows) {
        qWarning("%s", rows.error().message.c_str());
        return {};
    }
    std::vector<std::string> keys;
    for (std::size_t r = 0; r < table->size(); ++r) {
        if (rows->test(r)) {
            keys.push_back(keyOf.at(table->profileIds[r]));
        }
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

} // namespace awb::test
