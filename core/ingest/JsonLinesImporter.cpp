// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/Importers.h"
namespace awb::ingest {
Result<void> importJsonLines(InputFile &, ImportContext &)
{
    return fail(Error::Code::Internal, "JSON lines import is being written");
}
} // namespace awb::ingest
