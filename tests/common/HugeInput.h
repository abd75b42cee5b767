// SPDX-License-Identifier: GPL-3.0-or-later
// Inputs too large to write to disk: an InputFile that makes its bytes as it is read, an importer run on
// it into a workspace the way ImportService runs one, and the process's peak memory to check the limits.
#pragma once

#include "common/Result.h"
#include "ingest/ImportReport.h"
#include "ingest/InputFile.h"

#include <cstdint>
#include <functional>
#include <string>

namespace awb::ingest {
struct ImportContext;
}

namespace awb::test {

/// head, then fillBytes copies of fill, then tail: a line of gigabytes costs neither disk nor memory.
class GeneratedInput : public ingest::InputFile
{
public:
    GeneratedInput(std::string name, std::string head, std::int64_t fillBytes, char fill, std::string tail);
    std::size_t read(char *buffer, std::size_t size) override;
    std::int64_t position() const override { return m_done; }

private:
    std::string m_head;
    std::string m_tail;
    std::int64_t m_fillBytes;
    char m_fill;
    std::int64_t m_done = 0;
};

/// Runs importer (ingest::importJsonLines or importCsv bound to an input) into the workspace as
/// ImportService does: one transaction with an import_runs row, the writer finished, then committed.
/// Throws std::runtime_error when the importer fails for the whole file.
ingest::ImportReport runImporter(const std::string &workspace,
                                 const std::function<Result<void>(ingest::ImportContext &)> &importer);

/// The highest resident set size of this process so far, in bytes.
std::int64_t peakRssBytes();

} // namespace awb::test
