// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/TimestampDetect.h"

#include "common/Text.h"
#include "ingest/CsvMapping.h"
#include "ingest/CsvPresets.h"
#include "ingest/CsvReader.h"
#include "ingest/Timestamp.h"

#include <algorithm>
#include <filesystem>

namespace awb::ingest {

namespace {

/// Stands for the built-in reader in the candidate list (an empty mapping format).
const std::string kBuiltIn;

// Month-first formats and their day-first twins, in the same order: a pair reading every sample is the
// ambiguity the user must settle.
const std::vector<std::pair<std::string, std::string>> &twins()
{
    static const std::vector<std::pair<std::string, std::string>> list = {
        {"%m/%d/%Y %H:%M:%S", "%d/%m/%Y %H:%M:%S"},
        {"%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M"},
        {"%m/%d/%Y %I:%M:%S %p", "%d/%m/%Y %I:%M:%S %p"},
        {"%m/%d/%Y %I:%M %p", "%d/%m/%Y %I:%M %p"},
        {"%m/%d/%Y", "%d/%m/%Y"},
        {"%m/%d/%y %H:%M", "%d/%m/%y %H:%M"},
        {"%m/%d/%y", "%d/%m/%y"},
        {"%m-%d-%Y %H:%M:%S", "%d-%m-%Y %H:%M:%S"},
        {"%m-%d-%Y", "%d-%m-%Y"},
    };
    return list;
}

// The order detection tries: dates written as one number first (see the header), then the built-in
// reader, then the rest.
std::vector<std::string> tryOrder()
{
    std::vector<std::string> order = {"%Y%m%d", kBuiltIn};
    for (const std::string &f : knownTimestampFormats()) {
        if (f != "%Y%m%d") {
            order.push_back(f);
        }
    }
    return order;
}

bool readsAll(const std::string &format, const std::vector<std::string_view> &values)
{
    return std::all_of(values.begin(), values.end(),
                       [&](std::string_view v) { return parseTimestamp(v, format).has_value(); });
}

} // namespace

const std::vector<std::string> &knownTimestampFormats()
{
    static const std::vector<std::string> list = [] {
        std::vector<std::string> l = {"%Y%m%d", "%Y-%m-%d %H:%M:%S %z", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
                                      "%Y/%m/%d"};
        for (const auto &[monthFirst, dayFirst] : twins()) {
            l.push_back(monthFirst);
            l.push_back(dayFirst);
        }
        l.insert(l.end(), {"%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y", "%d %b %Y %H:%M:%S", "%d %b %Y",
                           "%b %d %Y %H:%M:%S", "%b %d, %Y"});
        return l;
    }();
    return list;
}

std::string timestampFormatOrder(const std::string &format)
{
    for (const auto &[monthFirst, dayFirst] : twins()) {
        if (format == monthFirst) {
            return "month first";
        }
        if (format == dayFirst) {
            return "day first";
        }
    }
    return {};
}

TimestampDetection detectTimestampFormat(const std::vector<std::string> &samples)
{
    TimestampDetection d;
    std::vector<std::string_view> values;
    for (const std::string &s : samples) {
        if (const std::string_view v = trimmed(s); !v.empty()) {
            values.push_back(v);
        }
    }
    d.samples = values.size();
    if (values.empty()) {
        return d;
    }
    for (const auto &[monthFirst, dayFirst] : twins()) {
        if (readsAll(monthFirst, values) && readsAll(dayFirst, values)) {
            d.outcome = TimestampDetection::Outcome::Ambiguous;
            d.candidates = {monthFirst, dayFirst};
            d.example.assign(values.front());
            return d;
        }
    }
    for (const std::string &format : tryOrder()) {
        if (readsAll(format, values)) {
            d.outcome = TimestampDetection::Outcome::Detected;
            d.format = format;
            return d;
        }
    }
    // The value that the built-in reader cannot read, to show the user.
    const auto bad = std::find_if(values.begin(), values.end(),
                                  [](std::string_view v) { return !parseTimestamp(v).has_value(); });
    d.example.assign(bad == values.end() ? values.front() : *bad);
    return d;
}

Result<TimestampDetection> detectCsvTimestampFormat(const std::string &factFile, const CsvMapping &mapping,
                                                    std::size_t maxRows)
{
    std::string path = factFile;
    std::string column = mapping.timestampColumn;
    CsvMapping read = mapping;
    for (const CsvLookup &lookup : mapping.lookups) {
        if (column.starts_with(lookup.name + ".")) {
            column = column.substr(lookup.name.size() + 1);
            const std::filesystem::path file(lookup.file);
            path = file.is_absolute() ? lookup.file
                                      : (std::filesystem::path(factFile).parent_path() / file).string();
            read.hasHeader = true;
            read.delimiter = ',';
            break;
        }
    }
    auto preview = previewCsv(path, read, maxRows);
    if (!preview) {
        return fail(preview.error());
    }
    const std::size_t index = findColumn(preview->header, column);
    if (index == preview->header.size()) {
        return fail(Error::Code::InvalidInput, path + ": no column \"" + column + "\" to read times from");
    }
    std::vector<std::string> samples;
    for (const std::vector<std::string> &row : preview->rows) {
        if (index < row.size()) {
            samples.push_back(row[index]);
        }
    }
    return detectTimestampFormat(samples);
}

} // namespace awb::ingest
