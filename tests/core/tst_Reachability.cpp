// SPDX-License-Identifier: GPL-3.0-or-later
// Who can be reached: identified (a user id), has e-mail, has phone and e-mail consent as traits and rule
// conditions, and every segment count saying how many of its people are identified and reachable by e-mail
// (an address, consent not refused), with guests and anonymous visitors counted as people but not customers;
// people on the suppression list reached by no e-mail or ad export; the RFM grid saying when frequency cannot
// separate the buyers.
#include "JsonlTestUtil.h"
#include "segments/RuleJson.h"
#include "services/SegmentService.h"
#include "services/SegmentSession.h"
#include "services/SuppressionService.h"

#include <QTest>

using namespace awb;

namespace {

segments::Rule parse(const std::string &conditions)
{
    auto rule = segments::ruleFromJson(test::j("{'version':1,'rule':{'type':'all','conditions':[") +
                                       test::j(conditions) + "]}}");
    if (!rule) {
        qFatal("bad rule: %s", rule.error().message.c_str());
    }
    return std::move(rule).value();
}

std::string track(const std::string &who, const std::string &day)
{
    return test::j("{'type':'track','event':'Order Completed',") + who + test::j(",'timestamp':'2026-03-") +
           day + test::j("T10:00:00Z','properties':{'revenue':50}}");
}

} // namespace

class TestReachability : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_scratch.next();
        // ann: identified, e-mail, consent given, phone. bob: identified, e-mail, consent refused. cat:
        // identified, no e-mail. A guest and an anonymous visitor: no user id.
        m_scratch.run({m_scratch.write(
            "people.jsonl",
            {test::j("{'type':'identify','userId':'ann','traits':{'email':'ann@example.com'},"
                     "'timestamp':'2026-03-01T09:00:00Z'}"),
             test::j("{'type':'identify','userId':'bob','traits':{'email':'bob@example.com'},"
                     "'timestamp':'2026-03-01T09:00:00Z'}"),
             track(test::j("'userId':'ann'"), "02"), track(test::j("'userId':'bob'"), "03"),
             track(test::j("'userId':'cat'"), "04"), track(test::j("'anonymousId':'guest-1'"), "05"),
             track(test::j("'anonymousId':'visitor-2'"), "06")})});
        const std::string profiles = m_scratch.write(
            "profiles.csv", {"user_id,accepts_marketing,phone", "ann,yes,+44 20 7946 0000", "bob,no,"});
        services::ImportSpec spec;
        spec.profileFiles = {profiles};
        QVERIFY(services::ImportService(m_scratch.workspace()).run(spec, ProgressSink::null()));
    }

    void traitsSayWhoCanBeReached()
    {
        auto session = services::SegmentSession::open(m_scratch.workspace(), {}, ProgressSink::null());
        QVERIFY(session);
        const auto value = [&](const char *user, const char *trait) {
            // Rows follow profile ids: ann, bob, cat, guest, visitor were first seen in that order.
            const std::map<std::string, std::size_t> row = {
                {"ann", 0}, {"bob", 1}, {"cat", 2}, {"guest", 3}, {"visitor", 4}};
            return session->table().column(trait)->display(row.at(user));
        };
        QCOMPARE(session->table().size(), std::size_t(5));
        QCOMPARE(value("ann", "identified"), std::string("Yes"));
        QCOMPARE(value("cat", "identified"), std::string("Yes"));
        QCOMPARE(value("guest", "identified"), std::string("No"));
        QCOMPARE(value("visitor", "identified"), std::string("No"));
        QCOMPARE(value("ann", "has_email"), std::string("Yes"));
        QCOMPARE(value("cat", "has_email"), std::string("No"));
        QCOMPARE(value("ann", "has_phone"), std::string("Yes"));
        QCOMPARE(value("bob", "has_phone"), std::string("No"));
        QCOMPARE(value("ann", "email_consent"), std::string("Given"));
        QCOMPARE(value("bob", "email_consent"), std::string("Refused"));
        QCOMPARE(value("cat", "email_consent"), std::string("Unknown"));
    }

    void countsSayHowManyAreIdentifiedAndReachable()
    {
        services::SegmentService service(m_scratch.workspace());
        const auto buyers = service.count(parse("{'type':'trait','trait':'order_count','op':'>=','value':1}"),
                                          {}, ProgressSink::null());
        QVERIFY2(buyers, buyers ? "" : buyers.error().message.c_str());
        QCOMPARE(buyers->matching, std::int64_t(5));
        QCOMPARE(buyers->identified, std::int64_t(3));       // ann, bob, cat
        QCOMPARE(buyers->reachableByEmail, std::int64_t(1)); // ann: bob refused, cat has no address
        // The same conditions in rules.
        const auto mailable =
            service.count(parse("{'type':'trait','trait':'has_email','op':'is','value':'Yes'},"
                                "{'type':'trait','trait':'email_consent','op':'is_not','value':'Refused'}"),
                          {}, ProgressSink::null());
        QVERIFY(mailable);
        QCOMPARE(mailable->matching, buyers->reachableByEmail);
        const auto guests = service.count(
            parse("{'type':'trait','trait':'identified','op':'is','value':'No'}"), {}, ProgressSink::null());
        QVERIFY(guests);
        QCOMPARE(guests->matching, std::int64_t(2));
        QCOMPARE(guests->identified, std::int64_t(0));
    }

    void suppressedPeopleAreNotReachable()
    {
        // ann (e-mail, consent given, phone) unsubscribed: she is on the list by e-mail address, written in
        // another case; cat is listed by user id.
        const std::string list =
            m_scratch.write("unsubscribed.csv", {"Email Address,Reason", " ANN@Example.com ,unsubscribed"});
        QVERIFY(services::SuppressionService(m_scratch.workspace()).importCsv(list, {}, ProgressSink::null()));
        const std::string byId = m_scratch.write("bounced.csv", {"user_id", "cat"});
        QVERIFY(services::SuppressionService(m_scratch.workspace()).importCsv(byId, "bounced", ProgressSink::null()));
        services::SegmentService service(m_scratch.workspace());
        const auto count = [&](const char *conditions) {
            const auto n = service.count(parse(conditions), {}, ProgressSink::null());
            return n ? n->matching : -1;
        };
        QCOMPARE(count("{'type':'trait','trait':'suppressed','op':'is','value':'Yes'}"), std::int64_t(2));
        const auto buyers = service.count(parse("{'type':'trait','trait':'order_count','op':'>=','value':1}"),
                                          {}, ProgressSink::null());
        QVERIFY(buyers);
        QCOMPARE(buyers->reachableByEmail, std::int64_t(0)); // ann listed, bob refused, cat no address
        // Meta matches on e-mail or phone: ann is listed, bob (consent is about e-mail) is written.
        QCOMPARE(count("{'type':'trait','trait':'reachable:meta','op':'is','value':'Yes'}"), std::int64_t(1));
        QCOMPARE(count("{'type':'trait','trait':'reachable:mailchimp','op':'is','value':'Yes'}"), std::int64_t(0));
        // Segment's identity file leaves nobody out.
        QCOMPARE(count("{'type':'trait','trait':'reachable:segment','op':'is','value':'Yes'}"), std::int64_t(5));
    }

    void rfmSaysWhenFrequencyCannotSeparateBuyers()
    {
        // Every buyer has one order: the tie rule gives them all F1, so only one frequency score is used.
        services::SegmentInsightsRequest everyone{parse("{'type':'trait','trait':'order_count','op':'>=','value':0}"),
                                                  {}, {}, 10};
        auto session = services::SegmentSession::open(m_scratch.workspace(), {}, ProgressSink::null());
        QVERIFY(session);
        auto insights = session->insights(everyone);
        QVERIFY(insights);
        QCOMPARE(insights->frequencyScores, 1);
        // A second order for one of them: two order counts, two scores (never a skipped one).
        m_scratch.run({m_scratch.write("more.jsonl", {track(test::j("'userId':'ann'"), "20")})});
        session = services::SegmentSession::open(m_scratch.workspace(), {}, ProgressSink::null());
        QVERIFY(session);
        insights = session->insights(everyone);
        QVERIFY(insights);
        QCOMPARE(insights->frequencyScores, 2);
        std::int64_t f2 = 0;
        for (const auto &recency : insights->rfm) {
            f2 += recency[1];
            QCOMPARE(recency[2] + recency[3] + recency[4], std::int64_t(0));
        }
        QCOMPARE(f2, std::int64_t(1));
    }

private:
    test::JsonlScratch m_scratch;
};

QTEST_GUILESS_MAIN(TestReachability)
#include "tst_Reachability.moc"
