// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz entry for segment rules: ruleFromJson, the JSON round trip, validateRule against a small fixed
// workspace, and the evaluation of every rule the validator accepts (the validator is what keeps the
// evaluator's arithmetic and SQL well-defined).
#include "FuzzSupport.h"
#include "FuzzTargets.h"

#include "ingest/EventWriter.h"
#include "ingest/Timestamp.h"
#include "segments/RuleEvaluator.h"
#include "segments/RuleJson.h"
#include "segments/RuleValidator.h"
#include "store/Database.h"
#include "traits/ProfileAttributes.h"
#include "traits/TraitLoader.h"

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <map>
#include <set>
#include <string>

namespace awb::fuzz {

namespace {

using traits::TraitColumn;
using traits::TraitKind;

constexpr std::size_t kRows = 6;
const std::set<std::string> kCategories = {"Makeup", "Skincare"};

std::string g_workspace; // removed at exit

void removeWorkspace()
{
    for (const char *suffix : {"", "-wal", "-shm"}) {
        std::error_code ignored;
        std::filesystem::remove(g_workspace + suffix, ignored);
    }
}

ingest::EventRecord event(const char *user, const char *name, const char *time, const char *properties)
{
    ingest::EventRecord e;
    e.name = name;
    e.userId = user;
    e.timestampMs = *ingest::parseTimestamp(time);
    e.propertiesJson = properties;
    e.products.push_back({"p1", 10.0, 2.0, R"({"brand":"Acme","price":10})"});
    return e;
}

// A scratch workspace with a few events, for event conditions (counted in SQL). Returns its profile ids.
std::vector<std::int64_t> writeWorkspace()
{
    g_workspace =
        (std::filesystem::temp_directory_path() / ("awb-fuzz-rule-" + std::to_string(getpid()) + ".awb"))
            .string();
    removeWorkspace();
    std::atexit(removeWorkspace);
    auto db = store::Database::open(g_workspace, store::Database::OpenMode::CreateIfMissing);
    require(db.hasValue(), "the scratch workspace opens");
    store::Transaction tx(**db);
    (*db)->exec("INSERT INTO import_runs (started_at, status, sources) VALUES (0, 'completed', '[]')");
    ingest::EventWriter writer(**db, (*db)->lastInsertRowId());
    const char *props = R"({"category":"Skincare","price":12.5,"address":{"city":"Paris"},"tags":["a","b"]})";
    writer.write(event("u1", "Product Viewed", "2026-05-20", props));
    writer.write(event("u1", "Order Completed", "2026-05-21T10:00:00Z", R"({"revenue":20,"coupon":"X"})"));
    writer.write(event("u2", "Product Viewed", "2025-01-01", R"({"category":"Makeup","price":"7"})"));
    writer.write(event("u3", "Product Viewed", "2026-05-31", R"({})"));
    writer.finish();
    tx.commit();
    std::vector<std::int64_t> ids;
    auto st = (*db)->prepare("SELECT id FROM profiles ORDER BY id");
    while (st.step()) {
        ids.push_back(st.int64(0));
    }
    return ids;
}

// One column per dense trait, with set, unset and extreme values.
TraitColumn column(const traits::TraitInfo &info, std::int64_t nowMs)
{
    TraitColumn c;
    c.info = info;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    switch (info.kind) {
    case TraitKind::Number:
        c.numbers = {0, 1.5, nan, 2500, -3, 1e300};
        break;
    case TraitKind::Date:
        c.dates = {nowMs - traits::kDayMs, nowMs - 100 * traits::kDayMs, traits::kNoDate, 0, nowMs,
                   nowMs + traits::kDayMs};
        break;
    case TraitKind::Text:
        c.dictionary = {"Champions", "Lost", ""};
        c.codes = {0, 1, traits::kNoText, 2, 0, traits::kNoText};
        break;
    case TraitKind::Boolean:
        c.dictionary = {"false", "true"};
        c.codes = {1, 0, traits::kNoText, 1, 0, traits::kNoText};
        break;
    }
    return c;
}

struct Fixture
{
    traits::TraitTable table;
    segments::ValidationContext context;
    std::map<std::string, segments::SegmentSource> saved;

    Fixture()
    {
        table.nowMs = *ingest::parseTimestamp("2026-06-01");
        table.profileIds = writeWorkspace();
        for (std::int64_t id = 1000; table.profileIds.size() < kRows; ++id) {
            table.profileIds.push_back(id); // profiles without events
        }
        for (const traits::TraitInfo &info : traits::availableTraits({"Category"})) {
            if (!segments::isPerValueTrait(info.id)) {
                table.columns.push_back(column(info, table.nowMs));
            }
        }
        // Profile attributes of every kind (their kinds come from the stored values).
        const std::pair<const char *, TraitKind> attributes[] = {{"city", TraitKind::Text},
                                                                 {"points", TraitKind::Number},
                                                                 {"birthday", TraitKind::Date},
                                                                 {"vip", TraitKind::Boolean}};
        for (const auto &[key, kind] : attributes) {
            table.columns.push_back(column(traits::attributeInfo(key, kind), table.nowMs));
        }
        table.catalog.push_back(
            {"Category",
             {"Skincare", "Makeup"},
             {0, 1, 3, 3, 3, 3, 3},
             {{0, 2, 40.0, table.nowMs - traits::kDayMs}, {0, 1, 5.0, traits::kNoDate}, {1, 3, 1e9, 0}}});
        table.memberships.push_back({"audience", "Beauty 5%", {0, 2}});
        table.memberships.push_back({"export", "Beauty 5%", {1}});
        context.traits = table.infos();
        context.catalogColumns = {"Category"};
        context.hasValue = [](const std::string &c, const std::string &v) {
            return c == "Category" && kCategories.count(v) > 0;
        };
        context.segments = std::vector<std::string>{"VIP", "Loop", "Frozen"};
        context.audiences = std::vector<std::string>{"Beauty 5%"};
        context.exportedAudiences = std::vector<std::string>{"Beauty 5%"};
        saved["VIP"].rule =
            segments::ruleFromJson(R"({"version":1,"rule":{"type":"all","conditions":[)"
                                   R"({"type":"trait","trait":"total_spend","op":">=","value":100}]}})")
                .value();
        saved["Loop"].rule =
            segments::ruleFromJson(R"({"version":1,"rule":{"type":"any","conditions":[)"
                                   R"({"type":"membership","kind":"segment","name":"Loop"}]}})")
                .value();
        saved["Frozen"].members = {table.profileIds[0], 999999};
    }

    Result<segments::SegmentSource> lookup(const std::string &name) const
    {
        const auto it = saved.find(name);
        if (it == saved.end()) {
            return fail(Error::Code::NotFound, "no saved segment named '" + name + "'");
        }
        return it->second;
    }
};

const Fixture &fixture()
{
    static const Fixture f;
    return f;
}

/// Messages have the form "path: what is wrong" ("rule.conditions[2].op: unknown operator 'x'").
bool namesItsPart(const std::string &message, const char *root)
{
    return message.rfind(root, 0) == 0 && message.find(": ") != std::string::npos && isUtf8(message);
}

} // namespace

int ruleJson(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const Result<segments::Rule> rule = segments::ruleFromJson(text);
    if (!rule) {
        require(namesItsPart(rule.error().message, ""), "a refused rule's message names the part");
        return 0;
    }
    const std::string json = segments::ruleToJson(*rule);
    const Result<segments::Rule> again = segments::ruleFromJson(json);
    require(again.hasValue() && segments::ruleToJson(*again) == json, "a rule reads back as written");

    const Fixture &f = fixture();
    const Result<void> valid = segments::validateRule(*rule, f.context);
    if (!valid) {
        require(namesItsPart(valid.error().message, "rule"), "an invalid rule's message names the part");
        return 0;
    }
    segments::RuleEvaluator evaluator(f.table, g_workspace,
                                      [&f](const std::string &name) { return f.lookup(name); });
    const Result<segments::Bitset> rows = evaluator.evaluate(*rule);
    if (rows) {
        require(rows->size() == kRows, "one bit per profile");
    } else {
        // Only a segment that refers to itself is left for the evaluator to refuse.
        require(rows.error().message.find("refers to itself") != std::string::npos, "a valid rule evaluates");
    }
    return 0;
}

} // namespace awb::fuzz
