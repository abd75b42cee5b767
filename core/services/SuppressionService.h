// SPDX-License-Identifier: GPL-3.0-or-later
// The narrow API of the suppression list: importing a list from CSV and reading what is listed. Exports
// leave listed people out (export/ConsentFilter.h).
#pragma once

#include "common/Result.h"
#include "store/SuppressionRepository.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace awb {
class ProgressSink;
}

namespace awb::services {

struct SuppressionImportReport
{
    std::string file;
    std::int64_t rows = 0;          ///< data rows read
    std::int64_t added = 0;         ///< keys (e-mails, user ids) new to the list
    std::int64_t alreadyListed = 0; ///< keys listed before (their first reason is kept)
    std::int64_t badRows = 0;
    std::vector<std::string> badRowMessages; ///< the first ones, "FILE:LINE: why"
    std::string emailColumn;
    std::string userIdColumn;
    std::string reasonFrom;
    std::vector<std::pair<std::string, std::int64_t>> addedByReason; ///< reason word, count; most first
    std::int64_t listed = 0;                                         ///< keys on the list after the import

    std::string toText() const;
};

struct SuppressionSummary
{
    std::int64_t emails = 0;
    std::int64_t userIds = 0;
    std::vector<std::pair<std::string, std::int64_t>> byReason; ///< most first
};

class SuppressionService
{
public:
    /// Each call opens its own connection, so calls may run on worker threads.
    explicit SuppressionService(std::string workspacePath);

    /// Reads the list (ingest::readSuppressionCsv) and adds its keys in one transaction; importing the
    /// same file again adds nothing. reason: a word of store::parseSuppressionReason, empty = from the
    /// file. Cancellable (nothing is added); progress in bytes of the file.
    Result<SuppressionImportReport> importCsv(const std::string &file, const std::string &reason,
                                              ProgressSink &progress);
    /// Every listed key.
    Result<std::vector<store::Suppression>> list();
    Result<SuppressionSummary> summary();

private:
    std::string m_path;
};

} // namespace awb::services
