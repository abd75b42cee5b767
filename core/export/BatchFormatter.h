// SPDX-License-Identifier: GPL-3.0-or-later
// Turns batches of members into CSV rows, in order, on one or more threads (hashing presets are CPU bound).
#pragma once

#include "export/CsvWriter.h"
#include "export/ExportPresets.h"
#include "export/TraitReader.h"

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace awb::exports {

/// Why a member marked duplicate is not written.
inline constexpr const char *kMergedDuplicate = "profile merged into one already exported";

class BatchFormatter
{
public:
    /// threads >= 1: a batch is split into that many parts formatted side by side.
    BatchFormatter(const RowFormatter &formatter, int threads);
    ~BatchFormatter();
    BatchFormatter(const BatchFormatter &) = delete;
    BatchFormatter &operator=(const BatchFormatter &) = delete;

    /// Parses the members' traits, formats them and appends the CSV rows of those complete enough to out,
    /// in member order; counts the others per reason.
    void format(std::span<MemberRecord> members, std::string &out);

    std::int64_t written() const;
    /// Skipped members per reason, over every batch so far.
    std::map<std::string, std::int64_t> skipped() const;
    /// Members written although the formatter's consent filter had a concern (the user included them),
    /// per concern.
    std::map<std::string, std::int64_t> includedDespite() const;
    /// Members written whose e-mail consent is unknown (consent filter with rule Email).
    std::int64_t consentUnknown() const;

private:
    struct Part;
    const RowFormatter &m_formatter;
    std::vector<CellKind> m_kinds;
    std::vector<std::unique_ptr<Part>> m_parts;
};

/// The cell kinds of a preset's columns: numbers and values built by the exporter (E.164 phones, hex
/// digests) are Numeric, everything else Text.
std::vector<CellKind> cellKinds(const ExportPreset &preset);

} // namespace awb::exports
