// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/Countries.h"

#include <array>

namespace awb::exports {

namespace {

struct Country
{
    std::string_view alpha2;
    std::string_view alpha3;
    std::string_view calling;
    std::string_view names; ///< lower case, '|'-separated
};

// The countries customer data most often names; any other two-letter code passes through unchanged.
constexpr std::array<Country, 62> kCountries = {{
    {"ar", "arg", "54", "argentina"},
    {"at", "aut", "43", "austria|osterreich|österreich"},
    {"au", "aus", "61", "australia"},
    {"be", "bel", "32", "belgium|belgique|belgie|belgië"},
    {"bg", "bgr", "359", "bulgaria"},
    {"br", "bra", "55", "brazil|brasil"},
    {"ca", "can", "1", "canada"},
    {"ch", "che", "41", "switzerland|schweiz|suisse|svizzera"},
    {"cl", "chl", "56", "chile"},
    {"cn", "chn", "86", "china|people's republic of china"},
    {"co", "col", "57", "colombia"},
    {"cz", "cze", "420", "czech republic|czechia|česko"},
    {"de", "deu", "49", "germany|deutschland"},
    {"dk", "dnk", "45", "denmark|danmark"},
    {"ee", "est", "372", "estonia"},
    {"eg", "egy", "20", "egypt"},
    {"es", "esp", "34", "spain|españa|espana"},
    {"fi", "fin", "358", "finland|suomi"},
    {"fr", "fra", "33", "france"},
    {"gb", "gbr", "44", "united kingdom|great britain|britain|england|scotland|wales|northern ireland|uk"},
    {"gr", "grc", "30", "greece"},
    {"hk", "hkg", "852", "hong kong"},
    {"hr", "hrv", "385", "croatia|hrvatska"},
    {"hu", "hun", "36", "hungary|magyarország"},
    {"id", "idn", "62", "indonesia"},
    {"ie", "irl", "353", "ireland|republic of ireland|éire"},
    {"il", "isr", "972", "israel"},
    {"in", "ind", "91", "india"},
    {"is", "isl", "354", "iceland"},
    {"it", "ita", "39", "italy|italia"},
    {"jp", "jpn", "81", "japan"},
    {"kr", "kor", "82", "south korea|korea|republic of korea"},
    {"lt", "ltu", "370", "lithuania"},
    {"lu", "lux", "352", "luxembourg"},
    {"lv", "lva", "371", "latvia"},
    {"ma", "mar", "212", "morocco"},
    {"mx", "mex", "52", "mexico|méxico"},
    {"my", "mys", "60", "malaysia"},
    {"ng", "nga", "234", "nigeria"},
    {"nl", "nld", "31", "netherlands|the netherlands|holland|nederland"},
    {"no", "nor", "47", "norway|norge"},
    {"nz", "nzl", "64", "new zealand"},
    {"pe", "per", "51", "peru|perú"},
    {"ph", "phl", "63", "philippines"},
    {"pk", "pak", "92", "pakistan"},
    {"pl", "pol", "48", "poland|polska"},
    {"pt", "prt", "351", "portugal"},
    {"ro", "rou", "40", "romania|românia"},
    {"rs", "srb", "381", "serbia"},
    {"ru", "rus", "7", "russia|russian federation"},
    {"sa", "sau", "966", "saudi arabia"},
    {"se", "swe", "46", "sweden|sverige"},
    {"sg", "sgp", "65", "singapore"},
    {"si", "svn", "386", "slovenia"},
    {"sk", "svk", "421", "slovakia"},
    {"th", "tha", "66", "thailand"},
    {"tr", "tur", "90", "turkey|türkiye|turkiye"},
    {"tw", "twn", "886", "taiwan"},
    {"ua", "ukr", "380", "ukraine"},
    {"us", "usa", "1", "united states|united states of america|america|us of a"},
    {"vn", "vnm", "84", "vietnam|viet nam"},
    {"za", "zaf", "27", "south africa"},
}};

struct State
{
    std::string_view code;
    std::string_view name; ///< lower case letters only
};

constexpr std::array<State, 51> kStates = {{
    {"al", "alabama"},       {"ak", "alaska"},        {"az", "arizona"},
    {"ar", "arkansas"},      {"ca", "california"},    {"co", "colorado"},
    {"ct", "connecticut"},   {"de", "delaware"},      {"dc", "districtofcolumbia"},
    {"fl", "florida"},       {"ga", "georgia"},       {"hi", "hawaii"},
    {"id", "idaho"},         {"il", "illinois"},      {"in", "indiana"},
    {"ia", "iowa"},          {"ks", "kansas"},        {"ky", "kentucky"},
    {"la", "louisiana"},     {"me", "maine"},         {"md", "maryland"},
    {"ma", "massachusetts"}, {"mi", "michigan"},      {"mn", "minnesota"},
    {"ms", "mississippi"},   {"mo", "missouri"},      {"mt", "montana"},
    {"ne", "nebraska"},      {"nv", "nevada"},        {"nh", "newhampshire"},
    {"nj", "newjersey"},     {"nm", "newmexico"},     {"ny", "newyork"},
    {"nc", "northcarolina"}, {"nd", "northdakota"},   {"oh", "ohio"},
    {"ok", "oklahoma"},      {"or", "oregon"},        {"pa", "pennsylvania"},
    {"ri", "rhodeisland"},   {"sc", "southcarolina"}, {"sd", "southdakota"},
    {"tn", "tennessee"},     {"tx", "texas"},         {"ut", "utah"},
    {"vt", "vermont"},       {"va", "virginia"},      {"wa", "washington"},
    {"wv", "westvirginia"},  {"wi", "wisconsin"},     {"wy", "wyoming"},
}};

bool hasName(std::string_view names, std::string_view key)
{
    while (!names.empty()) {
        const std::size_t bar = names.find('|');
        if (names.substr(0, bar) == key) {
            return true;
        }
        if (bar == std::string_view::npos) {
            break;
        }
        names.remove_prefix(bar + 1);
    }
    return false;
}

bool isAsciiLetters(std::string_view s)
{
    for (const char c : s) {
        if (c < 'a' || c > 'z') {
            return false;
        }
    }
    return true;
}

} // namespace

std::string countryCode(std::string_view key)
{
    if (key == "uk") {
        return "gb"; // the common mistake: UK is not the ISO code of the United Kingdom
    }
    for (const Country &c : kCountries) {
        if (key == c.alpha2 || key == c.alpha3 || hasName(c.names, key)) {
            return std::string(c.alpha2);
        }
    }
    if (key.size() == 2 && isAsciiLetters(key)) {
        return std::string(key);
    }
    return {};
}

std::string_view callingCode(std::string_view alpha2)
{
    for (const Country &c : kCountries) {
        if (alpha2 == c.alpha2) {
            return c.calling;
        }
    }
    return {};
}

std::string_view usStateCode(std::string_view lettersOnly)
{
    for (const State &s : kStates) {
        if (lettersOnly == s.name) {
            return s.code;
        }
    }
    return {};
}

} // namespace awb::exports
