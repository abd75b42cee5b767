// SPDX-License-Identifier: GPL-3.0-or-later
// How a set of lookup files joins onto a fact file, guessed from their headers: each lookup is joined by a
// column whose name it shares with the fact file or a lookup joined before it (order_items -> orders by
// order_id, orders -> customers by customer_id, products -> a translation by product_category_name).
#pragma once

#include "ingest/CsvMapping.h"

#include <string>
#include <vector>

namespace awb::ingest {

struct LookupFile
{
    std::string path;
    std::vector<std::string> header;
};

/// A lookup's name from its file: the base name without extensions, lower case, other characters than
/// letters and digits as '_' ("Olist Orders.csv.gz" -> "olist_orders").
std::string lookupNameOf(const std::string &path);

/// The lookups in an order in which each one's "on" column exists when it is joined. A file that shares no
/// column with what comes before it is put last with key and "on" empty, for the user to choose. Names are
/// made unique. A shared column whose name ends in "id" wins over others.
std::vector<CsvLookup> guessLookups(const std::vector<std::string> &factHeader,
                                    const std::vector<LookupFile> &files);

} // namespace awb::ingest
