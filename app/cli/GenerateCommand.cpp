// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CliCommon.h"
#include "cli/Commands.h"

namespace awb::cli {

int runGenerate(const QStringList &)
{
    std::fputs("awb generate: being written\n", stderr);
    return kExitFailure;
}

} // namespace awb::cli
