// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core/sample: what one generation run shares (catalog, customer model, formatter).
#pragma once

#include "common/Result.h"
#include "sample/Catalog.h"
#include "sample/CustomerModel.h"
#include "sample/JsonLinesWriter.h"
#include "sample/SampleGenerator.h"

#include <memory>
#include <string>

namespace awb::sample {

struct SampleRun
{
    SampleRun(const SampleSpec &spec, Window window);

    SampleSpec spec;
    Catalog catalog;
    CustomerModel model;
    EventFormatter formatter;

    /// Validates spec (profiles >= 1, 1 <= days <= 3650, endDate a valid YYYY-MM-DD) and sets up a run.
    static Result<std::unique_ptr<SampleRun>> create(const SampleSpec &spec);
    /// The import_runs source text: "sample:seed=42,profiles=2000,days=180,end=2026-10-31".
    std::string sourceName() const;
};

/// Customers between two progress reports and cancellation checks.
inline constexpr std::int64_t kCustomersPerProgressStep = 256;

} // namespace awb::sample
