// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the tests: scratch files, workspace queries, the shared real-data folder.
#pragma once

#include <QString>

#include <cstdint>
#include <string>

namespace awb::test {

/// Writes text to path (creating it), returns path as std::string.
std::string writeFile(const QString &path, const std::string &text);

/// Runs a single-value SQL query against the workspace on a fresh connection and returns the integer.
std::int64_t queryInt(const std::string &workspace, const std::string &sql);
/// How many events named name the workspace holds.
std::int64_t eventCount(const std::string &workspace, const std::string &name);
/// Same for a text value ("" for NULL / no row).
std::string queryText(const std::string &workspace, const std::string &sql);
/// A checksum of every user table's content, to check that a workspace did not change.
std::string workspaceFingerprint(const std::string &workspace);
/// PRAGMA integrity_check of the workspace ("ok" when sound), or "cannot open: ..." when it does not open.
std::string integrityCheck(const std::string &workspace);

/// The ../shared/data folder (from AWB_SHARED_DATA), or empty when it does not exist.
QString sharedDataDir();

} // namespace awb::test
