// SPDX-License-Identifier: GPL-3.0-or-later
// Parses a member's attributes (one flat JSON object, see store::kAttributesOfP) once and fills the
// fields an export preset uses.
#pragma once

#include "export/ExportPresets.h"

#include <memory>

namespace awb::exports {

/// Fields come from the attribute keys of store/ProfileFields.h (first_name, last_name, phone, city,
/// region, postal_code, country; email from profiles.email, else an "email" attribute) and the preset's
/// chosen attributes (a recognised name reads its field's key). Invalid UTF-8 in the JSON becomes U+FFFD.
/// Not thread-safe: one per thread.
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
