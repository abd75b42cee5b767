// SPDX-License-Identifier: GPL-3.0-or-later
// Parses a member's traits JSON once and fills the fields an export preset uses.
#pragma once

#include "export/ExportPresets.h"

#include <memory>

namespace awb::exports {

/// Where fields live in the traits (first match wins): email; firstName / first_name; lastName /
/// last_name; phone / phoneNumber / phone_number; address.city / city; address.state / state;
/// address.postalCode / address.postal_code / address.zip / postalCode / zip; address.country / country;
/// and the preset's trait paths. Invalid UTF-8 in the JSON becomes U+FFFD. Not thread-safe: one per thread.
class TraitReader
{
public:
    explicit TraitReader(const ExportPreset &preset);
    ~TraitReader();
    TraitReader(const TraitReader &) = delete;
    TraitReader &operator=(const TraitReader &) = delete;

    /// Fills member's trait fields from member.traitsJson; member.email keeps the profiles.email value when
    /// it has one. Fields the preset does not use are left empty.
    void read(MemberRecord &member);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace awb::exports
