// SPDX-License-Identifier: GPL-3.0-or-later
// A product catalogue side file (MovieLens movies.csv, Complete Journey products.csv.xz) held in memory
// and joined on product id: each product's attributes pre-rendered as JSON members.
#pragma once

#include "common/Result.h"

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace awb {
class ProgressSink;
}

namespace awb::ingest {

struct CsvMapping;
struct ImportReport;

class ProductCatalog
{
public:
    /// Loads mapping.productsFile (resolved with resolvePath against eventsPath). Attributes whose JSON
    /// key is in reservedKeys (keys the events rows write themselves) are left out. Bad rows of the side
    /// file are rejected into report under its file name. Fails for a missing file or key column.
    static Result<ProductCatalog> load(const CsvMapping &mapping, const std::string &eventsPath,
                                       const std::vector<std::string> &reservedKeys, ImportReport &report,
                                       ProgressSink &progress);

    /// A relative side-file path is taken next to the events file.
    static std::string resolvePath(const std::string &productsFile, const std::string &eventsPath);

    /// The product's attributes as JSON members ("name":"…","genres":[…]), or nullptr when unknown.
    const std::string *members(std::string_view productId) const;
    std::size_t size() const { return m_items.size(); }

private:
    struct Hash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
    };
    std::unordered_map<std::string, std::string, Hash, std::equal_to<>> m_items;
};

} // namespace awb::ingest
