// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/SuppressionRepository.h"

#include "common/Text.h"
#include "store/Database.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace awb::store {

namespace {

const char *kindKey(SuppressionKind kind)
{
    return kind == SuppressionKind::Email ? "email" : "user_id";
}

// Lower case letters only: "Hard Bounce" and "hard-bounce" read the same.
std::string letters(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        if (std::isalpha(static_cast<unsigned char>(c))) {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return out;
}

} // namespace

std::string_view suppressionReasonKey(SuppressionReason reason)
{
    switch (reason) {
    case SuppressionReason::Unsubscribed:
        return "unsubscribed";
    case SuppressionReason::Bounced:
        return "bounced";
    case SuppressionReason::Complained:
        return "complained";
    case SuppressionReason::Other:
        break;
    }
    return "other";
}

std::optional<SuppressionReason> parseSuppressionReason(std::string_view text)
{
    struct Word
    {
        const char *word;
        SuppressionReason reason;
    };
    static constexpr std::array kWords = {
        Word{"unsubscribed", SuppressionReason::Unsubscribed},
        Word{"unsubscribe", SuppressionReason::Unsubscribed},
        Word{"unsub", SuppressionReason::Unsubscribed},
        Word{"optedout", SuppressionReason::Unsubscribed},
        Word{"optout", SuppressionReason::Unsubscribed},
        Word{"bounced", SuppressionReason::Bounced},
        Word{"bounce", SuppressionReason::Bounced},
        Word{"hardbounce", SuppressionReason::Bounced},
        Word{"softbounce", SuppressionReason::Bounced},
        Word{"cleaned", SuppressionReason::Bounced},
        Word{"complained", SuppressionReason::Complained},
        Word{"complaint", SuppressionReason::Complained},
        Word{"spam", SuppressionReason::Complained},
        Word{"spamreport", SuppressionReason::Complained},
        Word{"abuse", SuppressionReason::Complained},
        Word{"other", SuppressionReason::Other},
    };
    const std::string key = letters(trimmed(text));
    const auto it = std::find_if(kWords.begin(), kWords.end(), [&](const Word &w) { return key == w.word; });
    return it == kWords.end() ? std::nullopt : std::optional(it->reason);
}

bool SuppressionRepository::add(const Suppression &s)
{
    auto st = m_db.prepare("INSERT OR IGNORE INTO suppressions (kind, value, reason, source, added_at) "
                           "VALUES (?, ?, ?, ?, ?)");
    st.bind(1, kindKey(s.kind)).bind(2, s.value).bind(3, suppressionReasonKey(s.reason));
    st.bind(4, s.source).bind(5, s.addedAtMs).run();
    return m_db.changes() > 0;
}

std::vector<Suppression> SuppressionRepository::list()
{
    auto st = m_db.prepare("SELECT kind, value, reason, source, added_at FROM suppressions "
                           "ORDER BY kind = 'user_id', value");
    std::vector<Suppression> out;
    while (st.step()) {
        Suppression s;
        s.kind = st.textView(0) == "email" ? SuppressionKind::Email : SuppressionKind::UserId;
        s.value = st.text(1);
        s.reason = parseSuppressionReason(st.textView(2)).value_or(SuppressionReason::Other);
        s.source = st.text(3);
        s.addedAtMs = st.int64(4);
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace awb::store
