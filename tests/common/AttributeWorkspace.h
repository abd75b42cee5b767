// SPDX-License-Identifier: GPL-3.0-or-later
// A five-person workspace with profile attributes of every kind, for the attribute-rule tests (core, GUI,
// command line):
//
//   person  e-mail  city    postal_code  birthday    plan    points  signup                vip    consent
//   phone ann     yes     Paris   01234        1990-05-01  Gold    120     2026-01-10            yes    yes
//   bob     yes     paris   75001        1985-12-24  Silver  40.5    2026-02-20            no     no +33...
//   cat     -       Lyon    69001        -           Gold    -       2026-03-01T08:00:00Z  true
//   dan     yes     Berlin  10115        2000-01-01  -       7       -                     - +49... guest
//   (anonymous visitor, no attributes)
//
// Each person orders once in March 2026; traits as of kAttributeWorkspaceNow (2026-03-10T00:00:00Z).
#pragma once

#include <QString>

#include <cstdint>
#include <string>

namespace awb::test {

/// 2026-03-10T00:00:00Z in UTC ms.
inline constexpr std::int64_t kAttributeWorkspaceNow = 1'773'100'800'000;

/// Writes the people and profile files into dir and imports them into dir/attributes.awb; returns its
/// path, or "" with the import error in error.
std::string makeAttributeWorkspace(const QString &dir, std::string &error);

} // namespace awb::test
