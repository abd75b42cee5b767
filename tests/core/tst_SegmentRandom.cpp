// SPDX-License-Identifier: GPL-3.0-or-later
// Randomised check of rule evaluation: hundreds of random rule trees (nested groups, trait, per-value,
// event and membership conditions) over a generated workspace, each count compared with an independent
// evaluation: a plain loop per profile over the trait values, the events read back with Qt's JSON parser,
// per-value purchases recomputed in SQL, and audience members read from the table.
#include "TestUtil.h"
#include "ingest/Timestamp.h"
#include "jobs/Progress.h"
#include "sample/SampleGenerator.h"
#include "segments/RuleJson.h"
#include "services/CatalogService.h"
#include "services/SegmentService.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <map>
#include <random>
#include <set>

using namespace awb;
using namespace awb::segments;

namespace {

constexpr int kRules = 300;

struct StoredEvent
{
    std::string name;
    std::int64_t ts = 0;
    QJsonObject properties;
    std::vector<QJsonObject> products;
};

std::string lower(std::string s)
{
    for (char &c : s) {
        c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return s;
}

// [start, end) of a rule date: a whole UTC day for "YYYY-MM-DD", else one millisecond.
std::pair<std::int64_t, std::int64_t> span(const std::string &text)
{
    const std::int64_t start = *ingest::parseTimestamp(text);
    return {start, start + (text.size() == 10 ? traits::kDayMs : 1)};
}

// SQLite's order of json_extract results: numbers (and booleans, as 0 / 1) before texts.
int compare(const QJsonValue &x, const Value &v)
{
    const bool xNumber = x.isDouble() || x.isBool();
    const double xn = x.isBool() ? (x.toBool() ? 1.0 : 0.0) : x.toDouble();
    if (const double *d = std::get_if<double>(&v)) {
        return xNumber ? (xn < *d ? -1 : xn > *d ? 1 : 0) : 1;
    }
    if (xNumber) {
        return -1;
    }
    const std::string s = x.toString().toStdString();
    const std::string &t = std::get<std::string>(v);
    return s < t ? -1 : s > t ? 1 : 0;
}

QJsonValue lookup(const QJsonObject &o, const std::string &key)
{
    QJsonValue cur = o;
    for (const QString &part : QString::fromStdString(key).split(QLatin1Char('.'))) {
        cur = cur.toObject().value(part);
    }
    return cur;
}

bool filterPasses(const QJsonValue &x, const PropertyFilter &f)
{
    const bool missing = x.isUndefined() || x.isNull();
    if (f.op == Op::IsNotSet || missing) {
        return f.op == Op::IsNotSet && missing;
    }
    switch (f.op) {
    case Op::Eq:
    case Op::Is:
        return compare(x, f.values[0]) == 0;
    case Op::Ne:
    case Op::IsNot:
        return compare(x, f.values[0]) != 0;
    case Op::Lt:
        return compare(x, f.values[0]) < 0;
    case Op::Le:
        return compare(x, f.values[0]) <= 0;
    case Op::Gt:
        return compare(x, f.values[0]) > 0;
    case Op::Ge:
        return compare(x, f.values[0]) >= 0;
    case Op::Between:
        return compare(x, f.values[0]) >= 0 && compare(x, f.values[1]) <= 0;
    case Op::Contains:
        return lower(x.toString().toStdString()).find(lower(std::get<std::string>(f.values[0]))) !=
               std::string::npos;
    case Op::StartsWith:
        return lower(x.toString().toStdString()).rfind(lower(std::get<std::string>(f.values[0])), 0) == 0;
    case Op::In:
        return std::any_of(f.values.begin(), f.values.end(),
                           [&](const Value &v) { return compare(x, v) == 0; });
    case Op::IsSet:
        return true;
    default:
        return false;
    }
}

bool eventPasses(const StoredEvent &e, const PropertyFilter &f)
{
    if (f.property.rfind("products[].", 0) != 0) {
        return filterPasses(lookup(e.properties, f.property), f);
    }
    const std::string key = f.property.substr(11);
    return std::any_of(e.products.begin(), e.products.end(),
                       [&](const QJsonObject &p) { return filterPasses(lookup(p, key), f); });
}

} // namespace

class TestSegmentRandom : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("random.awb")).toStdString();
        sample::SampleSpec spec;
        spec.profiles = 1200;
        spec.days = 120;
        spec.seed = 7;
        QVERIFY(sample::generateWorkspace(m_ws, spec, ProgressSink::null()));
        catalog::CatalogDefinition def;
        def.events = {{"Order Completed", "products[].product_id", 3.0},
                      {"Product Viewed", "product_id", 1.0}};
        def.columns = {{"Category", "category", ""}, {"Brand", "brand", ""}};
        services::CatalogService catalog(m_ws);
        QVERIFY(catalog.save(def) && catalog.build(ProgressSink::null()));
        {
            auto db = store::Database::open(m_ws, store::Database::OpenMode::OpenExisting);
            QVERIFY(db);
            (*db)->exec("INSERT INTO audiences (id, name, horizon_ms, size_rule, status, created_at) "
                        "VALUES (1, 'Sampled', 0, '1', 'live', 0)");
            (*db)->exec("INSERT INTO audience_members (audience_id, rank, profile_id, score) SELECT 1, id, id, 0 FROM profiles WHERE id % 3 = 0");
            (*db)->exec("INSERT INTO exports (audience_id, audience_name, preset, file, rows, created_at) "
                        "VALUES (1, 'Sampled', 'generic', 'x.csv', 1, 0)");
        }
        services::SegmentService service(m_ws);
        m_saved = parse("{\"type\":\"trait\",\"trait\":\"total_spend\",\"op\":\">\",\"value\":100}");
        QVERIFY(service.save("Saved A", "", m_saved));
        auto table = services::TraitService(m_ws).load({}, ProgressSink::null());
        QVERIFY(table);
        m_table = *table;
        loadEvents();
    }

    void randomRulesMatchNaiveEvaluation()
    {
        services::SegmentService service(m_ws);
        auto evaluator = service.evaluator(m_table);
        std::mt19937_64 rng(20261121);
        int nonTrivial = 0;
        for (int i = 0; i < kRules; ++i) {
            const Rule rule{randomGroup(rng, 0)};
            const std::string json = ruleToJson(rule);
            const auto fast = service.evaluate(*evaluator, rule);
            QVERIFY2(fast, (json + ": " + (fast ? "" : fast.error().message)).c_str());
            std::size_t naive = 0;
            for (std::size_t r = 0; r < m_table->size(); ++r) {
                const bool match = naiveNode(rule.root, r);
                naive += match ? 1 : 0;
                if (match != fast->test(r)) {
                    QFAIL(qPrintable(QStringLiteral("rule %1, profile %2: engine %3, naive %4\n%5")
                                         .arg(i)
                                         .arg(m_table->profileIds[r])
                                         .arg(fast->test(r))
                                         .arg(match)
                                         .arg(QString::fromStdString(json))));
                }
            }
            QCOMPARE(fast->count(), naive);
            nonTrivial += naive > 0 && naive < m_table->size() ? 1 : 0;
        }
        // The generator must produce informative rules, not only empty or full segments.
        QVERIFY2(nonTrivial > kRules / 3, qPrintable(QString::number(nonTrivial)));
    }

    // One meaning for "days ago": the date condition and the days-since trait select the same people.
    void daysAgoAndDaysSinceAgree()
    {
        services::SegmentService service(m_ws);
        auto evaluator = service.evaluator(m_table);
        int separating = 0;
        for (const int days : {0, 1, 2, 7, 13, 30, 45, 60, 90, 120}) {
            const auto ago =
                service.evaluate(*evaluator, parse("{\"type\":\"trait\",\"trait\":\"last_purchase\",\"op\":"
                                                   "\"more_than_days_ago\",\"value\":" +
                                                   std::to_string(days) + "}"));
            const auto since = service.evaluate(
                *evaluator, parse("{\"type\":\"trait\",\"trait\":\"days_since_last_purchase\",\"op\":\">\","
                                  "\"value\":" +
                                  std::to_string(days) + "}"));
            QVERIFY(ago && since);
            QCOMPARE(ago->count(), since->count());
            for (std::size_t r = 0; r < m_table->size(); ++r) {
                QCOMPARE(ago->test(r), since->test(r));
            }
            separating += ago->count() > 0 && ago->count() < m_table->size() ? 1 : 0;
        }
        QVERIFY(separating >= 5);
    }

private:
    static Rule parse(const std::string &condition)
    {
        return *ruleFromJson("{\"version\":1,\"rule\":{\"type\":\"all\",\"conditions\":[" + condition +
                             "]}}");
    }

    void loadEvents()
    {
        auto db = store::Database::open(m_ws, store::Database::OpenMode::ReadOnly);
        std::map<std::int64_t, std::vector<QJsonObject>> products;
        auto p =
            (*db)->prepare("SELECT event_id, properties FROM event_products ORDER BY event_id, position");
        while (p.step()) {
            products[p.int64(0)].push_back(
                QJsonDocument::fromJson(QByteArray::fromStdString(p.text(1))).object());
        }
        m_events.resize(m_table->size());
        auto e = (*db)->prepare("SELECT e.id, e.profile_id, e.ts, n.name, e.properties FROM events e "
                                "JOIN event_names n ON n.id = e.name_id WHERE e.ts < ?1");
        e.bind(1, m_table->nowMs);
        while (e.step()) {
            const auto row = m_table->rowOf(e.int64(1));
            StoredEvent ev{e.text(3), e.int64(2),
                           QJsonDocument::fromJson(QByteArray::fromStdString(e.text(4))).object(),
                           products[e.int64(0)]};
            m_names.insert(ev.name);
            m_samples[ev.name].push_back(ev);
            m_events[*row].push_back(std::move(ev));
        }
        m_names.insert("Never Happened");
        auto members = (*db)->prepare("SELECT profile_id FROM audience_members WHERE audience_id = 1");
        while (members.step()) {
            m_members.insert(members.int64(0));
        }
    }

    // --- Random rules --------------------------------------------------------------------------------

    template <typename T> static const T &pick(std::mt19937_64 &rng, const std::vector<T> &v)
    {
        return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
    }
    static double uniform(std::mt19937_64 &rng) { return std::uniform_real_distribution<double>(0, 1)(rng); }

    Node randomGroup(std::mt19937_64 &rng, int depth)
    {
        const int n = std::uniform_int_distribution<int>(depth == 0 ? 1 : 0, 4)(rng);
        std::vector<Node> children;
        for (int i = 0; i < n; ++i) {
            const double u = uniform(rng);
            children.push_back(depth < 3 && u < 0.25 ? randomGroup(rng, depth + 1)
                               : u < 0.65            ? randomTrait(rng)
                               : u < 0.9             ? randomEvent(rng)
                                                     : randomMembership(rng));
        }
        return Node::group(pick(rng, std::vector<GroupMode>{GroupMode::All, GroupMode::Any, GroupMode::None}),
                           std::move(children));
    }

    Node randomTrait(std::mt19937_64 &rng)
    {
        TraitCondition c;
        const traits::TraitColumn *column = nullptr;
        std::optional<traits::TraitColumn> perValue;
        if (uniform(rng) < 0.25) {
            const traits::CatalogColumnValues &cat = pick(rng, m_table->catalog);
            c.trait =
                pick(rng, std::vector<std::string>{"value_purchases", "value_spend", "value_last_purchase"});
            c.column = cat.column;
            c.columnValue = pick(rng, cat.values);
            perValue = traits::materializeValueTrait(*m_table, c.trait, c.column, c.columnValue);
            column = &*perValue;
        } else {
            column = &pick(rng, m_table->columns);
            c.trait = column->info.id;
        }
        const std::size_t row = std::uniform_int_distribution<std::size_t>(0, m_table->size() - 1)(rng);
        switch (column->info.kind) {
        case traits::TraitKind::Number:
            randomNumberOp(rng, c, column->numbers[row], column->numbers[(row * 7 + 3) % m_table->size()],
                           c.trait == "value_spend");
            break;
        case traits::TraitKind::Date:
            randomDateOp(rng, c, column->dates[row], column->dates[(row * 5 + 1) % m_table->size()]);
            break;
        case traits::TraitKind::Text:
            randomTextOp(rng, c, *column);
            break;
        case traits::TraitKind::Boolean:
            c.op = pick(rng, std::vector<Op>{Op::IsTrue, Op::IsFalse, Op::IsSet, Op::IsNotSet});
            break;
        }
        return Node::traitCondition(std::move(c));
    }

    static void randomNumberOp(std::mt19937_64 &rng, TraitCondition &c, double a, double b, bool offGrid)
    {
        a = std::isnan(a) ? 0 : a;
        b = std::isnan(b) ? 1 : b;
        // Sums of money are compared off their exact values: SQL and C++ may add in another order.
        const double shift = offGrid ? 0.005 : (uniform(rng) < 0.5 ? 0 : 0.5);
        c.op = pick(rng, std::vector<Op>{Op::Eq, Op::Ne, Op::Lt, Op::Le, Op::Gt, Op::Ge, Op::Between,
                                         Op::IsSet, Op::IsNotSet});
        if (offGrid && (c.op == Op::Eq || c.op == Op::Ne)) {
            c.op = Op::Gt;
        }
        if (c.op == Op::Between) {
            c.values = {std::min(a, b) + shift, std::max(a, b) + shift};
        } else if (c.op != Op::IsSet && c.op != Op::IsNotSet) {
            c.values = {a + shift};
        }
    }

    static void randomDateOp(std::mt19937_64 &rng, TraitCondition &c, std::int64_t a, std::int64_t b)
    {
        const std::int64_t fallback = 1780000000000;
        a = a == traits::kNoDate ? fallback : a;
        b = b == traits::kNoDate ? fallback + 5 * traits::kDayMs : b;
        const bool day = uniform(rng) < 0.5;
        const auto text = [&](std::int64_t ms) {
            const std::string iso = ingest::formatTimestamp(ms);
            return day ? iso.substr(0, 10) : iso;
        };
        c.op = pick(rng, std::vector<Op>{Op::Before, Op::After, Op::Between, Op::WithinLastDays,
                                         Op::MoreThanDaysAgo, Op::IsSet, Op::IsNotSet});
        if (c.op == Op::Between) {
            c.values = {text(std::min(a, b)), text(std::max(a, b))};
        } else if (c.op == Op::Before || c.op == Op::After) {
            c.values = {text(a)};
        } else if (c.op == Op::WithinLastDays || c.op == Op::MoreThanDaysAgo) {
            c.values = {static_cast<double>(std::uniform_int_distribution<int>(0, 150)(rng))};
        }
    }

    static void randomTextOp(std::mt19937_64 &rng, TraitCondition &c, const traits::TraitColumn &column)
    {
        const std::string value = column.dictionary.empty() ? std::string("x") : pick(rng, column.dictionary);
        c.op = pick(rng, std::vector<Op>{Op::Is, Op::IsNot, Op::Contains, Op::StartsWith, Op::In, Op::IsSet,
                                         Op::IsNotSet});
        if (c.op == Op::Contains) {
            c.values = {value.substr(value.size() / 3, 3)};
        } else if (c.op == Op::StartsWith) {
            c.values = {lower(value.substr(0, 2))};
        } else if (c.op == Op::In) {
            c.values = {value, std::string("Nope")};
            if (!column.dictionary.empty()) {
                c.values.emplace_back(pick(rng, column.dictionary));
            }
        } else if (c.op == Op::Is || c.op == Op::IsNot) {
            c.values = {value};
        }
    }

    PropertyFilter randomFilter(std::mt19937_64 &rng, const StoredEvent &e)
    {
        const bool product = !e.products.empty() && uniform(rng) < 0.5;
        const QJsonObject &o = product ? pick(rng, e.products) : e.properties;
        PropertyFilter f;
        const QStringList keys = o.keys();
        if (keys.isEmpty()) {
            return {"missing_key", Op::IsNotSet, {}};
        }
        const QString key = keys.at(std::uniform_int_distribution<qsizetype>(0, keys.size() - 1)(rng));
        f.property = (product ? "products[]." : "") + key.toStdString();
        const QJsonValue v = o.value(key);
        if (v.isDouble()) {
            f.op = pick(
                rng, std::vector<Op>{Op::Eq, Op::Ne, Op::Lt, Op::Le, Op::Gt, Op::Ge, Op::Between, Op::IsSet});
            f.values = f.op == Op::Between ? std::vector<Value>{v.toDouble() - 5, v.toDouble() + 5}
                       : f.op == Op::IsSet ? std::vector<Value>{}
                                           : std::vector<Value>{v.toDouble()};
        } else if (v.isString()) {
            const std::string s = v.toString().toStdString();
            f.op = pick(
                rng, std::vector<Op>{Op::Is, Op::IsNot, Op::Contains, Op::StartsWith, Op::In, Op::IsNotSet});
            f.values = f.op == Op::Contains     ? std::vector<Value>{lower(s.substr(s.size() / 2))}
                       : f.op == Op::StartsWith ? std::vector<Value>{s.substr(0, 3)}
                       : f.op == Op::In         ? std::vector<Value>{s, std::string("zzz")}
                       : f.op == Op::IsNotSet   ? std::vector<Value>{}
                                                : std::vector<Value>{s};
        } else {
            f.op = Op::IsSet;
        }
        return f;
    }

    Node randomEvent(std::mt19937_64 &rng)
    {
        EventCondition c;
        c.event = pick(rng, std::vector<std::string>(m_names.begin(), m_names.end()));
        const auto samples = m_samples.find(c.event);
        const int filters = samples == m_samples.end() ? 0 : std::uniform_int_distribution<int>(0, 2)(rng);
        for (int i = 0; i < filters; ++i) {
            c.where.push_back(randomFilter(rng, pick(rng, samples->second)));
        }
        c.countOp = pick(
            rng, std::vector<CountOp>{CountOp::AtLeast, CountOp::AtMost, CountOp::Exactly, CountOp::Never});
        c.times = c.countOp == CountOp::Never ? 0 : std::uniform_int_distribution<int>(0, 3)(rng);
        const double w = uniform(rng);
        if (w < 0.25) {
            c.withinLastDays = std::uniform_int_distribution<int>(1, 120)(rng);
        } else if (w < 0.5) {
            const std::int64_t from =
                m_table->nowMs - std::uniform_int_distribution<int>(1, 120)(rng) * traits::kDayMs;
            c.from = ingest::formatTimestamp(from).substr(0, 10);
            c.to = ingest::formatTimestamp(from +
                                           std::uniform_int_distribution<int>(0, 40)(rng) * traits::kDayMs)
                       .substr(0, uniform(rng) < 0.5 ? 10 : 24);
        }
        return Node::eventCondition(std::move(c));
    }

    Node randomMembership(std::mt19937_64 &rng)
    {
        MembershipCondition c;
        c.kind = pick(rng, std::vector<MembershipKind>{MembershipKind::Segment, MembershipKind::Audience,
                                                       MembershipKind::Exported});
        c.in = uniform(rng) < 0.5;
        c.name = c.kind == MembershipKind::Segment ? "Saved A" : "Sampled";
        return Node::membershipCondition(std::move(c));
    }

    // --- Naive evaluation ----------------------------------------------------------------------------

    bool naiveNode(const Node &n, std::size_t row)
    {
        switch (n.type) {
        case Node::Type::Trait:
            return naiveTrait(n.trait, row);
        case Node::Type::Event:
            return naiveEvent(n.event, row);
        case Node::Type::Membership: {
            const bool member = n.membership.kind == MembershipKind::Segment
                                    ? naiveNode(m_saved.root, row)
                                    : m_members.count(m_table->profileIds[row]) > 0;
            return member == n.membership.in;
        }
        case Node::Type::Group:
            break;
        }
        bool any = false;
        bool all = true;
        for (const Node &c : n.children) {
            const bool m = naiveNode(c, row);
            any = any || m;
            all = all && m;
        }
        return n.mode == GroupMode::All ? all : n.mode == GroupMode::Any ? any : !any;
    }

    bool naiveTrait(const TraitCondition &c, std::size_t row)
    {
        if (c.trait.rfind("value_", 0) == 0) {
            const PerValue &v = perValue(c.column, c.columnValue, row);
            if (c.trait == "value_last_purchase") {
                return naiveDate(c, v.last == 0 ? traits::kNoDate : v.last);
            }
            return naiveNumber(c, c.trait == "value_purchases" ? v.purchases : v.spend);
        }
        const traits::TraitColumn &col = *m_table->column(c.trait);
        switch (col.info.kind) {
        case traits::TraitKind::Number:
            return naiveNumber(c, col.numbers[row]);
        case traits::TraitKind::Date:
            return naiveDate(c, col.dates[row]);
        case traits::TraitKind::Text:
            return naiveText(c, col.codes[row] < 0
                                    ? std::optional<std::string>()
                                    : col.dictionary[static_cast<std::size_t>(col.codes[row])]);
        case traits::TraitKind::Boolean:
            return col.codes[row] < 0 ? c.op == Op::IsNotSet
                                      : c.op == Op::IsSet || (c.op == Op::IsTrue && col.codes[row] == 1) ||
                                            (c.op == Op::IsFalse && col.codes[row] == 0);
        }
        return false;
    }

    static bool naiveNumber(const TraitCondition &c, double x)
    {
        if (std::isnan(x)) {
            return c.op == Op::IsNotSet;
        }
        const auto v = [&](std::size_t i) { return std::get<double>(c.values[i]); };
        switch (c.op) {
        case Op::Eq:
            return x == v(0);
        case Op::Ne:
            return x != v(0);
        case Op::Lt:
            return x < v(0);
        case Op::Le:
            return x <= v(0);
        case Op::Gt:
            return x > v(0);
        case Op::Ge:
            return x >= v(0);
        case Op::Between:
            return x >= v(0) && x <= v(1);
        case Op::IsSet:
            return true;
        default:
            return false;
        }
    }

    bool naiveDate(const TraitCondition &c, std::int64_t d) const
    {
        if (d == traits::kNoDate) {
            return c.op == Op::IsNotSet;
        }
        const auto text = [&](std::size_t i) { return std::get<std::string>(c.values[i]); };
        const auto ago = [&] {
            return m_table->nowMs - std::llround(std::get<double>(c.values[0]) * traits::kDayMs);
        };
        switch (c.op) {
        case Op::Before:
            return d < span(text(0)).first;
        case Op::After:
            return d >= span(text(0)).second;
        case Op::Between:
            return d >= span(text(0)).first && d < span(text(1)).second;
        case Op::WithinLastDays:
            return d >= ago();
        case Op::MoreThanDaysAgo: // whole days, as days_since_* count them
            return std::floor(static_cast<double>(m_table->nowMs - d) / traits::kDayMs) >
                   std::get<double>(c.values[0]);
        case Op::IsSet:
            return true;
        default:
            return false;
        }
    }

    static bool naiveText(const TraitCondition &c, const std::optional<std::string> &s)
    {
        if (!s) {
            return c.op == Op::IsNotSet;
        }
        const auto text = [&](std::size_t i) { return std::get<std::string>(c.values[i]); };
        switch (c.op) {
        case Op::Is:
            return *s == text(0);
        case Op::IsNot:
            return *s != text(0);
        case Op::Contains:
            return lower(*s).find(lower(text(0))) != std::string::npos;
        case Op::StartsWith:
            return lower(*s).rfind(lower(text(0)), 0) == 0;
        case Op::In:
            return std::any_of(c.values.begin(), c.values.end(),
                               [&](const Value &v) { return std::get<std::string>(v) == *s; });
        case Op::IsSet:
            return true;
        default:
            return false;
        }
    }

    bool naiveEvent(const EventCondition &c, std::size_t row) const
    {
        std::int64_t lo = std::numeric_limits<std::int64_t>::min();
        std::int64_t hi = m_table->nowMs;
        if (c.withinLastDays) {
            lo = m_table->nowMs - *c.withinLastDays * traits::kDayMs;
        } else if (!c.from.empty()) {
            lo = span(c.from).first;
            hi = std::min(hi, span(c.to).second);
        }
        std::int64_t n = 0;
        for (const StoredEvent &e : m_events[row]) {
            if (e.name == c.event && e.ts >= lo && e.ts < hi &&
                std::all_of(c.where.begin(), c.where.end(),
                            [&](const PropertyFilter &f) { return eventPasses(e, f); })) {
                ++n;
            }
        }
        switch (c.countOp) {
        case CountOp::AtLeast:
            return n >= c.times;
        case CountOp::AtMost:
            return n <= c.times;
        case CountOp::Exactly:
            return n == c.times;
        case CountOp::Never:
            return n == 0;
        }
        return false;
    }

    struct PerValue
    {
        double purchases = 0;
        double spend = 0;
        std::int64_t last = 0;
    };

    // Purchases of a catalog value recomputed in SQL straight from the events and the catalog build.
    const PerValue &perValue(const std::string &column, const std::string &value, std::size_t row)
    {
        const std::string key = column + "=" + value;
        auto it = m_perValue.find(key);
        if (it == m_perValue.end()) {
            std::vector<PerValue> rows(m_table->size());
            auto db = store::Database::open(m_ws, store::Database::OpenMode::ReadOnly);
            auto st = (*db)->prepare(
                "SELECT e.profile_id, count(DISTINCT e.id), sum(coalesce(ep.price * coalesce(ep.quantity, "
                "1), 0)), "
                "max(e.ts) FROM events e JOIN event_products ep ON ep.event_id = e.id "
                "JOIN catalog_items ci ON ci.product_id = ep.product_id "
                "JOIN catalog_item_values v ON v.item = ci.item AND v.column_name = ?1 AND v.value = ?2 "
                "WHERE e.name_id = (SELECT id FROM event_names WHERE name = 'Order Completed') AND e.ts < ?3 "
                "GROUP BY e.profile_id");
            st.bind(1, column).bind(2, value).bind(3, m_table->nowMs);
            while (st.step()) {
                rows[*m_table->rowOf(st.int64(0))] = {static_cast<double>(st.int64(1)), st.real(2),
                                                      st.int64(3)};
            }
            it = m_perValue.emplace(key, std::move(rows)).first;
        }
        return it->second[row];
    }

    QTemporaryDir m_dir;
    std::string m_ws;
    std::shared_ptr<const traits::TraitTable> m_table;
    std::vector<std::vector<StoredEvent>> m_events;
    std::set<std::string> m_names;
    std::map<std::string, std::vector<StoredEvent>> m_samples;
    std::set<std::int64_t> m_members;
    std::map<std::string, std::vector<PerValue>> m_perValue;
    Rule m_saved;
};

QTEST_GUILESS_MAIN(TestSegmentRandom)
#include "tst_SegmentRandom.moc"
