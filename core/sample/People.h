// SPDX-License-Identifier: GPL-3.0-or-later
// Made-up identities for the sample store: names, emails, phones, addresses, device ids.
#pragma once

#include <cstdint>
#include <string>

namespace awb::numeric {
class Random;
}

namespace awb::sample {

struct Person;

/// Fills person with a made-up identity for customer `index`. Names may contain non-ASCII letters and
/// apostrophes; emails are ASCII, unique per index, on the reserved example.com/.org/.net domains.
void drawPerson(numeric::Random &rng, std::int64_t index, Person &person);

/// A random version-4 UUID in its 36-character text form (used as an anonymousId).
std::string drawUuid(numeric::Random &rng);

/// The userId of known customer `index`: "cust-0000001" for index 0.
std::string userIdFor(std::int64_t index);

} // namespace awb::sample
