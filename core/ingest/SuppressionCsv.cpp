// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/SuppressionCsv.h"

#include "common/Text.h"
#include "export/Normalizer.h"
#include "ingest/CsvReader.h"
#include "ingest/InputFile.h"
#include "jobs/Progress.h"
#include "store/ProfileFields.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

namespace awb::ingest {

namespace {

constexpr std::size_t kMaxMessages = 20;
constexpr std::int64_t kCheckEvery = 4096;
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

std::string folded(std::string_view header)
{
    std::string out;
    for (const char c : trimmed(header)) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return out;
}

// The separator the header line uses most: ',', ';' or tab (comma when none).
Result<char> sniffDelimiter(const std::string &path)
{
    auto file = InputFile::open(path);
    if (!file) {
        return fail(file.error());
    }
    std::array<char, 8192> buffer{};
    const std::size_t n = (*file)->read(buffer.data(), buffer.size());
    const std::string_view head(buffer.data(), n);
    const std::string_view line = head.substr(0, head.find('\n'));
    char best = ',';
    std::ptrdiff_t most = 0;
    for (const char c : {',', ';', '\t'}) {
        const auto count = std::count(line.begin(), line.end(), c);
        if (count > most) {
            most = count;
            best = c;
        }
    }
    return best;
}

struct Columns
{
    std::size_t email = kNone;
    std::size_t userId = kNone;
    std::size_t reason = kNone;
};

Columns findColumns(const std::vector<std::string> &header)
{
    Columns c;
    int bestRank = 1000;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string name = folded(header[i]);
        if (c.email == kNone && store::recogniseProfileField(header[i]) == store::ProfileField::Email) {
            c.email = i;
        } else if (const auto rank = store::userIdColumnRank(header[i]); rank && *rank < bestRank) {
            c.userId = i;
            bestRank = *rank;
        } else if (c.reason == kNone && (name == "reason" || name == "status" || name == "type" ||
                                         name == "suppressionreason" || name == "suppressiontype")) {
            c.reason = i;
        }
    }
    return c;
}

std::optional<store::SuppressionReason> reasonFromMailchimpHeader(const std::vector<std::string> &header)
{
    for (const std::string &h : header) {
        const std::string name = folded(h);
        if (name == "unsubtime") {
            return store::SuppressionReason::Unsubscribed;
        }
        if (name == "cleantime") {
            return store::SuppressionReason::Bounced;
        }
    }
    return std::nullopt;
}

class Reader
{
public:
    Reader(SuppressionFile &out, std::string fileName) : m_out(out), m_name(std::move(fileName)) {}

    void bad(std::int64_t line, const std::string &why)
    {
        ++m_out.badRows;
        if (m_out.badRowMessages.size() < kMaxMessages) {
            m_out.badRowMessages.push_back(m_name + ":" + std::to_string(line) + ": " + why);
        }
    }

    void row(const CsvReader::Record &r, const Columns &c, store::SuppressionReason fallback)
    {
        ++m_out.rows;
        if (!r.error.empty()) {
            bad(r.line, r.error);
            return;
        }
        auto reason = fallback;
        if (c.reason != kNone && c.reason < r.size() && !trimmed(r.field(c.reason)).empty()) {
            const auto parsed = store::parseSuppressionReason(r.field(c.reason));
            if (!parsed) {
                bad(r.line, "unknown reason '" + std::string(trimmed(r.field(c.reason))) +
                                "' (expected unsubscribed, bounced, complained or other)");
                return;
            }
            reason = *parsed;
        }
        const std::string_view rawEmail = c.email < r.size() ? trimmed(r.field(c.email)) : std::string_view();
        const std::string_view userId = c.userId < r.size() ? trimmed(r.field(c.userId)) : std::string_view();
        if (rawEmail.empty() && userId.empty()) {
            bad(r.line, "no e-mail address or user id");
            return;
        }
        if (!rawEmail.empty()) {
            std::string email = exports::normalizeEmail(rawEmail);
            if (email.empty()) {
                bad(r.line, "'" + std::string(rawEmail) + "' is not an e-mail address");
            } else {
                m_out.entries.push_back({store::SuppressionKind::Email, std::move(email), reason, m_name, 0});
            }
        }
        if (!userId.empty()) {
            m_out.entries.push_back({store::SuppressionKind::UserId, std::string(userId), reason, m_name, 0});
        }
    }

private:
    SuppressionFile &m_out;
    std::string m_name;
};

} // namespace

Result<SuppressionFile> readSuppressionCsv(const std::string &path,
                                           std::optional<store::SuppressionReason> reason,
                                           ProgressSink &progress)
{
    const auto delimiter = sniffDelimiter(path);
    if (!delimiter) {
        return fail(delimiter.error());
    }
    auto file = InputFile::open(path);
    if (!file) {
        return fail(file.error());
    }
    const std::string name = (*file)->name();
    progress.setStage("Reading " + name);
    progress.setRange((*file)->size());
    try {
        CsvReader csv(**file, *delimiter);
        CsvReader::Record record;
        if (!csv.next(record) || !record.error.empty()) {
            return fail(Error::Code::InvalidInput,
                        name + ":1: " + (record.error.empty() ? "the file is empty" : record.error) + ".");
        }
        const std::vector<std::string> header = record.fields();
        const Columns columns = findColumns(header);
        SuppressionFile out;
        if (columns.email == kNone && columns.userId == kNone) {
            std::string names;
            for (const std::string &h : header) {
                names += (names.empty() ? "" : ", ") + h;
            }
            return fail(Error::Code::InvalidInput,
                        name + ":1: no e-mail or user id column (headers: " + names + ").");
        }
        out.emailColumn = columns.email == kNone ? std::string() : header[columns.email];
        out.userIdColumn = columns.userId == kNone ? std::string() : header[columns.userId];
        const auto guessed = reasonFromMailchimpHeader(header);
        const auto fallback = reason ? *reason : guessed.value_or(store::SuppressionReason::Other);
        const std::string fallbackText =
            std::string(store::suppressionReasonKey(fallback)) + (reason    ? " (--reason)"
                                                                  : guessed ? " (Mailchimp export header)"
                                                                            : " (no reason given)");
        out.reasonFrom = columns.reason == kNone
                             ? fallbackText
                             : "column '" + header[columns.reason] + "', else " + fallbackText;
        Reader reader(out, name);
        while (csv.next(record)) {
            reader.row(record, columns, fallback);
            if (out.rows % kCheckEvery == 0) {
                progress.setValue((*file)->position());
                if (progress.isCancelled()) {
                    return fail(Error::cancelled());
                }
            }
        }
        progress.setValue((*file)->size());
        return out;
    } catch (const std::runtime_error &e) {
        return fail(Error::Code::Io, name + ": " + e.what());
    }
}

} // namespace awb::ingest
