// SPDX-License-Identifier: GPL-3.0-or-later
#include "AttributeWorkspace.h"

#include "TestUtil.h"
#include "jobs/Progress.h"
#include "services/ImportService.h"

#include <QDir>

namespace awb::test {

namespace {

std::string order(const std::string &who, int day)
{
    return R"({"type":"track","event":"Order Completed",)" + who + R"(,"timestamp":"2026-03-0)" +
           std::to_string(day) + R"(T10:00:00Z","properties":{"revenue":50}})" + "\n";
}

std::string identify(const char *user, const char *email)
{
    return std::string(R"({"type":"identify","userId":")") + user + R"(","traits":{)" +
           (*email ? std::string(R"("email":")") + email + "\"" : std::string()) +
           R"(},"timestamp":"2026-03-01T09:00:00Z"})" + "\n";
}

} // namespace

std::string makeAttributeWorkspace(const QString &dir, std::string &error)
{
    const QDir d(dir);
    const std::string people = writeFile(
        d.filePath(QStringLiteral("attribute-people.jsonl")),
        identify("ann", "ann@example.com") + identify("bob", "bob@example.com") + identify("cat", "") +
            identify("dan", "dan@example.com") + order(R"("userId":"ann")", 2) +
            order(R"("userId":"bob")", 3) + order(R"("userId":"cat")", 4) + order(R"("userId":"dan")", 5) +
            order(R"("anonymousId":"guest-1")", 6));
    const std::string profiles =
        writeFile(d.filePath(QStringLiteral("attribute-profiles.csv")),
                  "user_id,city,zip,birthday,plan,points,signup,vip,accepts_marketing,phone\n"
                  "ann,Paris,01234,1990-05-01,Gold,120,2026-01-10,yes,yes,\n"
                  "bob,paris,75001,1985-12-24,Silver,40.5,2026-02-20,no,no,+33 1 23 45 67 89\n"
                  "cat,Lyon,69001,,Gold,,2026-03-01T08:00:00Z,true,,\n"
                  "dan,Berlin,10115,2000-01-01,,7,,,,+49 30 1234567\n");
    const std::string workspace = d.filePath(QStringLiteral("attributes.awb")).toStdString();
    services::ImportSpec spec;
    spec.files = {people};
    spec.profileFiles = {profiles};
    auto report = services::ImportService(workspace).run(spec, ProgressSink::null());
    if (!report) {
        error = report.error().message;
        return {};
    }
    return workspace;
}

} // namespace awb::test
