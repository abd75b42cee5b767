// SPDX-License-Identifier: GPL-3.0-or-later
// A small workspace for consent and suppression tests: five identified people with e-mails, one who refused
// e-mail consent and one who gave it, in audience "All" (ranked p1..p5) and audience "Suppressed" (p3 and
// p4 only), and the two suppression lists that list p3 (Mailchimp unsubscribed export) and p4 (user id,
// bounced).
#pragma once

#include "audience/AudienceRepository.h"
#include "store/Database.h"

#include <QFile>
#include <QString>

#include <string>
#include <vector>

namespace awb::test {

struct ConsentPerson
{
    std::int64_t id;
    const char *userId;
    const char *email;
    const char *consent; ///< email_consent attribute, nullptr = unknown
};

/// p1 unknown consent; p2 refused; p3 unsubscribed (Mailchimp list); p4 bounced (user id list); p5 given.
inline const std::vector<ConsentPerson> &consentPeople()
{
    static const std::vector<ConsentPerson> people = {
        {1, "u1", "ann@example.com", nullptr},  {2, "u2", "bob@example.com", "false"},
        {3, "u3", "carol@example.com", "true"}, {4, "u4", "dan@example.com", nullptr},
        {5, "u5", "eve@example.com", "true"},
    };
    return people;
}

inline void addConsentAudience(store::Database &db, const std::string &name,
                               const std::vector<std::int64_t> &ids)
{
    audience::AudienceRepository repo(db);
    audience::AudienceInfo info;
    info.name = name;
    info.target = {"Category", "Beauty", {}};
    info.horizonMs = 30LL * 86400000;
    info.sizeRule = audience::SizeRule::ofCount(static_cast<std::int64_t>(ids.size()));
    info.id = repo.insert(info);
    audience::AudienceRepository::MemberInserter insert(db, info.id);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        insert.add(static_cast<std::int64_t>(i + 1), ids[i], 1.0 / static_cast<double>(i + 1));
    }
    info.eligible = info.size = static_cast<std::int64_t>(ids.size());
    repo.markLive(info, "{}");
}

/// Creates the workspace at path (which must not exist). False on failure.
inline bool makeConsentWorkspace(const std::string &path)
{
    auto db = store::Database::open(path, store::Database::OpenMode::CreateIfMissing);
    if (!db) {
        return false;
    }
    store::Database &d = **db;
    for (const ConsentPerson &p : consentPeople()) {
        d.prepare("INSERT INTO profiles (id, email) VALUES (?, ?)").bind(1, p.id).bind(2, p.email).run();
        d.prepare("INSERT INTO identities (kind, value, profile_id) VALUES (0, ?, ?)")
            .bind(1, p.userId)
            .bind(2, p.id)
            .run();
        auto attribute =
            d.prepare("INSERT INTO profile_attributes (profile_id, key, value) VALUES (?, ?, ?)");
        attribute.bind(1, p.id).bind(2, "first_name").bind(3, std::string(p.email).substr(0, 3)).run();
        if (p.consent) {
            attribute.bind(1, p.id).bind(2, "email_consent").bind(3, p.consent).run();
        }
    }
    addConsentAudience(d, "All", {1, 2, 3, 4, 5});
    addConsentAudience(d, "Suppressed", {3, 4});
    return true;
}

inline bool writeText(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

/// A Mailchimp "unsubscribed" export: p3's address (in another case, with blanks) and one bad address on
/// line 3.
inline const QByteArray kMailchimpUnsubscribed =
    "\xEF\xBB\xBF"
    "Email Address,First Name,Last "
    "Name,MEMBER_RATING,OPTIN_TIME,UNSUB_TIME,UNSUB_CAMPAIGN_TITLE,UNSUB_REASON\r\n"
    " Carol@Example.COM ,Carol,Jones,2,2024-01-02 10:00:00,2024-03-01 09:00:00,Spring sale,"
    "\"I no longer want to receive these emails\"\r\n"
    "not-an-address,X,Y,1,2024-01-02 10:00:00,2024-03-01 09:00:00,Spring sale,\r\n";

/// A user id list with a reason column, semicolon separated: p4 bounced, u9 complained, an unknown reason
/// on line 4.
inline const QByteArray kUserIdBounces = "user_id;reason\nu4;Hard bounce\nu9;spam\nu10;maybe later\n";

} // namespace awb::test
