// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/Importers.h"
namespace awb::ingest {
Result<void> importCsv(InputFile &, const CsvMapping &, ImportContext &)
{
    return fail(Error::Code::Internal, "CSV import is being written");
}
} // namespace awb::ingest
