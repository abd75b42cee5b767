// SPDX-License-Identifier: GPL-3.0-or-later
// Applies a CsvMapping to CSV records: resolves the mapped columns against the header once, then turns
// each record into a CsvRow (ids, event name, UTC time, product, money, properties) or a rejection reason.
#pragma once

#include "common/Result.h"
#include "ingest/CsvReader.h"
#include "ingest/EventRecord.h"
#include "ingest/LocalZone.h"

#include <optional>
#include <string>
#include <vector>

namespace awb::ingest {

struct CsvMapping;
class ProductCatalog;

/// The mapped columns as 0-based field indexes (-1 = not mapped) and property keys.
struct CsvColumns
{
    struct Keyed
    {
        int index;
        std::string key;
    };
    int userId = -1, anonymousId = -1, event = -1, timestamp = -1, messageId = -1, email = -1;
    int productId = -1, productIdFallback = -1, price = -1, quantity = -1, orderId = -1, currency = -1;
    std::vector<Keyed> properties;        ///< event properties
    std::vector<Keyed> productProperties; ///< product properties
    std::vector<int> discounts, coupons;
    std::vector<Keyed> profile; ///< profile columns, keyed by their header
    std::size_t needed = 0;                ///< fields a row must have
    std::vector<std::string> reservedKeys; ///< every property key rows write (catalogue keys must differ)
};

/// Checks the mapping on its own (event name, timestamp, ids, time format) and resolves its columns against
/// header (nullptr for a headerless file: references are 1-based numbers). Errors name the file and every
/// missing column or clashing property key.
Result<CsvColumns> resolveCsvColumns(const CsvMapping &mapping, const std::vector<std::string> *header,
                                     const std::string &fileName);

/// One mapped row.
struct CsvRow
{
    std::int64_t line = 0;
    std::string userId;
    std::string anonymousId;
    std::string event;
    std::string messageId;
    std::string email;
    std::string orderId;
    std::string currency;
    std::int64_t timestampMs = 0;
    std::string eventMembers; ///< JSON members of the event property columns
    bool hasProduct = false;
    ProductRecord product;           ///< propertiesJson = {productMembers}
    std::string productMembers;      ///< product property columns and catalogue attributes
    std::optional<double> lineTotal; ///< unit price x quantity (or the line total column)
    double discount = 0;
    bool coupon = false;
};

class CsvRowMapper
{
public:
    CsvRowMapper(const CsvMapping &mapping, CsvColumns columns, LocalZone zone,
                 const ProductCatalog *catalog);

    /// Fills row from a well-formed record with at least columns.needed fields. Returns an empty string,
    /// or the reason the row is rejected.
    std::string map(const CsvReader::Record &rec, CsvRow &row);

private:
    std::string mapIdentity(const CsvReader::Record &rec, CsvRow &row) const;
    std::string mapTime(const CsvReader::Record &rec, CsvRow &row);
    std::string mapProduct(const CsvReader::Record &rec, CsvRow &row) const;
    std::string mapMoneyExtras(const CsvReader::Record &rec, CsvRow &row) const;

    const CsvMapping &m_mapping;
    CsvColumns m_cols;
    LocalZone m_zone;
    const ProductCatalog *m_catalog;
    bool m_formatHasZone = false;
    std::string m_lastTimeText;
    std::int64_t m_lastTimeMs = 0;
    bool m_hasLastTime = false;
};

} // namespace awb::ingest
