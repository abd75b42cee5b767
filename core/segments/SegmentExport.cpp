// SPDX-License-Identifier: GPL-3.0-or-later
#include "segments/SegmentExport.h"

#include "export/ConsentFilter.h"
#include "export/CsvWriter.h"
#include "export/ExportPresets.h"
#include "export/TraitReader.h"
#include "jobs/Progress.h"
#include "store/Database.h"
#include "store/ProfileRepository.h"

namespace awb::segments {

namespace {

constexpr std::int64_t kCheckEvery = 1024;

void splitIds(std::string_view joined, std::vector<std::string> &out)
{
    out.clear();
    std::size_t start = 0;
    while (start < joined.size()) {
        const std::size_t sep = std::min(joined.find('\x1f', start), joined.size());
        out.emplace_back(joined.substr(start, sep - start));
        start = sep + 1;
    }
}

} // namespace

void writeMember(exports::MemberRecord &member, exports::TraitReader &traits, const exports::RowFormatter &formatter,
                 exports::CsvWriter &writer, ExportCounts &counts, std::vector<std::string> &cells)
{
    traits.read(member);
    if (const char *why = formatter.format(member, cells)) {
        ++counts.skipped;
        counts.leftOut += exports::isConsentReason(why) ? 1 : 0;
    } else {
        writer.writeRow(cells);
        ++counts.written;
    }
}

Result<ExportCounts> writeSegmentMembers(store::Database &db, const traits::TraitTable &table,
                                         const Bitset &rows, const exports::RowFormatter &formatter,
                                         exports::CsvWriter &writer, ProgressSink &progress)
{
    auto st =
        db.prepare("SELECT p.email, " + std::string(store::kAttributesOfP) +
                   ", "
                   "(SELECT min(value) FROM identities WHERE profile_id = p.id AND kind = 0), "
                   "(SELECT group_concat(value, char(31)) FROM (SELECT value FROM identities "
                   "WHERE profile_id = p.id AND kind = 1 ORDER BY value)) FROM profiles p WHERE p.id = ?1");
    exports::TraitReader traits(formatter.preset());
    ExportCounts counts;
    std::vector<std::string> cells;
    for (const std::size_t row : rows.rows()) {
        exports::MemberRecord m;
        m.rank = ++counts.members;
        m.profileId = table.profileIds[row];
        st.bind(1, m.profileId);
        if (st.step()) {
            m.email = st.isNull(0) ? std::string() : st.text(0);
            m.traitsJson = st.text(1);
            m.userId = st.isNull(2) ? std::string() : st.text(2);
            splitIds(st.isNull(3) ? std::string_view() : st.textView(3), m.anonymousIds);
        }
        st.reset();
        writeMember(m, traits, formatter, writer, counts, cells);
        if (counts.members % kCheckEvery == 0) {
            progress.setValue(counts.members);
            if (progress.isCancelled()) {
                return fail(Error::cancelled());
            }
        }
    }
    progress.setValue(counts.members);
    return counts;
}

} // namespace awb::segments
