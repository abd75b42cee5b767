// SPDX-License-Identifier: GPL-3.0-or-later
// The suppression list: e-mail addresses and user ids that must not be written to e-mail tools
// (unsubscribed, bounced, complained), one row per key in table suppressions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace awb::store {

class Database;

enum class SuppressionReason
{
    Unsubscribed,
    Bounced,
    Complained,
    Other,
};

/// The stored word: "unsubscribed", "bounced", "complained", "other".
std::string_view suppressionReasonKey(SuppressionReason reason);
/// A reason as lists and users write it, case and blanks ignored: unsubscribed / unsubscribe / unsub /
/// opted out, bounced / bounce / hard bounce / cleaned (Mailchimp's word for bounced addresses), complained /
/// complaint / spam / abuse, other. nullopt otherwise.
std::optional<SuppressionReason> parseSuppressionReason(std::string_view text);

enum class SuppressionKind
{
    Email,  ///< value normalised (exports::normalizeEmail)
    UserId, ///< value trimmed
};

struct Suppression
{
    SuppressionKind kind = SuppressionKind::Email;
    std::string value;
    SuppressionReason reason = SuppressionReason::Other;
    std::string source; ///< the file name it came from
    std::int64_t addedAtMs = 0;
};

/// Reads and writes through the caller's connection. Every method throws StoreError on SQLite failure.
class SuppressionRepository
{
public:
    explicit SuppressionRepository(Database &db) : m_db(db) {}

    /// Adds the key unless it is listed already (then the listed row is kept). True when added.
    bool add(const Suppression &s);
    /// Every listed key, e-mails first, each kind in value order.
    std::vector<Suppression> list();

private:
    Database &m_db;
};

} // namespace awb::store
