// SPDX-License-Identifier: GPL-3.0-or-later
// The mapping JSON: one object whose keys are the CsvMapping field names. Example (Online Retail):
//
//   {
//     "preset": "online-retail",          // name; prefixes synthesised order messageIds
//     ("online-retail:536365") "delimiter": ",",                   // one character; " " = runs of
//     whitespace; "\t" for tabs "hasHeader": true,                  // false: columns are referenced as "1",
//     "2", ... "userIdColumn": "CustomerID",       // these ...Column keys name a header column (or a 1-based
//     number) "anonymousIdColumn": "", "eventColumn": "", "messageIdColumn": "", "emailColumn": "",
//     "fixedEvent": "Order Completed",    // used when eventColumn is empty
//     "timestampColumn": "InvoiceDate",
//     "timestampFormat": "",              // "" = auto (ISO 8601, unix s/ms); else e.g. "%m/%d/%Y %H:%M"
//     "timezone": "Europe/London",        // IANA zone for times without an offset; "" = UTC
//     "productIdColumn": "StockCode", "priceColumn": "UnitPrice", "quantityColumn": "Quantity",
//     "priceIsLineTotal": false,          // true: price column is the line total (unit = total / quantity)
//     "currency": "GBP", "currencyColumn": "",
//     "orderIdColumn": "InvoiceNo",       // rows of one order id become one event with products[]
//     "orderWindow": 1000,                // 0 = consecutive rows only; -1 = anywhere in the file
//     "refundPrefix": "C", "refundEvent": "Order Refunded",
//     "guestIdPrefix": "guest:",          // anonymousId for rows without ids: prefix + order id
//     "numberRepeatedRows": false,        // identical rows are separate events, not duplicates
//     "propertyColumns": ["Country"],     // event properties
//     "productPropertyColumns": ["Description"],
//     "propertyNames": {"Country": "country", "Description": "name"},
//     "discountColumns": [], "couponColumns": [],
//     "productsFile": "", "productsKey": "", "productsColumns": [], "productsLists": {"genres": "|"}
//   }
//
// Keys for shop exports (an older build refuses them as unknown keys):
//
//   "productIdFallbackColumn": "Lineitem name", // product id when the product id cell is empty
//   "profileColumns": ["Billing City", "Accepts Marketing"] // person attributes, as with --profiles
//   "skipRows": {"Financial Status": "voided|refunded"}       // rows with these values are skipped
//
// Version 2 adds several files in one import (a mapping without "version" is version 1):
//
//   "version": 2,
//   "factFile": "order_items.csv",       // relative = next to the mapping file
//   "lookups": [                         // joined in order; columns referenced as "name.column"
//     {"name": "orders", "file": "orders.csv", "key": "order_id", "on": "order_id", "required": true},
//     {"name": "customers", "file": "customers.csv", "key": "customer_id", "on": "orders.customer_id",
//      "columns": ["customer_id", "customer_unique_id"]}
//   ],
//   "lookupRowLimit": 5000000            // a larger lookup file is refused
//
// Every key is optional (missing = the default of CsvMapping); an unknown key or a value of the wrong type
// is an error naming the key.
#include "ingest/CsvPresets.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <filesystem>

namespace awb::ingest {

namespace {

template <typename T> struct Field
{
    const char *key;
    T CsvMapping::*member;
};

using StringList = std::vector<std::string>;
using StringMap = std::map<std::string, std::string>;

constexpr Field<std::string> kStrings[] = {
    {"preset", &CsvMapping::preset},
    {"userIdColumn", &CsvMapping::userIdColumn},
    {"anonymousIdColumn", &CsvMapping::anonymousIdColumn},
    {"eventColumn", &CsvMapping::eventColumn},
    {"fixedEvent", &CsvMapping::fixedEvent},
    {"timestampColumn", &CsvMapping::timestampColumn},
    {"timestampFormat", &CsvMapping::timestampFormat},
    {"timezone", &CsvMapping::timezone},
    {"messageIdColumn", &CsvMapping::messageIdColumn},
    {"emailColumn", &CsvMapping::emailColumn},
    {"productIdColumn", &CsvMapping::productIdColumn},
    {"productIdFallbackColumn", &CsvMapping::productIdFallbackColumn},
    {"priceColumn", &CsvMapping::priceColumn},
    {"quantityColumn", &CsvMapping::quantityColumn},
    {"orderIdColumn", &CsvMapping::orderIdColumn},
    {"currency", &CsvMapping::currency},
    {"currencyColumn", &CsvMapping::currencyColumn},
    {"refundPrefix", &CsvMapping::refundPrefix},
    {"refundEvent", &CsvMapping::refundEvent},
    {"guestIdPrefix", &CsvMapping::guestIdPrefix},
    {"productsFile", &CsvMapping::productsFile},
    {"productsKey", &CsvMapping::productsKey},
    {"factFile", &CsvMapping::factFile},
};
constexpr Field<bool> kBools[] = {
    {"hasHeader", &CsvMapping::hasHeader},
    {"priceIsLineTotal", &CsvMapping::priceIsLineTotal},
    {"numberRepeatedRows", &CsvMapping::numberRepeatedRows},
};
constexpr Field<StringList> kLists[] = {
    {"propertyColumns", &CsvMapping::propertyColumns},
    {"productPropertyColumns", &CsvMapping::productPropertyColumns},
    {"discountColumns", &CsvMapping::discountColumns},
    {"couponColumns", &CsvMapping::couponColumns},
    {"profileColumns", &CsvMapping::profileColumns},
    {"productsColumns", &CsvMapping::productsColumns},
};
constexpr Field<StringMap> kMaps[] = {
    {"propertyNames", &CsvMapping::propertyNames},
    {"productsLists", &CsvMapping::productsLists},
    {"skipRows", &CsvMapping::skipRows},
};

template <typename T, std::size_t N>
const Field<T> *findField(const Field<T> (&fields)[N], const std::string &key)
{
    for (const Field<T> &f : fields) {
        if (key == f.key) {
            return &f;
        }
    }
    return nullptr;
}

std::string typeError(const std::string &key, const char *expected)
{
    return "CSV mapping: \"" + key + "\" must be " + expected;
}

std::string readList(const std::string &key, const QJsonValue &value, StringList &out)
{
    if (!value.isArray()) {
        return typeError(key, "an array of strings");
    }
    out.clear();
    for (const QJsonValue &v : value.toArray()) {
        if (!v.isString()) {
            return typeError(key, "an array of strings");
        }
        out.push_back(v.toString().toStdString());
    }
    return {};
}

std::string readMap(const std::string &key, const QJsonValue &value, StringMap &out)
{
    if (!value.isObject()) {
        return typeError(key, "an object of strings");
    }
    out.clear();
    const QJsonObject obj = value.toObject();
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (!it.value().isString()) {
            return typeError(key, "an object of strings");
        }
        out[it.key().toStdString()] = it.value().toString().toStdString();
    }
    return {};
}

std::string readLookup(const QJsonValue &value, CsvLookup &out)
{
    static const char *const kShape = "an array of objects with name, file, key, on (strings), required "
                                      "(true or false) and columns (strings)";
    if (!value.isObject()) {
        return typeError("lookups", kShape);
    }
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const std::string k = it.key().toStdString();
        std::string *text = k == "name"   ? &out.name
                            : k == "file" ? &out.file
                            : k == "key"  ? &out.key
                            : k == "on"   ? &out.on
                                          : nullptr;
        if (text && it.value().isString()) {
            *text = it.value().toString().toStdString();
        } else if (k == "required" && it.value().isBool()) {
            out.required = it.value().toBool();
        } else if (k == "columns") {
            if (std::string problem = readList("lookups[].columns", it.value(), out.columns);
                !problem.empty()) {
                return problem;
            }
        } else {
            return typeError("lookups", kShape) + " (bad key \"" + k + "\")";
        }
    }
    if (out.name.empty() || out.file.empty() || out.key.empty() || out.on.empty()) {
        return "CSV mapping: every lookup needs a name, a file, a key and an \"on\" column";
    }
    return {};
}

std::string readLookups(const QJsonValue &value, CsvMapping &m)
{
    if (!value.isArray()) {
        return typeError("lookups", "an array of objects");
    }
    m.lookups.clear();
    for (const QJsonValue &v : value.toArray()) {
        CsvLookup lookup;
        if (std::string problem = readLookup(v, lookup); !problem.empty()) {
            return problem;
        }
        m.lookups.push_back(std::move(lookup));
    }
    return {};
}

std::string readSpecial(const std::string &key, const QJsonValue &value, CsvMapping &m)
{
    if (key == "version") {
        const double d = value.toDouble(0);
        if (!value.isDouble() || d != std::floor(d) || d < 1) {
            return typeError(key, "a whole number");
        }
        if (d > kCsvMappingVersion) {
            return "CSV mapping: version " + std::to_string(static_cast<long long>(d)) +
                   " was written by a newer Audience Workbench (this one reads up to " +
                   std::to_string(kCsvMappingVersion) + ")";
        }
        return {};
    }
    if (key == "lookups") {
        return readLookups(value, m);
    }
    if (key == "lookupRowLimit") {
        const double d = value.toDouble(0);
        if (!value.isDouble() || d < 1 || d != std::floor(d) || d > 1e12) {
            return typeError(key, "a positive whole number");
        }
        m.lookupRowLimit = static_cast<std::int64_t>(d);
        return {};
    }
    if (key == "delimiter") {
        const QString s = value.toString();
        if (!value.isString() || s.size() != 1 || s.at(0).unicode() > 0x7f) {
            return typeError(key, "a single ASCII character (\" \" for runs of whitespace)");
        }
        m.delimiter = static_cast<char>(s.at(0).unicode());
        return {};
    }
    if (key == "orderWindow") {
        const double d = value.toDouble(-2);
        if (!value.isDouble() || d < -1 || d != std::floor(d) || d > 1e12) {
            return typeError(key, "an integer (-1 = whole file, 0 = consecutive rows)");
        }
        m.orderWindow = static_cast<std::int64_t>(d);
        return {};
    }
    return "CSV mapping: unknown key \"" + key + "\"";
}

std::string readKey(const std::string &key, const QJsonValue &value, CsvMapping &m)
{
    if (const auto *f = findField(kStrings, key)) {
        if (!value.isString()) {
            return typeError(key, "a string");
        }
        m.*(f->member) = value.toString().toStdString();
    } else if (const auto *b = findField(kBools, key)) {
        if (!value.isBool()) {
            return typeError(key, "true or false");
        }
        m.*(b->member) = value.toBool();
    } else if (const auto *l = findField(kLists, key)) {
        return readList(key, value, m.*(l->member));
    } else if (const auto *o = findField(kMaps, key)) {
        return readMap(key, value, m.*(o->member));
    } else {
        return readSpecial(key, value, m);
    }
    return {};
}

QJsonValue toJson(const StringList &list)
{
    QJsonArray a;
    for (const std::string &s : list) {
        a.append(QString::fromStdString(s));
    }
    return a;
}

QJsonValue toJson(const std::vector<CsvLookup> &lookups)
{
    QJsonArray a;
    for (const CsvLookup &l : lookups) {
        QJsonObject o{{QStringLiteral("name"), QString::fromStdString(l.name)},
                      {QStringLiteral("file"), QString::fromStdString(l.file)},
                      {QStringLiteral("key"), QString::fromStdString(l.key)},
                      {QStringLiteral("on"), QString::fromStdString(l.on)}};
        if (l.required) {
            o.insert(QStringLiteral("required"), true);
        }
        if (!l.columns.empty()) {
            o.insert(QStringLiteral("columns"), toJson(l.columns));
        }
        a.append(o);
    }
    return a;
}

QJsonValue toJson(const StringMap &map)
{
    QJsonObject o;
    for (const auto &[k, v] : map) {
        o.insert(QString::fromStdString(k), QString::fromStdString(v));
    }
    return o;
}

} // namespace

Result<CsvMapping> csvMappingFromJson(const std::string &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &error);
    if (error.error != QJsonParseError::NoError) {
        return fail(Error::Code::InvalidInput, "CSV mapping: invalid JSON at offset " +
                                                   std::to_string(error.offset) + ": " +
                                                   error.errorString().toStdString());
    }
    if (!doc.isObject()) {
        return fail(Error::Code::InvalidInput, "CSV mapping: the JSON must be an object");
    }
    CsvMapping m;
    const QJsonObject obj = doc.object();
    // Keys are read in order; version is checked first so that a newer mapping is refused as such.
    if (const QJsonValue version = obj.value(QStringLiteral("version")); !version.isUndefined()) {
        if (std::string problem = readSpecial("version", version, m); !problem.empty()) {
            return fail(Error::Code::InvalidInput, std::move(problem));
        }
    }
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (std::string problem = readKey(it.key().toStdString(), it.value(), m); !problem.empty()) {
            return fail(Error::Code::InvalidInput, std::move(problem));
        }
    }
    return m;
}

std::string csvMappingToJson(const CsvMapping &m)
{
    const CsvMapping defaults;
    QJsonObject o;
    o.insert(QStringLiteral("version"), kCsvMappingVersion);
    o.insert(QStringLiteral("delimiter"), QString(QChar::fromLatin1(m.delimiter)));
    o.insert(QStringLiteral("hasHeader"), m.hasHeader);
    for (const auto &f : kStrings) {
        if (m.*(f.member) != defaults.*(f.member)) {
            o.insert(QLatin1String(f.key), QString::fromStdString(m.*(f.member)));
        }
    }
    for (const auto &f : kBools) {
        if (m.*(f.member) != defaults.*(f.member)) {
            o.insert(QLatin1String(f.key), m.*(f.member));
        }
    }
    if (m.orderWindow != defaults.orderWindow) {
        o.insert(QStringLiteral("orderWindow"), static_cast<double>(m.orderWindow));
    }
    for (const auto &f : kLists) {
        if (!(m.*(f.member)).empty()) {
            o.insert(QLatin1String(f.key), toJson(m.*(f.member)));
        }
    }
    for (const auto &f : kMaps) {
        if (!(m.*(f.member)).empty()) {
            o.insert(QLatin1String(f.key), toJson(m.*(f.member)));
        }
    }
    if (!m.lookups.empty()) {
        o.insert(QStringLiteral("lookups"), toJson(m.lookups));
    }
    if (m.lookupRowLimit != defaults.lookupRowLimit) {
        o.insert(QStringLiteral("lookupRowLimit"), static_cast<double>(m.lookupRowLimit));
    }
    return QJsonDocument(o).toJson(QJsonDocument::Indented).toStdString();
}

Result<CsvMapping> loadCsvMapping(const std::string &path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(Error::Code::Io,
                    "cannot read the mapping " + path + ": " + file.errorString().toStdString());
    }
    auto mapping = csvMappingFromJson(file.readAll().toStdString());
    if (!mapping) {
        return fail(Error::Code::InvalidInput, path + ": " + mapping.error().message);
    }
    const std::filesystem::path folder = std::filesystem::absolute(std::filesystem::path(path)).parent_path();
    auto absolute = [&](std::string &file) {
        if (!file.empty() && std::filesystem::path(file).is_relative()) {
            file = (folder / file).lexically_normal().string();
        }
    };
    absolute(mapping->factFile);
    for (CsvLookup &lookup : mapping->lookups) {
        absolute(lookup.file);
    }
    return mapping;
}

} // namespace awb::ingest
