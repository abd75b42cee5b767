// SPDX-License-Identifier: GPL-3.0-or-later
// Opening, creating and describing workspaces.
#pragma once

#include "common/Result.h"
#include "services/WorkspaceInfo.h"

#include <string>

namespace awb::services {

class WorkspaceService
{
public:
    /// Creates (or migrates) the workspace file; fails clearly on a newer or foreign file.
    static Result<void> create(const std::string &path);
    /// Checks that path is a workspace this version can open (migrating an older one).
    static Result<void> check(const std::string &path);
    /// Counts of profiles, events by name, products and the date range. Opens its own connection.
    static Result<WorkspaceInfo> info(const std::string &path);
};

} // namespace awb::services
