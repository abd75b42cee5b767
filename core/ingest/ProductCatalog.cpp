// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/ProductCatalog.h"

#include "common/Text.h"
#include "ingest/CsvJson.h"
#include "ingest/CsvMapping.h"
#include "ingest/CsvReader.h"
#include "ingest/ImportReport.h"
#include "ingest/InputFile.h"
#include "jobs/Progress.h"

#include <algorithm>
#include <filesystem>

namespace awb::ingest {

namespace {

struct Attribute
{
    std::size_t index;
    std::string key;
    std::string listSeparator; ///< empty: a scalar
};

void appendList(std::string &out, std::string_view value, std::string_view separator)
{
    out += '[';
    bool first = true;
    while (!value.empty()) {
        const std::size_t p = value.find(separator);
        const std::string_view item = trimmed(value.substr(0, p));
        if (!item.empty()) {
            if (!first) {
                out += ',';
            }
            appendJsonString(out, item);
            first = false;
        }
        if (p == std::string_view::npos) {
            break;
        }
        value.remove_prefix(p + separator.size());
    }
    out += ']';
}

std::string renderMembers(const CsvReader::Record &rec, const std::vector<Attribute> &attrs)
{
    csvjson::Members members;
    std::string list;
    for (const Attribute &a : attrs) {
        const std::string_view value = trimmed(rec.field(a.index));
        if (value.empty()) {
            continue;
        }
        if (a.listSeparator.empty()) {
            members.addAuto(a.key, value);
        } else {
            list.clear();
            appendJsonString(list, a.key);
            list += ':';
            appendList(list, value, a.listSeparator);
            members.addMembers(list);
        }
    }
    return members.text();
}

Result<std::vector<Attribute>> attributesOf(const std::vector<std::string> &header, const CsvMapping &mapping,
                                            const std::vector<std::string> &reservedKeys,
                                            std::size_t &keyIndex, const std::string &fileName)
{
    auto indexOf = [&](const std::string &name) {
        return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    };
    keyIndex = indexOf(mapping.productsKey);
    std::vector<std::string> missing;
    if (keyIndex == header.size()) {
        missing.push_back(mapping.productsKey);
    }
    std::vector<std::string> wanted = mapping.productsColumns;
    if (wanted.empty()) {
        std::copy_if(header.begin(), header.end(), std::back_inserter(wanted),
                     [&](const std::string &h) { return h != mapping.productsKey; });
    }
    std::vector<Attribute> attrs;
    for (const std::string &column : wanted) {
        const std::size_t index = indexOf(column);
        if (index == header.size()) {
            missing.push_back(column);
            continue;
        }
        const auto renamed = mapping.propertyNames.find(column);
        Attribute a{index, renamed == mapping.propertyNames.end() ? column : renamed->second, {}};
        if (const auto list = mapping.productsLists.find(column); list != mapping.productsLists.end()) {
            a.listSeparator = list->second;
        }
        if (std::find(reservedKeys.begin(), reservedKeys.end(), a.key) == reservedKeys.end()) {
            attrs.push_back(std::move(a));
        }
    }
    if (!missing.empty()) {
        std::string names;
        for (const std::string &m : missing) {
            names += (names.empty() ? "\"" : ", \"") + m + "\"";
        }
        return fail(Error::Code::InvalidInput,
                    fileName + ": the product catalogue has no column " + names + " named by the mapping");
    }
    return attrs;
}

} // namespace

std::string ProductCatalog::resolvePath(const std::string &productsFile, const std::string &eventsPath)
{
    const std::filesystem::path p(productsFile);
    if (p.is_absolute()) {
        return productsFile;
    }
    return (std::filesystem::path(eventsPath).parent_path() / p).string();
}

Result<ProductCatalog> ProductCatalog::load(const CsvMapping &mapping, const std::string &eventsPath,
                                            const std::vector<std::string> &reservedKeys,
                                            ImportReport &report, ProgressSink &progress)
{
    const std::string path = resolvePath(mapping.productsFile, eventsPath);
    auto opened = InputFile::open(path);
    if (!opened) {
        return fail(Error::Code::InvalidInput,
                    "cannot read the product catalogue " + path + ": " + opened.error().message);
    }
    InputFile &file = **opened;
    const std::string name = file.name();
    CsvReader reader(file, ',');
    CsvReader::Record rec;
    if (!reader.next(rec) || !rec.error.empty() || !rec.isValidUtf8()) {
        return fail(Error::Code::InvalidInput, name + ": the product catalogue has no readable header line");
    }
    std::size_t keyIndex = 0;
    auto attrs = attributesOf(rec.fields(), mapping, reservedKeys, keyIndex, name);
    if (!attrs) {
        return fail(attrs.error());
    }
    std::size_t needed = keyIndex + 1;
    for (const Attribute &a : *attrs) {
        needed = std::max(needed, a.index + 1);
    }
    ProductCatalog catalog;
    std::int64_t rows = 0;
    while (reader.next(rec)) {
        if (++rows % 8192 == 0 && progress.isCancelled()) {
            return fail(Error::cancelled());
        }
        if (!rec.error.empty() || !rec.isValidUtf8() || rec.size() < needed) {
            report.reject(name, rec.line,
                          !rec.error.empty() ? rec.error
                                             : (rec.size() < needed ? "too few fields" : "invalid UTF-8"));
            continue;
        }
        const std::string_view key = trimmed(rec.field(keyIndex));
        if (!key.empty()) {
            catalog.m_items.insert_or_assign(std::string(key), renderMembers(rec, *attrs));
        }
    }
    return catalog;
}

const std::string *ProductCatalog::members(std::string_view productId) const
{
    const auto it = m_items.find(productId);
    return it == m_items.end() ? nullptr : &it->second;
}

} // namespace awb::ingest
