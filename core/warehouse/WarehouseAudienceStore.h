// SPDX-License-Identifier: GPL-3.0-or-later
// The recommendation audiences a warehouse holds (awb.audiences, awb.audience_memberships; WarehouseAudience
// creates them), read and removed as a workspace's are: awb audience list / show / remove URI.
#pragma once

#include "audience/AudienceTypes.h"
#include "common/Result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace awb::warehouse {

/// Every audience created from the URI's source schema, by name. Their reach by e-mail is not recorded (-1).
Result<std::vector<audience::AudienceInfo>> listAudiences(const std::string &uri);

/// The audience of that name; NotFound naming it when none was created.
Result<audience::AudienceInfo> audienceInfo(const std::string &uri, const std::string &name);

/// Its members by rank from offset, at most limit of them (0: all). A member's key is its person's user id,
/// else its anonymous id (profileId 0: a warehouse has no workspace profile ids).
Result<std::vector<audience::AudienceMember>> audienceMembers(const std::string &uri, const std::string &name,
                                                              std::int64_t offset, std::int64_t limit);

/// Removes the audience, its members and its enter / exit log in one transaction.
Result<void> removeAudience(const std::string &uri, const std::string &name);

} // namespace awb::warehouse
