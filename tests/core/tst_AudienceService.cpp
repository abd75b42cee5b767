// SPDX-License-Identifier: GPL-3.0-or-later
// Recommendation audiences: size rules, snapshot creation over the real scoring engine, listing, members,
// frozen quality, unique names, deterministic ties, snapshots untouched by later imports, duplicate, remove,
// export on creation, cancel.
#include "TestUtil.h"
#include "audience/ControlGroup.h"
#include "common/Text.h"
#include "numeric/Quality.h"
#include "jobs/Progress.h"
#include "sample/SampleGenerator.h"
#include "segments/RuleJson.h"
#include "services/AudienceService.h"
#include "services/CatalogService.h"
#include "services/ImportService.h"
#include "services/SegmentService.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <QFile>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <numeric>
#include <set>

#include <sys/wait.h>
#include <unistd.h>

using namespace awb;
using audience::SizeRule;

namespace {

const model::Target kTarget{"Category", "Beauty", {}};

services::AudienceSpec spec(const std::string &name, SizeRule size)
{
    services::AudienceSpec s;
    s.create.name = name;
    s.create.description = "test audience";
    s.draft.target = kTarget;
    s.create.size = size;
    return s;
}

std::vector<std::int64_t> memberIds(services::AudienceService &service, const std::string &name)
{
    std::vector<std::int64_t> ids;
    const auto members = service.members(name, 0, 1000000);
    for (const audience::AudienceMember &m : *members) {
        ids.push_back(m.profileId);
    }
    return ids;
}

class CancelledSink : public CancelableProgress
{
public:
    CancelledSink() { cancel(); }
};

} // namespace

class TestAudienceService : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_base = m_dir.filePath(QStringLiteral("base.awb")).toStdString();
        sample::SampleSpec sampleSpec;
        sampleSpec.profiles = 600;
        sampleSpec.days = 120;
        QVERIFY(sample::generateWorkspace(m_base, sampleSpec, ProgressSink::null()));
        catalog::CatalogDefinition def;
        def.events = {{"Order Completed", "products[].product_id", 3.0},
                      {"Product Added", "product_id", 2.0},
                      {"Product Viewed", "product_id", 1.0}};
        def.columns = {{"Category", "category", ""}, {"Brand", "brand", ""}};
        services::CatalogService catalog(m_base);
        QVERIFY(catalog.save(def));
        QVERIFY(catalog.build(ProgressSink::null()));
    }

    void init()
    {
        // Every test works on its own copy of the scored sample store.
        m_ws = m_dir.filePath(QStringLiteral("ws%1.awb").arg(++m_runs)).toStdString();
        QVERIFY(QFile::copy(QString::fromStdString(m_base), QString::fromStdString(m_ws)));
    }

    void sizeRules_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<qint64>("eligible");
        QTest::addColumn<qint64>("size");
        QTest::newRow("5% of 1000") << "5%" << true << "5%" << qint64(1000) << qint64(50);
        QTest::newRow("5% of 30 rounds up") << "5%" << true << "5%" << qint64(30) << qint64(2);
        QTest::newRow("fraction") << "12.5 %" << true << "12.5%" << qint64(80) << qint64(10);
        QTest::newRow("100%") << "100%" << true << "100%" << qint64(7) << qint64(7);
        QTest::newRow("tiny percent keeps one") << "0.01%" << true << "0.01%" << qint64(10) << qint64(1);
        QTest::newRow("count") << "1,000" << true << "1000" << qint64(5000) << qint64(1000);
        QTest::newRow("count capped") << "10" << true << "10" << qint64(3) << qint64(3);
        QTest::newRow("nobody scored") << "10" << true << "10" << qint64(0) << qint64(0);
        QTest::newRow("0%") << "0%" << false << "" << qint64(0) << qint64(0);
        QTest::newRow("over 100%") << "101%" << false << "" << qint64(0) << qint64(0);
        QTest::newRow("negative") << "-3" << false << "" << qint64(0) << qint64(0);
        QTest::newRow("zero") << "0" << false << "" << qint64(0) << qint64(0);
        QTest::newRow("words") << "top five" << false << "" << qint64(0) << qint64(0);
    }

    void sizeRules()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, canonical);
        QFETCH(qint64, eligible);
        QFETCH(qint64, size);
        const auto rule = SizeRule::parse(text.toStdString());
        QCOMPARE(bool(rule), valid);
        if (!valid) {
            QCOMPARE(rule.error().code, Error::Code::InvalidInput);
            return;
        }
        QCOMPARE(QString::fromStdString(rule->toString()), canonical);
        QCOMPARE(qint64(rule->resolve(eligible)), size);
    }

    void createListMembersQuality()
    {
        services::AudienceService service(m_ws);
        const auto created =
            service.create(spec("Beauty top 5%", SizeRule::ofPercent(5)), ProgressSink::null());
        QVERIFY2(created, created ? "" : created.error().message.c_str());
        const audience::AudienceInfo &a = created->audience;
        QCOMPARE(a.status, audience::AudienceStatus::Live);
        QVERIFY(a.eligible > 100);
        QCOMPARE(a.size, SizeRule::ofPercent(5).resolve(a.eligible));
        QVERIFY(!a.qualityLabel.empty());
        QVERIFY(a.auc > 0.5);
        QCOMPARE(QString::fromStdString(a.statusText()), QStringLiteral("live, %1 people").arg(a.size));

        const auto all = service.list();
        QVERIFY(all);
        QCOMPARE(all->size(), std::size_t(1));
        QCOMPARE(all->front().name, std::string("Beauty top 5%"));
        QCOMPARE(all->front().description, std::string("test audience"));
        QCOMPARE(all->front().target.describe(), kTarget.describe());
        QCOMPARE(all->front().size, a.size);
        QCOMPARE(all->front().sizeRule.toString(), std::string("5%"));

        const auto members = service.members(a.name, 0, 1000000);
        QVERIFY(members);
        QCOMPARE(static_cast<std::int64_t>(members->size()), a.size);
        for (std::size_t i = 0; i < members->size(); ++i) {
            QCOMPARE((*members)[i].rank, static_cast<std::int64_t>(i + 1));
            QVERIFY(!(*members)[i].key.empty());
            QVERIFY(i == 0 || (*members)[i].score <= (*members)[i - 1].score);
        }
        const auto page = service.members(a.name, 10, 5);
        QCOMPARE(page->size(), std::size_t(5));
        QCOMPARE(page->front().rank, std::int64_t(11));

        // The frozen chart agrees with the stored scores: the average likelihood of the top k is the mean
        // of the k highest scores.
        const auto q = service.quality(a.name);
        QVERIFY(q);
        QVERIFY(!q->backtest.empty());
        QCOMPARE(q->backtest.front().name, std::string("model"));
        QCOMPARE(q->likelihoodAtCut.size(), std::size_t(101));
        QCOMPARE(q->backtestGain.size(), std::size_t(101));
        QCOMPARE(q->eligible, a.eligible);
        QCOMPARE(std::accumulate(q->histogramCounts.begin(), q->histogramCounts.end(), std::int64_t(0)),
                 a.eligible);
        const auto k = static_cast<std::size_t>(std::ceil(0.05 * static_cast<double>(a.eligible) - 1e-9));
        QCOMPARE(k, members->size());
        double sum = 0;
        for (std::size_t i = 0; i < k; ++i) {
            sum += (*members)[i].score;
        }
        QVERIFY(std::abs(q->averageLikelihood[5] - sum / static_cast<double>(k)) < 1e-9);
        QVERIFY(std::abs(q->likelihoodAtCut[5] - members->back().score) < 1e-12);
        QVERIFY(std::abs(q->expectedShare[100] - 1.0) < 1e-9);
    }

    void populationOnlyInAndExcluding()
    {
        services::AudienceService service(m_ws);
        const auto first = service.create(spec("First", SizeRule::ofPercent(20)), ProgressSink::null());
        QVERIFY2(first, first ? "" : first.error().message.c_str());
        const auto firstMembers = service.members("First", 0, 1000000);
        QVERIFY(firstMembers);
        std::set<std::int64_t> inFirst;
        for (const auto &m : *firstMembers) {
            inFirst.insert(m.profileId);
        }

        // Only members of First: the eligible are exactly its members.
        auto only = spec("Only", SizeRule::ofPercent(100));
        only.draft.population.onlyIn = "First";
        const auto a = service.create(only, ProgressSink::null());
        QVERIFY2(a, a ? "" : a.error().message.c_str());
        QCOMPARE(a->audience.eligible, first->audience.size);
        const auto aMembers = service.members("Only", 0, 1000000);
        for (const auto &m : *aMembers) {
            QVERIFY(inFirst.count(m.profileId) == 1);
        }
        QCOMPARE(service.quality("Only")->population, std::string("identified members of 'First'"));

        // Everyone but First: nobody of it, everyone else.
        auto but = spec("But", SizeRule::ofPercent(100));
        but.draft.population.excluding = "First";
        const auto b = service.create(but, ProgressSink::null());
        QVERIFY2(b, b ? "" : b.error().message.c_str());
        QCOMPARE(b->audience.eligible, first->audience.eligible - first->audience.size);
        const auto bMembers = service.members("But", 0, 1000000);
        QVERIFY(bMembers);
        for (const auto &m : *bMembers) {
            QVERIFY(inFirst.count(m.profileId) == 0);
        }

        // An unknown audience is named; no audience is left behind.
        auto bad = spec("Bad", SizeRule::ofPercent(5));
        bad.draft.population.onlyIn = "Nope";
        const auto c = service.create(bad, ProgressSink::null());
        QVERIFY(!c);
        QCOMPARE(c.error().code, Error::Code::NotFound);
        QVERIFY(QString::fromStdString(c.error().message).contains(QStringLiteral("Nope")));
        QVERIFY(!service.get("Bad"));
    }

    void populationFromSegments()
    {
        // Who may enter can name a saved segment: a rule segment (evaluated as of the scoring date) or a
        // static one (its frozen members); audiences are looked up first, then segments.
        services::SegmentService segments(m_ws);
        auto buyers = segments::ruleFromJson(
            R"({"version":1,"rule":{"type":"all","conditions":[{"type":"trait","trait":"order_count","op":">=","value":1}]}})");
        QVERIFY(buyers);
        QVERIFY(segments.save("Buyers", "", *buyers));
        QVERIFY(segments.freeze("Buyers", "Buyers frozen", services::TraitRequest{}, ProgressSink::null()));
        const auto ids = segments.members("Buyers", {}, ProgressSink::null());
        QVERIFY(ids && !ids->empty());
        const std::set<std::int64_t> inBuyers(ids->begin(), ids->end());

        services::AudienceService service(m_ws);
        QCOMPARE(*service.resolvePopulationName("Buyers"), audience::MemberSource::Segment);
        for (const char *name : {"Buyers", "Buyers frozen"}) {
            auto only = spec(std::string("Only ") + name, SizeRule::ofPercent(100));
            only.draft.population.onlyIn = name;
            only.draft.population.onlyInSource = audience::MemberSource::Segment;
            const auto a = service.create(only, ProgressSink::null());
            QVERIFY2(a, a ? "" : a.error().message.c_str());
            QCOMPARE(a->audience.eligible, static_cast<std::int64_t>(inBuyers.size()));
            for (const std::int64_t id : memberIds(service, only.create.name)) {
                QVERIFY(inBuyers.count(id) == 1);
            }
            QCOMPARE(service.quality(only.create.name)->population,
                     "identified members of segment '" + std::string(name) + "'");
        }
        auto but = spec("Not buyers", SizeRule::ofPercent(100));
        but.draft.population.excluding = "Buyers frozen";
        but.draft.population.excludingSource = audience::MemberSource::Segment;
        const auto b = service.create(but, ProgressSink::null());
        QVERIFY2(b, b ? "" : b.error().message.c_str());
        for (const std::int64_t id : memberIds(service, but.create.name)) {
            QVERIFY(inBuyers.count(id) == 0);
        }
        // An audience of the same name is preferred; an unknown name lists what exists.
        QCOMPARE(*service.resolvePopulationName("Not buyers"), audience::MemberSource::Audience);
        const auto unknown = service.resolvePopulationName("Nope");
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, Error::Code::NotFound);
        QVERIFY2(unknown.error().message.find(
                     "Audiences: 'Not buyers', 'Only Buyers frozen', 'Only Buyers'") != std::string::npos &&
                     unknown.error().message.find("segments: 'Buyers', 'Buyers frozen'") != std::string::npos,
                 unknown.error().message.c_str());
        auto missing = spec("Missing", SizeRule::ofPercent(5));
        missing.draft.population.onlyIn = "Nope";
        missing.draft.population.onlyInSource = audience::MemberSource::Segment;
        const auto m = service.create(missing, ProgressSink::null());
        QVERIFY(!m);
        QCOMPARE(m.error().message, std::string("No segment named 'Nope' to restrict the population to."));
    }

    void backtestIsMeasuredOnWhoMayEnter()
    {
        // Identified people by default: the scored profiles and the backtest rows are those with a user id
        // seen before T and before T - H, counted here independently in SQL.
        services::DraftRequest request;
        request.target = kTarget;
        const auto identified = services::AudienceDraft::score(m_ws, request, ProgressSink::null());
        QVERIFY2(identified, identified ? "" : identified.error().message.c_str());
        const std::int64_t now = identified->scores().nowMs;
        const std::int64_t c1 = now - request.horizonMs;
        const auto count = [&](const std::string &where, std::int64_t before) {
            return test::queryInt(m_ws, "SELECT count(*) FROM profiles p WHERE p.first_seen < " +
                                            std::to_string(before) + where);
        };
        const std::string withUserId =
            " AND EXISTS (SELECT 1 FROM identities i WHERE i.profile_id = p.id AND i.kind = 0)";
        QCOMPARE(identified->curve().eligible(), count(withUserId, now));
        QCOMPARE(static_cast<std::int64_t>(identified->scores().backtest.front().rows), count(withUserId, c1));
        QVERIFY(count("", now) > count(withUserId, now)); // the sample store has guests
        QCOMPARE(identified->backtestPopulation(),
                 "backtest over " + withThousands(count(withUserId, c1)) + " identified people with history, " +
                     std::to_string(identified->scores().backtest.front().positives) + " of them engaged");
        // Reachable by e-mail: an address, consent not refused.
        std::int64_t reachable = 0;
        for (const services::ScoredProfile &p : identified->scores().ranked) {
            reachable += test::queryInt(m_ws, "SELECT count(*) FROM profiles WHERE id = " +
                                                  std::to_string(p.profileId) +
                                                  " AND email <> '' AND NOT EXISTS (SELECT 1 FROM "
                                                  "profile_attributes a WHERE a.profile_id = profiles.id AND "
                                                  "a.key = 'email_consent' AND a.value = 'false')");
        }
        QCOMPARE(identified->reachableByEmail(identified->curve().eligible()), reachable);
        QVERIFY(identified->reachableByEmail(10) <= 10);

        // Everyone: guests too, in the scores and in the backtest.
        request.population.everyone = true;
        const auto everyone = services::AudienceDraft::score(m_ws, request, ProgressSink::null());
        QVERIFY(everyone);
        QCOMPARE(everyone->curve().eligible(), count("", now));
        QCOMPARE(static_cast<std::int64_t>(everyone->scores().backtest.front().rows), count("", c1));

        // Only the members of a segment: the backtest is over them alone (identified, seen before T - H).
        services::SegmentService segments(m_ws);
        auto buyers = segments::ruleFromJson(
            R"({"version":1,"rule":{"type":"all","conditions":[{"type":"trait","trait":"order_count","op":">=","value":2}]}})");
        QVERIFY(buyers);
        QVERIFY(segments.save("Repeat buyers", "", *buyers));
        const auto ids = segments.members("Repeat buyers", {}, ProgressSink::null());
        QVERIFY(ids && !ids->empty());
        std::string in;
        for (const std::int64_t id : *ids) {
            in += (in.empty() ? "" : ",") + std::to_string(id);
        }
        request.population = {"Repeat buyers", "", audience::MemberSource::Segment};
        const auto only = services::AudienceDraft::score(m_ws, request, ProgressSink::null());
        QVERIFY(only);
        const std::string inSegment = withUserId + " AND p.id IN (" + in + ")";
        QCOMPARE(only->curve().eligible(), count(inSegment, now));
        QCOMPARE(static_cast<std::int64_t>(only->scores().backtest.front().rows), count(inSegment, c1));
        QVERIFY(only->scores().backtest.front().rows < identified->scores().backtest.front().rows);
        QVERIFY2(only->backtestPopulation().find("identified members of segment 'Repeat buyers' with history") !=
                     std::string::npos,
                 only->backtestPopulation().c_str());
        // The created audience keeps both texts and the reach of its members.
        services::DraftCreate what;
        what.name = "Repeat";
        what.size = SizeRule::ofPercent(50);
        QVERIFY(only->create(m_ws, what, ProgressSink::null()));
        services::AudienceService service(m_ws);
        const auto q = service.quality("Repeat");
        QCOMPARE(q->population, std::string("identified members of segment 'Repeat buyers'"));
        QCOMPARE(q->backtestPopulation, only->backtestPopulation());
        QCOMPARE(q->reachableByEmail, only->reachableByEmail(service.get("Repeat")->size));
    }

    void insufficientDataShowsNoGain()
    {
        services::ScoreResult scores;
        scores.target = kTarget.describe();
        scores.nowMs = 1000;
        for (std::int64_t id = 1; id <= 40; ++id) {
            scores.ranked.push_back({id, "k" + std::to_string(id), 0.5 / static_cast<double>(id)});
        }
        std::vector<double> p(40);
        std::vector<int> labels(40, 0);
        for (std::size_t i = 0; i < p.size(); ++i) {
            p[i] = 1.0 / static_cast<double>(i + 1);
        }
        labels[0] = 1; // one engager: a "100% gain" at the first percent means nothing
        scores.backtest = {numeric::evaluate("model", p, labels, 20)};
        QCOMPARE(scores.backtest.front().label, std::string(numeric::kInsufficientData));
        const auto draft = services::AudienceDraft::fromScores({}, scores);
        QVERIFY(draft.insufficientData());
        QVERIFY(draft.chart().backtestGain.empty());
        labels.assign(40, 0);
        for (std::size_t i = 0; i < 25; ++i) {
            labels[i] = 1;
        }
        scores.backtest = {numeric::evaluate("model", p, labels, 20)};
        const auto enough = services::AudienceDraft::fromScores({}, scores);
        QVERIFY(!enough.insufficientData());
        QCOMPARE(enough.chart().backtestGain.size(), std::size_t(101));
    }

    void creationKilledMidwayIsCleanedUp()
    {
        // A process that died while creating leaves a "computing" row; a running one's row stays.
        const pid_t child = ::fork();
        if (child == 0) {
            ::_exit(0);
        }
        QVERIFY(child > 0);
        ::waitpid(child, nullptr, 0);
        const std::string host = QSysInfo::machineHostName().toStdString();
        {
            auto db = store::Database::open(m_ws, store::Database::OpenMode::OpenExisting);
            QVERIFY(db);
            auto insert =
                (*db)->prepare("INSERT INTO audiences (name, target_column, target_value, horizon_ms, "
                               "size_rule, status, created_at, owner) "
                               "VALUES (?, 'Category', 'Beauty', 1, '5%', 'computing', 1, ?)");
            insert.bind(1, std::string("Killed")).bind(2, host + ":" + std::to_string(child)).run();
            insert.reset();
            insert.bind(1, std::string("Running")).bind(2, host + ":" + std::to_string(::getpid())).run();
            insert.reset();
            insert.bind(1, std::string("Elsewhere")).bind(2, std::string("other-host:1")).run();
        }

        services::AudienceService service(m_ws);
        const auto all = service.list();
        QVERIFY(all);
        std::set<std::string> names;
        for (const auto &a : *all) {
            names.insert(a.name);
        }
        QCOMPARE(names, (std::set<std::string>{"Running", "Elsewhere"}));
        // The killed creation's name is free again.
        QVERIFY(service.create(spec("Killed", SizeRule::ofPercent(5)), ProgressSink::null()));
    }

    void membersCarryTheirTraits()
    {
        services::AudienceService service(m_ws);
        QVERIFY(service.create(spec("Traits", SizeRule::ofPercent(50)), ProgressSink::null()));
        const auto members = service.members("Traits", 0, 1000000);
        QVERIFY(members);
        int withEmail = 0;
        for (const auto &m : *members) {
            const std::string email = test::queryText(
                m_ws, "SELECT coalesce(email, '') FROM profiles WHERE id = " + std::to_string(m.profileId));
            QCOMPARE(m.email, email);
            if (!m.email.empty()) {
                ++withEmail;
                QVERIFY(!m.firstName.empty());
                QVERIFY(!m.lastName.empty());
                QCOMPARE(m.country.size(), std::size_t(2));
            }
        }
        QVERIFY(withEmail > 10);
    }

    void uniqueAndRequiredName()
    {
        services::AudienceService service(m_ws);
        QVERIFY(service.create(spec("VIP", SizeRule::ofCount(7)), ProgressSink::null()));
        const auto again = service.create(spec(" VIP ", SizeRule::ofCount(3)), ProgressSink::null());
        QVERIFY(!again);
        QCOMPARE(again.error().code, Error::Code::InvalidInput);
        QVERIFY2(again.error().message.find("already exists") != std::string::npos,
                 again.error().message.c_str());
        const auto unnamed = service.create(spec("   ", SizeRule::ofCount(3)), ProgressSink::null());
        QVERIFY(!unnamed);
        QCOMPARE(unnamed.error().code, Error::Code::InvalidInput);
        QCOMPARE(service.list()->size(), std::size_t(1));
        QCOMPARE(service.get("VIP")->size, std::int64_t(7));
        QCOMPARE(service.get("nobody").error().code, Error::Code::NotFound);
    }

    void badTargetLeavesNoAudience()
    {
        services::AudienceService service(m_ws);
        services::AudienceSpec s = spec("Ghost", SizeRule::ofPercent(5));
        s.draft.target = {"Category", "No Such Category", {}};
        const auto created = service.create(s, ProgressSink::null());
        QVERIFY(!created);
        QCOMPARE(created.error().code, Error::Code::InvalidInput);
        QVERIFY(service.list()->empty());
        CancelledSink cancelled;
        QVERIFY(service.create(spec("Cancelled", SizeRule::ofPercent(5)), cancelled).error().isCancelled());
        QVERIFY(service.list()->empty());
        QCOMPARE(test::queryInt(m_ws, "SELECT count(*) FROM audience_members"), std::int64_t(0));
    }

    void tiesAtTheCutAreDeterministic()
    {
        services::ScoreResult scores;
        scores.target = kTarget.describe();
        scores.nowMs = 1000;
        // Profiles 15, 12, 11, 14 tie at 0.5 behind profile 20; a top 3 keeps 20, then 11 and 12.
        for (const auto &[id, p] : std::vector<std::pair<std::int64_t, double>>{
                 {15, 0.5}, {12, 0.5}, {20, 0.9}, {11, 0.5}, {14, 0.5}, {13, 0.1}}) {
            scores.ranked.push_back({id, "k" + std::to_string(id), p});
        }
        services::AudienceService service(m_ws);
        const auto create = [&](const std::string &name) {
            const services::AudienceSpec s = spec(name, SizeRule::ofCount(3));
            return services::AudienceDraft::fromScores(s.draft, scores).create(m_ws, s.create, ProgressSink::null());
        };
        QVERIFY(create("Ties"));
        QCOMPARE(memberIds(service, "Ties"), (std::vector<std::int64_t>{20, 11, 12}));
        std::reverse(scores.ranked.begin(), scores.ranked.end());
        QVERIFY(create("Ties again"));
        QCOMPARE(memberIds(service, "Ties again"), (std::vector<std::int64_t>{20, 11, 12}));
        QCOMPARE(service.get("Ties")->asOfMs, std::int64_t(1000));
    }

    void snapshotUnchangedAfterImport()
    {
        services::AudienceService service(m_ws);
        QVERIFY(service.create(spec("Frozen", SizeRule::ofPercent(10)), ProgressSink::null()));
        const auto before = service.members("Frozen", 0, 1000000);
        const auto infoBefore = service.get("Frozen");
        const std::string qualityBefore = test::queryText(m_ws, "SELECT quality FROM audiences");

        // New people engaging with the target, and more activity of the current members, then a rebuild.
        std::string events;
        for (int i = 0; i < 50; ++i) {
            events += "{\"type\":\"track\",\"event\":\"Product Viewed\",\"userId\":\"new-" +
                      std::to_string(i) +
                      "\",\"timestamp\":\"2026-11-02T10:00:00Z\","
                      "\"properties\":{\"product_id\":\"p-new\",\"category\":\"Beauty\"}}\n";
        }
        const std::string file = test::writeFile(m_dir.filePath(QStringLiteral("more.jsonl")), events);
        services::ImportSpec importSpec;
        importSpec.files = {file};
        const std::int64_t profilesBefore = test::queryInt(m_ws, "SELECT count(*) FROM profiles");
        QVERIFY(services::ImportService(m_ws).run(importSpec, ProgressSink::null()));
        QVERIFY(services::CatalogService(m_ws).build(ProgressSink::null()));
        QCOMPARE(test::queryInt(m_ws, "SELECT count(*) FROM profiles"), profilesBefore + 50);
        // A new audience sees the new data; the existing one must not.
        const auto fresh = service.create(spec("Fresh", SizeRule::ofPercent(10)), ProgressSink::null());
        QVERIFY(fresh);
        QVERIFY(fresh->audience.eligible > infoBefore->eligible);

        const auto after = service.members("Frozen", 0, 1000000);
        QCOMPARE(after->size(), before->size());
        for (std::size_t i = 0; i < after->size(); ++i) {
            QCOMPARE((*after)[i].profileId, (*before)[i].profileId);
            QCOMPARE((*after)[i].score, (*before)[i].score);
        }
        QCOMPARE(service.get("Frozen")->eligible, infoBefore->eligible);
        QCOMPARE(test::queryText(m_ws, "SELECT quality FROM audiences WHERE name = 'Frozen'"), qualityBefore);
    }

    void duplicateAndRemove()
    {
        services::AudienceService service(m_ws);
        QVERIFY(service.create(spec("Small", SizeRule::ofPercent(5)), ProgressSink::null()));
        const std::vector<std::int64_t> small = memberIds(service, "Small");
        const auto big = service.duplicate("Small", "Bigger", SizeRule::ofPercent(20), ProgressSink::null());
        QVERIFY2(big, big ? "" : big.error().message.c_str());
        QCOMPARE(big->audience.sizeRule.toString(), std::string("20%"));
        QCOMPARE(big->audience.description, std::string("test audience"));
        QCOMPARE(big->audience.asOfMs, service.get("Small")->asOfMs);
        QVERIFY(big->audience.size > static_cast<std::int64_t>(small.size()));
        QCOMPARE(memberIds(service, "Small"), small); // the original is a snapshot: unchanged
        // Same target, horizon and as-of date: the larger snapshot starts with the smaller one.
        std::vector<std::int64_t> prefix = memberIds(service, "Bigger");
        prefix.resize(small.size());
        QCOMPARE(prefix, small);
        QVERIFY(!service.duplicate("Small", "Bigger", SizeRule::ofPercent(1), ProgressSink::null()));

        QVERIFY(service.remove("Small"));
        QCOMPARE(service.get("Small").error().code, Error::Code::NotFound);
        QCOMPARE(service.remove("Small").error().code, Error::Code::NotFound);
        QCOMPARE(service.list()->size(), std::size_t(1));
        QCOMPARE(test::queryInt(m_ws, "SELECT count(*) FROM audience_members"), big->audience.size);
    }

    void exportOnCreation()
    {
        services::AudienceService service(m_ws);
        services::AudienceSpec s = spec("Mailing", SizeRule::ofCount(25));
        const std::string mailing = m_dir.filePath(QStringLiteral("mailing.csv")).toStdString();
        const std::string meta = m_dir.filePath(QStringLiteral("meta.csv")).toStdString();
        s.create.destinations = {{{}, "mailchimp", mailing, {}, {}}, {{}, "meta", meta, {}, {}}};
        const auto created = service.create(s, ProgressSink::null());
        QVERIFY(created);
        QCOMPARE(created->exports.size(), std::size_t(2));
        QVERIFY(created->exportErrors.empty());
        QCOMPARE(created->exports[0].audience, std::string("Mailing"));
        QCOMPARE(created->exports[0].members, std::int64_t(25));
        QCOMPARE(created->exports[0].written + created->exports[0].skipped, std::int64_t(25));
        QVERIFY(QFile::exists(QString::fromStdString(mailing)));
        QVERIFY(QFile::exists(QString::fromStdString(meta)));
        QCOMPARE(services::ExportService(m_ws).history("Mailing")->size(), std::size_t(2));

        // The audience is kept when an export fails; the error says why and the others are written.
        s.create.name = "Mailing 2";
        s.create.destinations.front().outFile = m_dir.filePath(QStringLiteral("missing/dir/mailing.csv")).toStdString();
        const auto failed = service.create(s, ProgressSink::null());
        QVERIFY(failed);
        QCOMPARE(failed->exports.size(), std::size_t(1));
        QCOMPARE(failed->exportErrors.size(), std::size_t(1));
        QCOMPARE(failed->exportErrors.front().code, Error::Code::Io);
        QCOMPARE(service.get("Mailing 2")->size, std::int64_t(25));

        // A removed audience's exports stay in the campaign history.
        QVERIFY(service.remove("Mailing"));
        QCOMPARE(services::ExportService(m_ws).history("Mailing")->size(), std::size_t(2));
        s.create.name = "Mailing 3";
        s.create.destinations.front().preset = "nope";
        QCOMPARE(service.create(s, ProgressSink::null()).error().code, Error::Code::InvalidInput);
    }

    void controlGroupIsStoredAndNeverExported()
    {
        services::AudienceService service(m_ws);
        services::AudienceSpec s = spec("Held", SizeRule::ofCount(120));
        s.create.controlShare = 0.2;
        s.create.controlSeed = 99;
        const auto created = service.create(s, ProgressSink::null());
        QVERIFY2(created, created ? "" : created.error().message.c_str());
        const auto info = service.get("Held");
        QCOMPARE(info->size, std::int64_t(120));
        QCOMPARE(info->controlSize, std::int64_t(24));
        QCOMPARE(info->control.seed, std::uint64_t(99));
        QCOMPARE(info->control.share, 0.2);
        const auto members = service.members("Held", 0, 1000);
        std::vector<bool> flags;
        std::set<std::string> controlKeys, exportedKeys;
        for (const audience::AudienceMember &m : *members) {
            flags.push_back(m.control);
            (m.control ? controlKeys : exportedKeys).insert(m.key);
        }
        // The members drawn are those of the recorded seed, four in each tenth of the ranks.
        QVERIFY(flags == audience::drawControlGroup(120, {0.2, 99}));
        QCOMPARE(controlKeys.size(), std::size_t(24));
        QCOMPARE(test::queryInt(m_ws, "SELECT count(*) FROM audience_members WHERE control = 1"), std::int64_t(24));

        // No preset reads a control member: 96 members each, and none of the 24 in the file.
        for (const exports::PresetInfo &preset : services::ExportService::presets()) {
            const std::string out = m_dir.filePath(QStringLiteral("held-%1.csv").arg(QString::fromStdString(preset.id)))
                                        .toStdString();
            services::ExportRequest request{"Held", preset.id, out, {}, {}};
            request.includeWithoutConsent = true;
            const auto report = services::ExportService(m_ws).exportAudience(request, ProgressSink::null());
            QVERIFY2(report, report ? "" : report.error().message.c_str());
            QCOMPARE(report->members, std::int64_t(96));
            QCOMPARE(report->heldOut, std::int64_t(24));
            QCOMPARE(report->written + report->skipped, std::int64_t(96));
        }
        const std::string generic = m_dir.filePath(QStringLiteral("held-ids.csv")).toStdString();
        QVERIFY(services::ExportService(m_ws).exportAudience({"Held", "generic", generic, {"user_id"}, {}},
                                                             ProgressSink::null()));
        QFile file(QString::fromStdString(generic));
        QVERIFY(file.open(QIODevice::ReadOnly));
        std::set<std::string> written;
        file.readLine(); // header
        while (!file.atEnd()) {
            written.insert(file.readLine().trimmed().toStdString());
        }
        QCOMPARE(written, exportedKeys);
        for (const std::string &key : controlKeys) {
            QVERIFY2(written.count(key) == 0, key.c_str());
        }

        // A duplicate holds out the same share, drawn anew; no share, no control group.
        QVERIFY(service.duplicate("Held", "Held again", SizeRule::ofCount(50), ProgressSink::null()));
        QCOMPARE(service.get("Held again")->controlSize, std::int64_t(10));
        s.create.name = "Open";
        s.create.controlShare = 0;
        QVERIFY(service.create(s, ProgressSink::null()));
        QCOMPARE(service.get("Open")->controlSize, std::int64_t(0));
        s.create.name = "Too many";
        s.create.controlShare = 0.6;
        QCOMPARE(service.create(s, ProgressSink::null()).error().code, Error::Code::InvalidInput);
    }

private:
    QTemporaryDir m_dir;
    std::string m_base;
    std::string m_ws;
    int m_runs = 0;
};

QTEST_GUILESS_MAIN(TestAudienceService)
#include "tst_AudienceService.moc"
