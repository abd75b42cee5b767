// SPDX-License-Identifier: GPL-3.0-or-later
// importProfilesCsv: one row per person, joined on user id; recognised headers become the profile fields
// of store/ProfileFields.h, any other column a custom attribute of the same name.
#include "common/Text.h"
#include "ingest/CsvReader.h"
#include "ingest/EventWriter.h"
#include "ingest/ImportReport.h"
#include "ingest/Importers.h"
#include "ingest/InputFile.h"
#include "jobs/Progress.h"
#include "store/ProfileFields.h"

#include <optional>

namespace awb::ingest {

namespace {

struct ProfileColumn
{
    std::size_t index;
    std::string header;                       ///< as written in the file, for messages
    std::string key;                          ///< attribute key (custom: the header as written)
    std::optional<store::ProfileField> field; ///< nullopt: a custom attribute
};

struct ProfileColumns
{
    std::size_t userId = 0;
    std::vector<ProfileColumn> columns;
};

Result<ProfileColumns> resolveColumns(const std::vector<std::string> &header, const std::string &keyColumn,
                                      const std::string &fileName)
{
    ProfileColumns out;
    std::optional<int> bestRank;
    bool found = false;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string_view h = trimmed(header[i]);
        if (!keyColumn.empty()) {
            if (h == trimmed(keyColumn)) {
                out.userId = i;
                found = true;
            }
        } else if (const auto rank = store::userIdColumnRank(h); rank && (!bestRank || *rank < *bestRank)) {
            bestRank = rank;
            out.userId = i;
            found = true;
        }
    }
    if (!found) {
        return fail(Error::Code::InvalidInput,
                    fileName + (keyColumn.empty()
                                    ? std::string(": no user id column (a header such as \"user_id\", "
                                                  "\"External ID\" or \"customer_id\"; or name it)")
                                    : ": the user id column \"" + keyColumn + "\" is not in the header"));
    }
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string key(trimmed(header[i]));
        if (i == out.userId || key.empty()) {
            continue;
        }
        const std::optional<store::ProfileField> field = store::recogniseProfileField(key);
        out.columns.push_back({i, key, field ? std::string(store::profileFieldKey(*field)) : key, field});
    }
    return out;
}

/// Fills attributes and email from a row; returns the reason it is rejected, or empty.
std::string readRow(const CsvReader::Record &rec, const ProfileColumns &cols,
                    std::vector<store::ProfileAttribute> &attributes, std::string &email)
{
    attributes.clear();
    email.clear();
    for (const ProfileColumn &c : cols.columns) {
        const std::string_view value =
            c.index < rec.size() ? trimmed(rec.field(c.index)) : std::string_view();
        if (value.empty()) {
            continue; // an empty cell keeps what the profile had
        }
        if (c.field == store::ProfileField::Email) {
            email.assign(value);
        } else if (c.field == store::ProfileField::EmailConsent) {
            bool ok = true;
            const std::optional<bool> consent = store::parseConsent(value, ok);
            if (!ok) {
                return "bad consent \"" + std::string(value) + "\" in column \"" + c.header +
                       "\" (true/false, yes/no or 1/0)";
            }
            attributes.push_back({c.key, *consent ? "true" : "false"});
        } else {
            attributes.push_back({c.key, std::string(value)});
        }
    }
    return {};
}

} // namespace

Result<void> importProfilesCsv(InputFile &file, const std::string &keyColumn, ImportContext &ctx)
{
    const std::string name = file.name();
    CsvReader reader(file, ',');
    CsvReader::Record rec;
    if (!reader.next(rec)) {
        return {}; // an empty file
    }
    if (!rec.error.empty() || !rec.isValidUtf8()) {
        return fail(Error::Code::InvalidInput, name + ": the header line is unreadable");
    }
    reader.setExpectedFields(rec.size());
    auto cols = resolveColumns(rec.fields(), keyColumn, name);
    if (!cols) {
        return fail(cols.error());
    }
    std::vector<store::ProfileAttribute> attributes;
    std::string email;
    for (std::int64_t n = 1; reader.next(rec); ++n) {
        if (!ctx.rowRead(n, file)) {
            return fail(Error::cancelled());
        }
        if (rec.isBlank()) {
            ++ctx.report.blank;
            continue;
        }
        std::string problem = !rec.error.empty()   ? rec.error
                              : !rec.isValidUtf8() ? std::string("invalid UTF-8")
                              : rec.size() <= cols->userId || trimmed(rec.field(cols->userId)).empty()
                                  ? std::string("no user id")
                                  : readRow(rec, *cols, attributes, email);
        if (!problem.empty()) {
            ctx.report.reject(name, rec.line, std::move(problem));
            continue;
        }
        const std::int64_t profile = ctx.writer.profileOfUser(std::string(trimmed(rec.field(cols->userId))));
        ctx.writer.setAttributes(profile, attributes, email);
        ++ctx.report.profileRows;
    }
    return {};
}

} // namespace awb::ingest
