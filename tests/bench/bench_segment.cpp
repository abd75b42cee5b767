// SPDX-License-Identifier: GPL-3.0-or-later
// Segment benchmark.
//  1. Live count: a synthetic trait table of N profiles (default 1,000,000) and a rule of 5 conditions in
//     nested groups (number, date, text-in-list, number, text), evaluated exactly with per-condition
//     bitsets (target <= 50 ms), against a naive row-by-row interpretation of the same rule in the same run.
//  2. Trait loading on a generated sample workspace of P profiles (default 100,000; about 34 events each):
//     loadTraits with 1 and with 2 scan threads, against a plain SQLite aggregate over the same events
//     (count and revenue per profile) as the reference; then a 5-condition rule with one event condition,
//     first evaluation and re-evaluation (cached) over the loaded traits.
//
// usage: bench_segment [N [P [DIR]]]   With DIR, a workspace left there by a previous run with the same P is
//        reused (generating 100,000 profiles takes about a minute).
#include "jobs/Progress.h"
#include "sample/SampleGenerator.h"
#include "segments/RuleEvaluator.h"
#include "segments/RuleJson.h"
#include "store/Database.h"
#include "traits/TraitLoader.h"

#include <QFileInfo>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using namespace awb;
using namespace awb::segments;

namespace {

using Clock = std::chrono::steady_clock;

double ms(Clock::time_point since)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

double peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

const char *kRule =
    "{\"version\":1,\"rule\":{\"type\":\"all\",\"conditions\":["
    "{\"type\":\"trait\",\"trait\":\"total_spend\",\"op\":\">=\",\"value\":500},"
    "{\"type\":\"trait\",\"trait\":\"last_purchase\",\"op\":\"more_than_days_ago\",\"value\":45},"
    "{\"type\":\"trait\",\"trait\":\"rfm_group\",\"op\":\"in\",\"value\":[\"Champions\",\"Loyal\","
    "\"At Risk\"]},"
    "{\"type\":\"any\",\"conditions\":["
    "{\"type\":\"trait\",\"trait\":\"order_count\",\"op\":\">=\",\"value\":3},"
    "{\"type\":\"trait\",\"trait\":\"discount_affinity\",\"op\":\"is\",\"value\":\"High\"}]}]}}";

traits::TraitTable syntheticTable(std::size_t n)
{
    traits::TraitTable t;
    t.nowMs = 1790000000000;
    std::mt19937_64 rng(42);
    std::exponential_distribution<double> spend(1.0 / 400);
    std::geometric_distribution<int> orders(0.4);
    std::uniform_int_distribution<std::int64_t> days(0, 365);
    std::uniform_int_distribution<int> group(0, 10);
    std::uniform_int_distribution<int> band(0, 2);
    traits::TraitColumn s{{"total_spend", "", "", traits::TraitKind::Number, ""}, {}, {}, {}, {}};
    traits::TraitColumn o{{"order_count", "", "", traits::TraitKind::Number, ""}, {}, {}, {}, {}};
    traits::TraitColumn l{{"last_purchase", "", "", traits::TraitKind::Date, ""}, {}, {}, {}, {}};
    traits::TraitColumn g{{"rfm_group", "", "", traits::TraitKind::Text, ""}, {}, {}, {}, {}};
    traits::TraitColumn d{{"discount_affinity", "", "", traits::TraitKind::Text, ""}, {}, {}, {}, {}};
    g.dictionary = {
        "Champions",      "Loyal",   "Potential Loyalists", "New",         "Promising", "Need Attention",
        "About to Sleep", "At Risk", "Can't Lose Them",     "Hibernating", "Lost"};
    d.dictionary = {"High", "Mid", "Low"};
    for (std::size_t r = 0; r < n; ++r) {
        t.profileIds.push_back(static_cast<std::int64_t>(r + 1));
        const bool buyer = r % 3 != 0;
        s.numbers.push_back(buyer ? spend(rng) : 0.0);
        o.numbers.push_back(buyer ? 1 + orders(rng) : 0);
        l.dates.push_back(buyer ? t.nowMs - days(rng) * traits::kDayMs : traits::kNoDate);
        g.codes.push_back(buyer ? group(rng) : traits::kNoText);
        d.codes.push_back(band(rng));
    }
    t.columns = {s, o, l, g, d};
    return t;
}

// The reference: the rule interpreted row by row, each condition looked up and compared per profile.
bool naive(const Node &n, const traits::TraitTable &t, std::size_t r)
{
    if (n.type == Node::Type::Group) {
        bool any = false;
        bool all = true;
        for (const Node &c : n.children) {
            const bool m = naive(c, t, r);
            any = any || m;
            all = all && m;
        }
        return n.mode == GroupMode::All ? all : n.mode == GroupMode::Any ? any : !any;
    }
    const TraitCondition &c = n.trait;
    const traits::TraitColumn &col = *t.column(c.trait);
    switch (c.op) {
    case Op::Ge:
        return col.numbers[r] >= std::get<double>(c.values[0]);
    case Op::MoreThanDaysAgo:
        return col.dates[r] != traits::kNoDate &&
               std::floor(static_cast<double>(t.nowMs - col.dates[r]) / traits::kDayMs) >
                   std::get<double>(c.values[0]);
    case Op::In:
    case Op::Is:
        return col.codes[r] >= 0 && std::any_of(c.values.begin(), c.values.end(), [&](const Value &v) {
                   return std::get<std::string>(v) == col.dictionary[static_cast<std::size_t>(col.codes[r])];
               });
    default:
        return false;
    }
}

void liveCount(std::size_t n)
{
    const auto built = Clock::now();
    const traits::TraitTable table = syntheticTable(n);
    std::printf("synthetic trait table: %zu profiles, 5 columns, built in %.0f ms\n", n, ms(built));
    const Rule rule = *ruleFromJson(kRule);
    std::vector<double> fast;
    std::size_t count = 0;
    for (int i = 0; i < 15; ++i) {
        const auto start = Clock::now();
        RuleEvaluator evaluator(table, {});
        count = evaluator.evaluate(rule)->count();
        fast.push_back(ms(start));
    }
    std::vector<double> slow;
    std::size_t naiveCount = 0;
    for (int i = 0; i < 3; ++i) {
        const auto start = Clock::now();
        naiveCount = 0;
        for (std::size_t r = 0; r < table.size(); ++r) {
            naiveCount += naive(rule.root, table, r) ? 1 : 0;
        }
        slow.push_back(ms(start));
    }
    std::printf(
        "live count, 5 conditions: %zu matching; bitsets median %.1f ms (min %.1f, max %.1f) over 15 runs;"
        " naive row-by-row median %.1f ms (%zu matching, %s); ratio %.1fx\n",
        count, median(fast), *std::min_element(fast.begin(), fast.end()),
        *std::max_element(fast.begin(), fast.end()), median(slow), naiveCount,
        naiveCount == count ? "same" : "DIFFERENT", median(slow) / median(fast));
    std::printf("summary: segment profiles=%zu conditions=5 matching=%zu median_ms=%.2f max_ms=%.2f "
                "reference_median_ms=%.2f ratio=%.3f exact=%d\n",
                n, count, median(fast), *std::max_element(fast.begin(), fast.end()), median(slow),
                median(fast) / median(slow), naiveCount == count ? 1 : 0);
}

std::string workspaceFor(std::int64_t profiles, const QString &dir)
{
    const std::string path =
        QString(dir + QStringLiteral("/bench-segment-%1.awb")).arg(profiles).toStdString();
    if (QFileInfo::exists(QString::fromStdString(path))) {
        std::printf("reusing %s\n", path.c_str());
        return path;
    }
    sample::SampleSpec spec;
    spec.profiles = profiles;
    const auto start = Clock::now();
    const auto summary = sample::generateWorkspace(path, spec, ProgressSink::null());
    if (!summary) {
        std::fprintf(stderr, "generate: %s\n", summary.error().message.c_str());
        std::exit(1);
    }
    std::printf("generated %lld profiles, %lld events in %.1f s\n", static_cast<long long>(summary->profiles),
                static_cast<long long>(summary->events), ms(start) / 1000);
    return path;
}

double sqlReference(const std::string &path)
{
    auto db = store::Database::open(path, store::Database::OpenMode::ReadOnly);
    const auto start = Clock::now();
    auto st =
        (*db)->prepare("SELECT profile_id, count(*), sum(json_extract(properties, '$.revenue')) FROM events "
                       "GROUP BY profile_id");
    std::int64_t rows = 0;
    while (st.step()) {
        ++rows;
    }
    const double took = ms(start);
    std::printf("reference: SQL aggregate over the events of %lld profiles in %.0f ms\n",
                static_cast<long long>(rows), took);
    return took;
}

void traitLoading(std::int64_t profiles, const QString &dir)
{
    const std::string path = workspaceFor(profiles, dir);
    const double reference = sqlReference(path);
    double times[2] = {0, 0};
    std::shared_ptr<traits::TraitTable> table;
    for (int threads = 1; threads <= 2; ++threads) {
        traits::TraitOptions options;
        options.threads = threads;
        const auto start = Clock::now();
        auto t = traits::loadTraits(path, options, ProgressSink::null());
        times[threads - 1] = ms(start);
        if (!t) {
            std::fprintf(stderr, "traits: %s\n", t.error().message.c_str());
            std::exit(1);
        }
        table = std::make_shared<traits::TraitTable>(std::move(t).value());
    }
    std::printf("trait loading, %zu profiles, %zu traits: 1 thread %.0f ms, 2 threads %.0f ms; reference SQL "
                "aggregate (count, revenue per profile) %.0f ms; 2 threads / SQL = %.2f\n",
                table->size(), table->columns.size(), times[0], times[1], reference, times[1] / reference);
    const Rule rule = *ruleFromJson(
        std::string(kRule).replace(std::string(kRule).find("{\"type\":\"any\""), 0,
                                   "{\"type\":\"event\",\"event\":\"Product Viewed\",\"count\":\"at_least\","
                                   "\"times\":2,\"withinLastDays\":60},"));
    RuleEvaluator evaluator(*table, path);
    auto start = Clock::now();
    const std::size_t count = evaluator.evaluate(rule)->count();
    const double first = ms(start);
    start = Clock::now();
    const std::size_t again = evaluator.evaluate(rule)->count();
    const double cached = ms(start);
    std::printf(
        "rule with an event condition + 5 trait conditions: %zu matching; first %.0f ms (event query), "
        "re-evaluated %.1f ms (cached, %zu matching)\n",
        count, first, cached, again);
}

} // namespace

int main(int argc, char *argv[])
{
    const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
    const std::int64_t profiles = argc > 2 ? std::strtoll(argv[2], nullptr, 10) : 100000;
    QTemporaryDir temp;
    const QString dir = argc > 3 ? QString::fromLocal8Bit(argv[3]) : temp.path();
    liveCount(n);
    if (profiles > 0) {
        traitLoading(profiles, dir);
    }
    std::printf("peak RSS %.0f MiB\n", peakRssMiB());
    return 0;
}
