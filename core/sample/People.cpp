// SPDX-License-Identifier: GPL-3.0-or-later
// Made-up names, emails, phones, addresses and device ids for sample customers.
#include "sample/People.h"

#include "numeric/Random.h"
#include "sample/CustomerModel.h"

#include <array>
#include <cstdio>

namespace awb::sample {

namespace {

struct Name
{
    const char *text;
    const char *ascii; ///< for the email address
};

const std::array<Name, 20> kFirstNames = {{
    {"Emma", "emma"},   {"Liam", "liam"},     {"Olivia", "olivia"},   {"Noah", "noah"},   {"Ava", "ava"},
    {"José", "jose"},   {"Zoë", "zoe"},       {"Mateo", "mateo"},     {"Chloé", "chloe"}, {"Lukas", "lukas"},
    {"Sofia", "sofia"}, {"Amelia", "amelia"}, {"Hiroshi", "hiroshi"}, {"Aisha", "aisha"}, {"Björn", "bjorn"},
    {"Priya", "priya"}, {"Oliver", "oliver"}, {"Mia", "mia"},         {"Ethan", "ethan"}, {"Léa", "lea"},
}};

const std::array<Name, 20> kLastNames = {{
    {"Smith", "smith"},
    {"Müller", "muller"},
    {"O'Brien", "obrien"},
    {"García", "garcia"},
    {"Rossi", "rossi"},
    {"Nguyen", "nguyen"},
    {"Kowalski", "kowalski"},
    {"Johansson", "johansson"},
    {"Dubois", "dubois"},
    {"Tanaka", "tanaka"},
    {"Patel", "patel"},
    {"Silva", "silva"},
    {"Brown", "brown"},
    {"Jensen", "jensen"},
    {"Novak", "novak"},
    {"Fischer", "fischer"},
    {"Martin", "martin"},
    {"Walker", "walker"},
    {"van der Berg", "vanderberg"},
    {"Moreau", "moreau"},
}};

struct City
{
    const char *name;
    const char *country; ///< ISO 3166-1 alpha-2
    const char *dialCode;
    const char *postalFormat; ///< printf format with one integer
    int postalRange;          ///< the integer is drawn in [0, postalRange)
};

const std::array<City, 14> kCities = {{
    {"New York", "US", "+1", "10%03d", 300},
    {"Austin", "US", "+1", "787%02d", 100},
    {"San Francisco", "US", "+1", "941%02d", 100},
    {"Berlin", "DE", "+49", "10%03d", 1000},
    {"München", "DE", "+49", "80%03d", 1000},
    {"Paris", "FR", "+33", "750%02d", 21},
    {"Lyon", "FR", "+33", "6900%d", 10},
    {"London", "GB", "+44", "EC%dA 1BB", 5},
    {"Manchester", "GB", "+44", "M%d 1AE", 9},
    {"Madrid", "ES", "+34", "280%02d", 60},
    {"Amsterdam", "NL", "+31", "10%02d AB", 100},
    {"Tokyo", "JP", "+81", "100-%04d", 10000},
    {"Toronto", "CA", "+1", "M5V %dA1", 10},
    {"São Paulo", "BR", "+55", "01%03d-000", 1000},
}};

const std::array<const char *, 3> kDomains = {"example.com", "example.org", "example.net"};

} // namespace

void drawPerson(numeric::Random &rng, std::int64_t index, Person &person)
{
    const Name &first = kFirstNames[rng.below(kFirstNames.size())];
    const Name &last = kLastNames[rng.below(kLastNames.size())];
    const City &city = kCities[rng.below(kCities.size())];
    person.firstName = first.text;
    person.lastName = last.text;
    person.email = std::string(first.ascii) + "." + last.ascii + std::to_string(index + 1) + "@" +
                   kDomains[rng.below(kDomains.size())];
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s 555 %04d", city.dialCode, static_cast<int>(rng.below(10000)));
    person.phone = buf;
    person.city = city.name;
    person.country = city.country;
    std::snprintf(buf, sizeof buf, city.postalFormat, static_cast<int>(rng.below(city.postalRange)));
    person.postalCode = buf;
}

std::string drawUuid(numeric::Random &rng)
{
    static constexpr char kHex[] = "0123456789abcdef";
    const std::uint64_t words[2] = {rng.next(), rng.next()};
    std::string out;
    out.reserve(36);
    for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20) {
            out.push_back('-');
        }
        const unsigned nibble = static_cast<unsigned>(words[i / 16] >> (60 - 4 * (i % 16))) & 0xf;
        if (i == 12) {
            out.push_back('4'); // version 4
        } else if (i == 16) {
            out.push_back(kHex[8 | (nibble & 3)]); // RFC 4122 variant
        } else {
            out.push_back(kHex[nibble]);
        }
    }
    return out;
}

std::string userIdFor(std::int64_t index)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "cust-%07lld", static_cast<long long>(index + 1));
    return buf;
}

} // namespace awb::sample
