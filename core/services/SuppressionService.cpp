// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/SuppressionService.h"

#include "common/Time.h"
#include "ingest/SuppressionCsv.h"
#include "jobs/Progress.h"
#include "services/WithWorkspace.h"

#include <algorithm>
#include <map>

namespace awb::services {

namespace {

std::vector<std::pair<std::string, std::int64_t>> mostFirst(const std::map<std::string, std::int64_t> &counts)
{
    std::vector<std::pair<std::string, std::int64_t>> out(counts.begin(), counts.end());
    std::stable_sort(out.begin(), out.end(),
                     [](const auto &a, const auto &b) { return a.second > b.second; });
    return out;
}

std::int64_t countListed(store::Database &db)
{
    auto st = db.prepare("SELECT count(*) FROM suppressions");
    return st.step() ? st.int64(0) : 0;
}

} // namespace

std::string SuppressionImportReport::toText() const
{
    std::string s = "imported suppression list " + file + "\n";
    s += "  columns:  " + (emailColumn.empty() ? std::string("-") : "e-mail '" + emailColumn + "'") +
         (userIdColumn.empty() ? std::string() : ", user id '" + userIdColumn + "'") + "\n";
    s += "  reasons:  " + reasonFrom + "\n";
    s += "  rows:     " + std::to_string(rows) + "\n";
    s += "  added:    " + std::to_string(added);
    for (std::size_t i = 0; i < addedByReason.size(); ++i) {
        s += (i == 0 ? " (" : ", ") + std::to_string(addedByReason[i].second) + " " + addedByReason[i].first;
    }
    s += addedByReason.empty() ? "\n" : ")\n";
    s += "  already listed: " + std::to_string(alreadyListed) + "\n";
    s += "  bad rows: " + std::to_string(badRows) + "\n";
    for (const std::string &m : badRowMessages) {
        s += "    " + m + "\n";
    }
    s += "  on the list now: " + std::to_string(listed) + "\n";
    return s;
}

SuppressionService::SuppressionService(std::string workspacePath) : m_path(std::move(workspacePath)) {}

Result<SuppressionImportReport>
SuppressionService::importCsv(const std::string &file, const std::string &reason, ProgressSink &progress)
{
    std::optional<store::SuppressionReason> given;
    if (!reason.empty()) {
        given = store::parseSuppressionReason(reason);
        if (!given) {
            return fail(Error::Code::InvalidInput, "Unknown suppression reason '" + reason +
                                                       "' (expected unsubscribed, bounced, complained or "
                                                       "other).");
        }
    }
    auto read = ingest::readSuppressionCsv(file, given, progress);
    if (!read) {
        return fail(read.error());
    }
    SuppressionImportReport report;
    report.file = file;
    report.rows = read->rows;
    report.badRows = read->badRows;
    report.badRowMessages = std::move(read->badRowMessages);
    report.emailColumn = read->emailColumn;
    report.userIdColumn = read->userIdColumn;
    report.reasonFrom = read->reasonFrom;
    return withWorkspace<SuppressionImportReport>(m_path, "Suppression list", [&](store::Database &db) {
        store::Transaction tx(db);
        store::SuppressionRepository repo(db);
        std::map<std::string, std::int64_t> byReason;
        const std::int64_t now = nowMs();
        for (store::Suppression &s : read->entries) {
            s.addedAtMs = now;
            if (repo.add(s)) {
                ++report.added;
                ++byReason[std::string(store::suppressionReasonKey(s.reason))];
            } else {
                ++report.alreadyListed;
            }
        }
        tx.commit();
        report.addedByReason = mostFirst(byReason);
        report.listed = countListed(db);
        return report;
    });
}

Result<std::vector<store::Suppression>> SuppressionService::list()
{
    return withWorkspace<std::vector<store::Suppression>>(
        m_path, "Suppression list",
        [](store::Database &db) { return store::SuppressionRepository(db).list(); });
}

Result<SuppressionSummary> SuppressionService::summary()
{
    return withWorkspace<SuppressionSummary>(m_path, "Suppression list", [](store::Database &db) {
        SuppressionSummary out;
        std::map<std::string, std::int64_t> byReason;
        auto st = db.prepare("SELECT kind, reason, count(*) FROM suppressions GROUP BY kind, reason");
        while (st.step()) {
            (st.textView(0) == "email" ? out.emails : out.userIds) += st.int64(2);
            byReason[st.text(1)] += st.int64(2);
        }
        out.byReason = mostFirst(byReason);
        return out;
    });
}

} // namespace awb::services
