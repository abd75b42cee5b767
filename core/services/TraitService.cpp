// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/TraitService.h"

#include "ingest/Timestamp.h"
#include "services/WithWorkspace.h"
#include "traits/TraitLoader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace awb::services {

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

QJsonArray stringArray(const std::vector<std::string> &list)
{
    QJsonArray a;
    for (const std::string &s : list) {
        a.append(q(s));
    }
    return a;
}

std::optional<std::int64_t> findProfile(store::Database &db, const std::string &key)
{
    // A user id wins over an anonymous id with the same text (kind 0 sorts first).
    auto st = db.prepare("SELECT profile_id FROM identities WHERE value = ?1 ORDER BY kind LIMIT 1");
    st.bind(1, key);
    return st.step() ? std::optional<std::int64_t>(st.int64(0)) : std::nullopt;
}

ProfileTraits profileFrom(const traits::TraitTable &table, std::size_t row)
{
    ProfileTraits out;
    out.profileId = table.profileIds[row];
    out.nowMs = table.nowMs;
    for (const traits::TraitColumn &c : table.columns) {
        out.traits.push_back({c.info, c.display(row)});
    }
    for (const traits::CatalogColumnValues &c : table.catalog) {
        for (auto e = c.rowStart[row]; e < c.rowStart[row + 1]; ++e) {
            const traits::ValueStat &s = c.entries[static_cast<std::size_t>(e)];
            out.catalog.push_back(
                {c.column, c.values[static_cast<std::size_t>(s.value)], s.purchases, s.spend,
                 s.lastPurchase == traits::kNoDate ? std::string()
                                                   : ingest::formatTimestamp(s.lastPurchase)});
        }
    }
    for (const traits::MembershipList &m : table.memberships) {
        if (std::binary_search(m.rows.begin(), m.rows.end(), static_cast<std::int32_t>(row))) {
            (m.kind == "audience" ? out.audiences : out.exportedIn).push_back(m.name);
        }
    }
    return out;
}

} // namespace

std::string ProfileTraits::toJson() const
{
    QJsonObject values;
    for (const TraitValue &t : traits) {
        if (t.value.empty()) {
            values.insert(q(t.info.id), QJsonValue::Null);
        } else if (t.info.kind == traits::TraitKind::Number) {
            values.insert(q(t.info.id), std::stod(t.value));
        } else if (t.info.kind == traits::TraitKind::Boolean) {
            values.insert(q(t.info.id), t.value == "true");
        } else {
            values.insert(q(t.info.id), q(t.value));
        }
    }
    QJsonArray bought;
    for (const ValuePurchases &v : catalog) {
        bought.append(QJsonObject{{QStringLiteral("column"), q(v.column)},
                                  {QStringLiteral("value"), q(v.value)},
                                  {QStringLiteral("purchases"), v.purchases},
                                  {QStringLiteral("spend"), v.spend},
                                  {QStringLiteral("last_purchase"), q(v.lastPurchase)}});
    }
    const QJsonObject o{{QStringLiteral("profile_id"), static_cast<qint64>(profileId)},
                        {QStringLiteral("key"), q(key)},
                        {QStringLiteral("now"), q(ingest::formatTimestamp(nowMs))},
                        {QStringLiteral("traits"), values},
                        {QStringLiteral("catalog"), bought},
                        {QStringLiteral("audiences"), stringArray(audiences)},
                        {QStringLiteral("exported_in"), stringArray(exportedIn)}};
    return QJsonDocument(o).toJson(QJsonDocument::Indented).toStdString();
}

TraitService::TraitService(std::string workspacePath) : m_path(std::move(workspacePath)) {}

Result<std::shared_ptr<const traits::TraitTable>> TraitService::load(const TraitRequest &request,
                                                                     ProgressSink &progress)
{
    traits::TraitOptions options;
    options.asOfMs = request.asOfMs;
    options.timeUnitDays = request.timeUnitDays;
    auto table = traits::loadTraits(m_path, options, progress);
    if (!table) {
        return fail(table.error());
    }
    return std::shared_ptr<const traits::TraitTable>(
        std::make_shared<traits::TraitTable>(std::move(table).value()));
}

Result<ProfileTraits> TraitService::profile(const std::string &key, const TraitRequest &request,
                                            ProgressSink &progress)
{
    const auto id = withWorkspace<std::optional<std::int64_t>>(
        m_path, "Traits", [&](store::Database &db) { return findProfile(db, key); });
    if (!id) {
        return fail(id.error());
    }
    if (!*id) {
        return fail(Error::Code::NotFound, "No profile has the user id or anonymous id '" + key + "'.");
    }
    auto table = load(request, progress);
    if (!table) {
        return fail(table.error());
    }
    const auto row = (*table)->rowOf(**id);
    if (!row) {
        return fail(Error::Code::NotFound, "Profile '" + key + "' was first seen after " +
                                               ingest::formatTimestamp((*table)->nowMs) + ".");
    }
    ProfileTraits out = profileFrom(**table, *row);
    out.key = key;
    return out;
}

std::string TraitService::modelsToJson(const traits::ModelSummary &m, std::int64_t nowMs)
{
    const QJsonObject bg{{QStringLiteral("r"), m.r},
                         {QStringLiteral("alpha"), m.alpha},
                         {QStringLiteral("a"), m.a},
                         {QStringLiteral("b"), m.b},
                         {QStringLiteral("log_likelihood"), m.bgNbdLogLikelihood},
                         {QStringLiteral("converged"), m.bgNbdConverged},
                         {QStringLiteral("customers"), static_cast<qint64>(m.customers)}};
    const QJsonObject gg{{QStringLiteral("p"), m.p},
                         {QStringLiteral("q"), m.q},
                         {QStringLiteral("v"), m.v},
                         {QStringLiteral("log_likelihood"), m.gammaGammaLogLikelihood},
                         {QStringLiteral("converged"), m.gammaGammaConverged},
                         {QStringLiteral("customers"), static_cast<qint64>(m.repeatCustomers)}};
    const QJsonObject o{
        {QStringLiteral("now"), q(ingest::formatTimestamp(nowMs))},
        {QStringLiteral("time_unit"), m.timeUnitDays == 7 ? QStringLiteral("weeks") : QStringLiteral("days")},
        {QStringLiteral("fitted"), m.fitted},
        {QStringLiteral("note"), q(m.note)},
        {QStringLiteral("purchasers"), static_cast<qint64>(m.purchasers)},
        {QStringLiteral("bg_nbd"), bg},
        {QStringLiteral("gamma_gamma"), gg}};
    return QJsonDocument(o).toJson(QJsonDocument::Indented).toStdString();
}

} // namespace awb::services
