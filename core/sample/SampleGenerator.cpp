// SPDX-License-Identifier: GPL-3.0-or-later
// The sample generator's JSON lines route and the shared run setup; the workspace route is in
// SampleWorkspace.cpp.
#include "sample/SampleGenerator.h"

#include "ingest/Timestamp.h"
#include "jobs/Progress.h"
#include "sample/SampleRun.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace awb::sample {

namespace {
constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kPilotCustomers = 5000;
constexpr int kMaxDays = 3650;
} // namespace

SampleRun::SampleRun(const SampleSpec &s, Window window)
    : spec(s), catalog(s.seed), model(catalog, s.seed, window), formatter(catalog, s.seed)
{}

Result<std::unique_ptr<SampleRun>> SampleRun::create(const SampleSpec &spec)
{
    if (spec.profiles < 1) {
        return fail(Error::Code::InvalidInput, "The sample needs at least one profile.");
    }
    if (spec.days < 1 || spec.days > kMaxDays) {
        return fail(Error::Code::InvalidInput,
                    "The sample history must be 1 to " + std::to_string(kMaxDays) + " days long.");
    }
    const auto endDay = spec.endDate.size() == 10 ? ingest::parseTimestamp(spec.endDate) : std::nullopt;
    if (!endDay) {
        return fail(Error::Code::InvalidInput,
                    "The sample end date '" + spec.endDate + "' is not a date of the form YYYY-MM-DD.");
    }
    // The history ends at the end of the end date (exclusive), in UTC.
    const Window window{*endDay + kDayMs - spec.days * kDayMs, *endDay + kDayMs};
    return std::make_unique<SampleRun>(spec, window);
}

std::string SampleRun::sourceName() const
{
    return "sample:seed=" + std::to_string(spec.seed) + ",profiles=" + std::to_string(spec.profiles) +
           ",days=" + std::to_string(spec.days) + ",end=" + spec.endDate;
}

namespace {

Result<SampleSummary> writeJsonLines(const SampleRun &run, JsonLinesWriter &writer, ProgressSink &progress)
{
    SampleSummary summary;
    CustomerHistory history;
    for (std::int64_t i = 0; i < run.spec.profiles; ++i) {
        if (i % kCustomersPerProgressStep == 0) {
            progress.setValue(i);
            if (progress.isCancelled()) {
                return fail(Error::cancelled());
            }
        }
        run.model.simulate(i, history);
        if (auto written = writer.write(history); !written) {
            return fail(written.error());
        }
        summary.events += static_cast<std::int64_t>(history.events.size());
        ++summary.profiles;
    }
    if (auto closed = writer.close(); !closed) {
        return fail(closed.error());
    }
    progress.setValue(run.spec.profiles);
    return summary;
}

} // namespace

Result<SampleSummary> generateJsonLines(const std::string &jsonlPath, const SampleSpec &spec,
                                        ProgressSink &progress)
{
    auto run = SampleRun::create(spec);
    if (!run) {
        return fail(run.error());
    }
    auto writer = JsonLinesWriter::open(jsonlPath, (*run)->formatter);
    if (!writer) {
        return fail(writer.error());
    }
    progress.setRange(spec.profiles);
    progress.setStage("Generating " + jsonlPath);
    Result<SampleSummary> summary = writeJsonLines(**run, **writer, progress);
    if (!summary) {
        writer->reset(); // closes the file before removing it
        std::remove(jsonlPath.c_str());
    }
    return summary;
}

std::int64_t profilesForEvents(std::int64_t events, const SampleSpec &spec)
{
    SampleSpec pilot = spec;
    pilot.profiles = kPilotCustomers;
    auto run = SampleRun::create(pilot);
    if (!run || events <= 0) {
        return 1;
    }
    CustomerHistory history;
    std::int64_t total = 0;
    for (std::int64_t i = 0; i < kPilotCustomers; ++i) {
        (*run)->model.simulate(i, history);
        total += static_cast<std::int64_t>(history.events.size());
    }
    const double perProfile = static_cast<double>(total) / kPilotCustomers;
    return std::max<std::int64_t>(1, std::llround(static_cast<double>(events) / perProfile));
}

} // namespace awb::sample
