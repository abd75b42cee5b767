// SPDX-License-Identifier: GPL-3.0-or-later
#include "sample/CampaignPlay.h"

#include "audience/AudienceRepository.h"
#include "common/Text.h"
#include "ingest/EventWriter.h"
#include "jobs/Progress.h"
#include "model/InteractionLoader.h"
#include "numeric/Random.h"
#include "sample/JsonText.h"
#include "store/Database.h"
#include "store/ProfileRepository.h"
#include "store/StoreError.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <unordered_map>
#include <vector>

namespace awb::sample {

namespace {

struct TargetProduct
{
    std::string id;
    double price = 0;
};

std::vector<TargetProduct> targetProducts(store::Database &db, const std::vector<std::int32_t> &items)
{
    // Each product at the highest price it was seen at (0 when it never had one).
    auto st = db.prepare("SELECT c.product_id, coalesce((SELECT max(p.price) FROM event_products p WHERE "
                         "p.product_id = c.product_id), 0) FROM catalog_items c "
                         "WHERE c.item IN (SELECT value FROM json_each(?)) ORDER BY c.item");
    st.bind(1, jsonArrayOf(items));
    std::vector<TargetProduct> out;
    while (st.step()) {
        out.push_back({st.text(0), st.real(1)});
    }
    return out;
}

std::string number(double v)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", v);
    return buffer;
}

std::int64_t nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace

Result<CampaignPlayed> playCampaign(const std::string &workspacePath, const CampaignPlay &play,
                                    ProgressSink &progress)
{
    if (!(play.uplift >= 0 && play.uplift <= 1)) {
        return fail(Error::Code::InvalidInput, "The uplift is a share of people, from 0 to 1.");
    }
    auto opened = store::Database::open(workspacePath, store::Database::OpenMode::OpenExisting);
    if (!opened) {
        return fail(opened.error());
    }
    store::Database &db = **opened;
    try {
        audience::AudienceRepository audiences(db);
        const auto info = audiences.find(play.audience);
        if (!info || info->status != audience::AudienceStatus::Live) {
            return fail(Error::Code::NotFound, "No live audience named '" + play.audience + "'.");
        }
        auto items = model::resolveTarget(db, info->target);
        if (!items) {
            return fail(items.error());
        }
        const std::vector<TargetProduct> products = targetProducts(db, *items);
        if (products.empty()) {
            return fail(Error::Code::InvalidInput,
                        "The target " + info->target.describe() + " has no product.");
        }
        progress.setStage("Playing the campaign of " + info->name);
        progress.setRange(info->size);
        store::Transaction tx(db);
        std::string source = "[";
        appendJsonString(source, "campaign:" + info->name + ",uplift=" + number(play.uplift) +
                                     ",seed=" + std::to_string(play.seed));
        source += "]";
        db.prepare("INSERT INTO import_runs (started_at, status, sources) VALUES (?, 'running', ?)")
            .bind(1, nowMs())
            .bind(2, source)
            .run();
        const std::int64_t runId = db.lastInsertRowId();
        ingest::EventWriter writer(db, runId);
        store::ProfileRepository profiles(db);
        auto userOf =
            db.prepare("SELECT value FROM identities WHERE profile_id = ? ORDER BY kind, value LIMIT 1");
        auto members = db.prepare("SELECT rank, profile_id, score, control FROM audience_members "
                                  "WHERE audience_id = ? ORDER BY rank");
        members.bind(1, info->id);
        numeric::Random random(play.seed);
        CampaignPlayed played;
        ingest::EventRecord order;
        while (members.step()) {
            const std::int64_t rank = members.int64(0);
            const bool control = members.int64(3) != 0;
            (control ? played.control : played.exported) += 1;
            // Every member draws the same numbers whether or not it converts, so that the uplift changes
            // who converts and nothing else.
            const double draw = random.uniform();
            const std::int64_t at =
                info->asOfMs + static_cast<std::int64_t>(random.below(
                                   static_cast<std::uint64_t>(std::max<std::int64_t>(info->horizonMs, 1))));
            const TargetProduct &product = products[random.below(products.size())];
            const double likelihood = std::min(1.0, members.real(2) + (control ? 0.0 : play.uplift));
            if (rank % 256 == 0) {
                progress.setValue(rank);
                if (progress.isCancelled()) {
                    return fail(Error::cancelled()); // the transaction rolls back
                }
            }
            if (draw >= likelihood) {
                continue;
            }
            userOf.bind(1, profiles.resolveMerged(members.int64(1)));
            const bool known = userOf.step();
            const std::string key = known ? userOf.text(0) : std::string();
            userOf.reset();
            if (key.empty()) {
                continue;
            }
            const std::string orderId = "campaign-" + std::to_string(info->id) + "-" +
                                        std::to_string(play.seed) + "-" + std::to_string(rank);
            std::string line = "{\"product_id\":";
            appendJsonString(line, product.id);
            line += ",\"price\":" + number(product.price) + ",\"quantity\":1}";
            order.clear();
            order.name = "Order Completed";
            order.timestampMs = at;
            order.userId = key;
            order.messageId = orderId;
            order.propertiesJson = "{\"order_id\":";
            appendJsonString(order.propertiesJson, orderId);
            order.propertiesJson += ",\"revenue\":" + number(product.price) + ",\"products\":[" + line + "]}";
            order.products.push_back({product.id, product.price, 1.0, line});
            writer.write(order);
            (control ? played.controlOrders : played.exportedOrders) += 1;
        }
        writer.finish();
        db.prepare(
              "UPDATE import_runs SET finished_at = ?, status = 'completed', rows_read = ?, imported = ? "
              "WHERE id = ?")
            .bind(1, nowMs())
            .bind(2, played.exportedOrders + played.controlOrders)
            .bind(3, played.exportedOrders + played.controlOrders)
            .bind(4, runId)
            .run();
        tx.commit();
        progress.setValue(info->size);
        return played;
    } catch (const store::StoreError &e) {
        return fail(Error::Code::Database, "Playing the campaign failed: " + std::string(e.what()));
    }
}

} // namespace awb::sample
