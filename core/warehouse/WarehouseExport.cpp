// SPDX-License-Identifier: GPL-3.0-or-later
#include "warehouse/WarehouseExport.h"

#include "common/JsonText.h"
#include "export/BatchFormatter.h"
#include "export/CsvWriter.h"
#include "export/ExportPresets.h"
#include "export/TraitReader.h"
#include "warehouse/PgConnection.h"
#include "warehouse/SnakeCase.h"
#include "warehouse/WarehouseSession.h"
#include "warehouse/WarehouseTraits.h"

namespace awb::warehouse {

namespace {

constexpr int kFetchRows = 5000;

// The profile table's columns as one flat JSON object (attributes the export's trait reader takes).
std::string attributesJson(const PgResult &rows, int row, int firstColumn,
                           const std::vector<std::string> &names)
{
    std::string json = "{";
    for (std::size_t c = 0; c < names.size(); ++c) {
        const int column = firstColumn + static_cast<int>(c);
        if (rows.isNull(row, column)) {
            continue;
        }
        json += json.size() > 1 ? "," : "";
        appendJsonString(json, names[c]);
        json += ':';
        appendJsonString(json, rows.text(row, column));
    }
    return json + "}";
}

} // namespace

Result<segments::ExportCounts> exportMembers(const std::string &uri, const WarehouseExportRequest &request,
                                             ProgressSink &progress)
{
    auto preset = exports::makePreset(
        request.preset, request.preset == "generic" ? request.columns : std::vector<std::string>{});
    if (!preset) {
        return fail(preset.error());
    }
    exports::RowFormatter formatter(std::move(*preset), request.defaultCountry);
    exports::CsvWriter writer(request.outFile);
    try {
        const auto pg = PgConnection::connect(uri);
        pg->setCancelCheck([&progress] { return progress.isCancelled(); });
        const SourceTables source = readSourceTables(*pg, sourceSchemaOf(*pg));
        const bool audience = !request.audience.empty();
        const std::string name = audience ? request.audience : request.segment;
        const std::optional<std::int64_t> audienceId =
            audience ? detail::audienceIdOf(*pg, source.schema, name) : std::nullopt;
        const bool found =
            audience
                ? audienceId.has_value()
                : detail::savedSegmentsReady(*pg, source.schema) &&
                      pg->exec("SELECT count(*) FROM awb.segments WHERE name = $1 AND source_schema = $2",
                               {name, source.schema})
                              .int64(0, 0) > 0;
        if (!found) {
            return fail(Error::Code::NotFound,
                        (audience ? "No audience named '" : "No segment named '") + name + "' was " +
                            (audience ? "created" : "saved") + " in " + redactedUri(uri) +
                            (audience ? " (awb audience create)." : " (awb segment save)."));
        }
        // The columns of the profile table are the person's attributes; its key and load times are not.
        const std::string &profiles = source.mapping.profileTable;
        const std::string &key = source.mapping.profileKey;
        const bool withProfiles = !profiles.empty() && !source.typeOf(profiles, key).empty();
        std::vector<std::string> attributes;
        std::string select;
        if (withProfiles) {
            for (const auto &[column, type] : source.columns.at(profiles)) {
                if (column != key && column != "received_at" && column != "uuid_ts" &&
                    column != "loaded_at") {
                    attributes.push_back(column);
                    select += ", CAST(u." + sqlName(column) + " AS text)";
                }
            }
        }
        const std::string users = withProfiles
                                      ? " LEFT JOIN (SELECT * FROM " + source.qualified(profiles) +
                                            ") u ON substr(l.node, 1, 1) = '0' AND " +
                                            source.textOf(profiles, key, "u") + " = substr(l.node, 2)"
                                      : "";
        if (const Result<void> opened = writer.open(); !opened) {
            return fail(opened.error());
        }
        writer.setColumnKinds(exports::cellKinds(formatter.preset()));
        writer.writeHeader(formatter.preset().header());
        pg->execScript("BEGIN");
        const std::string members =
            audience
                ? "SELECT m.person_id, l.node" + select +
                      ", m.rank, m.score FROM awb.audience_memberships m JOIN awb.audiences a ON "
                      "a.audience_id = m.audience_id JOIN awb.identity_labels l ON l.label = m.person_id" +
                      users +
                      " WHERE a.audience_id = CAST($1 AS bigint) AND NOT m.control ORDER BY m.rank, l.node" +
                      source.byteOrder
                : "SELECT m.person_key, l.node" + select +
                      ", 0, 0 FROM awb.segment_members m JOIN awb.identity_labels l ON l.label = "
                      "m.person_key" +
                      users + " WHERE m.segment_name = $1 AND m.source_schema = $2 ORDER BY m.person_key" +
                      source.byteOrder + ", l.node" + source.byteOrder;
        pg->exec("DECLARE awb_members NO SCROLL CURSOR FOR " + members,
                 audience ? std::vector<PgParam>{std::to_string(*audienceId)}
                          : std::vector<PgParam>{name, source.schema});
        const int rankColumn = 2 + static_cast<int>(attributes.size());
        exports::TraitReader traits(formatter.preset());
        segments::ExportCounts counts;
        std::vector<std::string> cells;
        exports::MemberRecord member;
        std::string person;
        const auto finish = [&] {
            if (person.empty()) {
                return;
            }
            segments::writeMember(member, traits, formatter, writer, counts, cells);
        };
        for (;;) {
            const PgResult rows = pg->exec("FETCH " + std::to_string(kFetchRows) + " FROM awb_members");
            progress.setValue(counts.members);
            if (progress.isCancelled()) {
                writer.discard();
                return fail(Error::cancelled());
            }
            for (int r = 0; r < rows.rows(); ++r) {
                if (rows.text(r, 0) != person) {
                    finish();
                    person = rows.text(r, 0);
                    member = exports::MemberRecord();
                    ++counts.members;
                    member.rank = audience ? rows.int64(r, rankColumn) : counts.members;
                    member.score = rows.real(r, rankColumn + 1);
                    member.traitsJson = "{}";
                }
                const std::string_view node = rows.text(r, 1);
                if (node.starts_with('0')) {
                    // The person's smallest user id, with its row of the profile table.
                    if (member.userId.empty()) {
                        member.userId = node.substr(1);
                        member.traitsJson = attributesJson(rows, r, 2, attributes);
                    }
                } else {
                    member.anonymousIds.emplace_back(node.substr(1));
                }
            }
            if (rows.rows() < kFetchRows) {
                break;
            }
        }
        finish();
        pg->execScript("CLOSE awb_members; COMMIT");
        if (const Result<void> committed = writer.commit(); !committed) {
            return fail(committed.error());
        }
        return counts;
    } catch (const PgCancelled &) {
        writer.discard();
        return fail(Error::cancelled());
    } catch (const PgError &e) {
        writer.discard();
        return fail(Error::Code::Database, e.what());
    }
}

} // namespace awb::warehouse
