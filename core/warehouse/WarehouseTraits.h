// SPDX-License-Identifier: GPL-3.0-or-later
// The people and traits of a warehouse in Segment's layout, computed inside the warehouse (warehouse mode):
//  - awb.identity_labels(node, label) (and awb.identity_moves, its rows whose label is another node): user
//  ids ("0" || user_id) and anonymous ids ("1" || anonymous_id) joined
//    into people the way the local importer merges profiles (an event carrying both ids joins them); a
//    person's key is the smallest node of its component, so a user id when there is one.
//  - awb.event_sources(event_name, table_name): where the events of a name are (a track's own table; pages,
//    screens and identifies as "Page Viewed", "Screen Viewed" and "Identify", as the local importer names
//    them).
//  - awb.traits: one row per person first seen before now, with the behaviour traits below, computed from the
//    events before now in one pass per source table. Dates are ms since the epoch, like the local trait
//    table.
// Every statement is portable SQL (see portabilityProblems): no FILTER, LATERAL, arrays, generate_series,
// ntile or RANGE frames, so the same statements run on Redshift and Greenplum.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace awb::warehouse {

class PgConnection;

/// What the warehouse reads from the source schema (issue 16's "mapping once"), kept per source schema in
/// awb.source_definition(source_schema, key, value). Defaults: the names of Segment's warehouse connector and
/// of its e-commerce spec.
struct SourceMapping
{
    std::string orderEvent = "Order Completed";
    std::string refundEvent = "Order Refunded";
    std::vector<std::string> valueColumns = {"revenue", "total"}; ///< an order's value: the first set one
    /// The value columns joined with commas ("revenue,total"), as stored and shown.
    std::string valueColumnList() const;
    /// Sets the value columns from such a list; blanks around names and empty names are dropped.
    void setValueColumnList(std::string_view list);
    /// The identity columns of every event table: the user id, and the id of a visitor not known yet (empty:
    /// the source has none).
    std::string userIdColumn = "user_id";
    std::string anonymousIdColumn = "anonymous_id";
    /// One row per user id, whose other columns are the person's attributes in exports (empty: none).
    std::string profileTable = "users";
    std::string profileKey = "id"; ///< its column holding the user id
};

/// The tables of the source schema, the SQL type of each of their columns and the stored mapping.
struct SourceTables
{
    std::string schema;
    std::map<std::string, std::map<std::string, std::string>> columns; ///< table -> column -> data type
    /// Put after a person key compared or sorted in SQL so that it orders by bytes, as the workspace does
    /// (SQLite's BINARY), whatever the database's or the column's collation: ' COLLATE "C"' on PostgreSQL
    /// and its kin, empty on Redshift, which has no such clause and compares bytes.
    std::string byteOrder;
    SourceMapping mapping;

    bool has(const std::string &table) const { return columns.count(table) > 0; }
    /// The type of table.column, empty when there is no such column.
    std::string typeOf(const std::string &table, const std::string &column) const;
    /// schema.table, quoted.
    std::string qualified(const std::string &table) const;
    /// alias.column of table as text; NULL when the table has no such column or column is empty.
    std::string textOf(const std::string &table, const std::string &column, const std::string &alias) const;
    /// The person node of a row of table aliased alias: "0" || its user id, else "1" || its anonymous id (the
    /// mapping's identity columns; NULL without either).
    std::string nodeOf(const std::string &table, const std::string &alias) const;
    /// True for a row of table aliased alias that carries an id of either kind.
    std::string identified(const std::string &table, const std::string &alias) const;
};

/// The person of an event row aliased alias with a column "node" ("0" || user_id, else "1" || anonymous_id):
/// the expression, and the join it needs (awb.identity_moves holds the nodes that belong to another node's
/// person).
std::string personOf(const std::string &alias);
std::string personJoin(const std::string &alias);
/// The 4-hex-digit md5 prefix of a person expression, by which people are sampled and split into parts.
std::string partOf(const std::string &person);
/// Every event of the source with its person: (person, ts, kind, name). A traits refresh reads it once into
/// the temporary table awb_person_events, from which awb.people and traitsSql compute.
std::string personEventsSql(const SourceTables &source);
/// Every person of the source with the time of their first event: (person, first_seen). Each traits refresh
/// stores it once in awb.people(person, first_seen, part), which audiences read part by part.
std::string peopleSql(const SourceTables &source);

/// Reads the source schema's tables from information_schema, and its stored mapping. Throws PgError.
SourceTables readSourceTables(PgConnection &pg, const std::string &schema);

/// The first schema of the connection's search_path ("public" when it names none).
std::string sourceSchemaOf(PgConnection &pg);

/// The mapping stored for the schema, defaults for what is not stored. Throws PgError.
SourceMapping readMapping(PgConnection &pg, const std::string &schema);
/// Stores the mapping for the schema (replacing what was). Throws PgError.
void writeMapping(PgConnection &pg, const std::string &schema, const SourceMapping &mapping);

/// The traits computed in the warehouse (trait ids as in traits/TraitInfos.h).
const std::vector<std::string> &warehouseTraitIds();

struct WarehouseTraitsInfo
{
    std::int64_t nowMs = 0;
    std::int64_t people = 0;
    std::int64_t events = 0; ///< events before now
};

/// Just after the latest event of the source (the local default for "now"). Throws PgError.
std::int64_t latestEventMs(PgConnection &pg, const SourceTables &source);

/// Rebuilds awb.identity_labels, awb.event_sources and awb.traits as of nowMs, in one transaction, and
/// awb.traits_info(now_ms, source_schema, latest_event_ms). Throws PgError.
WarehouseTraitsInfo refreshWarehouseTraits(PgConnection &pg, const SourceTables &source, std::int64_t nowMs);

/// The statement that creates awb.traits from awb_person_events with the source's mapping ($1: now in ms, $2:
/// the refund event's name; exposed for the lint).
std::string traitsSql(const SourceTables &source);

/// The portable-SQL rules this statement breaks (empty when none), e.g. "uses FILTER".
std::vector<std::string> portabilityProblems(const std::string &sql);

} // namespace awb::warehouse
