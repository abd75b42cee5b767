// SPDX-License-Identifier: GPL-3.0-or-later
// importProfilesCsv: one row per person, joined on user id; recognised headers become the profile fields
// of store/ProfileFields.h, any other column a custom attribute of the same name.
#include "common/Text.h"
#include "ingest/CsvReader.h"
#include "ingest/EventWriter.h"
#include "ingest/ImportReport.h"
#include "ingest/Importers.h"
#include "ingest/InputFile.h"
#include "ingest/ProfileRowReader.h"
#include "jobs/Progress.h"
#include "store/ProfileFields.h"

#include <optional>

namespace awb::ingest {

namespace {

struct ProfileColumns
{
    std::size_t userId = 0;
    std::vector<ProfileRowReader::Column> columns;
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
        if (i != out.userId && !trimmed(header[i]).empty()) {
            out.columns.push_back(ProfileRowReader::column(i, header[i]));
        }
    }
    return out;
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
    const ProfileRowReader profileReader(std::move(cols->columns));
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
                                  : profileReader.read(rec, attributes, email);
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
