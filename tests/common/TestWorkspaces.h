// SPDX-License-Identifier: GPL-3.0-or-later
// Workspaces with known content for the data browser and UI tests, written through the EventWriter.
#pragma once

#include <QString>

#include <cstdint>
#include <string>

namespace awb::test {

/// Event names of the browse fixture, each profile cycling through them.
inline constexpr const char *kFixtureNames[] = {"Page Viewed", "Product Viewed", "Order Completed"};
/// First event time of the browse fixture: 2026-03-01T00:00:00Z.
inline constexpr std::int64_t kFixtureStartMs = 1772323200000;
inline constexpr std::int64_t kHourMs = 3600 * 1000;
/// Time between two events of one profile in the browse fixture (25 hours: the events spread over days).
inline constexpr std::int64_t kFixtureSpacingMs = 25 * kHourMs;

/// profiles profiles with eventsPerProfile events each, kFixtureSpacingMs apart, followed by an identify
/// call for the known ones. Even profiles have user id "user-<n>" and email "person<n>@example.com" (set by
/// an identify call), odd ones only an anonymous id "anon-<n>".
void buildBrowseWorkspace(const std::string &path, int profiles, int eventsPerProfile);

/// One person seen three ways, merged by identity resolution: anonymous id "visitor-1" browsing, user id
/// "user-merge" ordering, then an identify call linking both with email "merge@example.com" and traits
/// (firstName "Ada", address.city "Paris"). Returns the profile id first created for "visitor-1".
std::int64_t buildMergedProfileWorkspace(const std::string &path);

/// A unique path under dir for a workspace.
QString workspacePath(const QString &dir, const QString &name);

} // namespace awb::test
