// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer's entry point for one fuzz program; AWB_FUZZ_ENTRY names its function in FuzzTargets.h.
#include "FuzzTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return awb::fuzz::AWB_FUZZ_ENTRY(data, size);
}
