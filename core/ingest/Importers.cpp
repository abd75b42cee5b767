// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/Importers.h"

#include "ingest/ImportReport.h"
#include "ingest/InputFile.h"
#include "jobs/Progress.h"

namespace awb::ingest {

namespace {
constexpr std::int64_t kProgressEvery = 4096;
} // namespace

bool ImportContext::rowRead(std::int64_t n, const InputFile &file)
{
    ++report.rowsRead;
    if (n % kProgressEvery != 0) {
        return true;
    }
    progress.setValue(progressBase + file.position());
    return !progress.isCancelled();
}

} // namespace awb::ingest
