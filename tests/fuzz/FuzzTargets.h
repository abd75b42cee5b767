// SPDX-License-Identifier: GPL-3.0-or-later
// The fuzz entry functions: each takes one input and returns 0 (a bug stops the program). libFuzzer
// calls them from FuzzMain.cpp; tst_FuzzReplay calls them on every file of tests/fuzz/corpus/<target>/.
#pragma once

#include <cstddef>
#include <cstdint>

namespace awb::fuzz {

/// Segment-spec JSON lines through LineReader, JsonLinesParser and fillBatch, as the importer's reading
/// thread parses them: once as the importer reads, once with a 200-byte line cap and reads of a few bytes.
int jsonLines(const std::uint8_t *data, std::size_t size);

/// A CSV event log imported with importCsv into a scratch in-memory workspace (rolled back after each
/// input). The first line picks the mapping: a preset name, or a mapping JSON object; the rest is the file.
int csvImport(const std::uint8_t *data, std::size_t size);

/// A segment rule: ruleFromJson, then validateRule against a fixed workspace description, and for a rule
/// that reads back the JSON round trip (ruleToJson then ruleFromJson gives the same JSON).
int ruleJson(const std::uint8_t *data, std::size_t size);

} // namespace awb::fuzz
