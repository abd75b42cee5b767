// SPDX-License-Identifier: GPL-3.0-or-later
// Measuring a campaign against its control group: the interval arithmetic against published values, and the
// measured lift of a campaign played on the sample store recovering the uplift planted in it.
#include "audience/CampaignResults.h"
#include "jobs/Progress.h"
#include "sample/CampaignPlay.h"
#include "sample/SampleGenerator.h"
#include "services/AudienceResults.h"
#include "services/AudienceService.h"
#include "services/CatalogService.h"
#include "services/WorkspaceService.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace awb;

namespace {

std::vector<audience::MemberOutcome> outcomes(int exported, int exportedConverted, int control,
                                              int controlConverted)
{
    std::vector<audience::MemberOutcome> members;
    for (int i = 0; i < exported; ++i) {
        members.push_back({0.5, false, i < exportedConverted, i < exportedConverted ? 10.0 : 0.0});
    }
    for (int i = 0; i < control; ++i) {
        members.push_back({0.5, true, i < controlConverted, 0.0});
    }
    return members;
}

} // namespace

class TestCampaignResults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // One scored audience on the sample store; every played campaign works on its own copy.
        QVERIFY(m_dir.isValid());
        m_base = m_dir.filePath(QStringLiteral("base.awb")).toStdString();
        sample::SampleSpec spec;
        spec.profiles = 2000;
        QVERIFY(services::WorkspaceService::createSample(m_base, spec, ProgressSink::null()));
        services::AudienceSpec create;
        create.draft.target = {"Category", "Beauty", {}};
        create.create.name = "Beauty";
        create.create.size = audience::SizeRule::ofPercent(60);
        create.create.controlShare = 0.3;
        create.create.controlSeed = 11;
        QVERIFY(services::AudienceService(m_base).create(create, ProgressSink::null()));
    }

    void wilsonIntervalsAsPublished()
    {
        double low = 0, high = 0;
        audience::wilsonInterval(0, 10, low, high);
        QCOMPARE(low, 0.0);
        QVERIFY(std::abs(high - 0.27753) < 1e-5);
        audience::wilsonInterval(5, 10, low, high);
        QVERIFY(std::abs(low - 0.23659) < 1e-5 && std::abs(high - 0.76341) < 1e-5);
    }

    void liftIntervalAsPublished()
    {
        // Newcombe (1998), Statistics in Medicine 17:873, table II, example (a): 56/70 against 48/80, method
        // 10 gives 0.0524 to 0.3339.
        const audience::CampaignResults r = audience::measureCampaign(outcomes(70, 56, 80, 48));
        QVERIFY(r.measurable);
        QVERIFY(std::abs(r.lift - 0.2) < 1e-12);
        QVERIFY2(std::abs(r.liftLow - 0.0524) < 5e-5 && std::abs(r.liftHigh - 0.3339) < 5e-5,
                 qPrintable(QStringLiteral("%1 to %2").arg(r.liftLow).arg(r.liftHigh)));
        QCOMPARE(r.exported.revenuePerMember(), 56 * 10.0 / 70);
        QVERIFY(std::abs(r.incremental - 0.2 * 70) < 1e-9);
    }

    void decilesFollowTheRanks()
    {
        std::vector<audience::MemberOutcome> members;
        for (int i = 0; i < 100; ++i) {
            // Scores fall with the rank; every fifth member is held out; the best half converts.
            members.push_back({1.0 - i / 100.0, i % 5 == 0, i < 50, 0});
        }
        const audience::CampaignResults r = audience::measureCampaign(members);
        QCOMPARE(r.deciles.size(), std::size_t(10));
        QCOMPARE(r.deciles[0].members, std::int64_t(10));
        QVERIFY(std::abs(r.deciles[0].predicted - 0.955) < 1e-12); // mean of 1.00 ... 0.91
        QCOMPARE(r.deciles[0].observed(), 1.0);
        QCOMPARE(r.deciles[9].observed(), 0.0);
        QCOMPARE(r.deciles[0].control.members, std::int64_t(2));
        QCOMPARE(r.control.members, std::int64_t(20));

        // No control group: nothing to measure the lift against.
        const audience::CampaignResults none = audience::measureCampaign(outcomes(30, 3, 0, 0));
        QVERIFY(!none.measurable);
        QCOMPARE(none.lift, 0.0);
    }

    void playedCampaignRecoversThePlantedUplift_data()
    {
        QTest::addColumn<double>("uplift");
        QTest::newRow("15 points") << 0.15;
        QTest::newRow("none") << 0.0;
    }

    void playedCampaignRecoversThePlantedUplift()
    {
        QFETCH(double, uplift);
        const std::string ws = m_dir.filePath(QStringLiteral("played-%1.awb").arg(uplift)).toStdString();
        QVERIFY(QFile::copy(QString::fromStdString(m_base), QString::fromStdString(ws)));

        const auto played = sample::playCampaign(ws, {"Beauty", uplift, 3}, ProgressSink::null());
        QVERIFY2(played, played ? "" : played.error().message.c_str());
        QVERIFY(services::CatalogService(ws).build(ProgressSink::null()));
        const auto outcome = services::audienceResults(ws, {"Beauty", {}, {}});
        QVERIFY2(outcome, outcome ? "" : outcome.error().message.c_str());
        const audience::CampaignResults &r = outcome->results;
        QCOMPARE(r.exported.members, played->exported);
        QCOMPARE(r.control.members, played->control);
        QCOMPARE(r.exported.converted, played->exportedOrders);
        QCOMPARE(r.control.converted, played->controlOrders);
        QVERIFY(!outcome->catalogStale);
        QVERIFY(!outcome->windowOpen());

        // The uplift each exported member got, capped where likelihood + uplift passes certainty.
        const auto members = services::AudienceService(ws).members("Beauty", 0, 1'000'000);
        double planted = 0;
        for (const audience::AudienceMember &m : *members) {
            planted += m.control ? 0.0 : std::min(1.0, m.score + uplift) - m.score;
        }
        planted /= static_cast<double>(r.exported.members);
        QVERIFY2(r.liftLow <= planted && planted <= r.liftHigh,
                 qPrintable(QStringLiteral("planted %1, measured %2 (%3 to %4)")
                                .arg(planted)
                                .arg(r.lift)
                                .arg(r.liftLow)
                                .arg(r.liftHigh)));
        if (uplift > 0) {
            QVERIFY2(r.liftLow > 0, qPrintable(QString::number(r.liftLow))); // detected, not only contained
        }
        // The same orders counted as events.
        const auto orders = services::audienceResults(ws, {"Beauty", "Order Completed", {}});
        QVERIFY(orders);
        QCOMPARE(orders->results.exported.converted, played->exportedOrders);
        QCOMPARE(services::audienceResults(ws, {"Beauty", "No Such Event", {}}).error().code,
                 Error::Code::InvalidInput);
        QCOMPARE(services::audienceResults(ws, {"Nobody", {}, {}}).error().code, Error::Code::NotFound);
        QVERIFY(outcome->toText().find("lift:") != std::string::npos);
    }

private:
    QTemporaryDir m_dir;
    std::string m_base;
};

QTEST_GUILESS_MAIN(TestCampaignResults)
#include "tst_CampaignResults.moc"
