// SPDX-License-Identifier: GPL-3.0-or-later
// Reading typed values out of Segment JSON (simdjson DOM) for the call and product rules.
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

namespace awb::ingest::segment {

/// 'value' for a reason text: at most 40 bytes, cut on a UTF-8 character boundary, "..." when cut.
std::string inQuotes(std::string_view value);

/// Writes a JSON number as decimal text. False for other types.
bool numberText(simdjson::dom::element v, std::string &out);

/// An id may be a string or an integer (Segment accepts numeric user ids). False for other types.
bool readId(simdjson::dom::element v, std::string &out);

/// A price or quantity: a JSON number or a string holding one. nullopt for anything else.
std::optional<double> readNumber(simdjson::dom::element v);

/// The exact source text when the on-demand pass found it, else the DOM value re-serialised.
void rawText(std::string_view span, simdjson::dom::element v, std::string &out);

/// Sets reason and returns true when value is longer than kMaxFieldBytes.
bool tooLong(const std::string &value, const char *field, std::string &reason);

} // namespace awb::ingest::segment
