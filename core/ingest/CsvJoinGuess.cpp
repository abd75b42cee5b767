// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/CsvJoinGuess.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

namespace awb::ingest {

namespace {

bool endsWithId(const std::string &column)
{
    std::string lower;
    for (const char c : column) {
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return lower.size() >= 2 && lower.compare(lower.size() - 2, 2, "id") == 0;
}

/// The column of available ("on" names, qualified for lookups) that the file's header also has, bare.
struct Match
{
    std::string key;
    std::string on;
};

std::optional<Match> sharedColumn(const std::vector<std::pair<std::string, std::string>> &available,
                                  const std::vector<std::string> &header)
{
    std::optional<Match> found;
    for (const auto &[bare, qualified] : available) {
        if (std::find(header.begin(), header.end(), bare) == header.end()) {
            continue;
        }
        if (!found || (endsWithId(bare) && !endsWithId(found->key))) {
            found = Match{bare, qualified};
        }
    }
    return found;
}

} // namespace

std::string lookupNameOf(const std::string &path)
{
    std::string base = path.substr(path.find_last_of('/') + 1);
    base = base.substr(0, base.find('.'));
    std::string name;
    for (const char c : base) {
        const unsigned char u = static_cast<unsigned char>(c);
        name += std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '_';
    }
    return name.empty() ? std::string("lookup") : name;
}

std::vector<CsvLookup> guessLookups(const std::vector<std::string> &factHeader,
                                    const std::vector<LookupFile> &files)
{
    // (bare column name, the name a lookup's "on" refers to it by)
    std::vector<std::pair<std::string, std::string>> available;
    for (const std::string &c : factHeader) {
        available.emplace_back(c, c);
    }
    std::vector<CsvLookup> joined;
    std::set<std::string> names;
    auto named = [&](const std::string &path) {
        std::string name = lookupNameOf(path);
        for (int n = 2; names.count(name) != 0; ++n) {
            name = lookupNameOf(path) + "_" + std::to_string(n);
        }
        names.insert(name);
        return name;
    };
    std::vector<bool> used(files.size(), false);
    for (bool progress = true; progress;) {
        progress = false;
        for (std::size_t i = 0; i < files.size(); ++i) {
            if (used[i]) {
                continue;
            }
            const auto match = sharedColumn(available, files[i].header);
            if (!match) {
                continue;
            }
            CsvLookup lookup;
            lookup.name = named(files[i].path);
            lookup.file = files[i].path;
            lookup.key = match->key;
            lookup.on = match->on;
            for (const std::string &c : files[i].header) {
                available.emplace_back(c, lookup.name + "." + c);
            }
            joined.push_back(std::move(lookup));
            used[i] = true;
            progress = true;
        }
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (!used[i]) {
            CsvLookup lookup;
            lookup.name = named(files[i].path);
            lookup.file = files[i].path;
            joined.push_back(std::move(lookup));
        }
    }
    return joined;
}

} // namespace awb::ingest
